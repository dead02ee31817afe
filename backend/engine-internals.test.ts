import path from "node:path";
import { convexTest } from "convex-test";
import {
  defineSchema,
  defineTable,
  makeFunctionReference,
  mutationGeneric,
  queryGeneric,
  type FunctionReference,
} from "convex/server";
import { v } from "convex/values";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  EngineInternals,
  counterOfId,
  makeId,
  syscallFastPathReady,
  tableOfId,
  trackReads,
  type CommitRecord,
  type ReadTracker,
} from "./engine-internals.js";
import { disposeProject, loadProject } from "./loader.js";

const project = await loadProject(path.join(import.meta.dirname, "testdata", "basic"));
afterAll(() => disposeProject(project));
const send = makeFunctionReference<"mutation">("messages:send");
const list = makeFunctionReference<"query">("messages:list");

function engine() {
  const commits: CommitRecord[] = [];
  const stored: string[] = [];
  const t = convexTest(project.schema as never, project.modules as never);
  const internals = EngineInternals.attach(t, {
    onCommit: (r) => commits.push(r),
    onStoreFile: (id) => stored.push(id),
    storageUrl: (id) => `http://local/api/storage/${id}`,
    uploadUrl: () => "http://local/upload",
  });
  return { t, internals, commits, stored };
}

describe("engine internals (convex-test 0.0.60)", () => {
  it("passes its self-test and parses ids", () => {
    const { internals } = engine();
    expect(() => internals.selfTest()).not.toThrow();
    const id = makeId("messages", 10042);
    expect(id).toHaveLength(32);
    expect(tableOfId(id)).toBe("messages");
    expect(counterOfId(id)).toBe(10042);
    expect(counterOfId("kg2abc")).toBeNull();
  });

  it("reports each top-level commit with its final documents", async () => {
    const { t, internals, commits } = engine();
    const id = await t.mutation(send, { author: "a", body: "x" });
    const last = commits[commits.length - 1];
    expect(last.ts).toBe(internals.lastCommitTs);
    expect(last.writes).toEqual([{ id, table: "messages", doc: expect.objectContaining({ _id: id, body: "x" }) }]);
    await expect(t.mutation(send, { author: "a", body: "boom" })).rejects.toThrow();
    expect(commits[commits.length - 1]).toBe(last); // a rolled-back mutation reports nothing
  });

  it("round-trips state with ids, counters and commit timestamp", async () => {
    const a = engine();
    const ids = [
      await a.t.mutation(send, { author: "a", body: "1" }),
      await a.t.mutation(send, { author: "b", body: "2" }),
    ];
    const state = a.internals.exportState();
    const b = engine();
    b.internals.importState(state);
    expect(b.internals.lastCommitTs).toBe(a.internals.lastCommitTs);
    expect((await b.t.query(list, {})).map((d: { _id: string }) => d._id)).toEqual(ids);
    const next = await b.t.mutation(send, { author: "c", body: "3" });
    expect(counterOfId(next)).toBe(Math.max(...ids.map((i) => counterOfId(i)!)) + 1);
  });

  it("replays commit records", async () => {
    const a = engine();
    await a.t.mutation(send, { author: "a", body: "1" });
    const doomed = await a.t.mutation(send, { author: "a", body: "2" });
    await a.t.run(async (ctx) => ctx.db.delete(doomed as never));
    const b = engine();
    for (const c of a.commits) b.internals.applyCommit(c);
    expect(b.internals.exportDocuments("messages").map((d) => d.body)).toEqual(["1"]);
  });

  it("answers queries like convex-test's own table scan, including pending writes", async () => {
    const { t } = engine();
    for (let i = 0; i < 5; i++) await t.mutation(send, { author: i % 2 ? "odd" : "even", body: String(i) });
    await t.mutation(makeFunctionReference<"mutation">("counters:increment"), { name: "c" });
    const seen = await t.run(async (ctx) => {
      const db = ctx.db as never as {
        insert(t: string, v: unknown): Promise<string>;
        query(t: string): { collect(): Promise<Array<{ body: string }>> };
      };
      await db.insert("messages", { author: "odd", body: "pending" });
      return (await db.query("messages").collect()).map((d) => d.body);
    });
    expect(seen).toEqual(["0", "1", "2", "3", "4", "pending"]);
    expect((await t.query(list, { author: "odd" })).map((d: { body: string }) => d.body)).toEqual([
      "1",
      "3",
      "pending",
    ]);
  });

  it("tracks tables, indexes, scanned and returned documents per call", async () => {
    const { t } = engine();
    for (let i = 0; i < 4; i++) await t.mutation(send, { author: i < 3 ? "x" : "y", body: String(i) });
    const tracker: ReadTracker = { tables: new Set(), reads: [] };
    await trackReads(tracker, () => t.query(list, { author: "x" }));
    expect([...tracker.tables]).toEqual(["messages"]);
    expect(tracker.reads).toEqual([{ table: "messages", index: "by_author", scanned: 3, returned: 3 }]);
    const filtered: ReadTracker = { tables: new Set(), reads: [] };
    await trackReads(filtered, () => t.query(makeFunctionReference<"query">("messages:byBodyFilter"), { body: "1" }));
    expect(filtered.reads).toEqual([{ table: "messages", index: null, scanned: 4, returned: 1 }]);
  });

  it("counts rows scanned by a filtered paginated query", async () => {
    const { t } = engine();
    for (const author of ["x", "y", "y", "x", "y", "x"]) await t.mutation(send, { author, body: author });
    const tracker: ReadTracker = { tables: new Set(), reads: [] };
    const page = makeFunctionReference<"query">("messages:pageByAuthor");
    const first = await trackReads(tracker, () =>
      t.query(page, { author: "x", paginationOpts: { numItems: 2, cursor: null } }),
    );
    expect(first.page).toHaveLength(2);
    // The page ends at the second "x" (4th document): 4 rows read to return 2.
    expect(tracker.reads).toEqual([{ table: "messages", index: null, scanned: 4, returned: 2 }]);
    const rest: ReadTracker = { tables: new Set(), reads: [] };
    await trackReads(rest, () =>
      t.query(page, { author: "x", paginationOpts: { numItems: 2, cursor: first.continueCursor } }),
    );
    expect(rest.reads).toEqual([{ table: "messages", index: null, scanned: 2, returned: 1 }]);
  });

  it("retire() leaves a replaced engine with no documents", async () => {
    const { t, internals } = engine();
    await t.mutation(send, { author: "a", body: "1" });
    internals.retire();
    expect(await t.query(list, {})).toEqual([]);
  });

  it("pages a table by id cursor, stable under deletes and inserts", async () => {
    const { t, internals } = engine();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await t.mutation(send, { author: "a", body: String(i) }));
    await t.mutation(makeFunctionReference<"mutation">("counters:increment"), { name: "c" });
    const p1 = internals.pageDocuments("messages", null, 3);
    expect(p1.page.map((d) => d.body)).toEqual(["0", "1", "2"]);
    expect(p1).toMatchObject({ isDone: false, total: 7 });
    // Delete the cursor document and the next one, add one at the end: the scan neither skips nor repeats.
    await t.run(async (ctx) => {
      await ctx.db.delete(ids[2] as never);
      await ctx.db.delete(ids[3] as never);
    });
    await t.mutation(send, { author: "a", body: "7" });
    const p2 = internals.pageDocuments("messages", p1.page[2]._id, 3);
    expect(p2.page.map((d) => d.body)).toEqual(["4", "5", "6"]);
    const p3 = internals.pageDocuments("messages", p2.page[2]._id, 3);
    expect(p3).toMatchObject({ isDone: true, total: 6 });
    expect(p3.page.map((d) => d.body)).toEqual(["7"]);
    expect(internals.idAtOffset("messages", 2)).toBe(ids[4]);
    expect(internals.pageDocuments("counters", null, 10).page).toHaveLength(1);
  });

  it("stages a batch of writes in one transaction: one commit, fields unset, nothing written on error", async () => {
    const { t, internals, commits } = engine();
    const a = (await t.run(async (ctx) =>
      ctx.db.insert("messages" as never, { author: "a", body: "1", channel: "c" } as never),
    )) as string;
    const b = await t.mutation(send, { author: "b", body: "2" });
    const before = commits.length;
    const results = await t.run(async () =>
      internals.stageWrites([
        { op: "patch", id: a, set: { body: "one" }, unset: ["channel"] },
        { op: "replace", id: b, value: { author: "b", body: "two", channel: "x" } },
        { op: "insert", table: "messages", value: { author: "n", body: "3" } },
      ]),
    );
    expect(commits.length).toBe(before + 1);
    expect(commits.at(-1)!.writes.map((w) => w.id)).toEqual(results);
    const docs = internals.exportDocuments("messages");
    expect(docs.map(({ _id, _creationTime, ...rest }) => rest)).toEqual([
      { author: "a", body: "one" },
      { author: "b", body: "two", channel: "x" },
      { author: "n", body: "3" },
    ]);
    await expect(
      t.run(async () =>
        internals.stageWrites([
          { op: "delete", id: a },
          { op: "patch", id: b, set: { body: 2 } },
        ]),
      ),
    ).rejects.toThrow(/^writes\[1\] \(patch ".*messages"\): Validator error: Expected `string`, got `2`/);
    await expect(
      t.run(async () =>
        internals.stageWrites([
          { op: "delete", id: a },
          { op: "delete", id: makeId("messages", 99999) },
        ]),
      ),
    ).rejects.toThrow(/writes\[1\].*no document with id/);
    expect(internals.exportDocuments("messages")).toEqual(docs);
    expect(commits.length).toBe(before + 1);
  });

  it("validates like convex-test (fast path for valid documents, convex-test's errors otherwise)", () => {
    const schema = defineSchema({
      things: defineTable({
        u: v.union(v.string(), v.number(), v.null()),
        tags: v.optional(v.array(v.union(v.literal("a"), v.int64(), v.object({ k: v.optional(v.id("things")) })))),
        r: v.optional(v.record(v.string(), v.number())),
        any: v.optional(v.any()),
        b: v.optional(v.bytes()),
      }),
    });
    const t = convexTest(schema as never, project.modules as never);
    const internals = EngineInternals.attach(t, {
      onCommit: () => undefined,
      onStoreFile: () => undefined,
      storageUrl: (id) => id,
      uploadUrl: () => "",
    });
    const ok: Array<Record<string, unknown>> = [
      { u: "s" },
      { u: null, tags: ["a", 5n, {}, { k: makeId("things", 10001) }] },
      { u: 1, r: { x: 1 }, any: { $weird: [1] }, b: new ArrayBuffer(2) },
    ];
    for (const doc of ok)
      expect(() => internals.validate("things", doc), JSON.stringify(Object.keys(doc))).not.toThrow();
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{}, /Missing required field `u`/],
      [{ u: true }, /Expected one of string, number, null, got `true`/],
      [{ u: "s", extra: 1 }, /Unexpected field `extra`/],
      [{ u: "s", tags: ["b"] }, /Expected one of literal, bigint, object/],
      [{ u: "s", tags: [{ k: makeId("other", 10001) }] }, /Expected one of/],
      [{ u: "s", tags: [5] }, /Expected one of/],
    ];
    for (const [doc, message] of bad)
      expect(() => internals.validate("things", doc), JSON.stringify(doc)).toThrow(message);
  });

  it("tags a component's writes with its path, round-trips and replays its state, and keeps data of a component no longer installed", async () => {
    const tickerSchema = defineSchema({ ticks: defineTable({ n: v.number() }) });
    const tickerModules = {
      "./_generated/root.js": async () => ({}),
      "./ticks.js": async () => ({
        tick: mutationGeneric({ args: {}, handler: async (ctx) => await ctx.db.insert("ticks", { n: 1 }) }),
        count: queryGeneric({ args: {}, handler: async (ctx) => (await ctx.db.query("ticks").collect()).length }),
      }),
    };
    // Function handles (strings) address a component's functions; convex-test's accessors accept them.
    const tick = "function://ticker;ticks:tick" as unknown as FunctionReference<
      "mutation",
      "public",
      Record<string, never>,
      string
    >;
    const count = "function://ticker;ticks:count" as unknown as FunctionReference<
      "query",
      "public",
      Record<string, never>,
      number
    >;
    const withTicker = () => {
      const commits: CommitRecord[] = [];
      const t = convexTest(project.schema as never, project.modules as never);
      t.registerComponent("ticker", tickerSchema as never, tickerModules);
      const internals = EngineInternals.attach(t, {
        onCommit: (r) => commits.push(r),
        onStoreFile: () => undefined,
        storageUrl: (id) => id,
        uploadUrl: () => "",
      });
      return { t, internals, commits };
    };
    const a = withTicker();
    expect(() => a.internals.selfTest()).not.toThrow();
    const id = await a.t.mutation(tick, {});
    await a.t.mutation(send, { author: "a", body: "app" });
    const [mine, app] = a.commits.filter((c) => c.writes.length > 0);
    expect(mine.writes).toEqual([
      { id, table: "ticks", doc: expect.objectContaining({ _id: id, n: 1 }), component: "ticker" },
    ]);
    expect(mine.componentNextDocIds).toEqual({ ticker: counterOfId(id)! + 1 });
    expect(app.writes.map((w) => w.component)).toEqual([undefined]);
    expect(app.componentNextDocIds).toBeUndefined();
    expect(a.internals.documents()).toHaveLength(1); // the app's message only: the component's table is its own

    const state = a.internals.exportState();
    const b = withTicker();
    b.internals.importState(state);
    expect(await b.t.query(count, {})).toBe(1);
    expect(counterOfId(await b.t.mutation(tick, {}))).toBe(counterOfId(id)! + 1);

    const replayed = withTicker();
    replayed.internals.importState({ documents: [], nextDocId: 0, lastCreationTime: 0, lastCommitTs: "0" });
    for (const r of a.commits) replayed.internals.applyCommit(r);
    expect(await replayed.t.query(count, {})).toBe(1);

    const { internals: without } = engine();
    without.importState(state);
    expect(without.componentPaths()).toEqual({ installed: [], notInstalled: ["ticker"] });
    expect(without.exportState().components).toEqual(state.components);
  });

  it("serves document syscalls (insert, patch, get, page, stream) with convex-test's results, errors and transaction metrics", async () => {
    const schema = defineSchema({
      items: defineTable({ n: v.number(), s: v.optional(v.string()), extra: v.optional(v.any()) }).index("by_n", ["n"]),
    });
    const ref = <K extends "query" | "mutation">(name: string) =>
      makeFunctionReference<K>(`items:${name}`) as unknown as FunctionReference<K, "public", Record<string, unknown>>;
    const modules = {
      "./_generated/root.js": async () => ({}),
      "./items.js": async () => ({
        work: mutationGeneric({
          args: {},
          handler: async (ctx) => {
            const ids = [];
            for (let n = 0; n < 6; n++)
              ids.push(await ctx.db.insert("items", { n, s: `é${n}`, extra: n === 0 ? { big: 2n, a: [1, "x"] } : n }));
            await ctx.db.patch(ids[1], { s: "changed — ü", extra: { nested: [null, true] } });
            await ctx.db.patch(ids[2], { s: undefined, n: 10 });
            await ctx.db.patch(ids[3], { _id: ids[3], extra: 3n });
            const got = [await ctx.db.get(ids[1]), await ctx.db.get(ids[2])];
            const streamed = await ctx.db.query("items").withIndex("by_n").take(3);
            const metrics = await ctx.meta.getTransactionMetrics();
            return { got, streamed, metrics };
          },
        }),
        page: queryGeneric({
          args: { cursor: v.union(v.string(), v.null()), rows: v.optional(v.number()), bytes: v.optional(v.number()) },
          handler: async (ctx, { cursor, rows, bytes }) => {
            const res = await ctx.db
              .query("items")
              .withIndex("by_n", (q) => q.gte("n", 1))
              .paginate({ cursor, numItems: 3, maximumRowsRead: rows, maximumBytesRead: bytes });
            return { res, metrics: await ctx.meta.getTransactionMetrics() };
          },
        }),
        twice: queryGeneric({
          args: {},
          handler: async (ctx) => {
            await ctx.db.query("items").paginate({ cursor: null, numItems: 1 });
            await ctx.db.query("items").paginate({ cursor: null, numItems: 1 });
          },
        }),
        patchBad: mutationGeneric({
          args: { id: v.string(), other: v.string() },
          handler: async (ctx, { id, other }) => {
            await ctx.db.patch(id as never, { _id: other });
          },
        }),
        patchGone: mutationGeneric({
          args: { id: v.string() },
          handler: async (ctx, { id }) => {
            await ctx.db.delete(id as never);
            await ctx.db.patch(id as never, { n: 1 });
          },
        }),
        patchInvalid: mutationGeneric({
          args: { id: v.string() },
          handler: async (ctx, { id }) => {
            await ctx.db.patch(id as never, { n: "not a number" });
          },
        }),
      }),
    };
    const run = async (attached: boolean) => {
      const t = convexTest(schema as never, modules as never);
      if (attached)
        EngineInternals.attach(t, {
          onCommit: () => undefined,
          onStoreFile: () => undefined,
          storageUrl: (id) => id,
          uploadUrl: () => "",
        });
      const out: unknown[] = [];
      const settle = async (p: Promise<unknown>) => {
        try {
          return { ok: await p };
        } catch (e) {
          return { error: (e as Error).message };
        }
      };
      const work = (await t.mutation(ref<"mutation">("work"), {})) as { got: Array<{ _id: string }> };
      out.push(work);
      const page = ref<"query">("page");
      const first = (await t.query(page, { cursor: null })) as { res: { continueCursor: string } };
      out.push(first, await t.query(page, { cursor: first.res.continueCursor }));
      out.push(await t.query(page, { cursor: null, rows: 2 }), await t.query(page, { cursor: null, bytes: 100 }));
      out.push(await settle(t.query(ref<"query">("twice"), {})));
      const [a, b] = work.got.map((d) => d._id);
      out.push(await settle(t.mutation(ref<"mutation">("patchBad"), { id: a, other: b })));
      out.push(await settle(t.mutation(ref<"mutation">("patchGone"), { id: a })));
      out.push(await settle(t.mutation(ref<"mutation">("patchInvalid"), { id: b })));
      out.push(await t.query(page, { cursor: null }));
      return out;
    };
    // The same clock for both (creation times are in documents and cursors).
    vi.useFakeTimers({ toFake: ["Date"], now: 1_700_000_000_000 });
    const fast = await run(true).finally(() => vi.useRealTimers());
    vi.useFakeTimers({ toFake: ["Date"], now: 1_700_000_000_000 });
    const plain = await run(false).finally(() => vi.useRealTimers());
    expect(fast).toEqual(plain);
    expect(syscallFastPathReady()).toBe(true);
    const text = JSON.stringify(fast, (_k, x) => (typeof x === "bigint" ? `${x}n` : x));
    expect(text).toContain("SplitRequired");
    expect(text).toContain("Only a single paginated query");
    expect(text).toContain("Patch on non-existent document");
  });
});
