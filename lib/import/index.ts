/**
 * Import from Prisma and PostgreSQL: schemas become a Convex SchemaModel with a report of every lossy mapping, and
 * data (pg_dump COPY/INSERT, CSV, JSONL) becomes documents written in dependency order through an injected sink.
 */
export {
  importPrisma,
  importSql,
  generatedFiles,
  formatSchemaReport,
  type SchemaImportResult,
  type ImportOptions,
} from "./schema-import";
export { renderUniquenessHelpers, renderLegacyCleanup, uniqueHelperName } from "./codegen";
export type { TableLayout, UniqueCheck, FieldSource } from "./finalize";
export type { ImportPlan, PlanTable, PlanColumn, PlanForeignKey, Conversion } from "./plan";
export { camelCase, tableNameForModel, tableNameForSql } from "./naming";
export {
  runDataImport,
  rowKey,
  convexLimit,
  SinkRejection,
  type ImportSink,
  type IdMap,
  type Checkpoint,
  type Doc,
  type DataImportOptions,
  type DataImportReport,
  type RowProblem,
  type TableCounts,
} from "./data/engine";
export { readSqlData, readCsv, readJsonl, emptyRowSet, matchTable, type RowSet, type SourceRow } from "./data/sources";
export { convertValue, parsePgArray, parseTimestamp, type DocValue, type RawValue } from "./data/values";
export { MemorySink } from "./data/memory-sink";
export { SnapshotSink, exportJson, encodeConvexId, decodeConvexIdTable, FIRST_TABLE_NUMBER } from "./snapshot";
export { formatDataReport } from "./data/report";
export { renderDefaults, defaultToCode } from "./defaults";
export { inferValidator, inferJsonShapes, applyJsonShapes, type JsonShape } from "./data/infer";
