/**
 * An in-memory index of journal entries that answers the store's journal reads in O(1) per entry returned. Used by
 * stores that hold (or load once) their whole journal in the process: the memory store and the CLI's backend store.
 */
import { cloneValue } from "../value";
import type { BatchEntry, JournalEntry, StepProgress, UndoEntry } from "./types";

export class JournalIndex {
  private readonly control = new Map<string, JournalEntry[]>();
  /** runId → stepId → markers by batch number. */
  private readonly batches = new Map<string, Map<string, BatchEntry[]>>();
  private readonly undos = new Map<string, UndoEntry>();
  private readonly copies = new Map<string, Map<string, string>>();

  /** Indexes one entry (in journal order); the index keeps its own copy. */
  add(entry: JournalEntry): void {
    const e = cloneValue(entry);
    if (e.type === "undo") this.undos.set(e.runId, e);
    else if (e.type === "batch") this.addBatch(e);
    else {
      const list = this.control.get(e.runId) ?? [];
      list.push(e);
      this.control.set(e.runId, list);
    }
  }

  private addBatch(e: BatchEntry): void {
    let steps = this.batches.get(e.runId);
    if (!steps) this.batches.set(e.runId, (steps = new Map()));
    let list = steps.get(e.stepId);
    if (!list) steps.set(e.stepId, (list = []));
    list[e.batch] = e;
    if (!e.sourceIds || !e.insertedIds) return;
    let map = this.copies.get(e.runId);
    if (!map) this.copies.set(e.runId, (map = new Map()));
    for (const [i, id] of e.sourceIds.entries()) {
      const copy = e.insertedIds[i];
      if (copy !== undefined) map.set(id, copy);
    }
  }

  runEntries(runId: string): JournalEntry[] {
    return cloneValue(this.control.get(runId) ?? []);
  }

  batch(runId: string, stepId: string, batch?: number): BatchEntry | null {
    const list = this.batches.get(runId)?.get(stepId);
    const found = list === undefined ? undefined : batch === undefined ? list.at(-1) : list[batch];
    return found ? cloneValue(found) : null;
  }

  stepProgress(runId: string, stepId: string): StepProgress | null {
    const last = this.batches.get(runId)?.get(stepId)?.at(-1);
    return last ? { batch: last.batch, cursor: last.cursor, done: last.done, stepDone: last.stepDone } : null;
  }

  lastUndo(runId: string): UndoEntry | null {
    const u = this.undos.get(runId);
    return u ? { ...u } : null;
  }

  copiedIds(runId: string, sourceIds: string[]): Map<string, string> {
    const map = this.copies.get(runId);
    const out = new Map<string, string>();
    if (map)
      for (const id of sourceIds) {
        const copy = map.get(id);
        if (copy !== undefined) out.set(id, copy);
      }
    return out;
  }
}
