/**
 * Evaluated reading: Convex's `schema.export()` JSON read into the model and merged with the static parse. Running
 * the schema is the caller's job (the CLI does it in a child process, cli/schema-eval); nothing here executes code.
 */
export {
  fromConvexExport,
  tableToExport,
  toConvexExport,
  validatorFromJson,
  validatorToJson,
  type ExportedSchema,
  type ExportedTable,
  type ValidatorJson,
} from "./export-json";
export { hasUnresolved, isUnresolvedCode, mergeEvaluated, type MergedReading } from "./merge";
