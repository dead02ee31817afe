import { describe, expect, it } from "vitest";
import { undoWrites } from "./rollback";
import { addTally, emptyTally, tallyBatch, tallyFromJournal, tallyUndo } from "./tally";
import type { BatchEntry, JournalEntry } from "./types";

const batch = (n: number, undo: BatchEntry["undo"], insertedIds?: string[]): BatchEntry => ({
  type: "batch",
  runId: "r",
  stepId: "s",
  batch: n,
  cursor: null,
  done: false,
  count: undo.length,
  undo,
  insertedIds,
  at: n,
});

const B1 = batch(1, [
  { op: "patch", table: "tasks", id: "t1", before: { title: { present: true, value: "a" }, name: { present: false } } },
  { op: "patch", table: "tasks", id: "t2", before: { title: { present: true, value: "b" } } },
]);
const B2 = batch(
  2,
  [
    { op: "patch", table: "tasks", id: "t1", before: { priority: { present: false } } },
    { op: "restore", table: "tags", doc: { _id: "g1", _creationTime: 1, name: "x" } },
    { op: "deleteInserted", table: "labels", index: 0 },
  ],
  ["l1"],
);

describe("migration tally", () => {
  it("counts what undoing each batch would do", () => {
    const t = emptyTally();
    tallyBatch(t, B1);
    tallyBatch(t, B2);
    expect(t).toEqual({
      batches: 2,
      documents: 0,
      restored: 1,
      removed: 1,
      fields: { "tasks.title": 2, "tasks.name": 1, "tasks.priority": 1 },
    });
  });

  it("returns to nothing when every batch is undone with the writes that undo it", () => {
    const t = emptyTally();
    for (const b of [B1, B2]) tallyBatch(t, b);
    for (const b of [B2, B1]) tallyUndo(t, undoWrites(b));
    expect(t).toEqual(emptyTally());
  });

  it("agrees with the whole journal, which skips undone batches and counts each patched document once", () => {
    const journal: JournalEntry[] = [B1, B2, { type: "undo", runId: "r", stepId: "s", batch: 2, at: 3 }];
    const running = emptyTally();
    tallyBatch(running, B1);
    tallyBatch(running, B2);
    tallyUndo(running, undoWrites(B2));
    expect(tallyFromJournal(journal)).toEqual({ ...running, documents: 2 });
  });

  it("adds the tallies of several runs", () => {
    const a = tallyFromJournal([B1]);
    const b = tallyFromJournal([B2]);
    const sum = emptyTally();
    addTally(sum, a);
    addTally(sum, b);
    expect(sum).toEqual({
      batches: 2,
      documents: 3,
      restored: 1,
      removed: 1,
      fields: { "tasks.title": 2, "tasks.name": 1, "tasks.priority": 1 },
    });
  });
});
