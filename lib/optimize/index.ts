/**
 * The optimizer stage: static analysis of a project's Convex functions, findings with stable codes (OPT1xx),
 * index advice with estimated documents read, measured query patterns, the function ↔ table map and the
 * codemod plan. Pure: files, schema, statistics and measurements come in as data.
 */
export { analyzeProject, type AnalyzeInput, type AnalyzeOptions, type PathAlias } from "./analyze";
export { checkOptimizations, CHECKS, type CheckInput, type OptimizerCheck } from "./findings";
export { adviseIndexes, orderMatters, type AdvisedPattern, type AdviseOptions, type IndexAdvice } from "./advisor";
export { planCodemod, type CodemodInput, type CodemodPlan, type Rewrite } from "./codemod";
export {
  compareMeasurements,
  rankMeasurements,
  statsFromSamples,
  sumMeasurements,
  unmeasured,
  type MeasuredChange,
  type MeasuredComparison,
  type MeasuredPattern,
} from "./measurements";
export { functionTableMap, type FunctionTableMap } from "./table-map";
export { formatAccess, formatFinding } from "./format";
export { optimizeProject, type OptimizeInput, type OptimizeResult } from "./project";
export type * from "./types";
