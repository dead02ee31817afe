"use node";
// The optimizer parses the project's function files with oxc-parser (a native addon): Node runtime.
import { storedFiles, storedModel } from "../lib/stored/model";
import { v } from "convex/values";
import { impactAccess } from "../lib/migrate/impact";
import { optimizeProject, statsFromSamples } from "../lib/optimize";
import { internal } from "./_generated/api";
import { internalAction } from "./_generated/server";
import type { OptimizerReport } from "./optimizer";

/** Documents sampled per table to estimate field selectivity. */
const SAMPLE_SIZE = 500;

/** Runs the optimizer on a schema version's files, with statistics from the project's sandbox data. */
export const run = internalAction({
  args: { versionId: v.id("schemaVersions") },
  handler: async (ctx, { versionId }) => {
    const input = await ctx.runQuery(internal.optimizer.input, { versionId });
    if (!input) return;
    const schema = storedModel.parse(input.modelJson, `schemaVersions ${versionId}`);
    const files: Record<string, string> = {
      ...(input.filesJson ? storedFiles.parse(input.filesJson, `schemaVersions ${versionId} filesJson`) : {}),
      "convex/schema.ts": input.source,
    };
    const samples = await ctx.runQuery(internal.sandbox.samples, {
      projectId: input.projectId,
      tables: schema.tables.map((t) => t.name),
      perTable: SAMPLE_SIZE,
    });
    const hasData = Object.values(samples).some((s) => s.count > 0);
    const result = optimizeProject({ files, schema, stats: hasData ? statsFromSamples(samples) : undefined });
    const report: OptimizerReport = {
      findings: result.findings,
      advice: result.advice,
      tableMap: result.tableMap,
      notAnalysed: result.analysis.notAnalysed,
      functionCount: result.analysis.functions.length,
      accesses: result.analysis.accesses.map(impactAccess),
    };
    await ctx.runMutation(internal.optimizer.store, {
      projectId: input.projectId,
      versionId,
      reportJson: JSON.stringify(report),
    });
  },
});
