import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as jose from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthError, AuthVerifier, LOCAL_AUDIENCE, LocalAuth, identityFromClaims } from "./auth.js";
import { startBackend, type RunningBackend } from "./index.js";
import { localSignIn } from "./testing.js";

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "sa-auth-"));
  dirs.push(d);
  return d;
};
let issuerBackend: RunningBackend;

beforeAll(async () => {
  issuerBackend = await startBackend({
    projectDir: path.join(import.meta.dirname, "testdata", "basic"),
    dataDir: tmp(),
    port: 0,
    log: () => undefined,
  });
});
afterAll(async () => {
  await issuerBackend.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const issuer = "http://127.0.0.1:1";
/** A live 24 h session, as local sign-in makes. */
const session = (id = "s1", hours = 24) => ({ id, expiresAt: Date.now() + hours * 3600_000 });
const customJwt = {
  type: "customJwt" as const,
  issuer,
  jwks: `${issuer}/.well-known/jwks.json`,
  algorithm: "RS256",
  applicationID: LOCAL_AUDIENCE,
};

describe("auth", () => {
  it("keeps the local key pair across restarts and derives a stable subject from the email", async () => {
    const dir = tmp();
    const a = await LocalAuth.open(dir);
    const b = await LocalAuth.open(dir);
    expect(b.publicJwk).toEqual(a.publicJwk);
    expect(a.jwks().keys[0]).not.toHaveProperty("d");
    const t1 = jose.decodeJwt((await a.signIn(issuer, { name: "Ann", email: "Ann@X.io " }, session())).token);
    const t2 = jose.decodeJwt((await b.signIn(issuer, { name: "A", email: "ann@x.io" }, session())).token);
    expect(t1.sub).toBe(t2.sub);
    expect(t1).toMatchObject({ iss: issuer, aud: LOCAL_AUDIENCE, email: "ann@x.io", name: "Ann", sid: "s1" });
    // The token lives as long as its session.
    expect(Math.abs(t1.exp! - t1.iat! - 24 * 3600)).toBeLessThanOrEqual(1);
  });

  it("verifies customJwt tokens with the local key and rejects expired, foreign and mis-addressed ones", async () => {
    const local = await LocalAuth.open(tmp());
    const live = new Set(["s1"]);
    const verifier = new AuthVerifier([customJwt], local, issuer, (sid) => live.has(String(sid)));
    const { token } = await local.signIn(issuer, { name: "Ann", email: "ann@x.io" }, session());
    expect(await verifier.verify(token)).toMatchObject({
      issuer,
      email: "ann@x.io",
      name: "Ann",
      sid: "s1",
      tokenIdentifier: `${issuer}|${jose.decodeJwt(token).sub}`,
    });
    // A token of a session that ended is refused even though its signature and expiry are fine.
    live.delete("s1");
    await expect(verifier.verify(token)).rejects.toThrow(/signed out or has expired/);
    live.add("s1");

    const expired = await local.signIn(
      issuer,
      { name: "Ann", email: "ann@x.io" },
      { id: "s1", expiresAt: Date.now() - 3600_000 },
    );
    await expect(verifier.verify(expired.token)).rejects.toThrow(/expired/);
    const otherIssuer = await local.signIn("http://elsewhere", { name: "Ann", email: "ann@x.io" }, session());
    await expect(verifier.verify(otherIssuer.token)).rejects.toThrow(/No auth provider found/);
    const wrongAud = new AuthVerifier([{ ...customJwt, applicationID: "another-app" }], local, issuer);
    await expect(wrongAud.verify(token)).rejects.toThrow(/audience/);
    const stranger = await LocalAuth.open(tmp());
    await expect(
      verifier.verify((await stranger.signIn(issuer, { name: "E", email: "e@x.io" }, session())).token),
    ).rejects.toBeInstanceOf(AuthError);
    await expect(verifier.verify("garbage")).rejects.toThrow(/parse/);
  });

  it("accepts a data: URI JWKS and OIDC `domain` providers found by discovery", async () => {
    const local = await LocalAuth.open(tmp());
    const dataUri = `data:text/plain;charset=utf-8;base64,${Buffer.from(JSON.stringify(local.jwks())).toString("base64")}`;
    const viaData = new AuthVerifier(
      [{ ...customJwt, jwks: dataUri }],
      await LocalAuth.open(tmp()),
      "http://127.0.0.1:2",
    );
    expect(
      (await viaData.verify((await local.signIn(issuer, { name: "A", email: "a@x.io" }, session())).token)).email,
    ).toBe("a@x.io");

    // Another backend is a real OIDC issuer: discovery, remote JWKS over HTTP.
    const oidc = new AuthVerifier(
      [{ domain: issuerBackend.url, applicationID: LOCAL_AUDIENCE }],
      await LocalAuth.open(tmp()),
      "http://127.0.0.1:2",
    );
    const { token } = await localSignIn(issuerBackend.url, { name: "Bo", email: "bo@x.io" });
    expect(await oidc.verify(token)).toMatchObject({ issuer: issuerBackend.url, name: "Bo" });
  });

  it("maps standard claims to UserIdentity names and keeps custom claims", () => {
    expect(
      identityFromClaims({ iss: "i", sub: "s", aud: "a", exp: 1, picture: "p", email_verified: true, org: "acme" }),
    ).toEqual({
      issuer: "i",
      subject: "s",
      tokenIdentifier: "i|s",
      pictureUrl: "p",
      emailVerified: true,
      org: "acme",
    });
  });
});
