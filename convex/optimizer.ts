import { v } from "convex/values";
import type { IndexAdvice } from "../lib/optimize/advisor";
import type { FunctionTableMap } from "../lib/optimize/table-map";
import type { Finding, NotAnalysed } from "../lib/optimize/types";
import type { ImpactAccess } from "../lib/migrate/impact";
import { internalMutation, internalQuery, query } from "./_generated/server";
import { requireMember } from "./lib/access";

/** What the dashboard shows: findings with locations, index advice with documents read, the function ↔ table map. */
export interface OptimizerReport {
  findings: Finding[];
  advice: IndexAdvice[];
  tableMap: FunctionTableMap;
  notAnalysed: NotAnalysed[];
  functionCount: number;
  /** Database accesses (slimmed), for the impact of a migration plan on the functions. Older reports lack it. */
  accesses?: ImpactAccess[];
}

/** The version and files the optimizer reads. */
export const input = internalQuery({
  args: { versionId: v.id("schemaVersions") },
  handler: async (ctx, { versionId }) => {
    const version = await ctx.db.get(versionId);
    if (!version) return null;
    return {
      projectId: version.projectId,
      source: version.source,
      filesJson: version.filesJson,
      modelJson: version.modelJson,
    };
  },
});

export const store = internalMutation({
  args: { projectId: v.id("projects"), versionId: v.id("schemaVersions"), reportJson: v.string() },
  handler: async (ctx, args) => {
    const existing = await ctx.db
      .query("optimizerReports")
      .withIndex("by_version", (q) => q.eq("versionId", args.versionId))
      .first();
    if (existing) await ctx.db.patch(existing._id, { reportJson: args.reportJson, createdAt: Date.now() });
    else await ctx.db.insert("optimizerReports", { ...args, createdAt: Date.now() });
  },
});

/** The optimizer report of the project's current version, or null while it runs (or when no functions exist). */
export const current = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }): Promise<OptimizerReport | null> => {
    const { project } = await requireMember(ctx, projectId);
    if (!project.currentVersionId) return null;
    const row = await ctx.db
      .query("optimizerReports")
      .withIndex("by_version", (q) => q.eq("versionId", project.currentVersionId!))
      .first();
    return row ? (JSON.parse(row.reportJson) as OptimizerReport) : null;
  },
});
