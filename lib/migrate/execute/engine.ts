/**
 * The execution engine: a resumable state machine over a `MigrationStore`. Every unit of work (backup,
 * schema push, one batch) is recorded in the journal; a batch and its marker commit atomically, so a run
 * resumed after a crash continues where it stopped and never applies a batch twice.
 */
import { cloneValue } from "../value";
import type { SchemaModel } from "../../schema/model";
import { findTable } from "../../schema/model";
import { isDataStep, stepId, type DataStep, type MigrationPlan, type PhaseName } from "../plan/types";
import { compileBackfill, type TransformContext } from "../transform";
import type { Doc } from "../validate";
import type { JournalEntry, MigrationStore, RunDecisions, RunEvent, Undo, Write } from "./types";

export interface RunOptions {
  runId: string;
  /** Documents per batch. @default 500 */
  batchSize?: number;
  /** Clock for journal timestamps (lib/ has no Date.now). */
  now: () => number;
  onEvent?: (e: RunEvent) => void;
  /** Checked between units: "pause" stops (resumable), "cancel" finishes the run as cancelled. */
  signal?: () => "run" | "pause" | "cancel";
  /** Tables checked by `v.id` (see validate). */
  idTable?: (id: string) => string | undefined;
  /** The renames and defaults the plan was made with, journaled in the start entry (see `runDecisions`). */
  decisions?: RunDecisions;
}

export interface RunResult {
  status: "done" | "paused" | "cancelled" | "failed";
  error?: string;
  /** Documents written per data step id. */
  written: Record<string, number>;
}

interface PlannedStep {
  id: string;
  phase: PhaseName;
  step: DataStep;
}

/** The decisions a run was started with (its start entry), or undefined for runs that stored none. */
export async function runDecisions(store: MigrationStore, runId: string): Promise<RunDecisions | undefined> {
  const start = (await store.readRunEntries(runId)).find((e) => e.type === "start");
  return start?.type === "start" ? start.decisions : undefined;
}

/** Data steps of a plan in execution order, with their journal ids. */
export function dataSteps(plan: MigrationPlan): PlannedStep[] {
  return plan.phases.flatMap((p) =>
    p.steps.flatMap((s, i) => (isDataStep(s) ? [{ id: stepId(p.name, i, s), phase: p.name, step: s }] : [])),
  );
}

/** Tables a run changes (backed up before anything is written). */
export function affectedTables(plan: MigrationPlan): string[] {
  const out = new Set<string>();
  for (const { step } of dataSteps(plan)) {
    if (step.kind === "copyTable") out.add(step.from);
    else if (findTable(plan.from, step.table)) out.add(step.table);
  }
  return [...out].sort();
}

/** Runs (or resumes) `plan` until done, paused, cancelled or failed. */
export async function runMigration(plan: MigrationPlan, store: MigrationStore, opts: RunOptions): Promise<RunResult> {
  // Only the run's control entries (a handful): batch markers are read one step at a time.
  const control = await store.readRunEntries(opts.runId);
  const emit = opts.onEvent ?? (() => {});
  const log = async (e: JournalEntry) => {
    await store.appendJournal(e);
    control.push(e);
  };
  const written: Record<string, number> = {};
  const finished = control.find((e) => e.type === "finish");
  if (finished?.type === "finish")
    return {
      status: finished.status === "rolledBack" ? "cancelled" : finished.status === "done" ? "done" : finished.status,
      error: finished.error,
      written,
    };
  const steps = dataSteps(plan);
  try {
    const start = control.find((e) => e.type === "start");
    if (!start)
      await log({
        type: "start",
        runId: opts.runId,
        at: opts.now(),
        steps: steps.map((s) => s.id),
        ...(opts.decisions ? { decisions: opts.decisions } : {}),
      });
    else if (start.type === "start" && start.steps.join("\n") !== steps.map((s) => s.id).join("\n")) {
      throw new Error(
        `Run "${opts.runId}" was started with a different plan (its steps: ${start.steps.join(", ") || "none"}); resume it with the same schemas and options, or roll it back.`,
      );
    }
    emit({ type: "start", runId: opts.runId });
    for (const table of affectedTables(plan)) {
      if (control.some((e) => e.type === "backup" && e.table === table)) continue;
      const backupId = await store.backup(table);
      await log({ type: "backup", runId: opts.runId, table, backupId, at: opts.now() });
      emit({ type: "backup", table, backupId });
    }
    await pushOnce(store, control, log, opts, "widen", plan.phases[0].schema, emit);
    for (const s of steps) {
      const outcome = await runStep(plan, store, s, opts, written);
      if (outcome !== "done") {
        if (outcome === "cancel") return await finish(log, opts, "cancelled", written, emit);
        return { status: "paused", written };
      }
    }
    await pushOnce(store, control, log, opts, "narrow", plan.to, emit);
    return await finish(log, opts, "done", written, emit);
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    emit({ type: "finish", status: "failed", error });
    return { status: "failed", error, written };
  }
}

async function finish(
  log: (e: JournalEntry) => Promise<void>,
  opts: RunOptions,
  status: "done" | "cancelled",
  written: Record<string, number>,
  emit: (e: RunEvent) => void,
): Promise<RunResult> {
  await log({ type: "finish", runId: opts.runId, status, at: opts.now() });
  emit({ type: "finish", status });
  return { status, written };
}

async function pushOnce(
  store: MigrationStore,
  control: JournalEntry[],
  log: (e: JournalEntry) => Promise<void>,
  opts: RunOptions,
  phase: PhaseName,
  schema: SchemaModel,
  emit: (e: RunEvent) => void,
) {
  if (control.some((e) => e.type === "schema" && e.phase === phase)) return;
  await store.setSchema(schema);
  await log({ type: "schema", runId: opts.runId, phase, at: opts.now() });
  emit({ type: "schema", phase });
}

/** Fields of a backfill whose values hold ids of copied tables (looked up per batch, see `readCopiedIds`). */
function remapSources(step: DataStep): string[] {
  if (step.kind !== "backfill") return [];
  return [
    ...new Set(
      step.fields.flatMap((f) =>
        f.source.kind === "convert" && f.source.conversion.kind === "remapId" ? [f.source.from] : [],
      ),
    ),
  ];
}

/** Every string inside `x` (ids may sit in arrays and objects). */
function collectStrings(x: unknown, out: Set<string>): void {
  if (typeof x === "string") out.add(x);
  else if (Array.isArray(x)) for (const y of x) collectStrings(y, out);
  else if (x !== null && typeof x === "object" && !(x instanceof ArrayBuffer))
    for (const y of Object.values(x)) collectStrings(y, out);
}

/** Runs the remaining batches of one step; reads where the step stands, whatever the number of batches before. */
async function runStep(
  plan: MigrationPlan,
  store: MigrationStore,
  s: PlannedStep,
  opts: RunOptions,
  written: Record<string, number>,
): Promise<"done" | "pause" | "cancel"> {
  const last = await store.readStepProgress(opts.runId, s.id);
  if (last?.done) return "done";
  const source = s.step.kind === "copyTable" ? s.step.from : s.step.table;
  const total = await store.count(source);
  let done = last?.stepDone ?? 0;
  let cursor = last?.cursor ?? null;
  let batch = (last?.batch ?? -1) + 1;
  const idMap = new Map<string, string>();
  const build = batchBuilder(plan, s.step, { idMap, idTable: opts.idTable });
  const remapFields = remapSources(s.step);
  for (;;) {
    const signal = opts.signal?.() ?? "run";
    if (signal !== "run") return signal;
    // Deleted documents are gone: with offset cursors a delete step reads from the start again.
    const restart = s.step.kind === "deleteTable" && !store.stableCursors;
    const page = await store.page(source, restart ? null : cursor, opts.batchSize ?? 500);
    if (remapFields.length) {
      // Only the copies this page refers to: the id map of a whole table would make every batch O(table).
      const refs = new Set<string>();
      for (const d of page.docs) for (const f of remapFields) collectStrings(d[f], refs);
      idMap.clear();
      for (const [from, to] of await store.readCopiedIds(opts.runId, [...refs])) idMap.set(from, to);
    }
    const { writes, undo, sourceIds } = build(page.docs);
    done += page.docs.length;
    const marker: Extract<JournalEntry, { type: "batch" }> = {
      type: "batch",
      runId: opts.runId,
      stepId: s.id,
      batch,
      cursor: page.cursor,
      done: page.isDone,
      count: page.docs.length,
      stepDone: done,
      undo,
      at: opts.now(),
      ...(sourceIds ? { sourceIds } : {}),
    };
    await store.applyBatch(writes, marker);
    written[s.id] = (written[s.id] ?? 0) + writes.length;
    opts.onEvent?.({
      type: "progress",
      phase: s.phase,
      stepId: s.id,
      done: Math.min(done, Math.max(total, done)),
      total: Math.max(total, done),
    });
    if (page.isDone) return "done";
    cursor = page.cursor;
    batch++;
  }
}

interface BuiltBatch {
  writes: Write[];
  undo: Undo[];
  sourceIds?: string[];
}

/** Turns a page of documents into writes plus their before-images for one data step. */
export function batchBuilder(plan: MigrationPlan, step: DataStep, ctx: TransformContext): (docs: Doc[]) => BuiltBatch {
  switch (step.kind) {
    case "deleteTable":
      return (docs) => ({
        writes: docs.map((d) => ({ op: "delete", table: step.table, id: String(d._id) })),
        undo: docs.map((d) => ({ op: "restore", table: step.table, doc: cloneValue(d) })),
      });
    case "unsetFields":
      return (docs) => {
        const out: BuiltBatch = { writes: [], undo: [] };
        for (const d of docs) {
          const present = step.fields.filter((f) => d[f] !== undefined);
          if (!present.length) continue;
          out.writes.push({ op: "patch", table: step.table, id: String(d._id), set: {}, unset: present });
          out.undo.push({
            op: "patch",
            table: step.table,
            id: String(d._id),
            before: Object.fromEntries(present.map((f) => [f, { present: true, value: cloneValue(d[f]) }])),
          });
        }
        return out;
      };
    case "copyTable":
      return (docs) => ({
        writes: docs.map((d) => ({ op: "insert", table: step.to, doc: mapFields(d, step.fieldMap) })),
        undo: docs.map((_, index) => ({ op: "deleteInserted", table: step.to, index })),
        sourceIds: docs.map((d) => String(d._id)),
      });
    case "backfill": {
      const target = findTable(plan.to, step.table);
      if (!target) throw new Error(`Backfill targets table "${step.table}", which is not in the target schema.`);
      const transform = compileBackfill(target, step.fields, ctx);
      return (docs) => {
        const out: BuiltBatch = { writes: [], undo: [] };
        for (const d of docs) {
          const patch = transform(d);
          if (!patch) continue;
          const id = String(d._id);
          out.writes.push({ op: "patch", table: step.table, id, set: patch, unset: [] });
          const before = Object.fromEntries(
            Object.keys(patch).map((k) => [
              k,
              d[k] === undefined ? { present: false as const } : { present: true as const, value: cloneValue(d[k]) },
            ]),
          );
          out.undo.push({ op: "patch", table: step.table, id, before });
        }
        return out;
      };
    }
  }
}

function mapFields(d: Doc, fieldMap: Record<string, string>): Doc {
  const out: Doc = {};
  for (const [to, from] of Object.entries(fieldMap)) if (d[from] !== undefined) out[to] = cloneValue(d[from]);
  return out;
}
