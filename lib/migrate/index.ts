/**
 * The migration engine (pure): diff two schema models, detect renames through a resolver, assess risks,
 * plan expand → backfill → contract, validate documents in Convex's terms, preflight data, generate
 * `@convex-dev/migrations` code and execute plans over an injected store with a journal for rollback.
 */
export * from "./changes";
export { diffSchemas, type ConfirmedRenames, type FieldRename, type TableRename } from "./diff";
export { subsumes, fieldSubsumes, relation, fieldRelation, documentValidator, unionOf } from "./subsume";
export {
  tableRenameCandidates,
  fieldRenameCandidates,
  resolveRenames,
  fixedResolver,
  failingResolver,
  candidateKey,
  mergeCandidates,
  RenameDecisionNeeded,
  nameSimilarity,
  levenshtein,
  type RenameSamples,
} from "./renames";
export { assessRisks, RISK_RULES, type MigrationStats, type RiskContext, type TableStats } from "./risks";
export { planMigration, planWithRenames, conversionFor, type PlanOptions } from "./plan";
export * from "./plan/types";
export { bumpFor, bumpVersion } from "./semver";
export {
  validateDocument,
  compileTable,
  compileField,
  compileValidator,
  explainDocument,
  formatValue,
  type Doc,
  type ValidationError,
  type ValidateOptions,
} from "./validate";
export {
  preflight,
  preflightAsync,
  type PreflightResult,
  type PreflightGroup,
  type PreflightOptions,
  type DocumentsByTable,
  type AsyncDocumentsByTable,
} from "./preflight";
export { compileBackfill, convert, type Patch, type TransformContext } from "./transform";
export { generateMigrations, valueCode, type CodegenOptions, type GeneratedMigration } from "./codegen";
export * from "./execute";
export { formatPlan, formatPreflight, describeStep } from "./format";
export { plansToPrune, RETENTION, type PlanRecord, type RetentionPolicy } from "./retention";
export {
  planImpact,
  formatImpact,
  impactAccess,
  type ChangeImpact,
  type FunctionUse,
  type ImpactAccess,
  type UseKind,
} from "./impact";
