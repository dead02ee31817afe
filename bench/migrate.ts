/**
 * Migration engine benchmarks: `npx tsx bench/migrate.ts [--docs N] [--backend-docs N] [--long-batches N] [--only plan,preflight,memory,backend,long]`.
 * Prints: plan time for 100 changed tables (goal < 200 ms), preflight throughput (goal ≥ 200k docs/s),
 * in-memory run throughput, backfill throughput on the embedded backend (goal ≥ 20k docs/s), and the per-step
 * cost of the app's own run (scheduled mutations) at its first and last batches of a long run (goal: flat).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ConvexHttpClient } from "convex/browser";
import { startBackend } from "../backend";
import { localSignIn } from "../backend/testing";
import type { FunctionReference } from "convex/server";
import { api, internal } from "../convex/_generated/api";
import {
  fixedResolver,
  MemoryStore,
  planMigration,
  planWithRenames,
  preflight,
  runMigration,
  type Doc,
  type MigrationStore,
} from "../lib/migrate";
import { opt, req, schema, table, V } from "../lib/testing/model";
import type { SchemaModel } from "../lib/schema/model";
import { embeddedStore } from "./lib/embedded-store";

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

function wideSchemas(tables: number): { from: SchemaModel; to: SchemaModel } {
  const from: SchemaModel = schema();
  const to: SchemaModel = schema();
  for (let i = 0; i < tables; i++) {
    const base = [
      req("title", V.string()),
      opt("count", V.string()),
      req("done", V.boolean()),
      opt("legacy", V.string()),
    ];
    for (let f = 0; f < 8; f++) base.push(opt(`extra${f}`, V.union(V.string(), V.number())));
    from.tables.push(table(`table${i}`, base, { by_title: ["title"] }));
    const next = [
      req("heading", V.string()),
      req("count", V.number()),
      req("done", V.union(V.boolean(), V.null())),
      req("status", V.union(V.literal("open"), V.literal("closed"))),
    ];
    for (let f = 0; f < 8; f++)
      next.push(opt(`extra${f}`, f % 2 ? V.string() : V.union(V.string(), V.number(), V.null())));
    to.tables.push(table(`table${i}`, next, { by_heading: ["heading"], by_status: ["status", "_creationTime"] }));
  }
  return { from, to };
}

async function benchPlan(): Promise<void> {
  const { from, to } = wideSchemas(100);
  const renames = Array.from({ length: 100 }, (_, i) => `table${i}.title->heading`);
  const defaults = Object.fromEntries(
    Array.from({ length: 100 }, (_, i) => [
      [`table${i}.status`, "open"],
      [`table${i}.count`, 0],
    ]).flat(),
  );
  for (let i = 0; i < 3; i++) await planMigration(from, to, { resolver: fixedResolver(renames), defaults }); // warm-up
  const times: number[] = [];
  let steps = 0;
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const plan = await planMigration(from, to, { resolver: fixedResolver(renames), defaults });
    times.push(performance.now() - t0);
    steps = plan.phases.reduce((n, p) => n + p.steps.length, 0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `plan, 100 changed tables (rename detection + diff + risks + 3 phases, ${steps} steps): median ${times[7].toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times[14].toFixed(1)} ms over 15 runs (goal < 200 ms)`,
  );
}

function usersSchemas() {
  const from = schema(
    table("users", [
      req("name", V.string()),
      opt("age", V.string()),
      req("email", V.string()),
      opt("legacy", V.string()),
      req("tags", V.array(V.string())),
      req("score", V.number()),
      opt("meta", V.object(opt("k", V.string()))),
    ]),
  );
  const to = schema(
    table("users", [
      req("fullName", V.string()),
      req("age", V.number()),
      req("email", V.string()),
      req("role", V.string()),
      req("tags", V.array(V.string())),
      req("score", V.number()),
      opt("meta", V.object(opt("k", V.string()))),
    ]),
  );
  const plan = planWithRenames(
    from,
    to,
    { fields: [{ table: "users", from: "name", to: "fullName" }] },
    { defaults: { "users.role": "member", "users.age": 0 } },
  );
  return { from, to, plan };
}

function makeDocs(n: number): Doc[] {
  return Array.from({ length: n }, (_, i) => ({
    _id: `users|${String(i).padStart(8, "0")}`,
    _creationTime: i,
    name: `user ${i}`,
    ...(i % 3 ? { age: String(i % 90) } : {}),
    email: `u${i}@x.io`,
    ...(i % 5 === 0 ? { legacy: "x" } : {}),
    tags: ["a", "b"],
    score: i * 0.5,
    ...(i % 2 ? { meta: { k: "v" } } : {}),
  }));
}

function benchPreflight(n: number): void {
  const { from, plan } = usersSchemas();
  const docs = makeDocs(n);
  const best = (f: () => boolean) => {
    let rate = 0;
    let ok = false;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      ok = f();
      rate = Math.max(rate, n / ((performance.now() - t0) / 1000));
    }
    return { rate, ok };
  };
  const plain = best(() => preflight(from, [["users", docs]]).ok);
  const planned = best(() => preflight(plan, [["users", docs]]).ok);
  console.log(
    `preflight, ${fmt(n)} docs (best of 3): validate only ${fmt(plain.rate)} docs/s (ok=${plain.ok}); with the plan's rename/convert/default backfills and unsets ${fmt(planned.rate)} docs/s (ok=${planned.ok}) (goal ≥ 200,000)`,
  );
}

async function benchMemoryRun(n: number): Promise<void> {
  const { from, plan } = usersSchemas();
  const store = new MemoryStore();
  store.seed(
    "users",
    makeDocs(n).map(({ _id, _creationTime, ...d }) => d),
  );
  await store.setSchema(from);
  let tick = 0;
  const t0 = performance.now();
  const res = await runMigration(plan, store, { runId: "bench", now: () => ++tick, batchSize: 1000 });
  const s = (performance.now() - t0) / 1000;
  console.log(
    `in-memory run, ${fmt(n)} docs (backup, backfill, unset, 3 schema pushes with validation): ${s.toFixed(2)} s, ${fmt(n / s)} docs/s (${res.status})`,
  );
}

/**
 * The app's migration run (convex/migrations/runs.ts on the embedded backend): 10-document batches, one scheduled
 * mutation each. Per-step cost from the run log's timestamps (batch k is logged at the end of step k).
 */
async function benchLongRun(batches: number): Promise<void> {
  const root = path.resolve(import.meta.dirname, "..");
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "sa-migrate-long-"));
  const running = await startBackend({
    projectDir: root,
    dataDir,
    port: 0,
    env: { SCHEMA_ASSISTANT_DEMO: "0" },
    log: () => undefined,
  });
  try {
    const adminHeaders = { Authorization: `Convex ${running.adminKey}`, "Content-Type": "application/json" };
    const user = new ConvexHttpClient(running.url);
    user.setAuth((await localSignIn(running.url, { name: "Bench", email: "bench@example.com" })).token);
    const admin = new ConvexHttpClient(running.url);
    (admin as unknown as { setAdminAuth(key: string): void }).setAdminAuth(running.adminKey);
    await user.mutation(api.team.users.ensure, {});
    const created = await user.action(api.projects.projectsNode.create, {
      name: "Long run",
      files: [
        {
          path: "convex/schema.ts",
          content: `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ tasks: defineTable({ title: v.string() }) });\n`,
        },
      ],
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const docs = Array.from({ length: batches * 10 }, (_, i) => ({
      _id: `tasks:${i}`,
      _creationTime: 1_700_000_000_000 + i,
      title: `Task ${i}`,
    }));
    // The admin key may call internal functions; ConvexHttpClient's types admit only public ones.
    const insertBatch = internal.migrations.sandbox.insertBatch as unknown as FunctionReference<
      "mutation",
      "public",
      { projectId: typeof created.projectId; table: string; docs: Record<string, unknown>[] }
    >;
    for (let i = 0; i < docs.length; i += 1000)
      await admin.mutation(insertBatch, {
        projectId: created.projectId,
        table: "tasks",
        docs: docs.slice(i, i + 1000),
      });
    const proposed = await user.action(api.schemaVersions.proposalsNode.fromOperations, {
      projectId: created.projectId,
      operations: [
        { op: "addField", table: "tasks", field: { name: "priority", validator: { kind: "string" }, optional: false } },
      ],
      summary: "Required priority",
    });
    if (!proposed.ok) throw new Error(proposed.errors.join(" "));
    await user.mutation(api.schemaVersions.proposals.approve, { versionId: proposed.versionId });
    const [plan] = await user.query(api.migrations.plans.list, { projectId: created.projectId });
    await user.mutation(api.migrations.plans.setDefault, {
      planId: plan._id,
      key: "tasks.priority",
      valueJson: JSON.stringify("medium"),
    });
    while ((await user.query(api.migrations.plans.get, { planId: plan._id }))?.preflight?.status !== "done")
      await new Promise((r) => setTimeout(r, 50));
    await user.mutation(api.migrations.plans.approve, { planId: plan._id });
    const runId = await user.mutation(api.migrations.runs.start, { planId: plan._id, batchSize: 10 });
    for (;;) {
      const run = await user.query(api.migrations.runs.get, { runId });
      if (run?.status !== "running") {
        if (run?.status !== "completed") throw new Error(`The run ended ${run?.status}: ${run?.error ?? ""}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    // Batch log lines, in order: "…: batch k, …".
    const at: number[] = [];
    for (let cursor = ""; ; ) {
      const res = await fetch(
        `${running.url}/api/admin/tables/migrationRunLog/documents?limit=1000${cursor ? `&cursor=${cursor}` : ""}`,
        { headers: adminHeaders },
      );
      const body = (await res.json()) as {
        page: Array<{ runId: string; message: string; at: number }>;
        continueCursor: string;
        isDone: boolean;
      };
      for (const l of body.page) if (l.runId === runId && /: batch \d+,/.test(l.message)) at.push(l.at);
      if (body.isDone) break;
      cursor = body.continueCursor;
    }
    const steps = at.slice(1).map((t, i) => t - at[i]);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const k = Math.min(20, Math.floor(steps.length / 2));
    const deciles = Array.from({ length: 10 }, (_, w) =>
      median(steps.slice(Math.floor((w * steps.length) / 10), Math.floor(((w + 1) * steps.length) / 10))),
    );
    console.log(
      `app run on the embedded backend, ${fmt(docs.length)} docs in ${at.length} batches of 10 (one scheduled mutation each): per-step wall time, median of batches 2–${k + 1} ${median(steps.slice(0, k)).toFixed(1)} ms vs batches ${at.length - k + 1}–${at.length} ${median(steps.slice(-k)).toFixed(1)} ms; by tenth of the run (ms): ${deciles.join(" ")}`,
    );
  } finally {
    await running.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  await benchJournalReads(batches);
}

/** Journal entries one step reads, driven one batch per call as the app runs it (memory store, counted reads). */
async function benchJournalReads(batches: number): Promise<void> {
  const from = schema(table("tasks", [req("title", V.string())]));
  const to = schema(table("tasks", [req("title", V.string()), req("priority", V.string())]));
  const plan = planWithRenames(from, to, {}, { defaults: { "tasks.priority": "medium" } });
  const store = new MemoryStore();
  store.seed(
    "tasks",
    Array.from({ length: batches * 10 }, (_, i) => ({ title: `t${i}` })),
  );
  let reads = 0;
  const counted: MigrationStore = Object.create(store);
  counted.readRunEntries = async (r) => {
    const out = await store.readRunEntries(r);
    reads += out.length;
    return out;
  };
  counted.readStepProgress = async (r, st) => {
    const out = await store.readStepProgress(r, st);
    reads += out ? 1 : 0;
    return out;
  };
  counted.readBatch = async (r, st, b) => {
    const out = await store.readBatch(r, st, b);
    reads += out ? 1 : 0;
    return out;
  };
  let applied = 0;
  counted.applyBatch = async (w, m) => {
    applied++;
    return await store.applyBatch(w, m);
  };
  const perBatch: number[] = [];
  let tick = 0;
  for (let status = "paused"; status === "paused"; ) {
    const [r0, a0] = [reads, applied];
    status = (
      await runMigration(plan, counted, {
        runId: "long",
        now: () => ++tick,
        batchSize: 10,
        signal: () => (applied > a0 ? "pause" : "run"),
      })
    ).status;
    if (applied > a0) perBatch.push(reads - r0);
  }
  const n = perBatch.length;
  console.log(
    `  journal entries read per step (same run shape on the memory store, counted): batch 1 ${perBatch[0]}, batch 2 ${perBatch[1]}, batch ${n >> 1} ${perBatch[(n >> 1) - 1]}, batch ${n} ${perBatch[n - 1]} (re-reading the journal would grow to ${fmt(store.journal.length)})`,
  );
}

async function benchBackend(n: number): Promise<void> {
  const { from, to, plan } = usersSchemas();
  const docs = makeDocs(n).map(({ _id, _creationTime, ...d }) => d);
  const { store, close } = await embeddedStore(from, "users", docs);
  try {
    let tick = 0;
    const steps: Record<string, number> = {};
    let last = performance.now();
    const t0 = last;
    const res = await runMigration(plan, store, {
      runId: "bench",
      now: () => ++tick,
      batchSize: 1000,
      onEvent: (e) => {
        const t = performance.now();
        const key = e.type === "progress" ? e.stepId.split("/")[2] : e.type;
        steps[key] = (steps[key] ?? 0) + (t - last);
        last = t;
      },
    });
    const s = (performance.now() - t0) / 1000;
    const backfillS = (steps.backfill ?? 0) / 1000;
    // The admin API's own cost, for comparison: pages (each re-reads the table) and one batch of plain patches.
    const t1 = performance.now();
    for (let cursor: string | null = null; ; ) {
      const page = await store.page("users", cursor, 1000);
      if (page.isDone) break;
      cursor = page.cursor;
    }
    const readS = (performance.now() - t1) / 1000;
    console.log(
      `embedded backend, ${fmt(n)} docs: whole run ${s.toFixed(2)} s (${res.status}${res.error ? `: ${res.error}` : ""}); backfill ${fmt(n / backfillS)} docs/s, unset ${fmt(n / ((steps.unsetFields ?? 1) / 1000))} docs/s (goal ≥ 20,000)`,
    );
    console.log(
      `  by unit (ms): ${Object.entries(steps)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(", ")}; admin API read of the table alone: ${fmt(n / readS)} docs/s`,
    );
    void to;
  } finally {
    await close();
  }
}

const only = process.argv.includes("--only")
  ? new Set(process.argv[process.argv.indexOf("--only") + 1].split(","))
  : null;
const wanted = (name: string) => only === null || only.has(name);
if (wanted("plan")) await benchPlan();
if (wanted("preflight")) benchPreflight(arg("docs", 500_000));
if (wanted("memory")) await benchMemoryRun(arg("run-docs", 100_000));
if (wanted("backend")) await benchBackend(arg("backend-docs", 20_000));
if (wanted("long")) await benchLongRun(arg("long-batches", 200));
