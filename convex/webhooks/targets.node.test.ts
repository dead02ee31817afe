import dns from "node:dns";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { guardedLookup, guardedPost, resolvePublic } from "../lib/guardedFetch";
import { checkTargetUrl, forbiddenAddressReason } from "../lib/webhookTarget";

// The SSRF findings of issue 18: webhook targets inside the deployment's network, and a redirect to one.
const servers: http.Server[] = [];
afterEach(async () => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

/** A receiver on 127.0.0.1 that records what reaches it and answers with `respond`. */
async function receiver(respond: (res: http.ServerResponse) => void = (res) => res.end("ok")) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    respond(res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { port: (server.address() as AddressInfo).port, hits };
}

describe("webhook target URLs", () => {
  it.each([
    ["https://169.254.169.254/latest/meta-data/", /linkLocal/],
    ["https://10.0.0.1/", /private/],
    ["https://172.16.5.4/", /private/],
    ["https://192.168.1.1./", /private/],
    ["https://100.64.0.1/", /carrierGradeNat/],
    ["https://127.0.0.1:3410/", /loopback/],
    ["https://2130706433/", /127\.0\.0\.1 is in the loopback/],
    ["https://0x7f.1/", /loopback/],
    ["https://0.0.0.0/", /unspecified/],
    ["https://224.0.0.251/", /multicast/],
    ["https://[::1]/", /loopback/],
    ["https://[::ffff:127.0.0.1]/", /loopback/],
    ["https://[::ffff:a9fe:a9fe]/", /linkLocal/],
    ["https://[fd12::1]/", /uniqueLocal/],
    ["https://[fe80::1]/", /linkLocal/],
    ["https://[64:ff9b::a00:1]/", /rfc6052/],
    ["https://localhost/", /this machine/],
    ["https://api.localhost/", /this machine/],
    ["http://localhost:3410/api/admin/batch", /https/],
    ["http://example.com/", /https/],
    ["https://user:pw@example.com/", /user name or password/],
    ["ftp://example.com/", /https/],
  ])("refuses %s", (url, reason) => {
    const check = checkTargetUrl(url, false);
    expect(check.ok).toBe(false);
    expect(check.ok ? "" : check.message).toMatch(reason);
  });

  it("accepts public https URLs, and private http ones only when local testing allows them", () => {
    expect(checkTargetUrl("https://hooks.example.com/in", false).ok).toBe(true);
    expect(checkTargetUrl("https://8.8.8.8/", false).ok).toBe(true);
    expect(checkTargetUrl("https://[2606:4700::1111]/", false).ok).toBe(true);
    expect(checkTargetUrl("http://127.0.0.1:9/hook", true).ok).toBe(true);
    expect(forbiddenAddressReason("not-an-ip")).toMatch(/not an IP address/);
  });
});

describe("webhook delivery", () => {
  it("refuses a name that resolves to a loopback or private address, in the connection's own lookup", async () => {
    await expect(resolvePublic("localhost", false)).rejects.toThrow(/localhost resolves to .*loopback/);
    const err = await new Promise<Error | null>((r) => guardedLookup(false)("localhost", { all: true }, (e) => r(e)));
    expect(err?.message).toMatch(/loopback/);
  });

  it("never connects to this machine through its host name, and says why", async () => {
    const target = await receiver();
    const host = os.hostname();
    const addresses = await dns.promises.lookup(host, { all: true });
    // The machine's own name resolves to a loopback or private address (here /etc/hosts says 127.0.0.1).
    expect(addresses.some((a) => forbiddenAddressReason(a.address) !== null)).toBe(true);
    expect(checkTargetUrl(`https://${host}:${target.port}/hook`, false).ok).toBe(true); // not refusable without DNS
    const r = await guardedPost(`https://${host}:${target.port}/hook`, { "Content-Type": "application/json" }, "{}");
    expect(r).toMatchObject({
      ok: false,
      final: true,
      error: expect.stringMatching(new RegExp(`Refused: ${host} resolves to`)),
    });
    expect(target.hits).toEqual([]);
  });

  it("does not follow a redirect: the 3xx is the result and the other host is never called", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1"; // both receivers are on 127.0.0.1
    const elsewhere = await receiver();
    const redirecting = await receiver((res) => {
      res.writeHead(307, { Location: `http://127.0.0.1:${elsewhere.port}/stolen` });
      res.end();
    });
    const r = await guardedPost(
      `http://127.0.0.1:${redirecting.port}/hook`,
      { "Content-Type": "application/json" },
      "{}",
    );
    expect(r).toMatchObject({
      ok: false,
      status: 307,
      final: true,
      error: expect.stringMatching(/redirects are not followed.*\/stolen/),
    });
    expect(redirecting.hits).toEqual(["POST /hook"]);
    expect(elsewhere.hits).toEqual([]);
  });

  it("delivers to a private receiver only with WEBHOOK_ALLOW_PRIVATE_TARGETS set", async () => {
    const target = await receiver();
    const url = `http://127.0.0.1:${target.port}/hook`;
    expect(await guardedPost(url, {}, "{}")).toMatchObject({
      ok: false,
      final: true,
      error: expect.stringMatching(/^Refused/),
    });
    process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
    expect(await guardedPost(url, {}, "{}")).toEqual({ ok: true, status: 200 });
    expect(target.hits).toEqual(["POST /hook"]);
  });
});
