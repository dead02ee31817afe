import { v } from "convex/values";
import { internalQuery } from "./_generated/server";
import type { SchemaAnalysis } from "./lib/analysis";

/** The current version's analysis and optimizer findings, as the HTTP API returns them. */
export const analyze = internalQuery({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    const project = await ctx.db.get(projectId);
    if (!project?.currentVersionId) return null;
    const versionId = project.currentVersionId;
    const analysis = await ctx.db.query("analyses").withIndex("by_version", (q) => q.eq("versionId", versionId)).first();
    const report = await ctx.db.query("optimizerReports").withIndex("by_version", (q) => q.eq("versionId", versionId)).first();
    const parsed = analysis ? (JSON.parse(analysis.resultJson) as SchemaAnalysis) : null;
    const findings = report ? ((JSON.parse(report.reportJson) as { findings?: unknown[] }).findings ?? []) : [];
    return { versionId, analysis: parsed, optimizations: findings, healthScore: parsed?.healthScore ?? null, pending: !analysis };
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
      runId: row._id, planId: row.planId, kind: row.kind, status: row.status, phase: row.phase, done: row.done, total: row.total,
      error: row.error ?? null, startedAt: row.startedAt, finishedAt: row.finishedAt ?? null,
    };
  },
});
