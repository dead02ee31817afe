import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startBackend, type RunningBackend } from "./index.js";
import { localSignIn } from "./testing.js";

const fixture = path.join(import.meta.dirname, "testdata", "basic");
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(projectDir = fixture): Promise<RunningBackend> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sa-sync-"));
  const b = await startBackend({ projectDir, dataDir, port: 0, log: () => undefined });
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => b.close());
  return b;
}

type Msg = Record<string, unknown> & { type: string };

/** A raw protocol client that records every server message. */
async function connect(url: string) {
  const ws = new WebSocket(`${url.replace("http", "ws")}/api/1.48.0/sync`);
  cleanups.push(() => ws.close());
  const messages: Msg[] = [];
  ws.on("message", (d) => messages.push(JSON.parse(String(d)) as Msg));
  await new Promise((r) => ws.once("open", r));
  const send = (m: Record<string, unknown>) => ws.send(JSON.stringify(m));
  const next = async (pred: (m: Msg) => boolean, from = 0): Promise<Msg> => {
    for (let i = 0; i < 400; i++) {
      const found = messages.slice(from).find(pred);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no matching message in ${JSON.stringify(messages)}`);
  };
  send({
    type: "Connect",
    sessionId: "00000000-0000-0000-0000-000000000000",
    connectionCount: 0,
    lastCloseReason: null,
    clientTs: Date.now(),
  });
  return { ws, messages, send, next };
}

const tsNumber = (encoded: unknown) => Buffer.from(String(encoded), "base64").readBigUInt64LE();

describe("sync protocol on the wire", () => {
  it("chains Transition versions and orders a mutation's response before the Transition that contains its write", async () => {
    const b = await start();
    const c = await connect(b.url);
    c.send({
      type: "ModifyQuerySet",
      baseVersion: 0,
      newVersion: 1,
      modifications: [{ type: "Add", queryId: 7, udfPath: "messages:count", args: [{}] }],
    });
    const first = await c.next((m) => m.type === "Transition");
    expect(first.startVersion).toEqual({ querySet: 0, identity: 0, ts: "AAAAAAAAAAA=" });
    expect(first.modifications).toEqual([{ type: "QueryUpdated", queryId: 7, value: 0, logLines: [], journal: null }]);

    c.send({ type: "Mutation", requestId: 1, udfPath: "messages:send", args: [{ author: "w", body: "hi" }] });
    const response = await c.next((m) => m.type === "MutationResponse");
    expect(response).toMatchObject({ success: true, requestId: 1 });
    const after = c.messages.indexOf(response);
    const covering = await c.next(
      (m) => m.type === "Transition" && tsNumber((m.endVersion as { ts: string }).ts) >= tsNumber(response.ts),
      after,
    );
    // The client has seen the new count by the time its mutation resolves.
    const updates = c.messages
      .filter((m) => m.type === "Transition")
      .flatMap((m) => m.modifications as Array<{ value?: unknown }>);
    expect(updates[updates.length - 1].value).toBe(1);
    // Every Transition starts where the previous one ended.
    const transitions = c.messages.filter((m) => m.type === "Transition");
    for (let i = 1; i < transitions.length; i++)
      expect(transitions[i].startVersion).toEqual(transitions[i - 1].endVersion);
    expect(transitions).toContain(covering);

    c.send({ type: "ModifyQuerySet", baseVersion: 1, newVersion: 2, modifications: [{ type: "Remove", queryId: 7 }] });
    const removed = await c.next(
      (m) => m.type === "Transition" && (m.endVersion as { querySet: number }).querySet === 2,
    );
    expect(removed.modifications).toEqual([{ type: "QueryRemoved", queryId: 7 }]);
    expect(b.backend.sync.stats().subscriptions).toBe(0);
  });

  it("sends AuthError when a session's token expires, drops its identity, and takes a fresh token", async () => {
    const b = await start();
    const user = { name: "Ann", email: "ann@example.com" };
    // A token of a live session that expires in 2 seconds (tokens expire with their session).
    const { sessionId } = await localSignIn(b.url, user);
    const short = await b.backend.local.signIn(b.url, user, { id: sessionId, expiresAt: Date.now() + 2000 });
    const c = await connect(b.url);
    c.send({ type: "Authenticate", tokenType: "User", value: short.token, baseVersion: 0 });
    c.send({
      type: "ModifyQuerySet",
      baseVersion: 0,
      newVersion: 1,
      modifications: [{ type: "Add", queryId: 0, udfPath: "messages:whoami", args: [{}] }],
    });
    const value = (m: Msg) => ((m.modifications as Array<{ value?: unknown }> | undefined) ?? [])[0]?.value;
    const signedIn = await c.next((m) => m.type === "Transition" && value(m) !== undefined);
    expect(value(signedIn)).toMatchObject({ email: "ann@example.com" });
    expect(c.messages.some((m) => m.type === "AuthError")).toBe(false);
    const from = c.messages.length;
    const err = await c.next((m) => m.type === "AuthError", from);
    expect(err).toEqual({ type: "AuthError", error: "Token expired", baseVersion: 0, authUpdateAttempted: false });
    expect(Date.now()).toBeGreaterThanOrEqual(short.expiresAt);
    const signedOut = await c.next((m) => m.type === "Transition" && value(m) !== undefined, from);
    expect(value(signedOut)).toBeNull();
    // The client's refresh: a new token at the next identity version.
    const fresh = await localSignIn(b.url, user);
    const at = c.messages.length;
    c.send({ type: "Authenticate", tokenType: "User", value: fresh.token, baseVersion: 1 });
    const back = await c.next((m) => m.type === "Transition" && value(m) !== undefined, at);
    expect(back.endVersion).toMatchObject({ identity: 2 });
    expect(value(back)).toMatchObject({ email: "ann@example.com" });
  });

  it("answers a bad token with AuthError and an out-of-order query set with FatalError", async () => {
    const b = await start();
    const c = await connect(b.url);
    c.send({ type: "Authenticate", tokenType: "User", value: "not-a-jwt", baseVersion: 0 });
    expect(await c.next((m) => m.type === "AuthError")).toMatchObject({ baseVersion: 0, authUpdateAttempted: true });
    c.send({ type: "ModifyQuerySet", baseVersion: 5, newVersion: 6, modifications: [] });
    expect(String((await c.next((m) => m.type === "FatalError")).error)).toMatch(/base version/);
  });

  it("re-runs subscriptions with the new code after a reload", async () => {
    const projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "sa-sync-project-"));
    cleanups.push(() => fs.rmSync(projectDir, { recursive: true, force: true }));
    fs.cpSync(fixture, projectDir, { recursive: true });
    const b = await start(projectDir);
    const c = await connect(b.url);
    c.send({
      type: "ModifyQuerySet",
      baseVersion: 0,
      newVersion: 1,
      modifications: [{ type: "Add", queryId: 1, udfPath: "messages:count", args: [{}] }],
    });
    await c.next((m) => m.type === "Transition");
    const file = path.join(projectDir, "convex", "messages.ts");
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, "utf8")
        .replace(
          '(await ctx.db.query("messages").collect()).length,',
          '(await ctx.db.query("messages").collect()).length + 100,',
        ),
    );
    await b.reload();
    const update = await c.next(
      (m) => m.type === "Transition" && (m.modifications as Array<{ value?: unknown }>).some((x) => x.value === 100),
    );
    expect(update).toBeDefined();
  });
});
