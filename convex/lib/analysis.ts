import { healthScore, lintSchema } from "../../lib/lint";
import type { Diagnostic, SchemaModel } from "../../lib/schema/model";

/** What is stored per schema version and returned by the dashboard and the HTTP API. */
export interface SchemaAnalysis {
  healthScore: number;
  breakdown: ReturnType<typeof healthScore>["breakdown"];
  diagnostics: Diagnostic[];
  summary: { tables: number; fields: number; indexes: number };
}

/** Lint, health score and counts for one model: the same figures everywhere a schema is shown. */
export function analyzeModel(model: SchemaModel): SchemaAnalysis {
  const diagnostics = [...model.warnings, ...lintSchema(model)];
  const health = healthScore(model, diagnostics);
  return {
    healthScore: health.score,
    breakdown: health.breakdown,
    diagnostics,
    summary: {
      tables: model.tables.length,
      fields: model.tables.reduce((n, t) => n + t.fields.length, 0),
      indexes: model.tables.reduce((n, t) => n + t.indexes.length + t.searchIndexes.length + t.vectorIndexes.length, 0),
    },
  };
}
