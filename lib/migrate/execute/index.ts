/** Execution: run a plan over a store in journaled batches, resume after crashes, roll back exactly. */
export {
  runMigration,
  runDecisions,
  dataSteps,
  affectedTables,
  batchBuilder,
  type RunOptions,
  type RunResult,
} from "./engine";
export { rollbackMigration, undoWrites, type RollbackOptions } from "./rollback";
export { MemoryStore, SchemaPushError, memoryIdTable } from "./memory-store";
export type {
  BatchEntry,
  JournalEntry,
  MigrationStore,
  Page,
  RunDecisions,
  RunEvent,
  StepProgress,
  Undo,
  UndoEntry,
  Write,
} from "./types";
export { JournalIndex } from "./journal-index";
export { storeStats, storeDocuments, storeTableDocuments } from "./stats";
export { dryRunMigration, type DryRunResult } from "./dry-run";
export { addTally, emptyTally, tallyBatch, tallyFromJournal, tallyUndo, type Tally } from "./tally";
