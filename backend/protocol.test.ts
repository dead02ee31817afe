import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { makeFunctionReference, type FunctionReturnType } from "convex/server";
import { ConvexError } from "convex/values";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startBackend, type RunningBackend } from "./index.js";
import { localSignIn } from "./testing.js";

const fixture = path.join(import.meta.dirname, "testdata", "basic");
const list = makeFunctionReference<"query", { author?: string }, Array<{ author: string; body: string }>>(
  "messages:list",
);
const send = makeFunctionReference<"mutation", { author: string; body: string }, string>("messages:send");
const whoami = makeFunctionReference<
  "query",
  Record<string, never>,
  { subject: string; email: string | null; tokenIdentifier: string } | null
>("messages:whoami");

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sa-backend-test-"));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(dataDir = tempDir(), port = 0): Promise<RunningBackend> {
  const b = await startBackend({ projectDir: fixture, dataDir, port, log: () => undefined });
  cleanups.push(() => b.close());
  return b;
}

function client(url: string): ConvexClient {
  const c = new ConvexClient(url, { webSocketConstructor: WebSocket as never, unsavedChangesWarning: false });
  cleanups.push(() => c.close());
  return c;
}

function nextValue<T>(values: T[], predicate: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const found = values.find(predicate);
      if (found !== undefined) return resolve(found);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out; saw ${JSON.stringify(values)}`));
      setTimeout(poll, 5);
    };
    poll();
  });
}

async function signIn(url: string, email: string): Promise<{ token: string; expiresAt: number }> {
  return await localSignIn(url, { name: "Ann", email });
}

describe("HTTP API (ConvexHttpClient)", () => {
  it("runs queries and mutations and reports errors like Convex", async () => {
    const b = await start();
    const http = new ConvexHttpClient(b.url);
    const id = await http.mutation(send, { author: "ann", body: "hi" });
    expect(typeof id).toBe("string");
    expect(await http.query(list, {})).toMatchObject([{ _id: id, author: "ann", body: "hi" }]);

    const convexError = await http.mutation(send, { author: "ann", body: "" }).catch((e: unknown) => e);
    expect(convexError).toBeInstanceOf(ConvexError);
    expect((convexError as ConvexError<{ code: string }>).data).toEqual({ code: "EMPTY", field: "body" });

    await expect(http.mutation(send, { author: "ann", body: "boom" })).rejects.toThrow(/kaboom/);
    await expect(http.mutation(send, { author: "ann", body: 1 as never })).rejects.toThrow(/Validator error/);
    await expect(http.query(makeFunctionReference<"query">("messages:secretCount"), {})).rejects.toThrow(
      /Could not find public function/,
    );
    await expect(http.mutation(makeFunctionReference<"mutation">("messages:list"), {})).rejects.toThrow(
      /defined as Query/,
    );
    // A failed mutation leaves no writes.
    expect(await http.query(list, {})).toHaveLength(1);
    // Default exports are callable by file name; internal functions with the admin key.
    expect(await http.query(makeFunctionReference<"query">("counters"), {})).toBe(0);
    const admin = new ConvexHttpClient(b.url);
    // setAdminAuth is public at runtime but marked internal in the typings (the Convex CLI and dashboard use it).
    (admin as unknown as { setAdminAuth(key: string): void }).setAdminAuth(b.adminKey);
    expect(await admin.query(makeFunctionReference<"query">("messages:secretCount"), {})).toBe(1);
    // console.log inside a function comes back as log lines.
    const logged = await fetch(`${b.url}/api/query`, {
      method: "POST",
      body: JSON.stringify({ path: "messages:noisy", args: [{}], format: "convex_encoded_json" }),
    });
    expect(await logged.json()).toEqual({ status: "success", value: null, logLines: ["[LOG] 'hello' { n: 1 }"] });
    // consistentQuery goes through /api/query_ts and /api/query_at_ts.
    expect(await http.consistentQuery(list, {})).toHaveLength(1);
  });

  it("serves HTTP actions at the site URL with the caller's identity", async () => {
    const b = await start();
    const { token } = await signIn(b.url, "ann@example.com");
    const res = await fetch(`${b.siteUrl}/hello?name=bob`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { hello: string; subject: string };
    expect(body.hello).toBe("bob");
    expect(body.subject).toMatch(/^local\|/);
    const where = await fetch(`${b.siteUrl}/where?x=1`);
    expect(await where.text()).toBe(`${b.siteUrl}/where?x=1`);
    const echo = await fetch(`${b.siteUrl}/echo`, { method: "POST", body: "payload" });
    expect(echo.status).toBe(201);
    expect(await echo.text()).toBe("payload");
    expect((await fetch(`${b.siteUrl}/nope`)).status).toBe(404);
  });
});

describe("sync protocol (ConvexClient over WebSocket)", () => {
  it("updates subscriptions after a mutation and deduplicates identical ones", async () => {
    const b = await start();
    const c1 = client(b.url);
    const c2 = client(b.url);
    const seen1: number[] = [];
    const seen2: number[] = [];
    c1.onUpdate(list, {}, (v) => seen1.push(v.length));
    c2.onUpdate(list, {}, (v) => seen2.push(v.length));
    await nextValue(seen1, (n) => n === 0);
    await nextValue(seen2, (n) => n === 0);
    expect(b.backend.sync.stats().subscriptions).toBe(1);
    await c1.mutation(send, { author: "ann", body: "one" });
    // The mutation resolves only after a Transition containing its write: the new value is already visible.
    expect(seen1[seen1.length - 1]).toBe(1);
    await nextValue(seen2, (n) => n === 1);
    // A write to another table does not re-run (or resend) the messages query.
    const before = seen1.length;
    await c1.mutation(makeFunctionReference<"mutation">("counters:increment"), { name: "x" });
    expect(seen1.length).toBe(before);
    // Closing one connection keeps the shared subscription alive for the other.
    await c1.close();
    await new ConvexHttpClient(b.url).mutation(send, { author: "ann", body: "two" });
    await nextValue(seen2, (n) => n === 2);
    expect(b.backend.sync.stats().subscriptions).toBe(1);
  });

  it("keeps a paginated query's first page live", async () => {
    const b = await start();
    const c = client(b.url);
    const page = makeFunctionReference<
      "query",
      { paginationOpts: { numItems: number; cursor: string | null } },
      { page: Array<{ body: string }>; isDone: boolean }
    >("messages:page");
    for (let i = 0; i < 3; i++) await c.mutation(send, { author: "p", body: `old${i}` });
    const seen: string[][] = [];
    c.onUpdate(page, { paginationOpts: { numItems: 2, cursor: null } }, (v) => seen.push(v.page.map((d) => d.body)));
    await nextValue(seen, (p) => p.join() === "old2,old1");
    await c.mutation(send, { author: "p", body: "new" });
    // Like Convex's query journal, the live page keeps its range and grows instead of shifting.
    await nextValue(seen, (p) => p.join() === "new,old2,old1");
  });

  it("reports mutation and query errors", async () => {
    const b = await start();
    const c = client(b.url);
    await expect(c.mutation(send, { author: "a", body: "" })).rejects.toBeInstanceOf(ConvexError);
    await expect(c.mutation(send, { author: "a", body: "boom" })).rejects.toThrow(/kaboom/);
    const errors: Error[] = [];
    c.onUpdate(
      makeFunctionReference<"query">("messages:nope"),
      {},
      () => undefined,
      (e) => errors.push(e),
    );
    await nextValue(errors, (e) => /Could not find public function/.test(e.message));
  });

  it("authenticates with a local sign-in token and rejects an invalid one", async () => {
    const b = await start();
    const { token, expiresAt } = await signIn(b.url, "Ann@Example.com");
    expect(expiresAt).toBeGreaterThan(Date.now() + 23 * 3600_000);
    const c = client(b.url);
    c.setAuth(async () => token);
    const seen: Array<FunctionReturnType<typeof whoami>> = [];
    c.onUpdate(whoami, {}, (v) => seen.push(v));
    const me = await nextValue(seen, (v) => v !== null);
    expect(me).toMatchObject({ email: "ann@example.com", tokenIdentifier: `${b.url}|${me!.subject}` });
    // The subject is stable for an email.
    const again = await signIn(b.url, "ann@example.com");
    const http = new ConvexHttpClient(b.url);
    http.setAuth(again.token);
    expect((await http.query(whoami, {}))?.subject).toBe(me!.subject);

    const bad = client(b.url);
    const states: boolean[] = [];
    bad.setAuth(
      async () => `${token.slice(0, -4)}AAAA`,
      (ok) => states.push(ok),
    );
    await nextValue(states, (ok) => ok === false);
    http.setAuth(`${token.slice(0, -4)}AAAA`);
    await expect(http.query(whoami, {})).rejects.toThrow(/Unauthenticated|verify/);
  });

  it("reconnects after a server restart and keeps the data", async () => {
    const dataDir = tempDir();
    const first = await startBackend({ projectDir: fixture, dataDir, port: 0, log: () => undefined });
    const port = Number(new URL(first.url).port);
    const c = client(first.url);
    const seen: number[] = [];
    c.onUpdate(list, {}, (v) => seen.push(v.length));
    await c.mutation(send, { author: "a", body: "before" });
    await nextValue(seen, (n) => n === 1);
    await first.close();
    const second = await start(dataDir, port);
    expect(second.url).toBe(first.url);
    await new ConvexHttpClient(second.url).mutation(send, { author: "a", body: "after" });
    await nextValue(seen, (n) => n === 2, 15_000);
  });
});
