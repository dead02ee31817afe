const providers: Array<Record<string, string>> = [];
if (process.env.LOCAL_AUTH_ISSUER) {
  providers.push({
    type: "customJwt",
    issuer: process.env.LOCAL_AUTH_ISSUER,
    jwks: `${process.env.LOCAL_AUTH_ISSUER}/.well-known/jwks.json`,
    algorithm: "RS256",
    applicationID: "schema-assistant",
  });
}
export default { providers };
