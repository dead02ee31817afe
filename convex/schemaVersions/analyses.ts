import { v } from "convex/values";
import { storedModel } from "../../lib/stored/model";
import { internal } from "../_generated/api";
import { internalMutation, query } from "../_generated/server";
import type { Doc } from "../_generated/dataModel";
import { analyzeModel, readAnalysis, type SchemaAnalysis, storeAnalysis, storedAnalysis } from "../lib/analysis";
import { requireMember } from "../lib/access";
import { emitWebhookEvent } from "../webhooks/webhooks";

/** Analyses a schema version (lint, health) and stores the result; scheduled whenever a version is created. */
export const computeForVersion = internalMutation({
  args: { versionId: v.id("schemaVersions") },
  handler: async (ctx, { versionId }) => {
    const version = await ctx.db.get(versionId);
    if (!version) return;
    const existing = await ctx.db
      .query("analyses")
      .withIndex("by_version", (q) => q.eq("versionId", versionId))
      .first();
    if (existing) return;
    const analysis = analyzeModel(storedModel.parse(version.modelJson, `schemaVersions ${versionId}`));
    await ctx.db.insert("analyses", {
      projectId: version.projectId,
      versionId,
      healthScore: analysis.healthScore,
      resultJson: storeAnalysis(analysis),
      createdAt: Date.now(),
    });
    await emitWebhookEvent(ctx, version.projectId, "analysis.completed", {
      versionId,
      semver: version.semver,
      healthScore: analysis.healthScore,
    });
    // The optimizer reads the project's function files with the parser, so it runs as a Node action.
    await ctx.scheduler.runAfter(0, internal.optimizer.runNode.run, { versionId });
  },
});

/** The analysis of the project's current schema version, or null while it is being computed. */
export const current = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }): Promise<(SchemaAnalysis & { versionId: string; createdAt: number }) | null> => {
    const { project } = await requireMember(ctx, projectId);
    if (!project.currentVersionId) return null;
    const row = await ctx.db
      .query("analyses")
      .withIndex("by_version", (q) => q.eq("versionId", project.currentVersionId!))
      .first();
    if (!row) return null;
    // A row written before format version 2 is computed again from its version's model.
    const version = storedAnalysis.isCurrent(row.resultJson) ? null : await ctx.db.get(row.versionId);
    const analysis = readAnalysis(row.resultJson, `analyses ${row._id}`, () => modelOf(version));
    return { ...analysis, versionId: row.versionId, createdAt: row.createdAt };
  },
});

/** Health score per version over time, oldest first, for the trend line. */
export const history = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    await requireMember(ctx, projectId);
    const rows = await ctx.db
      .query("analyses")
      .withIndex("by_project", (q) => q.eq("projectId", projectId))
      .take(500);
    return rows.map((r) => ({ versionId: r.versionId, healthScore: r.healthScore, createdAt: r.createdAt }));
  },
});

/** The model of a schema version read for recomputing an old analysis (the version may have been deleted). */
export function modelOf(version: Doc<"schemaVersions"> | null) {
  if (!version) throw new Error("The schema version of this analysis no longer exists.");
  return storedModel.parse(version.modelJson, `schemaVersions ${version._id}`);
}
