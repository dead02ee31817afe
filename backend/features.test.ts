import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterEach, describe, expect, it } from "vitest";
import { startBackend, type RunningBackend } from "./index.js";
import { readSnapshotZip, writeSnapshotZip } from "./snapshot-zip.js";
import WebSocket from "ws";
import { until } from "./testing";

const fixture = path.join(import.meta.dirname, "testdata", "basic");
const list = makeFunctionReference<"query", { author?: string }, Array<{ _id: string; author: string; body: string }>>(
  "messages:list",
);
const send = makeFunctionReference<"mutation", { author: string; body: string }, string>("messages:send");
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "sa-features-"));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

async function start(opts: { projectDir?: string; dataDir?: string; watch?: boolean } = {}): Promise<RunningBackend> {
  const b = await startBackend({
    projectDir: opts.projectDir ?? fixture,
    dataDir: opts.dataDir ?? tempDir(),
    port: 0,
    watch: opts.watch,
    log: () => undefined,
  });
  cleanups.push(() => b.close());
  return b;
}

function admin(b: RunningBackend) {
  const headers = { Authorization: `Convex ${b.adminKey}` };
  return {
    get: async (p: string) =>
      (await (await fetch(`${b.url}/api/admin${p}`, { headers })).json()) as Record<string, unknown>,
    post: async (p: string, body: BodyInit, type = "application/json") => {
      const res = await fetch(`${b.url}/api/admin${p}`, {
        method: "POST",
        headers: { ...headers, "Content-Type": type },
        body,
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    },
    exportZip: async () => new Uint8Array(await (await fetch(`${b.url}/api/admin/export`, { headers })).arrayBuffer()),
  };
}

describe("scheduler and crons", () => {
  it("runs runAfter functions on real timers and re-arms pending ones after a restart", async () => {
    const dataDir = tempDir();
    const first = await startBackend({ projectDir: fixture, dataDir, port: 0, log: () => undefined });
    const http = new ConvexHttpClient(first.url);
    const later = makeFunctionReference<"mutation">("messages:sendLater");
    await http.mutation(later, { author: "s", body: "soon", delayMs: 100 });
    await until(
      () => http.query(list, { author: "s" }),
      (v) => v.length === 1,
    );
    await http.mutation(later, { author: "s", body: "after restart", delayMs: 1200 });
    await first.close();
    const second = await start({ dataDir });
    const http2 = new ConvexHttpClient(second.url);
    expect(await http2.query(list, { author: "s" })).toHaveLength(1);
    const docs = await until(
      () => http2.query(list, { author: "s" }),
      (v) => v.length === 2,
    );
    expect(docs.map((d) => d.body)).toEqual(["soon", "after restart"]);
  });

  it("runs crons.ts jobs", async () => {
    const b = await start();
    const ticks = makeFunctionReference<"query", Record<string, never>, Array<{ source: string }>>("ticks:list");
    const http = new ConvexHttpClient(b.url);
    const v = await until(
      () => http.query(ticks, {}),
      (t) => t.length >= 1,
      { timeoutMs: 30_000 },
    );
    expect(v[0].source).toBe("cron");
  });
});

describe("hot reload", () => {
  it("rejects a schema that existing documents violate and keeps serving the old code", async () => {
    const projectDir = tempDir();
    fs.cpSync(fixture, projectDir, { recursive: true });
    const b = await start({ projectDir, watch: true });
    const http = new ConvexHttpClient(b.url);
    const id = await http.mutation(send, { author: "a", body: "no channel" });
    const schemaFile = path.join(projectDir, "convex", "schema.ts");
    fs.writeFileSync(
      schemaFile,
      fs.readFileSync(schemaFile, "utf8").replace("channel: v.optional(v.string())", "channel: v.string()"),
    );
    const push = await admin(b).post("/reload", "");
    expect(push.status).toBe(409);
    expect(b.backend.lastPush.ok).toBe(false);
    expect(b.backend.lastPush.message).toContain(`Document "${id}" in table "messages"`);
    expect(b.backend.lastPush.message).toContain('field "channel"');
    expect(await http.query(list, {})).toHaveLength(1);

    // A valid change is picked up by the file watcher.
    fs.writeFileSync(
      schemaFile,
      fs.readFileSync(schemaFile, "utf8").replace("channel: v.string()", "channel: v.optional(v.string())"),
    );
    fs.writeFileSync(
      path.join(projectDir, "convex", "extra.ts"),
      'import { query } from "./_generated/server";\nexport const ping = query({ args: {}, handler: async () => "pong" });\n',
    );
    const ping = makeFunctionReference<"query", Record<string, never>, string>("extra:ping");
    expect(
      await until(
        () => http.query(ping, {}).catch(() => "missing"),
        (v) => v === "pong",
      ),
    ).toBe("pong");
    expect(b.backend.lastPush.ok).toBe(true);
    expect(await http.query(list, {})).toHaveLength(1);
  });
});

describe("hot reload under load", () => {
  it("loses no acknowledged write when code reloads while mutations run", async () => {
    const projectDir = tempDir();
    fs.cpSync(fixture, projectDir, { recursive: true });
    const dataDir = tempDir();
    const b = await startBackend({ projectDir, dataDir, port: 0, log: () => undefined });
    const http = new ConvexHttpClient(b.url);
    const acknowledged = new Map<string, string>();
    let stop = false;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; !stop; i++)
        acknowledged.set(
          await http.mutation(send, { author: "r", body: `${w}-${i}` }, { skipQueue: true }),
          `${w}-${i}`,
        );
    });
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await b.reload();
      expect(b.backend.lastPush.ok).toBe(true);
    }
    stop = true;
    await Promise.all(writers);
    await b.close();
    const again = await start({ projectDir, dataDir });
    const stored = new Map(
      (await new ConvexHttpClient(again.url).query(list, { author: "r" })).map((d) => [d._id, d.body]),
    );
    expect(acknowledged.size).toBeGreaterThan(10);
    expect(stored).toEqual(acknowledged);
  });

  it("lets a running action finish on the old code and keeps its writes", async () => {
    const projectDir = tempDir();
    fs.cpSync(fixture, projectDir, { recursive: true });
    const dataDir = tempDir();
    const b = await startBackend({ projectDir, dataDir, port: 0, log: () => undefined });
    const http = new ConvexHttpClient(b.url);
    const slow = makeFunctionReference<"action", { author: string; body: string; delayMs: number }, string>(
      "messages:slowShout",
    );
    const pending = http.action(slow, { author: "slow", body: "during reload", delayMs: 300 });
    await new Promise((r) => setTimeout(r, 50));
    await b.reload();
    const id = await pending;
    expect((await http.query(list, { author: "slow" })).map((d) => d._id)).toEqual([id]);
    await b.close();
    const again = await start({ projectDir, dataDir });
    expect((await new ConvexHttpClient(again.url).query(list, { author: "slow" })).map((d) => d._id)).toEqual([id]);
  });
});

describe("admin API", () => {
  it("lists tables, pages documents and applies a batch atomically", async () => {
    const b = await start();
    const a = admin(b);
    expect((await fetch(`${b.url}/api/admin/tables`)).status).toBe(401);
    const http = new ConvexHttpClient(b.url);
    for (let i = 0; i < 5; i++) await http.mutation(send, { author: "p", body: `m${i}` });
    const tables = (await a.get("/tables")).tables as Array<{ name: string; count: number }>;
    expect(tables.find((t) => t.name === "messages")?.count).toBe(5);
    const page1 = await a.get("/tables/messages/documents?limit=3");
    expect((page1.page as unknown[]).length).toBe(3);
    const page2 = await a.get(`/tables/messages/documents?limit=3&cursor=${String(page1.continueCursor)}`);
    expect(page2.isDone).toBe(true);
    expect((page2.page as Array<{ body: string }>).map((d) => d.body)).toEqual(["m3", "m4"]);

    const first = (page1.page as Array<{ _id: string }>)[0]._id;
    const bad = await a.post(
      "/write",
      JSON.stringify({
        writes: [
          { op: "delete", id: first },
          { op: "insert", table: "messages", value: { author: 1 } },
        ],
      }),
    );
    expect(bad.status).toBe(400);
    expect(String(bad.json.message)).toMatch(/writes\[1\]/);
    expect(await http.query(list, {})).toHaveLength(5);
    const good = await a.post(
      "/write",
      JSON.stringify({
        writes: [
          { op: "patch", id: first, value: { body: "edited" } },
          { op: "insert", table: "messages", value: { author: "x", body: "y" } },
        ],
      }),
    );
    expect(good.status).toBe(200);
    const docs = await http.query(list, {});
    expect(docs).toHaveLength(6);
    expect(docs.find((d) => d._id === first)?.body).toBe("edited");
  });

  it("applies a /batch of patches with unset in one commit and pages by id cursor across deletes", async () => {
    const b = await start();
    const a = admin(b);
    const inserted = await a.post(
      "/batch",
      JSON.stringify({
        writes: Array.from({ length: 5 }, (_, i) => ({
          op: "insert",
          table: "messages",
          value: { author: "p", body: `m${i}`, channel: "c" },
        })),
      }),
    );
    const ids = inserted.json.results as string[];
    const page1 = await a.get("/tables/messages/documents?limit=2");
    expect(page1.continueCursor).toBe(ids[1]);
    const patched = await a.post(
      "/batch",
      JSON.stringify({
        writes: [
          { op: "patch", id: ids[0], set: { body: "x" }, unset: ["channel"] },
          { op: "delete", id: ids[2] },
        ],
      }),
    );
    expect(patched.status).toBe(200);
    expect(typeof patched.json.ts).toBe("string");
    const page2 = await a.get(`/tables/messages/documents?limit=2&cursor=${String(page1.continueCursor)}`);
    expect((page2.page as Array<{ body: string }>).map((d) => d.body)).toEqual(["m3", "m4"]);
    expect(page2).toMatchObject({ isDone: true, total: 4 });
    const first = (await a.get("/tables/messages/documents?limit=1")).page as Array<Record<string, unknown>>;
    expect(first[0]).toMatchObject({ body: "x" });
    expect(first[0]).not.toHaveProperty("channel");
    const bad = await a.post(
      "/batch",
      JSON.stringify({
        writes: [
          { op: "patch", id: ids[1], set: { body: "y" } },
          { op: "patch", id: ids[3], unset: ["body"] },
        ],
      }),
    );
    expect(bad.status).toBe(400);
    expect(String(bad.json.message)).toMatch(/^writes\[1\] \(patch ".*"\): .*Missing required field `body`/);
    expect(((await a.get("/tables/messages/documents?limit=2")).page as Array<{ body: string }>)[1].body).toBe("m1");
  });

  it("restores deleted documents under their own ids and resolves {$result} references, all in one /batch", async () => {
    const b = await start();
    const a = admin(b);
    const ids = (
      await a.post(
        "/batch",
        JSON.stringify({
          writes: [0, 1].map((i) => ({
            op: "insert",
            table: "messages",
            value: { author: "p", body: `m${i}`, channel: "c" },
          })),
        }),
      )
    ).json.results as string[];
    const [gone] = (await a.get("/tables/messages/documents?limit=1")).page as Array<Record<string, unknown>>;
    await a.post("/batch", JSON.stringify({ writes: [{ op: "delete", id: ids[0] }] }));
    // A restore, an insert, and a record of both ids written by reference: one commit.
    const res = await a.post(
      "/batch",
      JSON.stringify({
        writes: [
          { op: "restore", value: gone },
          { op: "insert", table: "messages", value: { author: "q", body: "new", channel: "c" } },
          { op: "insert", table: "messages", value: { author: "log", body: { $result: 0 }, channel: { $result: 1 } } },
        ],
      }),
    );
    expect(res.status).toBe(200);
    const all = (await a.get("/tables/messages/documents?limit=10")).page as Array<Record<string, unknown>>;
    expect(all[0]).toStrictEqual(gone);
    expect(all.find((d) => d.author === "log")).toMatchObject({
      body: ids[0],
      channel: (res.json.results as string[])[1],
    });
    // Restoring an id that exists, or a reference to a later write, changes nothing.
    for (const writes of [
      [{ op: "restore", value: gone }],
      [
        { op: "insert", table: "messages", value: { author: "x", body: { $result: 1 } } },
        { op: "delete", id: ids[1] },
      ],
    ]) {
      const bad = await a.post("/batch", JSON.stringify({ writes }));
      expect(bad.status).toBe(400);
      expect(String(bad.json.message)).toMatch(/^writes\[0\]/);
    }
    expect(((await a.get("/tables/messages/documents?limit=10")).page as unknown[]).length).toBe(4);
  });

  it("measures reads per function, table and index", async () => {
    const b = await start();
    const http = new ConvexHttpClient(b.url);
    for (let i = 0; i < 4; i++) await http.mutation(send, { author: i % 2 ? "odd" : "even", body: `b${i}` });
    await http.query(list, { author: "odd" });
    await http.query(makeFunctionReference<"query">("messages:byBodyFilter"), { body: "b1" });
    const m = (await admin(b).get("/measurements")).measurements as Array<{
      functionPath: string;
      table: string;
      index: string | null;
      documentsScanned: number;
      documentsReturned: number;
      calls: number;
    }>;
    const indexed = m.find((x) => x.functionPath === "messages:list")!;
    expect(indexed).toMatchObject({
      table: "messages",
      index: "by_author",
      calls: 1,
      documentsScanned: 2,
      documentsReturned: 2,
    });
    const scan = m.find((x) => x.functionPath === "messages:byBodyFilter")!;
    expect(scan).toMatchObject({ table: "messages", index: null, documentsScanned: 4, documentsReturned: 1 });
  });

  it("exports and imports snapshot ZIPs, renumbering foreign ids and their references", async () => {
    const b = await start();
    const http = new ConvexHttpClient(b.url);
    await http.mutation(send, { author: "e", body: "exported" });
    const zip = await admin(b).exportZip();
    const data = readSnapshotZip(zip);
    expect(data.tables.get("messages")?.[0]).toMatchObject({ author: "e", body: "exported" });

    const target = await start();
    const imported = await admin(target).post("/import", Buffer.from(zip), "application/zip");
    expect(imported.json).toMatchObject({ imported: { messages: 1 } });
    const docs = await new ConvexHttpClient(target.url).query(list, {});
    expect(docs.map((d) => d._id)).toEqual(data.tables.get("messages")!.map((d) => d._id));

    // A cloud export has ids in another format: they are renumbered and references follow.
    const cloud = writeSnapshotZip({
      tables: new Map([
        ["_storage", [{ _id: "kg2abc", _creationTime: 1, sha256: "x", size: 3 }]],
        ["files", [{ _id: "jd7xyz", _creationTime: 2, storageId: "kg2abc", name: "f.txt" }]],
      ]),
      files: new Map([["kg2abc", new TextEncoder().encode("abc")]]),
    });
    const res = await admin(target).post("/import?mode=append", Buffer.from(cloud), "application/zip");
    expect(res.status).toBe(200);
    const files = await new ConvexHttpClient(target.url).query(
      makeFunctionReference<"query", Record<string, never>, Array<{ url: string }>>("files:list"),
      {},
    );
    expect(await (await fetch(files[0].url)).text()).toBe("abc");
    const invalid = writeSnapshotZip({
      tables: new Map([["messages", [{ _id: "zz1", _creationTime: 1, author: 5 }]]]),
      files: new Map(),
    });
    const rejected = await admin(target).post("/import", Buffer.from(invalid), "application/zip");
    expect(rejected.status).toBe(400);
    expect(String(rejected.json.message)).toMatch(/table "messages".*field "author"/);
    expect(await new ConvexHttpClient(target.url).query(list, {})).toHaveLength(1);
  });
});

describe("import is all or nothing", () => {
  const count = async (b: RunningBackend) => (await new ConvexHttpClient(b.url).query(list, {})).length;
  const storageFiles = (b: RunningBackend) =>
    fs.readdirSync(path.join(b.dataDir, "storage")).filter((f) => !f.includes(".") && f !== "components");

  it("writes nothing when the log cannot be written, and says committed once it is", async () => {
    const source = await start();
    const http = new ConvexHttpClient(source.url);
    for (let i = 0; i < 3; i++) await http.mutation(send, { author: "s", body: `m${i}` });
    const withFile = writeSnapshotZip({
      tables: new Map([
        ...readSnapshotZip(await admin(source).exportZip()).tables,
        ["_storage", [{ _id: "kg2file", _creationTime: 1, sha256: "x", size: 3 }]],
      ]),
      files: new Map([["kg2file", new TextEncoder().encode("abc")]]),
    });
    const target = await start();
    const store = target.backend.store;
    const append = store.append.bind(store);
    store.append = () => {
      throw new Error("ENOSPC: no space left on device, write");
    };
    const failed = await admin(target).post("/import", Buffer.from(withFile), "application/zip");
    expect(failed.status).toBe(400);
    expect(String(failed.json.message)).toMatch(/ENOSPC/);
    expect(await count(target)).toBe(0);
    expect(storageFiles(target)).toEqual([]);
    store.append = append;
    const ok = await admin(target).post("/import", Buffer.from(withFile), "application/zip");
    expect(ok).toMatchObject({ status: 200, json: { committed: true, imported: { messages: 3, _storage: 1 } } });
    expect(await count(target)).toBe(3);
    expect(storageFiles(target)).toHaveLength(1);
  });

  it("answers committed when the import is durable even if the transaction's bookkeeping fails afterwards", async () => {
    const source = await start();
    await new ConvexHttpClient(source.url).mutation(send, { author: "s", body: "one" });
    const zip = await admin(source).exportZip();
    const target = await start();
    const sync = target.backend.sync;
    const onCommit = sync.onCommit.bind(sync);
    let failures = 0;
    sync.onCommit = (tables) => {
      if (failures++ === 0) throw new Error("subscription bookkeeping failed");
      onCommit(tables);
    };
    const res = await admin(target).post("/import", Buffer.from(zip), "application/zip");
    expect(res).toMatchObject({ status: 200, json: { committed: true, imported: { messages: 1 } } });
    expect(await count(target)).toBe(1);
  });

  it("does not double a table when an append import is retried", async () => {
    const b = await start();
    const http = new ConvexHttpClient(b.url);
    for (let i = 0; i < 4; i++) await http.mutation(send, { author: "a", body: `m${i}` });
    const zip = await admin(b).exportZip();
    const again = await admin(b).post("/import?mode=append", Buffer.from(zip), "application/zip");
    expect(again).toMatchObject({
      status: 200,
      json: { committed: true, imported: { messages: 0 }, alreadyPresent: { messages: 4 } },
    });
    expect(await count(b)).toBe(4);
    // A document under an existing id with other content is still added (under a new id), not dropped.
    const changed = readSnapshotZip(zip);
    changed.tables.get("messages")![0].body = "edited";
    const res = await admin(b).post("/import?mode=append", Buffer.from(writeSnapshotZip(changed)), "application/zip");
    expect(res.json).toMatchObject({ imported: { messages: 1 }, alreadyPresent: { messages: 3 } });
    expect(await count(b)).toBe(5);
  });
});

describe("while starting", () => {
  it("answers 503 STARTING on HTTP and closes WebSockets with 1013 instead of holding them", async () => {
    const seen: Array<{ status: number; body: unknown; retryAfter: string | null }> = [];
    let wsClose: { code: number; reason: string } | null = null;
    const b = await startBackend({
      projectDir: fixture,
      dataDir: tempDir(),
      port: 0,
      log: () => undefined,
      onListening: async ({ url, siteUrl }) => {
        for (const u of [`${url}/api/query`, `${siteUrl}/anything`]) {
          const res = await fetch(u, { method: "POST", body: "{}" });
          seen.push({ status: res.status, body: await res.json(), retryAfter: res.headers.get("retry-after") });
        }
        wsClose = await new Promise((resolve) => {
          const ws = new WebSocket(`${url.replace("http", "ws")}/api/1.48.0/sync`);
          ws.on("close", (code, reason) => resolve({ code, reason: String(reason) }));
        });
      },
    });
    cleanups.push(() => b.close());
    expect(seen).toEqual(
      [0, 1].map(() => ({
        status: 503,
        body: { code: "STARTING", message: expect.stringMatching(/starting/) },
        retryAfter: "1",
      })),
    );
    expect(wsClose).toMatchObject({ code: 1013, reason: expect.stringMatching(/starting/) });
    // Once started, the same calls are served.
    expect(await new ConvexHttpClient(b.url).query(list, {})).toEqual([]);
  });
});

describe("loading", () => {
  it("runs a project that has no convex/_generated folder", async () => {
    const projectDir = tempDir();
    fs.cpSync(fixture, projectDir, { recursive: true });
    fs.rmSync(path.join(projectDir, "convex", "_generated"), { recursive: true });
    const b = await start({ projectDir });
    const http = new ConvexHttpClient(b.url);
    expect(
      await http.action(makeFunctionReference<"action", { author: string; body: string }, number>("messages:shout"), {
        author: "a",
        body: "x",
      }),
    ).toBe(1);
  });

  it("reports a bundling error with file, line and column", async () => {
    const projectDir = tempDir();
    fs.cpSync(fixture, projectDir, { recursive: true });
    fs.writeFileSync(path.join(projectDir, "convex", "broken.ts"), "export const x = ;\n");
    await expect(startBackend({ projectDir, dataDir: tempDir(), port: 0, log: () => undefined })).rejects.toThrow(
      /broken\.ts:1:\d+/,
    );
    // In watch mode the backend starts anyway, reports the error and picks up the fix.
    const b = await start({ projectDir, watch: true });
    expect(b.backend.lastPush).toMatchObject({ ok: false, message: expect.stringMatching(/broken\.ts:1:\d+/) });
    fs.writeFileSync(path.join(projectDir, "convex", "broken.ts"), "export const x = 1;\n");
    const http = new ConvexHttpClient(b.url);
    expect(
      await until(
        () =>
          http.query(list, {}).then(
            () => "ok",
            () => "failing",
          ),
        (v) => v === "ok",
      ),
    ).toBe("ok");
  });
});

describe("this repository's convex/ folder", () => {
  it("loads, and its schema validates", async () => {
    const b = await start({ projectDir: path.join(import.meta.dirname, "..") });
    expect(b.backend.lastPush.ok).toBe(true);
    expect(b.backend.engine.project.functions.size).toBeGreaterThan(5);
    expect(b.backend.engine.project.schemaJson?.tables.map((t) => t.tableName)).toContain("projects");
    const tables = (await admin(b).get("/tables")).tables as Array<{ name: string }>;
    expect(tables.map((t) => t.name)).toContain("users");
  }, 60_000);
});
