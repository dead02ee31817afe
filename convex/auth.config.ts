/**
 * Who may sign callers in. The embedded backend sets LOCAL_AUTH_ISSUER to its own URL and serves the matching
 * JWKS; on a real Convex deployment set CLERK_JWT_ISSUER_DOMAIN (and leave LOCAL_AUTH_ISSUER unset).
 */
const providers: Array<Record<string, string>> = [];

if (process.env.CLERK_JWT_ISSUER_DOMAIN) {
  providers.push({ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" });
}
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
