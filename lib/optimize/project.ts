/**
 * One call for shells (CLI, dashboard action, the chat's "make it faster"): analysis, findings, advice, table map
 * and measured patterns. The indexes to add are the advice's "add" entries, wherever they are shown.
 */
import type { SchemaModel } from "../schema/model";
import { adviseIndexes, type AdviseOptions, type IndexAdvice } from "./advisor";
import { analyzeProject } from "./analyze";
import type { PathAlias } from "./analyze/modules";
import { checkOptimizations } from "./findings";
import { rankMeasurements, type MeasuredPattern } from "./measurements";
import { functionTableMap, type FunctionTableMap } from "./table-map";
import type { Analysis, DataStats, Finding, Measurement } from "./types";

export interface OptimizeInput {
  /** Project files by path relative to the project root (`convex/...`). */
  files: Record<string, string>;
  schema: SchemaModel;
  stats?: DataStats;
  measurements?: Measurement[];
  advise?: AdviseOptions;
  /** tsconfig path aliases, as `analyzeProject` takes them. */
  aliases?: PathAlias[];
  /** The functions folder (convex.json's `functions`), as `analyzeProject` takes it. */
  functionsDir?: string;
}

export interface OptimizeResult {
  analysis: Analysis;
  findings: Finding[];
  advice: IndexAdvice[];
  tableMap: FunctionTableMap;
  /** Present when measurements were given: patterns ranked by waste, with their findings. */
  measured?: MeasuredPattern[];
}

/** Runs the whole optimizer over a project. Pure. */
export function optimizeProject(input: OptimizeInput): OptimizeResult {
  const analysis = analyzeProject(
    { files: input.files, aliases: input.aliases, functionsDir: input.functionsDir },
    { schema: input.schema },
  );
  const findings = checkOptimizations({ schema: input.schema, analysis, stats: input.stats });
  const advice = adviseIndexes(input.schema, analysis.accesses, input.stats, input.advise);
  const tableMap = functionTableMap(analysis.accesses, analysis.functions);
  const result: OptimizeResult = { analysis, findings, advice, tableMap };
  if (input.measurements) result.measured = rankMeasurements(input.measurements, findings);
  return result;
}
