import { schemaHealth } from "../../lib/lint";
import type { Diagnostic, SchemaModel } from "../../lib/schema/model";

/** What is stored per schema version and returned by the dashboard and the HTTP API. */
export interface SchemaAnalysis {
  healthScore: number;
  breakdown: ReturnType<typeof schemaHealth>["breakdown"];
  diagnostics: Diagnostic[];
  summary: { tables: number; fields: number; indexes: number };
}

/** Lint, health score and counts for one model: the same figures the CLI's `analyze` prints. */
export function analyzeModel(model: SchemaModel): SchemaAnalysis {
  const health = schemaHealth(model);
  return {
    healthScore: health.score,
    breakdown: health.breakdown,
    diagnostics: health.diagnostics,
    summary: {
      tables: model.tables.length,
      fields: model.tables.reduce((n, t) => n + t.fields.length, 0),
      indexes: model.tables.reduce((n, t) => n + t.indexes.length + t.searchIndexes.length + t.vectorIndexes.length, 0),
    },
  };
}
