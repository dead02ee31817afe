/**
 * What rolling back a plan would undo, kept as running counters so the preview reads no journal: each batch adds
 * its before-images to its run's tally, each undo subtracts them (in the same transaction as the journal marker),
 * and migrationRuns.rollbackPreview sums the tallies of the plan's runs. Distinct patched documents are counted
 * through a mark on the sandbox row (`patchedBy`, see SandboxStore): several steps may patch one document.
 */
import type { BatchEntry, JournalEntry, Write } from "./types";

export interface Tally {
  /** Journaled batches not undone yet. */
  batches: number;
  /** Distinct documents whose fields a rollback restores. */
  documents: number;
  /** Deleted documents a rollback re-inserts. */
  restored: number;
  /** Inserted documents a rollback removes. */
  removed: number;
  /** "table.field" → documents whose value of it a rollback restores. */
  fields: Record<string, number>;
}

export const emptyTally = (): Tally => ({ batches: 0, documents: 0, restored: 0, removed: 0, fields: {} });

function addField(t: Tally, key: string, n: number) {
  const next = (t.fields[key] ?? 0) + n;
  if (next === 0) delete t.fields[key];
  else t.fields[key] = next;
}

/** Adds what undoing `batch` would do (its before-images); `documents` is counted by the store, per row. */
export function tallyBatch(t: Tally, batch: BatchEntry): void {
  t.batches++;
  for (const u of batch.undo) {
    if (u.op === "patch") for (const f of Object.keys(u.before)) addField(t, `${u.table}.${f}`, 1);
    else if (u.op === "restore") t.restored++;
    else t.removed++;
  }
}

/** Subtracts a batch being undone, from the writes that undo it (one per before-image, see undoWrites in rollback.ts). */
export function tallyUndo(t: Tally, writes: Write[]): void {
  t.batches--;
  for (const w of writes) {
    if (w.op === "patch") for (const f of [...Object.keys(w.set), ...w.unset]) addField(t, `${w.table}.${f}`, -1);
    else if (w.op === "restore") t.restored--;
    else if (w.op === "delete") t.removed--;
  }
}

export function addTally(into: Tally, t: Tally): void {
  into.batches += t.batches;
  into.documents += t.documents;
  into.restored += t.restored;
  into.removed += t.removed;
  for (const [k, n] of Object.entries(t.fields)) addField(into, k, n);
}

/** The same figures from a whole journal: for runs started before runs kept a tally (and as a test oracle). */
export function tallyFromJournal(journal: JournalEntry[]): Tally {
  const undone = new Set(journal.flatMap((e) => (e.type === "undo" ? [`${e.stepId}#${e.batch}`] : [])));
  const docs = new Set<string>();
  const t = emptyTally();
  for (const b of journal) {
    if (b.type !== "batch" || undone.has(`${b.stepId}#${b.batch}`)) continue;
    tallyBatch(t, b);
    for (const u of b.undo) if (u.op === "patch") docs.add(`${u.table}/${u.id}`);
  }
  t.documents = docs.size;
  return t;
}
