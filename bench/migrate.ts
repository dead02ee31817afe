/**
 * Migration engine benchmarks: `npx tsx bench/migrate.ts [--docs N] [--backend-docs N]`.
 * Prints: plan time for 100 changed tables (goal < 200 ms), preflight throughput (goal ≥ 200k docs/s),
 * in-memory run throughput, and backfill throughput on the embedded backend (goal ≥ 20k docs/s).
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { startBackend } from "../backend";
import { BackendStore } from "../cli/migrate-backend-store";
import { fixedResolver, MemoryStore, planMigration, planWithRenames, preflight, runMigration, type Doc } from "../lib/migrate";
import { opt, req, schema, table, V } from "../lib/migrate/testkit";
import type { SchemaModel } from "../lib/schema/model";
import { printSchema } from "../lib/schema/print";

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

function wideSchemas(tables: number): { from: SchemaModel; to: SchemaModel } {
  const from: SchemaModel = schema();
  const to: SchemaModel = schema();
  for (let i = 0; i < tables; i++) {
    const base = [req("title", V.string()), opt("count", V.string()), req("done", V.boolean()), opt("legacy", V.string())];
    for (let f = 0; f < 8; f++) base.push(opt(`extra${f}`, V.union(V.string(), V.number())));
    from.tables.push(table(`table${i}`, base, { by_title: ["title"] }));
    const next = [req("heading", V.string()), req("count", V.number()), req("done", V.union(V.boolean(), V.null())), req("status", V.union(V.literal("open"), V.literal("closed")))];
    for (let f = 0; f < 8; f++) next.push(opt(`extra${f}`, f % 2 ? V.string() : V.union(V.string(), V.number(), V.null())));
    to.tables.push(table(`table${i}`, next, { by_heading: ["heading"], by_status: ["status", "_creationTime"] }));
  }
  return { from, to };
}

async function benchPlan(): Promise<void> {
  const { from, to } = wideSchemas(100);
  const renames = Array.from({ length: 100 }, (_, i) => `table${i}.title->heading`);
  const defaults = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [[`table${i}.status`, "open"], [`table${i}.count`, 0]]).flat());
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
  console.log(`plan, 100 changed tables (rename detection + diff + risks + 3 phases, ${steps} steps): median ${times[7].toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times[14].toFixed(1)} ms over 15 runs (goal < 200 ms)`);
}

function usersSchemas() {
  const from = schema(table("users", [req("name", V.string()), opt("age", V.string()), req("email", V.string()), opt("legacy", V.string()), req("tags", V.array(V.string())), req("score", V.number()), opt("meta", V.object(opt("k", V.string())))]));
  const to = schema(table("users", [req("fullName", V.string()), req("age", V.number()), req("email", V.string()), req("role", V.string()), req("tags", V.array(V.string())), req("score", V.number()), opt("meta", V.object(opt("k", V.string())))]));
  const plan = planWithRenames(from, to, { fields: [{ table: "users", from: "name", to: "fullName" }] }, { defaults: { "users.role": "member", "users.age": 0 } });
  return { from, to, plan };
}

function makeDocs(n: number): Doc[] {
  return Array.from({ length: n }, (_, i) => ({
    _id: `users|${String(i).padStart(8, "0")}`, _creationTime: i, name: `user ${i}`, ...(i % 3 ? { age: String(i % 90) } : {}), email: `u${i}@x.io`,
    ...(i % 5 === 0 ? { legacy: "x" } : {}), tags: ["a", "b"], score: i * 0.5, ...(i % 2 ? { meta: { k: "v" } } : {}),
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
  console.log(`preflight, ${fmt(n)} docs (best of 3): validate only ${fmt(plain.rate)} docs/s (ok=${plain.ok}); with the plan's rename/convert/default backfills and unsets ${fmt(planned.rate)} docs/s (ok=${planned.ok}) (goal ≥ 200,000)`);
}

async function benchMemoryRun(n: number): Promise<void> {
  const { from, plan } = usersSchemas();
  const store = new MemoryStore();
  store.seed("users", makeDocs(n).map(({ _id, _creationTime, ...d }) => d));
  await store.setSchema(from);
  let tick = 0;
  const t0 = performance.now();
  const res = await runMigration(plan, store, { runId: "bench", now: () => ++tick, batchSize: 1000 });
  const s = (performance.now() - t0) / 1000;
  console.log(`in-memory run, ${fmt(n)} docs (backup, backfill, unset, 3 schema pushes with validation): ${s.toFixed(2)} s, ${fmt(n / s)} docs/s (${res.status})`);
}

async function benchBackend(n: number): Promise<void> {
  const { from, to, plan } = usersSchemas();
  const dir = await mkdtemp(path.join(os.tmpdir(), "sa-migrate-bench-"));
  await mkdir(path.join(dir, "convex"));
  await writeFile(path.join(dir, "convex/schema.ts"), printSchema(from));
  const running = await startBackend({ projectDir: dir, port: 0, log: () => undefined });
  try {
    const docs = makeDocs(n).map(({ _id, _creationTime, ...d }) => d);
    for (let i = 0; i < docs.length; i += 1000) {
      const writes = docs.slice(i, i + 1000).map((value) => ({ op: "insert", table: "users", value }));
      const res = await fetch(`${running.url}/api/admin/write`, { method: "POST", headers: { Authorization: `Convex ${running.adminKey}`, "Content-Type": "application/json" }, body: JSON.stringify({ writes }) });
      if (!res.ok) throw new Error(await res.text());
    }
    const store = new BackendStore({
      url: running.url, adminKey: running.adminKey, backupDir: path.join(dir, "backups"),
      pushSchema: async (m) => {
        await writeFile(path.join(dir, "convex/schema.ts"), printSchema(m));
        await running.reload();
        if (!running.backend.lastPush.ok) throw new Error(running.backend.lastPush.message);
      },
    });
    let tick = 0;
    const steps: Record<string, number> = {};
    let last = performance.now();
    const t0 = last;
    const res = await runMigration(plan, store, {
      runId: "bench", now: () => ++tick, batchSize: 1000,
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
    console.log(`embedded backend, ${fmt(n)} docs: whole run ${s.toFixed(2)} s (${res.status}${res.error ? `: ${res.error}` : ""}); backfill ${fmt(n / backfillS)} docs/s, unset ${fmt(n / ((steps.unsetFields ?? 1) / 1000))} docs/s (goal ≥ 20,000)`);
    console.log(`  by unit (ms): ${Object.entries(steps).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(", ")}; admin API read of the table alone: ${fmt(n / readS)} docs/s`);
    void to;
  } finally {
    await running.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await benchPlan();
benchPreflight(arg("docs", 500_000));
await benchMemoryRun(arg("run-docs", 100_000));
await benchBackend(arg("backend-docs", 20_000));
