/**
 * Authentication: verifies callers' JWTs against the providers in auth.config.ts (customJwt and OIDC `domain`),
 * and runs the local sign-in issuer (an RS256 key pair kept in the data dir).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as jose from "jose";
import { z } from "zod";
import { storedShape } from "../lib/stored/index.js";
import type { AuthProviderConfig } from "./loader.js";
import type { Identity } from "./engine.js";

/** The audience of local sign-in tokens. */
export const LOCAL_AUDIENCE = "schema-assistant";

/** `<dataDir>/local-auth-key.json`: the private RSA key (JWK) local sign-in tokens are signed with. */
const keyFile = storedShape<{ privateJwk: jose.JWK }>(
  "sign-in key",
  1,
  z.object({ privateJwk: z.looseObject({ kty: z.literal("RSA"), n: z.string(), e: z.string(), d: z.string() }) }),
);

/** The backend's own token issuer for local sign-in. */
export class LocalAuth {
  private constructor(
    private readonly privateKey: CryptoKey | Uint8Array,
    readonly publicJwk: jose.JWK,
    readonly localKeySet: jose.JWTVerifyGetKey,
  ) {}

  /** Loads the key pair from `<dataDir>/local-auth-key.json`, creating it on first start. */
  static async open(dataDir: string): Promise<LocalAuth> {
    const file = path.join(dataDir, "local-auth-key.json");
    let privateJwk: jose.JWK;
    if (existsSync(file)) {
      privateJwk = keyFile.parse(readFileSync(file, "utf8"), file).privateJwk;
    } else {
      const { privateKey } = await jose.generateKeyPair("RS256", { extractable: true });
      privateJwk = await jose.exportJWK(privateKey);
      privateJwk.kid = await jose.calculateJwkThumbprint(privateJwk);
      privateJwk.alg = "RS256";
      writeFileSync(file, JSON.stringify({ privateJwk }), { mode: 0o600 });
    }
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
    const full: jose.JWK = { ...publicJwk, use: "sig", alg: "RS256" };
    const key = await jose.importJWK(privateJwk, "RS256");
    return new LocalAuth(key, full, jose.createLocalJWKSet({ keys: [full] }));
  }

  /** The JSON Web Key Set served at /.well-known/jwks.json. */
  jwks(): { keys: jose.JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /**
   * Signs a token for a local account's session: it expires with the session and carries its id (`sid`), which
   * the verifier checks on every use, so a revoked session stops working at once.
   */
  async signIn(
    issuer: string,
    user: { name: string; email: string },
    session: { id: string; expiresAt: number },
    nowSeconds = Math.floor(Date.now() / 1000),
  ): Promise<{ token: string; expiresAt: number }> {
    const email = user.email.trim().toLowerCase();
    const exp = Math.floor(session.expiresAt / 1000);
    const token = await new jose.SignJWT({ name: user.name, email, sid: session.id })
      .setProtectedHeader({ alg: "RS256", kid: this.publicJwk.kid, typ: "JWT" })
      .setIssuer(issuer)
      .setAudience(LOCAL_AUDIENCE)
      .setSubject(localSubject(email))
      .setIssuedAt(nowSeconds)
      .setExpirationTime(exp)
      .sign(this.privateKey);
    return { token, expiresAt: exp * 1000 };
  }
}

/** The stable subject of a local account, derived from its email (so data made before passwords stays linked). */
export function localSubject(email: string): string {
  return `local|${createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 24)}`;
}

/** Claim names of UserIdentity attributes (as documented on `UserIdentity`). */
const IDENTITY_CLAIMS: Record<string, string> = {
  name: "name",
  given_name: "givenName",
  family_name: "familyName",
  nickname: "nickname",
  preferred_username: "preferredUsername",
  profile: "profileUrl",
  picture: "pictureUrl",
  email: "email",
  email_verified: "emailVerified",
  gender: "gender",
  birthdate: "birthday",
  zoneinfo: "timezone",
  locale: "language",
  phone_number: "phoneNumber",
  phone_number_verified: "phoneNumberVerified",
  address: "address",
  updated_at: "updatedAt",
};
const SKIPPED_CLAIMS = new Set(["iss", "sub", "aud", "exp", "iat", "nbf", "jti", "azp"]);

/** An authentication failure, reported to clients as Convex does (AuthError / 401). */
export class AuthError extends Error {}

/** Verifies tokens against a project's auth providers. */
export class AuthVerifier {
  private readonly keySets = new Map<string, jose.JWTVerifyGetKey>();

  constructor(
    private readonly providers: AuthProviderConfig[],
    private readonly local: LocalAuth,
    private readonly baseUrl: string,
    /** Whether a local token's session is live; local tokens without one are refused. */
    private readonly sessionLive: (sessionId: unknown, subject: string) => boolean = () => false,
  ) {}

  /** Verifies a JWT and returns the identity functions see. Throws AuthError. */
  async verify(token: string): Promise<Identity> {
    let claims: jose.JWTPayload;
    try {
      claims = jose.decodeJwt(token);
    } catch {
      throw new AuthError("Could not parse JWT payload. Check that the token is a valid JWT format.");
    }
    if (this.providers.length === 0) {
      throw new AuthError(
        "No auth provider found matching the given token (no providers configured). Check convex/auth.config.ts.",
      );
    }
    const provider = this.providers.find((p) => sameIssuer(providerIssuer(p), claims.iss));
    if (!provider) {
      const known = this.providers.map((p) => `${providerIssuer(p)}`).join(", ");
      throw new AuthError(
        `No auth provider found matching the given token. Check that your JWT's issuer "${claims.iss ?? ""}" is one of: ${known}.`,
      );
    }
    const audience = provider.applicationID;
    try {
      const { payload } = await jose.jwtVerify(token, await this.keySet(provider), {
        issuer: claims.iss,
        ...(audience ? { audience } : {}),
        ...(provider.type === "customJwt" && provider.algorithm ? { algorithms: [provider.algorithm] } : {}),
      });
      if (sameIssuer(this.baseUrl, payload.iss) && !this.sessionLive(payload.sid, String(payload.sub ?? ""))) {
        throw new AuthError("This session was signed out or has expired; sign in again.");
      }
      return identityFromClaims(payload);
    } catch (e) {
      if (e instanceof AuthError) throw e;
      if (e instanceof jose.errors.JWTExpired) throw new AuthError("Token expired");
      if (e instanceof jose.errors.JWTClaimValidationFailed && e.claim === "aud") {
        throw new AuthError(
          `Could not verify token claim: the JWT's audience does not match applicationID "${audience}".`,
        );
      }
      throw new AuthError(
        `Could not verify OIDC token claim. Check that the token signature is valid and the token hasn't expired. (${(e as Error).message})`,
      );
    }
  }

  private async keySet(p: AuthProviderConfig): Promise<jose.JWTVerifyGetKey> {
    const issuer = providerIssuer(p);
    const cached = this.keySets.get(issuer);
    if (cached) return cached;
    let ks: jose.JWTVerifyGetKey;
    const jwksUrl = p.type === "customJwt" ? p.jwks : await discoverJwks(p.domain);
    if (
      jwksUrl.startsWith(`${this.baseUrl}/`) ||
      jwksUrl.startsWith(`${this.baseUrl.replace("127.0.0.1", "localhost")}/`)
    ) {
      ks = this.local.localKeySet; // our own issuer: no HTTP round trip
    } else if (jwksUrl.startsWith("data:")) {
      const comma = jwksUrl.indexOf(",");
      const meta = jwksUrl.slice(5, comma);
      const body = jwksUrl.slice(comma + 1);
      const text = meta.endsWith(";base64") ? Buffer.from(body, "base64").toString("utf8") : decodeURIComponent(body);
      const jwks: unknown = JSON.parse(text);
      // jose checks each key; the set itself must be { keys: [...] }.
      if (!jwks || typeof jwks !== "object" || !("keys" in jwks) || !Array.isArray(jwks.keys))
        throw new Error(`The JWKS of issuer ${issuer} (a data: URL) is not { "keys": [...] }.`);
      ks = jose.createLocalJWKSet({ keys: jwks.keys });
    } else {
      ks = jose.createRemoteJWKSet(new URL(jwksUrl));
    }
    this.keySets.set(issuer, ks);
    return ks;
  }
}

function providerIssuer(p: AuthProviderConfig): string {
  return p.type === "customJwt" ? p.issuer : p.domain;
}

function sameIssuer(a: string, b: string | undefined): boolean {
  return b !== undefined && a.replace(/\/+$/, "") === b.replace(/\/+$/, "");
}

async function discoverJwks(domain: string): Promise<string> {
  const url = `${domain.replace(/\/+$/, "")}/.well-known/openid-configuration`;
  try {
    const res = await fetch(url);
    const json = (await res.json()) as { jwks_uri?: string };
    if (!json.jwks_uri) throw new Error("no jwks_uri");
    return json.jwks_uri;
  } catch (e) {
    throw new AuthError(`Could not fetch the OpenID configuration at ${url}: ${(e as Error).message}`);
  }
}

/** Maps verified JWT claims to the UserIdentity a function sees (custom claims keep their names). */
export function identityFromClaims(payload: jose.JWTPayload): Identity {
  const issuer = String(payload.iss ?? "");
  const subject = String(payload.sub ?? "");
  const identity: Identity = { subject, issuer, tokenIdentifier: `${issuer}|${subject}` };
  for (const [claim, value] of Object.entries(payload)) {
    if (SKIPPED_CLAIMS.has(claim) || value === undefined) continue;
    identity[IDENTITY_CLAIMS[claim] ?? claim] = value;
  }
  return identity;
}
