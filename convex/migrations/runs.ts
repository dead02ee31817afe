/**
 * Migration runs over a project's sandbox: chained scheduled internal mutations, one unit of work each (copy 500
 * documents into the backup, one journaled batch, one undo), so runs survive reloads and backend restarts and a
 * batch is never applied twice. Progress lives on `migrationRuns`, the log in `migrationRunLog`.
 */
import { ConvexError, v } from "convex/values";
import { z } from "zod";
import {
  addTally,
  affectedTables,
  dataSteps,
  emptyTally,
  rollbackMigration,
  runMigration,
  tallyFromJournal,
  type MigrationPlan,
  type RunEvent,
  type Tally,
} from "../../lib/migrate";
import { StoredDataError, storedShape, structural } from "../../lib/stored";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, mutation, query, type MutationCtx, type QueryCtx } from "../_generated/server";
import { emitWebhookEvent } from "../webhooks/webhooks";
import { audit, requireMember, type AuditSource } from "../lib/access";
import { adjustSandboxCount, presenceOf, sandboxCount } from "../lib/sandboxCounts";
import { chunkDocs, chunkDocuments, chunkText } from "../lib/backupChunks";
import { blockers, parsePreflight, parseStored } from "./planning";
import { requiredApprovals } from "./plans";
import { crashedRun, sandboxHolder } from "./lock";
import {
  newJournalCache,
  readJournal,
  SandboxStore,
  upgradeLegacyJournal,
  YieldTransaction,
  type JournalCache,
} from "./store";

/** Documents per batch (one batch per mutation). */
export const BATCH_SIZE = 500;
/**
 * Documents one scheduled step covers: as many whole batches as fit (the first always runs). Each step is a
 * transaction with its own scheduling and commit, so small batches (the journal's unit, what pause and cancel
 * wait for) need not mean small steps: 20,000 documents in batches of 50 are 20 steps, not 400.
 */
export const STEP_DOCUMENTS = 1000;

/** STEP_DOCUMENTS, or MIGRATION_STEP_DOCUMENTS from the deployment's environment (1: one batch per step). */
function stepDocuments(): number {
  const n = Number(process.env.MIGRATION_STEP_DOCUMENTS);
  return Number.isInteger(n) && n > 0 ? n : STEP_DOCUMENTS;
}

/** Where a run is, kept in `migrationRuns.cursorJson`. */
interface RunState {
  /** Bumped by pause/resume/cancel: a step scheduled for an older generation does nothing. */
  gen: number;
  stage: "backup" | "engine";
  tables: string[];
  tableIndex: number;
  cursor: string | null;
  counts: Record<string, number>;
  backups: Record<string, string>;
  cancel?: boolean;
  /** Documents per batch for this run. */
  batchSize?: number;
  /** The journal reads of the engine stage, kept here (see SandboxStore's `cache`). */
  journal?: JournalCache;
  /** What this run's batches (or undos, negative) change in the plan's rollback preview; absent on older runs. */
  tally?: Tally;
}

/** `migrationRuns.cursorJson`: where the run is; the journal cache and tally keep their own types. */
const storedRunState = storedShape(
  "migration run state",
  1,
  structural<RunState>(
    z.looseObject({
      gen: z.number(),
      stage: z.enum(["backup", "engine"]),
      tables: z.array(z.string()),
      tableIndex: z.number().int().nonnegative(),
      cursor: z.string().nullable(),
      counts: z.record(z.string(), z.number()),
      backups: z.record(z.string(), z.string()),
      cancel: z.boolean().optional(),
      batchSize: z.number().optional(),
      // Arrays are checked as arrays without copying each entry (a run's step reads this on every batch).
      journal: z
        .looseObject({ nextSeq: z.number(), control: z.custom<unknown[]>(Array.isArray), steps: z.looseObject({}) })
        .optional(),
      tally: z.looseObject({ batches: z.number(), documents: z.number() }).optional(),
    }),
  ),
);

const stateOf = (run: Doc<"migrationRuns">): RunState => {
  if (run.cursorJson === undefined)
    throw new StoredDataError(`migrationRuns ${run._id}`, "migration run state", "none");
  return storedRunState.parse(run.cursorJson, `migrationRuns ${run._id}`);
};

async function log(
  ctx: MutationCtx,
  runId: Id<"migrationRuns">,
  message: string,
  level: "info" | "warn" | "error" = "info",
) {
  await ctx.db.insert("migrationRunLog", { runId, level, message, at: Date.now() });
}

async function schedule(ctx: MutationCtx, runId: Id<"migrationRuns">, gen: number) {
  const stepJobId = await ctx.scheduler.runAfter(0, internal.migrations.runs.step, { runId, gen });
  await ctx.db.patch(runId, { stepJobId });
}

/** Starts an approved plan. A failed preflight blocks the run unless `force` is set. */
export const start = mutation({
  args: { planId: v.id("migrationPlans"), force: v.optional(v.boolean()), batchSize: v.optional(v.number()) },
  handler: async (ctx, { planId, force, batchSize }) => {
    const plan = await ctx.db.get(planId);
    if (!plan) throw new ConvexError({ code: "NOT_FOUND", message: "Migration plan not found." });
    const { user, project } = await requireMember(ctx, plan.projectId, "editor", "Migration plan not found.");
    return await startRun(ctx, { plan, project, user, force, batchSize });
  },
});

/**
 * `start` for a caller whose role is already checked (the HTTP API checks its token): the plan must be approved
 * and unblocked, and no other migration of the project may hold its sandbox (see lock.ts); backs up the
 * affected tables first, then runs the engine step by step.
 */
export async function startRun(
  ctx: MutationCtx,
  args: {
    plan: Doc<"migrationPlans">;
    project: Doc<"projects">;
    user: Doc<"users">;
    force?: boolean;
    batchSize?: number;
    origin?: AuditSource;
  },
): Promise<Id<"migrationRuns">> {
  const { plan, project, user, force, batchSize } = args;
  const planId = plan._id;
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 10 || batchSize > 2000))
    throw new ConvexError({ code: "INVALID", message: `Batch size must be 10–2000 documents, got ${batchSize}.` });
  if (plan.status !== "approved")
    throw new ConvexError({ code: "CONFLICT", message: `The plan is ${plan.status}; it must be approved to run.` });
  await failCrashedRun(ctx, plan.projectId);
  const holder = await sandboxHolder(ctx, plan.projectId);
  if (holder) throw new ConvexError({ code: "CONFLICT", message: holder });
  const stored = parseStored(plan);
  const why = blockers(stored, plan.approvals.length, requiredApprovals(project), parsePreflight(plan), force ?? false);
  if (why.length) throw new ConvexError({ code: "BLOCKED", message: why.join(" ") });
  if (project.currentVersionId !== plan.fromVersionId)
    throw new ConvexError({
      code: "STALE",
      message: "The current schema changed since this plan was made; plan again.",
    });
  const tables = affectedTables(stored.plan);
  const state: RunState = {
    gen: 0,
    stage: "backup",
    tables,
    tableIndex: 0,
    cursor: null,
    counts: {},
    backups: {},
    batchSize: batchSize ?? BATCH_SIZE,
    tally: emptyTally(),
  };
  // During the backup phase progress counts documents copied aside.
  let toBackUp = 0;
  for (const table of tables) toBackUp += await sandboxCount(ctx, plan.projectId, table);
  await emitWebhookEvent(ctx, plan.projectId, "migration.started", { planId });
  const runId = await ctx.db.insert("migrationRuns", {
    projectId: plan.projectId,
    planId,
    kind: "apply",
    status: "running",
    phase: "backup",
    done: 0,
    total: toBackUp,
    cursorJson: JSON.stringify(state),
    startedBy: user._id,
    startedAt: Date.now(),
  });
  await ctx.db.patch(planId, { status: "running" });
  await log(
    ctx,
    runId,
    `Run started by ${user.name}: v${stored.fromSemver} → v${stored.toSemver}${force ? " (forced past the preflight)" : ""}; backing up ${tables.join(", ") || "no tables"}.`,
  );
  await schedule(ctx, runId, 0);
  await audit(ctx, {
    projectId: plan.projectId,
    actorId: user._id,
    action: "migration.run",
    target: planId,
    details: { runId, force: force ?? false },
    source: args.origin,
  });
  return runId;
}

/**
 * A run whose scheduled step crashed (threw) stays "running" with nothing to carry it on: record it as failed, as
 * an engine failure would be (roll back or restore its backup from the Migrations page), so it stops holding the
 * project's sandbox.
 */
export async function failCrashedRun(ctx: MutationCtx, projectId: Id<"projects">): Promise<void> {
  const crashed = await crashedRun(ctx, projectId);
  if (!crashed) return;
  const { run, plan, error } = crashed;
  await ctx.db.patch(run._id, { status: "failed", error, finishedAt: Date.now() });
  await ctx.db.patch(plan._id, { status: "failed" });
  await log(
    ctx,
    run._id,
    `Failed: a step stopped with an error (${error}). Roll back to restore the data from the journal.`,
    "error",
  );
  await audit(ctx, { projectId, action: "migration.failed", target: plan._id, source: "system", details: { error } });
}

/** One unit of work of a run; schedules the next one until the run finishes, pauses or fails. */
export const step = internalMutation({
  args: { runId: v.id("migrationRuns"), gen: v.number() },
  handler: async (ctx, { runId, gen }) => {
    const run = await ctx.db.get(runId);
    if (run?.status !== "running") return;
    const state = stateOf(run);
    if (state.gen !== gen) return;
    const plan = await ctx.db.get(run.planId);
    if (!plan) return;
    // Runs started by an older version: key their journal rows first (a step of its own while many are left).
    if (state.stage === "engine" && !state.journal && (await upgradeLegacyJournal(ctx, plan._id)) > 0)
      return await schedule(ctx, run._id, state.gen);
    if (run.kind === "rollback") return await rollbackStep(ctx, run, plan, state);
    if (state.stage === "backup") return await backupStep(ctx, run, plan, state);
    return await applyStep(ctx, run, plan, state);
  },
});

/**
 * Copies up to STEP_DOCUMENTS (or a batch, if larger) documents of the current table into `migrationBackups` (in
 * chunks), counting as it goes.
 */
async function backupStep(ctx: MutationCtx, run: Doc<"migrationRuns">, plan: Doc<"migrationPlans">, state: RunState) {
  if (state.cancel) {
    await ctx.db.patch(run._id, { status: "cancelled", finishedAt: Date.now() });
    await ctx.db.patch(plan._id, { status: "cancelled" });
    return await log(ctx, run._id, "Cancelled before any document changed.", "warn");
  }
  const table = state.tables[state.tableIndex];
  if (table !== undefined) {
    const res = await ctx.db
      .query("sandboxDocuments")
      .withIndex("by_project_table", (q) => q.eq("projectId", plan.projectId).eq("table", table))
      .paginate({ cursor: state.cursor, numItems: Math.max(state.batchSize ?? BATCH_SIZE, stepDocuments()) });
    // One row per chunk of documents, not one per document (see lib/backupChunks).
    for (const docs of chunkDocuments(res.page.map((row) => row.doc as Record<string, unknown>)))
      await ctx.db.insert("migrationBackups", {
        projectId: plan.projectId,
        planId: plan._id,
        table,
        docsJson: chunkText(docs),
      });
    state.counts[table] = (state.counts[table] ?? 0) + res.page.length;
    state.cursor = res.isDone ? null : res.continueCursor;
    if (res.isDone) {
      state.backups[table] = `${plan._id}/${table}`;
      state.tableIndex++;
      await log(ctx, run._id, `Backed up "${table}" (${state.counts[table]} documents).`);
    }
  }
  if (state.tableIndex >= state.tables.length) {
    state.stage = "engine";
    state.journal = (await newJournalCache(ctx, plan._id)) ?? undefined;
    const total = dataSteps(parseStored(plan).plan).reduce(
      (n, s) => n + (state.counts[s.step.kind === "copyTable" ? s.step.from : s.step.table] ?? 0),
      0,
    );
    await ctx.db.patch(run._id, { total, done: 0, phase: "widen" });
  } else {
    await ctx.db.patch(run._id, { done: Object.values(state.counts).reduce((a, b) => a + b, 0) });
  }
  await ctx.db.patch(run._id, { cursorJson: JSON.stringify(state) });
  await schedule(ctx, run._id, state.gen);
}

/** Lets the engine run exactly one batch (or the final schema push) in this transaction. */
async function applyStep(ctx: MutationCtx, run: Doc<"migrationRuns">, planRow: Doc<"migrationPlans">, state: RunState) {
  const { plan } = parseStored(planRow);
  const batchSize = state.batchSize ?? BATCH_SIZE;
  const budget = stepDocuments();
  const prefetch = Math.max(batchSize, Math.floor(budget / batchSize) * batchSize);
  const store = new SandboxStore(ctx, {
    projectId: planRow.projectId,
    planId: planRow._id,
    counts: state.counts,
    backups: state.backups,
    cache: state.journal,
    prefetch,
  });
  const events: RunEvent[] = [];
  const result = await runMigration(plan, store, {
    runId: planRow._id,
    batchSize,
    now: Date.now,
    onEvent: (e) => void events.push(e),
    // Further batches while this step's one read has rows left (a function may paginate once) and the budget allows.
    signal: () =>
      state.cancel
        ? "cancel"
        : store.applied >= 1 && (store.bufferedRows() === 0 || store.documents + batchSize > budget)
          ? "pause"
          : "run",
  });
  if (store.torn)
    throw new Error(`A batch of run ${run._id} failed half-written (${result.error}); this step wrote nothing.`);
  // Running counters: this transaction's batch adds to the run's totals (no re-read of earlier batches).
  const done = run.done + store.documents;
  const last = store.lastMarker?.type === "batch" ? store.lastMarker : null;
  const phase = result.status === "done" ? "done" : (last?.stepId.split("/")[0] ?? run.phase);
  if (state.tally) addTally(state.tally, store.tally);
  // The cache and the tally changed with the journal in this transaction: all commit or none does.
  await ctx.db.patch(run._id, { done, phase, cursorJson: JSON.stringify(state) });
  // One line per step: its last batch (a step runs several batches of the same data step, or ends one and starts the next).
  const lastProgress = events.findLast((e) => e.type === "progress");
  for (const e of events) {
    if (e.type === "schema") await log(ctx, run._id, `Schema pushed: ${e.phase}.`);
    if (e === lastProgress && e.type === "progress" && last)
      await log(
        ctx,
        run._id,
        `${e.stepId}: batch ${last.batch + 1}, ${e.done}/${e.total} documents${store.applied > 1 ? ` (${store.applied} batches in this step)` : ""}, ${last.undo.length} written.`,
      );
  }
  if (result.status === "paused") return await schedule(ctx, run._id, state.gen);
  if (result.status === "failed") {
    await ctx.db.patch(run._id, { status: "failed", error: result.error, finishedAt: Date.now() });
    await ctx.db.patch(planRow._id, { status: "failed" });
    await log(ctx, run._id, `Failed: ${result.error}. Roll back to restore the data from the journal.`, "error");
    await emitWebhookEvent(ctx, planRow.projectId, "migration.failed", {
      planId: planRow._id,
      runId: run._id,
      error: result.error,
    });
    return await audit(ctx, {
      projectId: planRow.projectId,
      action: "migration.failed",
      target: planRow._id,
      source: "system",
      details: { error: result.error },
    });
  }
  if (result.status === "cancelled") {
    await ctx.db.patch(run._id, { status: "cancelled", finishedAt: Date.now() });
    await log(ctx, run._id, "Cancelled; undoing the batches written so far.", "warn");
    return await startRollback(ctx, planRow, run.startedBy);
  }
  await finishApply(ctx, run, planRow, done);
}

/** The run is done: the target version becomes current. */
async function finishApply(ctx: MutationCtx, run: Doc<"migrationRuns">, planRow: Doc<"migrationPlans">, done: number) {
  const project = await ctx.db.get(planRow.projectId);
  await ctx.db.patch(run._id, { status: "completed", phase: "done", done, finishedAt: Date.now() });
  await ctx.db.patch(planRow._id, { status: "applied" });
  await ctx.db.patch(planRow.fromVersionId, { status: "superseded" });
  await ctx.db.patch(planRow.toVersionId, { status: "current" });
  if (project) await ctx.db.patch(project._id, { currentVersionId: planRow.toVersionId, updatedAt: Date.now() });
  await ctx.scheduler.runAfter(0, internal.schemaVersions.analyses.computeForVersion, {
    versionId: planRow.toVersionId,
  });
  const seconds = (Date.now() - run.startedAt) / 1000;
  await log(
    ctx,
    run._id,
    `Done: ${done} documents in ${seconds.toFixed(1)} s; v${parseStored(planRow).toSemver} is current.`,
  );
  await audit(ctx, {
    projectId: planRow.projectId,
    actorId: run.startedBy,
    action: "migration.applied",
    target: planRow._id,
    source: "system",
    details: { done, seconds },
  });
  await emitWebhookEvent(ctx, planRow.projectId, "migration.completed", {
    planId: planRow._id,
    runId: run._id,
    documents: done,
    seconds,
  });
  // Older applied plans can no longer be rolled back: their journals and backups go (lib/migrate/retention.ts).
  await ctx.scheduler.runAfter(0, internal.migrations.retention.pruneProject, { projectId: planRow.projectId });
}

/**
 * A rollback mutation undoes batches until it has written this many documents or read this much journal text
 * (before-images), well within Convex's per-mutation limits (8 MiB read and written).
 */
export const ROLLBACK_WRITES = 2000;
export const ROLLBACK_JOURNAL_CHARS = 2_000_000;

async function startRollback(ctx: MutationCtx, planRow: Doc<"migrationPlans">, userId: Id<"users">) {
  // From the runs' counters, not the journal: what the apply run wrote minus what earlier rollbacks undid.
  const runs = await ctx.db
    .query("migrationRuns")
    .withIndex("by_plan", (q) => q.eq("planId", planRow._id))
    .collect();
  const total = runs.reduce((n, r) => n + (r.kind === "apply" ? r.done : -r.done), 0);
  const state: RunState = {
    gen: 0,
    stage: "engine",
    tables: [],
    tableIndex: 0,
    cursor: null,
    counts: {},
    backups: {},
    tally: emptyTally(),
  };
  const runId = await ctx.db.insert("migrationRuns", {
    projectId: planRow.projectId,
    planId: planRow._id,
    kind: "rollback",
    status: "running",
    phase: "rollback",
    done: 0,
    total,
    cursorJson: JSON.stringify(state),
    startedBy: userId,
    startedAt: Date.now(),
  });
  await ctx.db.patch(planRow._id, { status: "running" });
  await log(ctx, runId, `Rollback started: undoing ${total} documents from the journal, newest batch first.`);
  await schedule(ctx, runId, 0);
  return runId;
}

/** Undoes the newest journaled batches, up to ROLLBACK_WRITES documents, in this transaction; then schedules the rest. */
async function rollbackStep(
  ctx: MutationCtx,
  run: Doc<"migrationRuns">,
  planRow: Doc<"migrationPlans">,
  state: RunState,
) {
  const { plan } = parseStored(planRow);
  const store = new SandboxStore(ctx, {
    projectId: planRow.projectId,
    planId: planRow._id,
    maxWrites: ROLLBACK_WRITES,
    maxJournalChars: ROLLBACK_JOURNAL_CHARS,
  });
  let finished = false;
  try {
    await rollbackMigration(plan, store, { runId: planRow._id, now: Date.now });
    finished = true;
  } catch (err) {
    if (store.torn) throw err; // abort the mutation: nothing of the half-undone batch is kept
    if (!(err instanceof YieldTransaction)) {
      const error = err instanceof Error ? err.message : String(err);
      // Undos that committed before the failing one stay: so does their share of the tally.
      if (state.tally) addTally(state.tally, store.tally);
      await ctx.db.patch(run._id, {
        status: "failed",
        error,
        finishedAt: Date.now(),
        done: run.done + store.documents,
        cursorJson: JSON.stringify(state),
      });
      await ctx.db.patch(planRow._id, { status: "failed" });
      return await log(ctx, run._id, `Rollback failed: ${error}. Restore the backup instead.`, "error");
    }
  }
  const done = run.done + store.documents;
  if (state.tally) addTally(state.tally, store.tally);
  await ctx.db.patch(run._id, { done, cursorJson: JSON.stringify(state) });
  if (!finished) return await schedule(ctx, run._id, state.gen);
  await finishRollback(ctx, run, planRow, done);
}

async function finishRollback(
  ctx: MutationCtx,
  run: Doc<"migrationRuns">,
  planRow: Doc<"migrationPlans">,
  done: number,
) {
  const applied = await ctx.db
    .query("migrationRuns")
    .withIndex("by_plan", (q) => q.eq("planId", planRow._id))
    .collect();
  const wasApplied = applied.some((r) => r.kind === "apply" && r.status === "completed");
  await ctx.db.patch(run._id, { status: "completed", phase: "done", done, finishedAt: Date.now() });
  await emitWebhookEvent(ctx, planRow.projectId, "migration.rolledBack", {
    planId: planRow._id,
    runId: run._id,
    documents: done,
  });
  if (wasApplied) {
    await ctx.db.patch(planRow._id, { status: "rolledBack" });
    await ctx.db.patch(planRow.toVersionId, { status: "rolledBack" });
    await ctx.db.patch(planRow.fromVersionId, { status: "current" });
    await ctx.db.patch(planRow.projectId, { currentVersionId: planRow.fromVersionId, updatedAt: Date.now() });
  } else {
    // A cancelled or failed run: the data is as before and the version stays pending.
    await ctx.db.patch(planRow._id, {
      status: applied.some((r) => r.status === "failed") ? "rolledBack" : "cancelled",
    });
  }
  const stored = parseStored(planRow);
  await log(
    ctx,
    run._id,
    `Rolled back ${done} documents; v${wasApplied ? stored.fromSemver : stored.fromSemver} is current.`,
  );
  await audit(ctx, {
    projectId: planRow.projectId,
    actorId: run.startedBy,
    action: "migration.rolledBack",
    target: planRow._id,
    source: "system",
    details: { done },
  });
  // Rolled back: its journal and backups have served (lib/migrate/retention.ts).
  await ctx.scheduler.runAfter(0, internal.migrations.retention.prunePlan, { planId: planRow._id });
}

async function loadRun(ctx: MutationCtx, runId: Id<"migrationRuns">) {
  const run = await ctx.db.get(runId);
  if (!run) throw new ConvexError({ code: "NOT_FOUND", message: "Migration run not found." });
  const { user } = await requireMember(ctx, run.projectId, "editor", "Migration run not found.");
  return { run, user, state: stateOf(run) };
}

/** Pauses a running run after its current batch. */
export const pause = mutation({
  args: { runId: v.id("migrationRuns") },
  handler: async (ctx, { runId }) => {
    const { run, user, state } = await loadRun(ctx, runId);
    if (run.status !== "running") throw new ConvexError({ code: "CONFLICT", message: `The run is ${run.status}.` });
    state.gen++;
    await ctx.db.patch(runId, { status: "paused", cursorJson: JSON.stringify(state) });
    await log(ctx, runId, `Paused by ${user.name}.`);
    await audit(ctx, { projectId: run.projectId, actorId: user._id, action: "migration.pause", target: runId });
  },
});

/** Resumes a paused run where its journal says it stopped. */
export const resume = mutation({
  args: { runId: v.id("migrationRuns") },
  handler: async (ctx, { runId }) => {
    const { run, user, state } = await loadRun(ctx, runId);
    if (run.status !== "paused") throw new ConvexError({ code: "CONFLICT", message: `The run is ${run.status}.` });
    state.gen++;
    await ctx.db.patch(runId, { status: "running", cursorJson: JSON.stringify(state) });
    await schedule(ctx, runId, state.gen);
    await log(ctx, runId, `Resumed by ${user.name}.`);
    await audit(ctx, { projectId: run.projectId, actorId: user._id, action: "migration.resume", target: runId });
  },
});

/** Cancels a run: it stops after the current batch and the batches written so far are undone. */
export const cancel = mutation({
  args: { runId: v.id("migrationRuns") },
  handler: async (ctx, { runId }) => {
    const { run, user, state } = await loadRun(ctx, runId);
    if (run.kind !== "apply" || (run.status !== "running" && run.status !== "paused"))
      throw new ConvexError({
        code: "CONFLICT",
        message: `A ${run.kind} run that is ${run.status} cannot be cancelled.`,
      });
    state.gen++;
    state.cancel = true;
    await ctx.db.patch(runId, { status: "running", cursorJson: JSON.stringify(state) });
    await schedule(ctx, runId, state.gen);
    await log(ctx, runId, `Cancel requested by ${user.name}.`, "warn");
    await audit(ctx, { projectId: run.projectId, actorId: user._id, action: "migration.cancel", target: runId });
  },
});

/**
 * What rolling back a plan's run would do: documents, fields and batches, summed from the tallies its runs keep (a
 * few run documents, however long the journal); from the journal only for a plan with a run older than the tallies.
 */
export const rollbackPreview = query({
  args: { planId: v.id("migrationPlans") },
  handler: async (ctx, { planId }) => {
    const plan = await ctx.db.get(planId);
    if (!plan) throw new ConvexError({ code: "NOT_FOUND", message: "Migration plan not found." });
    await requireMember(ctx, plan.projectId, "viewer", "Migration plan not found.");
    const t = await rollbackTally(ctx, plan);
    const stored = parseStored(plan);
    return {
      batches: t.batches,
      documents: t.documents,
      restored: t.restored,
      removed: t.removed,
      fields: Object.entries(t.fields)
        .map(([field, count]) => ({ field, count }))
        .sort((a, b) => a.field.localeCompare(b.field)),
      from: stored.toSemver,
      to: stored.fromSemver,
    };
  },
});

/** The sum of the plan's runs' tallies (the preview's figures). */
export async function rollbackTally(ctx: QueryCtx, plan: Doc<"migrationPlans">): Promise<Tally> {
  const runs = await ctx.db
    .query("migrationRuns")
    .withIndex("by_plan", (q) => q.eq("planId", plan._id))
    .collect();
  // A run without a state (none written yet) has no tally: the journal is read instead.
  const tallies = runs.map((r) => (r.cursorJson === undefined ? undefined : stateOf(r).tally));
  if (tallies.some((t) => t === undefined)) return tallyFromJournal(await readJournal(ctx, plan._id));
  const sum = emptyTally();
  for (const t of tallies) addTally(sum, t!);
  return sum;
}

/** Rolls back an applied plan (only while its version is current) or a failed one, restoring from the journal. */
export const rollback = mutation({
  args: { planId: v.id("migrationPlans") },
  handler: async (ctx, { planId }) => {
    const plan = await ctx.db.get(planId);
    if (!plan) throw new ConvexError({ code: "NOT_FOUND", message: "Migration plan not found." });
    const { user, project } = await requireMember(ctx, plan.projectId, "editor", "Migration plan not found.");
    if (plan.status !== "applied" && plan.status !== "failed")
      throw new ConvexError({
        code: "CONFLICT",
        message: `The plan is ${plan.status}; only applied or failed runs can be rolled back.`,
      });
    if (plan.status === "applied" && project.currentVersionId !== plan.toVersionId) {
      throw new ConvexError({ code: "CONFLICT", message: "A newer version is current; roll that one back first." });
    }
    const runId = await startRollback(ctx, plan, user._id);
    await audit(ctx, {
      projectId: plan.projectId,
      actorId: user._id,
      action: "migration.rollback",
      target: planId,
      details: { runId },
    });
    return runId;
  },
});

/** A run with the tail of its log, for the live progress view. */
export const get = query({
  args: { runId: v.id("migrationRuns") },
  handler: async (ctx, { runId }) => {
    const run = await ctx.db.get(runId);
    if (!run) throw new ConvexError({ code: "NOT_FOUND", message: "Migration run not found." });
    await requireMember(ctx, run.projectId, "viewer", "Migration run not found.");
    const logRows = await ctx.db
      .query("migrationRunLog")
      .withIndex("by_run", (q) => q.eq("runId", runId))
      .order("desc")
      .take(200);
    const { cursorJson: _c, ...rest } = run;
    return {
      ...rest,
      log: logRows.reverse().map((l) => ({ _id: l._id, level: l.level, message: l.message, at: l.at })),
    };
  },
});

export type { MigrationPlan };

/**
 * Restores the tables a failed plan backed up (when even the journal rollback failed): each table is emptied and
 * refilled from `migrationBackups`, 500 documents per scheduled mutation.
 */
export const restoreBackup = mutation({
  args: { planId: v.id("migrationPlans") },
  handler: async (ctx, { planId }) => {
    const plan = await ctx.db.get(planId);
    if (!plan) throw new ConvexError({ code: "NOT_FOUND", message: "Migration plan not found." });
    const { user } = await requireMember(ctx, plan.projectId, "editor", "Migration plan not found.");
    if (plan.status !== "failed")
      throw new ConvexError({
        code: "CONFLICT",
        message: `The plan is ${plan.status}; backups are restored only for failed runs (use Rollback otherwise).`,
      });
    const tables = affectedTables(parseStored(plan).plan);
    await ctx.db.patch(planId, { status: "running" });
    await ctx.scheduler.runAfter(0, internal.migrations.runs.restoreStep, {
      planId,
      tables,
      index: 0,
      stage: "clear",
      cursor: null,
    });
    await audit(ctx, {
      projectId: plan.projectId,
      actorId: user._id,
      action: "migration.restoreBackup",
      target: planId,
      details: { tables },
    });
  },
});

export const restoreStep = internalMutation({
  args: {
    planId: v.id("migrationPlans"),
    tables: v.array(v.string()),
    index: v.number(),
    stage: v.union(v.literal("clear"), v.literal("copy")),
    cursor: v.union(v.string(), v.null()),
    /** Backup rows the copy stage reads next (see below). */
    pageRows: v.optional(v.number()),
  },
  handler: async (ctx, { planId, tables, index, stage, cursor, pageRows }): Promise<void> => {
    const plan = await ctx.db.get(planId);
    const table = tables[index];
    if (!plan) return;
    if (table === undefined) {
      await ctx.db.patch(planId, { status: "rolledBack" });
      await audit(ctx, {
        projectId: plan.projectId,
        action: "migration.backupRestored",
        target: planId,
        source: "system",
        details: { tables },
      });
      return;
    }
    const next = (a: {
      index: number;
      stage: "clear" | "copy";
      cursor: string | null;
      pageRows?: number;
    }): Promise<unknown> => ctx.scheduler.runAfter(0, internal.migrations.runs.restoreStep, { planId, tables, ...a });
    if (stage === "clear") {
      const rows = await ctx.db
        .query("sandboxDocuments")
        .withIndex("by_project_table", (q) => q.eq("projectId", plan.projectId).eq("table", table))
        .take(BATCH_SIZE);
      for (const r of rows) await ctx.db.delete(r._id);
      await adjustSandboxCount(
        ctx,
        plan.projectId,
        table,
        -rows.length,
        presenceOf(
          rows.map((r) => r.doc as Record<string, unknown>),
          -1,
        ),
      );
      await next(rows.length < BATCH_SIZE ? { index, stage: "copy", cursor: null } : { index, stage, cursor: null });
      return;
    }
    // Rows are chunks (up to CHUNK_DOCUMENTS each) or, from older runs, single documents: the first page is one
    // row, later pages as many as hold about BATCH_SIZE documents judging by the rows read so far.
    const res = await ctx.db
      .query("migrationBackups")
      .withIndex("by_plan_table", (q) => q.eq("planId", planId).eq("table", table))
      .paginate({ cursor, numItems: pageRows ?? 1 });
    const written: Record<string, unknown>[] = [];
    for (const b of res.page) {
      const chunk = b.docsJson !== undefined;
      const docs: Record<string, unknown>[] = chunk ? chunkDocs(b.docsJson!) : [b.doc];
      for (const doc of docs) {
        const docId = chunk ? (typeof doc._id === "string" ? doc._id : undefined) : b.docId;
        await ctx.db.insert("sandboxDocuments", { projectId: plan.projectId, table, doc, docId });
        written.push(doc);
      }
    }
    await adjustSandboxCount(ctx, plan.projectId, table, written.length, presenceOf(written));
    const perRow = res.page.length ? written.length / res.page.length : 1;
    const nextRows = Math.max(1, Math.min(BATCH_SIZE, Math.floor(BATCH_SIZE / perRow)));
    await next(
      res.isDone
        ? { index: index + 1, stage: "clear", cursor: null }
        : { index, stage, cursor: res.continueCursor, pageRows: nextRows },
    );
  },
});
