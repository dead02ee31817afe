/** The store the executor runs against, its writes, and the journal that makes runs resumable and reversible. */
import type { SchemaModel } from "../../schema/model";
import type { PhaseName } from "../plan/types";
import type { Doc } from "../validate";

/** One document write. `restore` re-inserts a document with its original `_id` and `_creationTime`. */
export type Write =
  | { op: "patch"; table: string; id: string; set: Record<string, unknown>; unset: string[] }
  | { op: "insert"; table: string; doc: Doc }
  | { op: "delete"; table: string; id: string }
  | { op: "restore"; table: string; doc: Doc };

/** What undoes one write: the field-level before-image of a patch, a deleted document, or an inserted id. */
export type Undo =
  | {
      op: "patch";
      table: string;
      id: string;
      before: Record<string, { present: false } | { present: true; value: unknown }>;
    }
  | { op: "restore"; table: string; doc: Doc }
  | { op: "delete"; table: string; id: string }
  /** An insert: its id is only known once the store has applied it (`insertedIds`, same order). */
  | { op: "deleteInserted"; table: string; index: number };

/** The answers a plan was made with (as the CLI flags give them), kept with the run so a rollback replans the same. */
export interface RunDecisions {
  rename: string[];
  default: string[];
  addDrop: boolean;
}

export type JournalEntry =
  | { type: "start"; runId: string; at: number; steps: string[]; decisions?: RunDecisions }
  | { type: "backup"; runId: string; table: string; backupId: string; at: number }
  | { type: "schema"; runId: string; phase: PhaseName | "rollback-widen" | "rollback"; at: number }
  | {
      type: "batch";
      runId: string;
      stepId: string;
      batch: number;
      /** Cursor after this batch; the next batch starts here. */
      cursor: string | null;
      /** The step has no more documents. */
      done: boolean;
      count: number;
      /** Documents the step has read through this batch (a running counter: progress without re-reading batches). */
      stepDone?: number;
      undo: Undo[];
      /** copyTable: source ids in insert order; the store fills `insertedIds`. */
      sourceIds?: string[];
      insertedIds?: string[];
      at: number;
    }
  /** `count`: the undone batch's document count (a running counter for progress). */
  | { type: "undo"; runId: string; stepId: string; batch: number; count?: number; at: number }
  | {
      type: "finish";
      runId: string;
      status: "done" | "cancelled" | "failed" | "rolledBack";
      error?: string;
      at: number;
    };

export type BatchEntry = Extract<JournalEntry, { type: "batch" }>;
/** Where a step stands: its newest batch marker without the before-images (all a resumed step needs). */
export type StepProgress = Pick<BatchEntry, "batch" | "cursor" | "done" | "stepDone">;
export type UndoEntry = Extract<JournalEntry, { type: "undo" }>;

export interface Page {
  docs: Doc[];
  /** Pass back to get the next page; null when done. */
  cursor: string | null;
  isDone: boolean;
}

/**
 * What the executor needs from a database. Implementations: in memory (tests), the embedded backend's admin
 * API, a Convex export (read-only, for preflight).
 */
export interface MigrationStore {
  /**
   * Cursors stay valid when earlier documents are deleted (e.g. "after id X"). When false, delete steps re-read
   * from the start (offset cursors). @default false
   */
  readonly stableCursors?: boolean;
  listTables(): Promise<string[]>;
  count(table: string): Promise<number>;
  /** Documents in a stable order (creation order) after `cursor`. */
  page(table: string, cursor: string | null, limit: number): Promise<Page>;
  /**
   * Applies all writes and appends `marker` to the journal atomically (all or nothing). For inserts the store
   * sets `marker.insertedIds` (when the marker is a batch) to the new ids, in write order.
   */
  applyBatch(writes: Write[], marker: JournalEntry): Promise<{ insertedIds: string[] }>;
  appendJournal(entry: JournalEntry): Promise<void>;
  /*
   * Journal reads: each asks for what one unit of work needs, so a step costs the same at batch 1 and batch 10,000
   * (a store indexes its journal by run, kind, step and batch).
   */
  /** The run's control entries (start, backup, schema, finish), oldest first; never batch or undo markers. */
  readRunEntries(runId: string): Promise<JournalEntry[]>;
  /** Where a step stands (from its newest batch marker); null before its first batch. */
  readStepProgress(runId: string, stepId: string): Promise<StepProgress | null>;
  /** The marker of batch number `batch` of a step, or the step's newest one when `batch` is omitted; null if none. */
  readBatch(runId: string, stepId: string, batch?: number): Promise<BatchEntry | null>;
  /** The newest undo marker (where a rollback stopped), or null. */
  readLastUndo(runId: string): Promise<UndoEntry | null>;
  /** New ids of the documents the run copied, for those of `sourceIds` that were copied (source id → new id). */
  readCopiedIds(runId: string, sourceIds: string[]): Promise<Map<string, string>>;
  /** Pushes a schema; rejects (changing nothing) when a document does not match, like `npx convex deploy`. */
  setSchema(model: SchemaModel): Promise<void>;
  /** Copies a table aside; returns an id to restore it from. */
  backup(table: string): Promise<string>;
}

export type RunEvent =
  | { type: "start"; runId: string }
  | { type: "backup"; table: string; backupId: string }
  | { type: "schema"; phase: string }
  | { type: "progress"; phase: PhaseName; stepId: string; done: number; total: number }
  | { type: "finish"; status: "done" | "cancelled" | "failed" | "rolledBack"; error?: string };
