import { storedOptimizerReport } from "../optimizer/reports";
import { v } from "convex/values";
import { internalMutation, internalQuery } from "../_generated/server";
import { modelOf } from "../schemaVersions/analyses";
import { checkToken } from "./tokens";
import { readAnalysis, storeAnalysis, storedAnalysis } from "../lib/analysis";

/**
 * Token check, rate limit and the current version's analysis and optimizer findings in one transaction (any role
 * may analyze): the hot path of the API.
 */
export const analyze = internalMutation({
  args: { secret: v.string(), projectId: v.string() },
  handler: async (ctx, { secret, projectId: requested }) => {
    const auth = await checkToken(ctx, secret, requested);
    if (!auth.ok) return { auth, result: null };
    const projectId = auth.projectId;
    const project = await ctx.db.get(projectId);
    if (!project?.currentVersionId) return { auth, result: null };
    const versionId = project.currentVersionId;
    const analysis = await ctx.db
      .query("analyses")
      .withIndex("by_version", (q) => q.eq("versionId", versionId))
      .first();
    let analysisJson = analysis?.resultJson ?? null;
    if (analysis && analysisJson && !storedAnalysis.isCurrent(analysisJson)) {
      // Written before format version 2: computed again from the version's model and stored for the next call.
      const version = await ctx.db.get(versionId);
      analysisJson = storeAnalysis(readAnalysis(analysisJson, `analyses ${analysis._id}`, () => modelOf(version)));
      await ctx.db.patch(analysis._id, { resultJson: analysisJson });
    }
    const report = await ctx.db
      .query("optimizerReports")
      .withIndex("by_version", (q) => q.eq("versionId", versionId))
      .first();
    // JSON text, not objects: the hot path skips converting nested values between the mutation and the action.
    return {
      auth,
      result: {
        versionId,
        analysisJson,
        optimizationsJson: report
          ? JSON.stringify(storedOptimizerReport.parse(report.reportJson, `optimizerReports ${report._id}`).findings)
          : "[]",
        healthScore: analysis?.healthScore ?? null,
      },
    };
  },
});

/** A migration run of the project, or null (also for runs of other projects). */
export const run = internalQuery({
  args: { projectId: v.id("projects"), runId: v.string() },
  handler: async (ctx, { projectId, runId }) => {
    const id = ctx.db.normalizeId("migrationRuns", runId);
    const row = id ? await ctx.db.get(id) : null;
    if (!row || row.projectId !== projectId) return null;
    return {
      runId: row._id,
      planId: row.planId,
      kind: row.kind,
      status: row.status,
      phase: row.phase,
      done: row.done,
      total: row.total,
      error: row.error ?? null,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt ?? null,
    };
  },
});
