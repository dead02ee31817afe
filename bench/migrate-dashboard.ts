/**
 * A migration run as the dashboard does it: `npx tsx bench/migrate-dashboard.ts [--docs 20000] [--batch 50]`.
 * The app's own run (convex/migrations/runs.ts, scheduled steps) over a project's sandbox on the embedded backend,
 * with a WebSocket client subscribed to what the Migrations page shows while a run goes (plans, plan detail, history,
 * sandbox counts, the run with its log). Prints docs/s for the whole run, without and with the page open, and
 * what one re-run of each subscribed query costs. Goal: ≥ 5,000 docs/s at 20,000 documents.
 * The machine is shared and noisy, so each figure is printed next to a baseline measured in the same process just
 * before: the same engine (lib/migrate's runMigration), change and documents on an embedded backend directly,
 * through the CLI's admin-API store in batches of 1,000 (no scheduled steps, sandbox rows or app-table journal).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Session } from "node:inspector/promises";
import { performance } from "node:perf_hooks";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import type { FunctionReference } from "convex/server";
import WebSocket from "ws";
import { startBackend } from "../backend";
import { localSignIn } from "../backend/testing";
import { api, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { fixedResolver, planMigration, runMigration } from "../lib/migrate";
import { embeddedStore } from "./lib/embedded-store";
import { req, schema, table, V } from "../lib/testing/model";

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const DOCS = arg("docs", 20_000);
const BATCH = arg("batch", 50);
/** `--profile FILE`: a CPU profile of the run with no page open only (its window, not setup or the baseline). */
const PROFILE = process.argv.includes("--profile") ? process.argv[process.argv.indexOf("--profile") + 1] : null;
/** `--skip-baseline`: only the dashboard runs (quicker when profiling). */
const SKIP_BASELINE = process.argv.includes("--skip-baseline");
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const SCHEMA = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ tasks: defineTable({ title: v.string(), done: v.boolean() }) });\n`;

const docsOf = (from: number, n: number) =>
  Array.from({ length: n }, (_, j) => ({
    _id: `tasks:${from + j}`,
    _creationTime: 1_700_000_000_000 + from + j,
    title: `Task ${from + j}`,
    done: (from + j) % 2 === 0,
  }));

/**
 * The baseline: the engine on an embedded backend directly (the CLI's store: admin API pages, one atomic batch per
 * 1,000 documents, a backup ZIP, schema pushes by reload), same documents and change. Returns seconds.
 */
async function engineDirect(): Promise<{ seconds: number; cpu: number; backfill: number }> {
  const from = schema(table("tasks", [req("title", V.string()), req("done", V.boolean())]));
  const to = schema(table("tasks", [req("title", V.string()), req("done", V.boolean()), req("priority", V.string())]));
  const docs = docsOf(0, DOCS).map(({ _id, _creationTime, ...value }) => value);
  const { store, close } = await embeddedStore(from, "tasks", docs);
  try {
    const plan = await planMigration(from, to, {
      resolver: fixedResolver([]),
      defaults: { "tasks.priority": "medium" },
    });
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let backfill = 0;
    let last = t0;
    const res = await runMigration(plan, store, {
      runId: "baseline",
      now: Date.now,
      batchSize: 1000,
      onEvent: (e) => {
        const t = performance.now();
        if (e.type === "progress") backfill += t - last;
        last = t;
      },
    });
    if (res.status !== "done") throw new Error(`The baseline run ended ${res.status}: ${res.error ?? ""}`);
    const used = process.cpuUsage(cpu0);
    return {
      seconds: (performance.now() - t0) / 1000,
      cpu: (used.user + used.system) / 1e6,
      backfill: backfill / 1000,
    };
  } finally {
    await close();
  }
}

async function oneRun(
  withPage: boolean,
): Promise<{ seconds: number; cpu: number; costs: string; steps: string; phases: string }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "sa-migrate-dash-"));
  const root = path.resolve(import.meta.dirname, "..");
  const running = await startBackend({
    projectDir: root,
    dataDir,
    port: 0,
    env: { SCHEMA_ASSISTANT_DEMO: "0" },
    log: () => undefined,
  });
  const page = new ConvexClient(running.url, {
    webSocketConstructor: WebSocket as never,
    unsavedChangesWarning: false,
  });
  try {
    const { token } = await localSignIn(running.url, { name: "Bench", email: "bench@example.com" });
    const user = new ConvexHttpClient(running.url);
    user.setAuth(token);
    page.setAuth(async () => token);
    const admin = new ConvexHttpClient(running.url);
    (admin as unknown as { setAdminAuth(key: string): void }).setAdminAuth(running.adminKey);
    await user.mutation(api.team.users.ensure, {});
    const created = await user.action(api.projects.projectsNode.create, {
      name: "Dashboard run",
      files: [{ path: "convex/schema.ts", content: SCHEMA }],
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const projectId = created.projectId;
    const insertBatch = internal.migrations.sandbox.insertBatch as unknown as FunctionReference<
      "mutation",
      "public",
      { projectId: Id<"projects">; table: string; docs: Record<string, unknown>[] }
    >;
    for (let i = 0; i < DOCS; i += 1000)
      await admin.mutation(insertBatch, { projectId, table: "tasks", docs: docsOf(i, Math.min(1000, DOCS - i)) });
    const proposed = await user.action(api.schemaVersions.proposalsNode.fromOperations, {
      projectId,
      operations: [
        { op: "addField", table: "tasks", field: { name: "priority", validator: { kind: "string" }, optional: false } },
      ],
      summary: "Required priority",
    });
    if (!proposed.ok) throw new Error(proposed.errors.join(" "));
    await user.mutation(api.schemaVersions.proposals.approve, { versionId: proposed.versionId });
    const [plan] = await user.query(api.migrations.plans.list, { projectId });
    await user.mutation(api.migrations.plans.setDefault, {
      planId: plan._id,
      key: "tasks.priority",
      valueJson: JSON.stringify("medium"),
    });
    while ((await user.query(api.migrations.plans.get, { planId: plan._id }))?.preflight?.status !== "done")
      await new Promise((r) => setTimeout(r, 50));
    await user.mutation(api.migrations.plans.approve, { planId: plan._id });
    const watch = <T>(ref: FunctionReference<"query">, args: Record<string, unknown>) =>
      page.onUpdate(ref, args, () => undefined as T);
    const unsubs: Array<() => void> = [];
    if (withPage) {
      unsubs.push(
        watch(api.migrations.plans.list, { projectId }),
        watch(api.migrations.plans.get, { planId: plan._id }),
        watch(api.migrations.plans.history, { projectId }),
        watch(api.migrations.sandbox.summary, { projectId }),
      );
      await page.query(api.migrations.sandbox.summary, { projectId });
    }
    const profiler = PROFILE && !withPage ? new Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post("Profiler.enable");
      await profiler.post("Profiler.start");
    }
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const runId = await user.mutation(api.migrations.runs.start, { planId: plan._id, batchSize: BATCH });
    if (withPage) unsubs.push(watch(api.migrations.runs.get, { runId }));
    for (;;) {
      const run = await user.query(api.migrations.runs.get, { runId });
      if (run?.status !== "running") {
        if (run?.status !== "completed") throw new Error(`The run ended ${run?.status}: ${run?.error ?? ""}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(cpu0);
    const cpu = (used.user + used.system) / 1e6;
    if (profiler && PROFILE) {
      const { profile } = await profiler.post("Profiler.stop");
      await writeFile(PROFILE, JSON.stringify(profile));
      profiler.disconnect();
    }
    for (const u of unsubs) u();
    const seen = performance.now() - t0;
    // Engine steps log one line each ("…: batch k, …"): their count and the median time between them.
    const finished = (await user.query(api.migrations.runs.get, { runId }))!;
    const log = finished.log.filter((l) => /: batch \d+,/.test(l.message)).map((l) => l.at);
    // Where the time went, from the run's own log: the backup steps, the engine steps, and until the client saw it.
    const backedUp = finished.log.find((l) => /^Backed up/.test(l.message))?.at ?? finished.startedAt;
    const end = finished.finishedAt ?? finished.startedAt;
    const phases = `backup ${((backedUp - finished.startedAt) / 1000).toFixed(2)} s, engine steps ${((end - backedUp) / 1000).toFixed(2)} s, seen by the client ${(seen / 1000 - (end - finished.startedAt) / 1000).toFixed(2)} s after it finished`;
    const gaps = log
      .slice(1)
      .map((t, i) => t - log[i])
      .sort((a, b) => a - b);
    const steps = `${log.length} engine steps, median ${gaps[gaps.length >> 1] ?? 0} ms apart`;
    // One re-run of each query the page keeps subscribed, measured over HTTP after the run.
    const time = async (name: string, f: () => Promise<unknown>) => {
      const t = performance.now();
      await f();
      return `${name} ${(performance.now() - t).toFixed(0)} ms`;
    };
    const costs = [
      await time("sandbox.summary", () => user.query(api.migrations.sandbox.summary, { projectId })),
      await time("migrations.get", () => user.query(api.migrations.plans.get, { planId: plan._id })),
      await time("migrations.list", () => user.query(api.migrations.plans.list, { projectId })),
      await time("migrations.history", () => user.query(api.migrations.plans.history, { projectId })),
      await time("migrationRuns.get", () => user.query(api.migrations.runs.get, { runId })),
    ].join(", ");
    return { seconds, cpu, costs, steps, phases };
  } finally {
    await page.close();
    await running.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

console.log(
  `load ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores; ${fmt(DOCS)} sandbox documents, batches of ${BATCH} (required field with a default)`,
);
const rate = (seconds: number) => `${fmt(DOCS / seconds)} docs/s`;
// CPU time of this process (backend and clients) during the run: what the noisy machine's load does not change.
const cpuOf = (cpu: number) => `CPU ${cpu.toFixed(2)} s, ${Math.round((cpu / DOCS) * 1e6)} µs per document`;
const baseline = SKIP_BASELINE ? null : await engineDirect();
const direct = baseline?.seconds ?? Number.NaN;
if (baseline)
  console.log(
    `baseline, the engine on the embedded backend directly (admin-API store, batches of 1,000, backup ZIP, 2 schema pushes): ${direct.toFixed(2)} s, ${rate(direct)} (its backfill batches alone ${rate(baseline.backfill)}); ${cpuOf(baseline.cpu)}`,
  );
const alone = await oneRun(false);
console.log(
  `run with no page open: ${alone.seconds.toFixed(2)} s, ${rate(alone.seconds)} (${(direct / alone.seconds).toFixed(2)}× the baseline; ${alone.steps})`,
);
console.log(`  ${alone.phases}; ${cpuOf(alone.cpu)}`);
const open = await oneRun(true);
console.log(
  `run with the Migrations page open (5 subscriptions): ${open.seconds.toFixed(2)} s, ${rate(open.seconds)} (${(direct / open.seconds).toFixed(2)}× the baseline; ${open.steps}; goal ≥ 5,000)`,
);
console.log(`  ${open.phases}; ${cpuOf(open.cpu)}`);
console.log(`  one re-run of each subscribed query: ${open.costs}`);
console.log(`load ${os.loadavg()[0].toFixed(1)} at the end`);
