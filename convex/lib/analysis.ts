import { analyzeSchema, type SchemaCounts } from "../../lib/analysis";
import type { HealthScore } from "../../lib/lint";
import type { Diagnostic, SchemaModel } from "../../lib/schema/model";

/** What is stored per schema version and returned by the dashboard and the HTTP API. */
export interface SchemaAnalysis {
  healthScore: number;
  breakdown: HealthScore["breakdown"];
  /** parser warnings, then lint findings (the dashboard lists both) */
  diagnostics: Diagnostic[];
  /** the counts every view shows (lib/analysis: `indexes` are database indexes; search and vector apart) */
  summary: SchemaCounts;
}

/** Lint, health score and counts for one model: lib/analysis's `analyzeSchema`, as the CLI's `analyze` prints it. */
export function analyzeModel(model: SchemaModel): SchemaAnalysis {
  const a = analyzeSchema(model);
  return {
    healthScore: a.healthScore,
    breakdown: a.breakdown,
    diagnostics: [...a.warnings, ...a.lint],
    summary: a.summary,
  };
}
