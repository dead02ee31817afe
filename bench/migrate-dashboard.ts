/**
 * A migration run as the dashboard does it: `npx tsx bench/migrate-dashboard.ts [--docs 20000] [--batch 50]`.
 * The app's own run (convex/migrationRuns.ts, scheduled steps) over a project's sandbox on the embedded backend,
 * with a WebSocket client subscribed to what the Migrations page shows while a run goes (plans, plan detail, history,
 * sandbox counts, the run with its log). Prints docs/s for the whole run, without and with the page open, and
 * what one re-run of each subscribed query costs. Goal: ≥ 5,000 docs/s at 20,000 documents.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import type { FunctionReference } from "convex/server";
import WebSocket from "ws";
import { startBackend } from "../backend";
import { localSignIn } from "../backend/testing";
import { api, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const DOCS = arg("docs", 20_000);
const BATCH = arg("batch", 50);
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const SCHEMA = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ tasks: defineTable({ title: v.string(), done: v.boolean() }) });\n`;

async function oneRun(withPage: boolean): Promise<{ seconds: number; costs: string; steps: string }> {
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
    await user.mutation(api.users.ensure, {});
    const created = await user.action(api.projectsNode.create, {
      name: "Dashboard run",
      files: [{ path: "convex/schema.ts", content: SCHEMA }],
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const projectId = created.projectId;
    const insertBatch = internal.sandbox.insertBatch as unknown as FunctionReference<
      "mutation",
      "public",
      { projectId: Id<"projects">; table: string; docs: Record<string, unknown>[] }
    >;
    for (let i = 0; i < DOCS; i += 1000) {
      const docs = Array.from({ length: Math.min(1000, DOCS - i) }, (_, j) => ({
        _id: `tasks:${i + j}`,
        _creationTime: 1_700_000_000_000 + i + j,
        title: `Task ${i + j}`,
        done: (i + j) % 2 === 0,
      }));
      await admin.mutation(insertBatch, { projectId, table: "tasks", docs });
    }
    const proposed = await user.action(api.proposalsNode.fromOperations, {
      projectId,
      operations: [
        { op: "addField", table: "tasks", field: { name: "priority", validator: { kind: "string" }, optional: false } },
      ],
      summary: "Required priority",
    });
    if (!proposed.ok) throw new Error(proposed.errors.join(" "));
    await user.mutation(api.proposals.approve, { versionId: proposed.versionId });
    const [plan] = await user.query(api.migrations.list, { projectId });
    await user.mutation(api.migrations.setDefault, {
      planId: plan._id,
      key: "tasks.priority",
      valueJson: JSON.stringify("medium"),
    });
    while ((await user.query(api.migrations.get, { planId: plan._id }))?.preflight?.status !== "done")
      await new Promise((r) => setTimeout(r, 50));
    await user.mutation(api.migrations.approve, { planId: plan._id });
    const watch = <T>(ref: FunctionReference<"query">, args: Record<string, unknown>) =>
      page.onUpdate(ref, args, () => undefined as T);
    const unsubs: Array<() => void> = [];
    if (withPage) {
      unsubs.push(
        watch(api.migrations.list, { projectId }),
        watch(api.migrations.get, { planId: plan._id }),
        watch(api.migrations.history, { projectId }),
        watch(api.sandbox.summary, { projectId }),
      );
      await page.query(api.sandbox.summary, { projectId });
    }
    const t0 = performance.now();
    const runId = await user.mutation(api.migrationRuns.start, { planId: plan._id, batchSize: BATCH });
    if (withPage) unsubs.push(watch(api.migrationRuns.get, { runId }));
    for (;;) {
      const run = await user.query(api.migrationRuns.get, { runId });
      if (run?.status !== "running") {
        if (run?.status !== "completed") throw new Error(`The run ended ${run?.status}: ${run?.error ?? ""}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - t0) / 1000;
    for (const u of unsubs) u();
    // Engine steps log one line each ("…: batch k, …"): their count and the median time between them.
    const log = (await user.query(api.migrationRuns.get, { runId }))!.log
      .filter((l) => /: batch \d+,/.test(l.message))
      .map((l) => l.at);
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
      await time("sandbox.summary", () => user.query(api.sandbox.summary, { projectId })),
      await time("migrations.get", () => user.query(api.migrations.get, { planId: plan._id })),
      await time("migrations.list", () => user.query(api.migrations.list, { projectId })),
      await time("migrations.history", () => user.query(api.migrations.history, { projectId })),
      await time("migrationRuns.get", () => user.query(api.migrationRuns.get, { runId })),
    ].join(", ");
    return { seconds, costs, steps };
  } finally {
    await page.close();
    await running.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

console.log(
  `load ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores; ${fmt(DOCS)} sandbox documents, batches of ${BATCH} (required field with a default)`,
);
const alone = await oneRun(false);
console.log(
  `run with no page open: ${alone.seconds.toFixed(2)} s, ${fmt(DOCS / alone.seconds)} docs/s (${alone.steps})`,
);
const open = await oneRun(true);
console.log(
  `run with the Migrations page open (5 subscriptions): ${open.seconds.toFixed(2)} s, ${fmt(DOCS / open.seconds)} docs/s (${open.steps}; goal ≥ 5,000)`,
);
console.log(`  one re-run of each subscribed query: ${open.costs}`);
