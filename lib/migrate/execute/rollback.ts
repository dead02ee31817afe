/** Rollback: undo every committed batch of a run, newest first, from the journal's before-images. */
import type { MigrationPlan } from "../plan/types";
import type { BatchEntry, MigrationStore, RunEvent, Undo, Write } from "./types";

export interface RollbackOptions {
  runId: string;
  now: () => number;
  onEvent?: (e: RunEvent) => void;
}

/** The writes that undo one batch (inserted ids come from the batch's `insertedIds`, journaled with the inserts). */
export function undoWrites(entry: BatchEntry): Write[] {
  return [...entry.undo].reverse().map((u) => undoWrite(u, entry));
}

function undoWrite(u: Undo, entry: BatchEntry): Write {
  switch (u.op) {
    case "restore":
      return { op: "restore", table: u.table, doc: u.doc };
    case "delete":
      return { op: "delete", table: u.table, id: u.id };
    case "deleteInserted": {
      const id = entry.insertedIds?.[u.index];
      if (id === undefined)
        throw new Error(
          `Journal batch ${entry.batch} of step "${entry.stepId}" lacks the id of insert #${u.index} into "${u.table}"; restore the backup instead.`,
        );
      return { op: "delete", table: u.table, id };
    }
    case "patch": {
      const set: Record<string, unknown> = {};
      const unset: string[] = [];
      for (const [k, b] of Object.entries(u.before)) {
        if (b.present) set[k] = b.value;
        else unset.push(k);
      }
      return { op: "patch", table: u.table, id: u.id, set, unset };
    }
  }
}

/**
 * Restores the data and schema a run started from: undoes every batch, newest first. Resumable: each undo is
 * journaled atomically with its writes, and the newest undo marker says where to continue, so a call reads
 * one batch marker per batch it undoes (plus one per step), however long the journal.
 */
export async function rollbackMigration(
  plan: MigrationPlan,
  store: MigrationStore,
  opts: RollbackOptions,
): Promise<{ undone: number }> {
  const control = await store.readRunEntries(opts.runId);
  const start = control.find((e) => e.type === "start");
  if (start?.type !== "start") throw new Error(`Run "${opts.runId}" has no journal; nothing to roll back.`);
  if (control.some((e) => e.type === "finish" && e.status === "rolledBack")) return { undone: 0 };
  const pushed = control.some((e) => e.type === "schema");
  // The expand schema accepts both the migrated and the original documents.
  if (pushed) await store.setSchema(plan.phases[0].schema);
  let undone = 0;
  for (
    let next = await nextToUndo(store, opts.runId, start.steps);
    next;
    next = await previousBatch(store, opts.runId, start.steps, next)
  ) {
    await store.applyBatch(undoWrites(next), {
      type: "undo",
      runId: opts.runId,
      stepId: next.stepId,
      batch: next.batch,
      count: next.count,
      at: opts.now(),
    });
    undone++;
  }
  if (pushed) await store.setSchema(plan.from);
  await store.appendJournal({ type: "finish", runId: opts.runId, status: "rolledBack", at: opts.now() });
  opts.onEvent?.({ type: "finish", status: "rolledBack" });
  return { undone };
}

/** The newest batch not undone yet: the one before the newest undo marker, or the run's newest batch. */
async function nextToUndo(store: MigrationStore, runId: string, steps: string[]): Promise<BatchEntry | null> {
  const undo = await store.readLastUndo(runId);
  if (!undo) return await newestBatch(store, runId, steps, steps.length - 1);
  if (!steps.includes(undo.stepId))
    throw new Error(`Run "${runId}" has an undo marker for step "${undo.stepId}", which is not in its plan.`);
  return await previousBatch(store, runId, steps, undo);
}

/** The batch journaled just before `b` (steps run in plan order, batches in number order). */
async function previousBatch(
  store: MigrationStore,
  runId: string,
  steps: string[],
  b: { stepId: string; batch: number },
): Promise<BatchEntry | null> {
  if (b.batch > 0) {
    const prev = await store.readBatch(runId, b.stepId, b.batch - 1);
    if (!prev)
      throw new Error(`Run "${runId}" lacks the journal marker of batch ${b.batch - 1} of step "${b.stepId}".`);
    return prev;
  }
  return await newestBatch(store, runId, steps, steps.indexOf(b.stepId) - 1);
}

/** The newest batch of the latest step at or before `from` that wrote any. */
async function newestBatch(
  store: MigrationStore,
  runId: string,
  steps: string[],
  from: number,
): Promise<BatchEntry | null> {
  for (let i = from; i >= 0; i--) {
    const b = await store.readBatch(runId, steps[i]);
    if (b) return b;
  }
  return null;
}
