/**
 * A step's cost must not grow with the batches before it: driven one batch per call (as the Convex shell runs it,
 * one mutation per batch), every call reads the same number of journal entries at batch 1 and at batch 200.
 */
import { describe, expect, it } from "vitest";
import { planWithRenames } from "../plan";
import { opt, req, schema, table, V } from "../../testing/model";
import { MemoryStore, rollbackMigration, runMigration, type MigrationStore } from ".";

/** The store, counting the journal entries each read returns. */
function counting(store: MemoryStore) {
  const reads = { entries: 0, copies: 0 };
  const view: MigrationStore = Object.create(store);
  view.readRunEntries = async (r) => {
    const out = await store.readRunEntries(r);
    reads.entries += out.length;
    return out;
  };
  view.readBatch = async (r, s, b) => {
    const out = await store.readBatch(r, s, b);
    if (out) reads.entries++;
    return out;
  };
  view.readStepProgress = async (r, s) => {
    const out = await store.readStepProgress(r, s);
    if (out) reads.entries++;
    return out;
  };
  view.readLastUndo = async (r) => {
    const out = await store.readLastUndo(r);
    if (out) reads.entries++;
    return out;
  };
  view.readCopiedIds = async (r, ids) => {
    const out = await store.readCopiedIds(r, ids);
    reads.copies += out.size;
    return out;
  };
  return { view, reads };
}

function setup(n: number) {
  const from = schema(
    table("posts", [req("title", V.string())]),
    table("likes", [req("post", V.id("posts")), opt("note", V.string())]),
  );
  const to = schema(
    table("articles", [req("title", V.string())]),
    table("likes", [req("post", V.id("articles")), req("note", V.string())]),
  );
  const store = new MemoryStore();
  const posts = store.seed(
    "posts",
    Array.from({ length: n }, (_, i) => ({ title: `p${i}` })),
  );
  store.seed(
    "likes",
    posts.map((post) => ({ post })),
  );
  const plan = planWithRenames(
    from,
    to,
    { tables: [{ from: "posts", to: "articles" }] },
    { defaults: { "likes.note": "-" } },
  );
  return { store, plan };
}

/** Runs one batch per call until done; returns the journal entries read by each call that wrote a batch. */
async function perCall(
  run: (signal: () => "run" | "pause") => Promise<string>,
  reads: { entries: number; copies: number },
  applied: () => number,
) {
  const costs: { entries: number; copies: number }[] = [];
  for (let calls = 0; calls < 10_000; calls++) {
    const before = { ...reads };
    const start = applied();
    const status = await run(() => (applied() > start ? "pause" : "run"));
    if (applied() > start)
      costs.push({ entries: reads.entries - before.entries, copies: reads.copies - before.copies });
    if (status !== "paused") return costs;
  }
  throw new Error("The run did not finish in 10,000 calls.");
}

describe("per-step cost", () => {
  it("reads as many journal entries at the last of 100 batches per step as at the second, running and rolling back 300 batches", async () => {
    const N = 100; // copy posts (100 batches of 1), backfill likes (100 batches), delete posts (100 batches)
    const { store, plan } = setup(N);
    const before = store.snapshot();
    const { view, reads } = counting(store);
    let batches = 0;
    const applyBatch = view.applyBatch.bind(view);
    view.applyBatch = async (w, m) => {
      batches++;
      return await applyBatch(w, m);
    };
    let t = 0;
    const costs = await perCall(
      async (signal) => (await runMigration(plan, view, { runId: "r", now: () => ++t, batchSize: 1, signal })).status,
      reads,
      () => batches,
    );
    expect(costs.length).toBeGreaterThanOrEqual(3 * N);
    // Batches of the same step cost the same, second to last (the first finds no marker of its own step yet); the
    // backfill also reads the one copy its page refers to.
    for (const step of [0, 1, 2]) {
      const own = costs.slice(step * N, (step + 1) * N);
      expect(new Set(own.slice(1).map((c) => c.entries)).size).toBe(1);
      expect(own[0].entries).toBeLessThanOrEqual(own[1].entries);
    }
    expect(costs.slice(N, 2 * N).every((c) => c.copies === 1)).toBe(true);
    expect(Math.max(...costs.map((c) => c.entries))).toBeLessThanOrEqual(8);
    expect(store.snapshot().likes.every((l) => String(l.post).startsWith("articles|"))).toBe(true);

    // Rollback one batch per call: each call reads the newest undo marker and one batch marker, plus the run's control entries.
    const undoCosts: number[] = [];
    for (let calls = 0; ; calls++) {
      const r0 = reads.entries;
      const b0 = batches;
      const crash = Object.create(view) as MigrationStore;
      crash.applyBatch = async (w, m) => {
        if (batches > b0) throw new Error("yield");
        return await view.applyBatch(w, m);
      };
      let finished = false;
      try {
        await rollbackMigration(plan, crash, { runId: "r", now: () => ++t });
        finished = true;
      } catch (e) {
        expect((e as Error).message).toBe("yield");
      }
      if (batches > b0) undoCosts.push(reads.entries - r0);
      if (finished) break;
      expect(calls).toBeLessThan(10_000);
    }
    expect(undoCosts.length).toBe(costs.length);
    expect(Math.max(...undoCosts) - Math.min(...undoCosts)).toBeLessThanOrEqual(1);
    expect(store.snapshot()).toStrictEqual(before);
  });
});
