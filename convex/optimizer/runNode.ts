"use node";
// The optimizer parses the project's function files with oxc-parser (a native addon): Node runtime.
import { storedFiles, storedModel } from "../../lib/stored/model";
import { v } from "convex/values";
import { impactAccess } from "../../lib/migrate/impact";
import { optimizeProject } from "../../lib/optimize";
import { sampledStats } from "../lib/optimizerStats";
import { internal } from "../_generated/api";
import { internalAction } from "../_generated/server";
import type { OptimizerReport } from "./reports";

/** Runs the optimizer on a schema version's files, with statistics from the project's sandbox data. */
export const run = internalAction({
  args: { versionId: v.id("schemaVersions") },
  handler: async (ctx, { versionId }) => {
    const input = await ctx.runQuery(internal.optimizer.reports.input, { versionId });
    if (!input) return;
    const schema = storedModel.parse(input.modelJson, `schemaVersions ${versionId}`);
    const files: Record<string, string> = {
      ...(input.filesJson ? storedFiles.parse(input.filesJson, `schemaVersions ${versionId} filesJson`) : {}),
      "convex/schema.ts": input.source,
    };
    const stats = await sampledStats(ctx, input.projectId, schema);
    const result = optimizeProject({ files, schema, stats });
    const report: OptimizerReport = {
      findings: result.findings,
      advice: result.advice,
      tableMap: result.tableMap,
      notAnalysed: result.analysis.notAnalysed,
      functionCount: result.analysis.functions.length,
      accesses: result.analysis.accesses.map(impactAccess),
    };
    await ctx.runMutation(internal.optimizer.reports.store, {
      projectId: input.projectId,
      versionId,
      reportJson: JSON.stringify(report),
    });
  },
});
