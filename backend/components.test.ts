import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterEach, describe, expect, it } from "vitest";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import WebSocket from "ws";
import { startBackend, type RunningBackend } from "./index.js";
import { until } from "./testing";

const repoModules = path.resolve(import.meta.dirname, "..", "node_modules");
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A project folder whose node_modules is this repo's (where the component packages are installed). */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sa-components-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.symlinkSync(repoModules, path.join(dir, "node_modules"), "dir");
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function start(
  projectDir: string,
  dataDir = path.join(projectDir, ".data"),
  log: (l: string) => void = () => undefined,
): Promise<RunningBackend> {
  const b = await startBackend({ projectDir, dataDir, port: 0, log });
  let closed = false;
  const close = b.close.bind(b);
  b.close = async () => {
    if (!closed) await close();
    closed = true;
  };
  cleanups.push(() => b.close());
  return b;
}

/** An app whose local component "vault" stores files and a table referencing them. */
const VAULT_APP: Record<string, string> = {
  "convex/convex.config.ts": `
    import { defineApp } from "convex/server";
    import vault from "../vault/convex.config";
    const app = defineApp(); app.use(vault); export default app;`,
  "convex/app.ts": `
    import { actionGeneric } from "convex/server";
    import { v } from "convex/values";
    import { components } from "./_generated/api";
    export const put = actionGeneric({ args: { text: v.string() }, handler: (ctx, args) => ctx.runAction(components.vault.files.put, args) });
    export const read = actionGeneric({ args: {}, handler: (ctx) => ctx.runAction(components.vault.files.read, {}) });`,
  "vault/convex.config.ts": `import { defineComponent } from "convex/server"; export default defineComponent("vault");`,
  "vault/schema.ts": `
    import { defineSchema, defineTable } from "convex/server";
    import { v } from "convex/values";
    export default defineSchema({ notes: defineTable({ file: v.id("_storage") }) });`,
  "vault/files.ts": `
    import { actionGeneric, internalMutationGeneric, internalQueryGeneric, makeFunctionReference } from "convex/server";
    import { v } from "convex/values";
    export const save = internalMutationGeneric({ args: { file: v.id("_storage") }, handler: async (ctx, args) => { await ctx.db.insert("notes", args); } });
    export const all = internalQueryGeneric({ args: {}, handler: async (ctx) => await ctx.db.query("notes").collect() });
    export const put = actionGeneric({ args: { text: v.string() }, handler: async (ctx, args) => {
      const file = await ctx.storage.store(new Blob([args.text], { type: "text/plain" }));
      await ctx.runMutation(makeFunctionReference("files:save"), { file });
      return file;
    } });
    export const read = actionGeneric({ args: {}, handler: async (ctx) => {
      const notes = await ctx.runQuery(makeFunctionReference("files:all"), {});
      return await Promise.all(notes.map(async (n) => (await (await ctx.storage.get(n.file))?.text()) ?? null));
    } });`,
};
const put = makeFunctionReference<"action", { text: string }, string>("app:put");
const read = makeFunctionReference<"action", Record<string, never>, Array<string | null>>("app:read");

const APP = {
  "convex/convex.config.ts": `
    import { defineApp } from "convex/server";
    import rateLimiter from "@convex-dev/rate-limiter/convex.config.js";
    import migrations from "@convex-dev/migrations/convex.config.js";
    const app = defineApp();
    app.use(rateLimiter, { name: "limits" });
    app.use(migrations);
    export default app;`,
  "convex/schema.ts": `
    import { defineSchema, defineTable } from "convex/server";
    import { v } from "convex/values";
    export default defineSchema({ posts: defineTable({ author: v.string(), title: v.string(), done: v.optional(v.boolean()) }) });`,
  "convex/posts.ts": `
    import { ConvexError, v } from "convex/values";
    import { HOUR, RateLimiter } from "@convex-dev/rate-limiter";
    import { Migrations } from "@convex-dev/migrations";
    import { mutation, query } from "./_generated/server";
    import { components, internal } from "./_generated/api";
    const limiter = new RateLimiter(components.limits, { send: { kind: "fixed window", rate: 2, period: HOUR } });
    export const migrations = new Migrations(components.migrations);
    export const markDone = migrations.define({ table: "posts", migrateOne: () => ({ done: true }) });
    export const send = mutation({
      args: { author: v.string(), title: v.string() },
      handler: async (ctx, args) => {
        const { ok } = await limiter.limit(ctx, "send", { key: args.author });
        if (!ok) throw new ConvexError("rate limited");
        return await ctx.db.insert("posts", args);
      },
    });
    export const canSend = query({
      args: { author: v.string() },
      handler: async (ctx, args) => (await limiter.check(ctx, "send", { key: args.author })).ok,
    });
    export const list = query({ args: {}, handler: (ctx) => ctx.db.query("posts").collect() });
    export const startMigration = mutation({ args: {}, handler: async (ctx) => { await migrations.runOne(ctx, internal.posts.markDone, { batchSize: 2 }); } });
    export const migrationState = query({
      args: {},
      handler: async (ctx) => (await migrations.getStatus(ctx, { migrations: [internal.posts.markDone] }))[0]?.state ?? null,
    });`,
};

const send = makeFunctionReference<"mutation", { author: string; title: string }, string>("posts:send");
const canSend = makeFunctionReference<"query", { author: string }, boolean>("posts:canSend");
const list = makeFunctionReference<"query", Record<string, never>, Array<{ title: string; done?: boolean }>>(
  "posts:list",
);
const startMigration = makeFunctionReference<"mutation", Record<string, never>, null>("posts:startMigration");
const migrationState = makeFunctionReference<"query", Record<string, never>, string | null>("posts:migrationState");

describe("Convex components (convex.config.ts)", () => {
  it("runs @convex-dev/rate-limiter from app functions, keeps its tables apart and its state across a restart", async () => {
    const dir = project(APP);
    const logs: string[] = [];
    let b = await start(dir, undefined, (l) => logs.push(l));
    expect(logs.join("\n")).toMatch(/components: limits, limits\/batchWorker, migrations/);
    let client = new ConvexHttpClient(b.url);
    await client.mutation(send, { author: "ada", title: "one" });
    await client.mutation(send, { author: "ada", title: "two" });
    await expect(client.mutation(send, { author: "ada", title: "three" })).rejects.toThrow(/rate limited/);
    expect(await client.query(canSend, { author: "ada" })).toBe(false);
    expect(await client.query(canSend, { author: "bob" })).toBe(true);
    // The component's tables live in its own database: the app's table list does not show them.
    const tables = (await (
      await fetch(`${b.url}/api/admin/tables`, { headers: { Authorization: `Convex ${b.adminKey}` } })
    ).json()) as { tables: Array<{ name: string }> };
    expect(tables.tables.map((t) => t.name)).toEqual(["posts"]);

    await b.close();
    b = await start(dir);
    client = new ConvexHttpClient(b.url);
    expect(await client.query(canSend, { author: "ada" })).toBe(false);
    await expect(client.mutation(send, { author: "ada", title: "four" })).rejects.toThrow(/rate limited/);
    await client.mutation(send, { author: "bob", title: "five" });
    expect((await client.query(list, {})).map((p) => p.title)).toEqual(["one", "two", "five"]);
  });

  it("runs a @convex-dev/migrations migration: the component schedules its own steps and calls back into the app", async () => {
    const dir = project(APP);
    let b = await start(dir);
    let client = new ConvexHttpClient(b.url);
    for (const author of ["a", "b", "c"]) await client.mutation(send, { author, title: `by ${author}` });
    await client.mutation(startMigration, {});
    await until(
      () => client.query(migrationState, {}),
      (s) => s === "success",
    );
    expect((await client.query(list, {})).every((p) => p.done === true)).toBe(true);
    await b.close();
    b = await start(dir);
    client = new ConvexHttpClient(b.url);
    expect(await client.query(migrationState, {})).toBe("success");
  });

  it("re-arms a component's pending scheduled function after a restart (a local component folder)", async () => {
    const dir = project({
      "convex/convex.config.ts": `
        import { defineApp } from "convex/server";
        import ticker from "../ticker/convex.config";
        const app = defineApp(); app.use(ticker); export default app;`,
      "convex/app.ts": `
        import { mutationGeneric, queryGeneric } from "convex/server";
        import { v } from "convex/values";
        import { components } from "./_generated/api";
        export const later = mutationGeneric({ args: { ms: v.number() }, handler: (ctx, args) => ctx.runMutation(components.ticker.ticks.later, args) });
        export const count = queryGeneric({ args: {}, handler: (ctx) => ctx.runQuery(components.ticker.ticks.count, {}) });`,
      "ticker/convex.config.ts": `import { defineComponent } from "convex/server"; export default defineComponent("ticker");`,
      "ticker/schema.ts": `
        import { defineSchema, defineTable } from "convex/server";
        export default defineSchema({ ticks: defineTable({}) });`,
      "ticker/ticks.ts": `
        import { internalMutationGeneric, makeFunctionReference, mutationGeneric, queryGeneric } from "convex/server";
        import { v } from "convex/values";
        export const later = mutationGeneric({ args: { ms: v.number() }, handler: async (ctx, args) => { await ctx.scheduler.runAfter(args.ms, makeFunctionReference("ticks:tick"), {}); } });
        export const tick = internalMutationGeneric({ args: {}, handler: async (ctx) => { await ctx.db.insert("ticks", {}); } });
        export const count = queryGeneric({ args: {}, handler: async (ctx) => (await ctx.db.query("ticks").collect()).length });`,
    });
    let b = await start(dir);
    let client = new ConvexHttpClient(b.url);
    await client.mutation(makeFunctionReference<"mutation", { ms: number }, null>("app:later"), { ms: 800 });
    await b.close();
    b = await start(dir);
    client = new ConvexHttpClient(b.url);
    const count = makeFunctionReference<"query", Record<string, never>, number>("app:count");
    expect(await client.query(count, {})).toBe(0);
    await until(
      () => client.query(count, {}),
      (n) => n === 1,
    );
  });

  it("re-runs a subscription that reads a component's table when a mutation writes it", async () => {
    const b = await start(project(APP));
    const c = new ConvexClient(b.url, { webSocketConstructor: WebSocket as never, unsavedChangesWarning: false });
    cleanups.push(() => c.close());
    const seen: boolean[] = [];
    c.onUpdate(canSend, { author: "ada" }, (v) => seen.push(v));
    await until(
      async () => seen.length,
      (n) => n === 1,
    );
    // Only the component's rateLimits table changes here (the posts inserts do not touch what canSend reads).
    await c.mutation(send, { author: "ada", title: "one" });
    await c.mutation(send, { author: "ada", title: "two" });
    await until(
      async () => seen.at(-1),
      (v) => v === false,
    );
    expect(seen[0]).toBe(true);
  });

  it("keeps component data through a hot reload and after the process is killed (write-ahead log replay)", async () => {
    const dir = project(APP);
    const dataDir = path.join(dir, ".data");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "main.ts"), dir, "--data", dataDir, "--port", "0"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    cleanups.push(() => void (child.exitCode === null && child.signalCode === null && child.kill("SIGKILL")));
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      let err = "";
      child.stderr!.on("data", (d) => (err += String(d)));
      child.stdout!.on("data", (d) => {
        out += String(d);
        const line = out.split("\n").find((l) => l.startsWith("{"));
        if (line) resolve((JSON.parse(line) as { url: string }).url);
      });
      child.on("exit", (code) => reject(new Error(`backend exited with ${code}: ${err}`)));
    });
    const killed = new ConvexHttpClient(url);
    await killed.mutation(send, { author: "ada", title: "one" });
    await killed.mutation(send, { author: "ada", title: "two" });
    const exited = new Promise((r) => child.on("exit", r));
    child.kill("SIGKILL"); // no snapshot at close: the component's writes come back from the log alone
    await exited;

    const b = await start(dir, dataDir);
    const client = new ConvexHttpClient(b.url);
    expect(await client.query(canSend, { author: "ada" })).toBe(false);
    await b.reload();
    expect(b.backend.lastPush.ok).toBe(true);
    expect(await client.query(canSend, { author: "ada" })).toBe(false);
    await expect(client.mutation(send, { author: "ada", title: "three" })).rejects.toThrow(/rate limited/);
  });

  it("keeps files a component stored across a restart and a crash, and exports the component's tables and files", async () => {
    const dir = project(VAULT_APP);
    const dataDir = path.join(dir, ".data");
    let b = await start(dir, dataDir);
    const fileId = await new ConvexHttpClient(b.url).action(put, { text: "kept across restarts" });
    // A crash: the data folder as it is before close() writes its final snapshot.
    const crashDir = path.join(dir, ".crash");
    fs.cpSync(dataDir, crashDir, { recursive: true });
    fs.rmSync(path.join(crashDir, "LOCK"));
    await b.close();
    for (const d of [dataDir, crashDir]) {
      b = await start(dir, d);
      expect(await new ConvexHttpClient(b.url).action(read, {}), d).toEqual(["kept across restarts"]);
      await b.close();
    }
    b = await start(dir, dataDir);
    const zip = unzipSync(
      new Uint8Array(
        await (
          await fetch(`${b.url}/api/admin/export`, { headers: { Authorization: `Convex ${b.adminKey}` } })
        ).arrayBuffer(),
      ),
    );
    const notes = strFromU8(zip["_components/vault/notes/documents.jsonl"])
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { file: string });
    expect(notes.map((n) => n.file)).toEqual([fileId]);
    expect(strFromU8(zip[`_components/vault/_storage/${fileId}`])).toBe("kept across restarts");
    expect(zip["_components/vault/_storage/documents.jsonl"]).toBeDefined();
  });

  it("imports a component's tables and files from an export, atomically with the app's, and keeps them across a restart", async () => {
    const dir = project(VAULT_APP);
    const source = await start(dir, path.join(dir, ".data"));
    const fileId = await new ConvexHttpClient(source.url).action(put, { text: "carried over" });
    const admin = (b: RunningBackend) => ({ Authorization: `Convex ${b.adminKey}` });
    const zip = new Uint8Array(
      await (await fetch(`${source.url}/api/admin/export`, { headers: admin(source) })).arrayBuffer(),
    );
    await source.close();
    const importZip = async (b: RunningBackend, body: Uint8Array) => {
      const res = await fetch(`${b.url}/api/admin/import?mode=replace`, {
        method: "POST",
        headers: admin(b),
        body: Buffer.from(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    const dataDir = path.join(dir, ".data-imported");
    let b = await start(dir, dataDir);
    expect(await new ConvexHttpClient(b.url).action(read, {})).toEqual([]);
    expect(await importZip(b, zip)).toEqual({
      status: 200,
      body: { committed: true, imported: { "vault/notes": 1, "vault/_storage": 1 } },
    });
    expect(await new ConvexHttpClient(b.url).action(read, {})).toEqual(["carried over"]);
    // Durable: the log record and the component's file bytes are on disk before the answer.
    const crashDir = path.join(dir, ".data-crash");
    fs.cpSync(dataDir, crashDir, { recursive: true });
    fs.rmSync(path.join(crashDir, "LOCK"));
    await b.close();
    for (const d of [dataDir, crashDir]) {
      b = await start(dir, d);
      expect(await new ConvexHttpClient(b.url).action(read, {}), d).toEqual(["carried over"]);
      await b.close();
    }
    b = await start(dir, dataDir);

    // A component document that breaks its schema fails the whole import: neither it nor the app's data lands.
    const entries = unzipSync(zip);
    entries["posts/documents.jsonl"] = strToU8('{"_id":"10;posts","_creationTime":1,"title":"x"}\n');
    entries["_components/vault/notes/documents.jsonl"] = strToU8(
      `${JSON.stringify({ _id: "20;notes", _creationTime: 2, file: 5 })}\n`,
    );
    const bad = await importZip(b, zipSync(entries));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/schema of component "vault".*notes/);
    expect(await new ConvexHttpClient(b.url).action(read, {})).toEqual(["carried over"]);
    expect(b.backend.engine.internals.documents().filter((d) => d._id.endsWith("posts"))).toEqual([]);
    await b.close();

    // Into a deployment without that component: refused, naming it, and nothing written.
    const plain = await start(project({ "convex/a.ts": "export const x = 1;" }));
    const refused = await importZip(plain, zip);
    expect(refused).toMatchObject({ status: 400, body: { message: expect.stringMatching(/component "vault"/) } });
    expect(fileId).toBeTruthy();
  });

  it("fails to start with an error naming convex.config.ts when a component cannot be found", async () => {
    const dir = project({
      "convex/convex.config.ts": `
        import { defineApp } from "convex/server";
        import nope from "@convex-dev/not-installed/convex.config.js";
        const app = defineApp(); app.use(nope); export default app;`,
      "convex/a.ts": `export const x = 1;`,
    });
    await expect(start(dir)).rejects.toThrow(
      /convex\.config\.ts.*Cannot find the component "@convex-dev\/not-installed\/convex\.config\.js"/s,
    );
  });

  it("fails to start with an error naming the file when app.use() is given something that is not a component", async () => {
    const dir = project({
      "convex/convex.config.ts": `
        import { defineApp } from "convex/server";
        const app = defineApp(); app.use({} as never); export default app;`,
    });
    await expect(start(dir)).rejects.toThrow(
      /convex\.config\.ts failed: .*app\.use\(\) was given something that is not an imported component definition/,
    );
  });
});
