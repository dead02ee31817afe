/** Rollback: undo every committed batch of a run, newest first, from the journal's before-images. */
import type { MigrationPlan } from "../plan/types";
import type { JournalEntry, MigrationStore, RunEvent, Undo, Write } from "./types";

export interface RollbackOptions {
  runId: string;
  now: () => number;
  onEvent?: (e: RunEvent) => void;
}

/** The writes that undo one batch (inserted ids come from the batch's `insertedIds`). */
export function undoWrites(entry: Extract<JournalEntry, { type: "batch" }>): Write[] {
  const out: Write[] = [];
  for (const u of [...entry.undo].reverse()) {
    // A store that could not record inserted ids: the table is new and is cleared as a whole instead.
    if (u.op === "deleteInserted" && entry.insertedIds?.[u.index] === undefined) continue;
    out.push(undoWrite(u, entry.insertedIds ?? []));
  }
  return out;
}

function undoWrite(u: Undo, inserted: string[]): Write {
  switch (u.op) {
    case "restore":
      return { op: "restore", table: u.table, doc: u.doc };
    case "delete":
      return { op: "delete", table: u.table, id: u.id };
    case "deleteInserted": {
      const id = inserted[u.index];
      if (id === undefined) throw new Error(`Journal batch lacks the id of insert #${u.index} into "${u.table}".`);
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
 * Restores the data and schema a run started from. Resumable too: undone batches are journaled atomically
 * with their undo writes and skipped on a second call.
 */
export async function rollbackMigration(plan: MigrationPlan, store: MigrationStore, opts: RollbackOptions): Promise<{ undone: number }> {
  const journal = await store.readJournal(opts.runId);
  if (!journal.some((e) => e.type === "start")) throw new Error(`Run "${opts.runId}" has no journal; nothing to roll back.`);
  if (journal.some((e) => e.type === "finish" && e.status === "rolledBack")) return { undone: 0 };
  const undoneKeys = new Set(journal.flatMap((e) => (e.type === "undo" ? [`${e.stepId}#${e.batch}`] : [])));
  const batches = journal.filter((e): e is Extract<JournalEntry, { type: "batch" }> => e.type === "batch");
  // The expand schema accepts both the migrated and the original documents.
  if (journal.some((e) => e.type === "schema")) await store.setSchema(plan.phases[0].schema);
  let undone = 0;
  for (const b of [...batches].reverse()) {
    if (undoneKeys.has(`${b.stepId}#${b.batch}`)) continue;
    await store.applyBatch(undoWrites(b), { type: "undo", runId: opts.runId, stepId: b.stepId, batch: b.batch, at: opts.now() });
    undone++;
  }
  await clearNewTables(plan, store, batches, opts);
  if (journal.some((e) => e.type === "schema")) await store.setSchema(plan.from);
  await store.appendJournal({ type: "finish", runId: opts.runId, status: "rolledBack", at: opts.now() });
  opts.onEvent?.({ type: "finish", status: "rolledBack" });
  return { undone };
}

/** Tables the run created whose inserted ids were not journaled: delete whatever they hold. */
async function clearNewTables(plan: MigrationPlan, store: MigrationStore, batches: Extract<JournalEntry, { type: "batch" }>[], opts: RollbackOptions): Promise<void> {
  const tables = new Set<string>();
  for (const b of batches) {
    for (const u of b.undo) if (u.op === "deleteInserted" && b.insertedIds?.[u.index] === undefined) tables.add(u.table);
  }
  for (const table of tables) {
    if (plan.from.tables.some((t) => t.name === table)) throw new Error(`Cannot undo inserts into existing table "${table}": the journal lacks their ids.`);
    for (let n = 0; ; n++) {
      const page = await store.page(table, null, 500);
      if (page.docs.length === 0) break;
      const writes: Write[] = page.docs.map((d) => ({ op: "delete", table, id: String(d._id) }));
      await store.applyBatch(writes, { type: "undo", runId: opts.runId, stepId: `clear/${table}`, batch: n, at: opts.now() });
      if (page.isDone) break;
    }
  }
}
