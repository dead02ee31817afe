import { z } from "zod";
import { analyzeSchema, type SchemaCounts } from "../../lib/analysis";
import type { HealthScore } from "../../lib/lint";
import type { Diagnostic, SchemaModel } from "../../lib/schema/model";
import { StoredDataError, storedShape } from "../../lib/stored";
import { diagnosticSchema } from "../../lib/stored/model";

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

const count = z.number().int().nonnegative();
const analysisSchema: z.ZodType<SchemaAnalysis & { formatVersion: 3 }> = z.object({
  healthScore: z.number(),
  breakdown: z.array(
    z.object({ code: z.string(), severity: z.enum(["error", "warning", "info"]), count, cost: z.number() }),
  ),
  diagnostics: z.array(diagnosticSchema),
  summary: z.object({
    tables: count,
    fields: count,
    indexes: count,
    searchIndexes: count,
    vectorIndexes: count,
    relationships: count,
  }),
  formatVersion: z.literal(3),
});

/**
 * `analyses.resultJson`. Version 3: `summary.relationships` counts the references between tables
 * (`referenceCount`, as the diagram and the docs do). Version 2 counted every inferred relationship (join-table
 * many-to-many and references to `_storage` too); version 1 (no `formatVersion`) also summed every index kind in
 * `indexes`. Neither can be corrected from the row alone: such a row is computed again from its schema version's
 * model (the reader passes `() => model` as the context).
 */
export const storedAnalysis = storedShape<SchemaAnalysis & { formatVersion: 3 }, () => SchemaModel>(
  "analysis",
  3,
  analysisSchema,
  {
    upgrades: {
      // Recomputed by the upgrade from version 2.
      1: (old) => old,
      2: (_old, model) => {
        if (!model) throw new StoredDataError("analysis", "analysis", "an analysis before version 3 needs its model");
        return { ...analyzeModel(model()), formatVersion: 3 };
      },
    },
  },
);

/** The text to store in `analyses.resultJson`. */
export function storeAnalysis(analysis: SchemaAnalysis): string {
  return storedAnalysis.stringify({ ...analysis, formatVersion: 3 });
}

/** A stored analysis, validated; rows of format versions 1 and 2 are recomputed from `model()`. */
export function readAnalysis(resultJson: string, record: string, model: () => SchemaModel): SchemaAnalysis {
  const { formatVersion: _, ...analysis } = storedAnalysis.parse(resultJson, record, model);
  return analysis;
}
