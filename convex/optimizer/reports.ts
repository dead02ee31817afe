import { z } from "zod";
import { storedShape, structural } from "../../lib/stored";
import { v } from "convex/values";
import type { IndexAdvice } from "../../lib/optimize/advisor";
import type { FunctionTableMap } from "../../lib/optimize/table-map";
import type { Finding, NotAnalysed } from "../../lib/optimize/types";
import type { ImpactAccess } from "../../lib/migrate/impact";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalMutation, internalQuery, mutation, query, type QueryCtx } from "../_generated/server";
import { requireMember } from "../lib/access";

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

/** `optimizerReports.reportJson`: its lists and counts are checked; findings keep the optimizer's own types. */
export const storedOptimizerReport = storedShape(
  "optimizer report",
  1,
  structural<OptimizerReport>(
    z.looseObject({
      findings: z.array(z.looseObject({ code: z.string(), message: z.string() })),
      advice: z.array(z.looseObject({})),
      tableMap: z.looseObject({ functions: z.array(z.looseObject({})), edges: z.array(z.looseObject({})) }),
      notAnalysed: z.array(z.looseObject({})),
      functionCount: z.number(),
      accesses: z.array(z.looseObject({})).optional(),
    }),
  ),
);

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

type DataCounts = { table: string; count: number }[];

/** The sandbox's kept document counts (one row per table, cheap), tables with documents only, by name. */
async function dataCounts(ctx: QueryCtx, projectId: Id<"projects">): Promise<DataCounts> {
  const rows = await ctx.db
    .query("sandboxCounts")
    .withIndex("by_project_table", (q) => q.eq("projectId", projectId))
    .collect();
  return rows
    .filter((r) => r.count > 0)
    .map((r) => ({ table: r.table, count: r.count }))
    .sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
}

const sameCounts = (a: DataCounts, b: DataCounts) =>
  a.length === b.length && a.every((c, i) => c.table === b[i].table && c.count === b[i].count);

export const store = internalMutation({
  args: { projectId: v.id("projects"), versionId: v.id("schemaVersions"), reportJson: v.string() },
  handler: async (ctx, args) => {
    const existing = await ctx.db
      .query("optimizerReports")
      .withIndex("by_version", (q) => q.eq("versionId", args.versionId))
      .first();
    // The statistics came from the sandbox as it is now: a later change of its counts makes the report stale.
    const counts = await dataCounts(ctx, args.projectId);
    if (existing)
      await ctx.db.patch(existing._id, { reportJson: args.reportJson, createdAt: Date.now(), dataCounts: counts });
    else await ctx.db.insert("optimizerReports", { ...args, createdAt: Date.now(), dataCounts: counts });
  },
});

/** A re-run asked for less than this long ago is still under way (one at a time per report). */
const REFRESH_PENDING_MS = 60_000;

/**
 * Re-runs the current version's report with the sandbox data as it is now, when its counts changed since (sample
 * data generated, an import, a migration run). The page asks for it when `current` says `stale`; nothing happens
 * while a re-run is pending or when the report is up to date.
 */
export const refresh = mutation({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }): Promise<boolean> => {
    const { project } = await requireMember(ctx, projectId);
    const versionId = project.currentVersionId;
    if (!versionId) return false;
    const row = await ctx.db
      .query("optimizerReports")
      .withIndex("by_version", (q) => q.eq("versionId", versionId))
      .first();
    if (!row) return false; // the first run is scheduled with the version's analysis
    if (row.dataCounts && sameCounts(row.dataCounts, await dataCounts(ctx, projectId))) return false;
    const now = Date.now();
    if (
      row.refreshRequestedAt &&
      row.refreshRequestedAt >= row.createdAt &&
      now - row.refreshRequestedAt < REFRESH_PENDING_MS
    )
      return false;
    await ctx.db.patch(row._id, { refreshRequestedAt: now });
    await ctx.scheduler.runAfter(0, internal.optimizer.runNode.run, { versionId });
    return true;
  },
});

/**
 * The optimizer report of the project's current version, or null while it runs (or when no functions exist).
 * `stale`: the sandbox's document counts changed since its statistics were taken (ask `refresh`); `documents`: how
 * many sandbox documents the statistics came from.
 */
export const current = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }): Promise<(OptimizerReport & { stale: boolean; documents: number }) | null> => {
    const { project } = await requireMember(ctx, projectId);
    if (!project.currentVersionId) return null;
    const row = await ctx.db
      .query("optimizerReports")
      .withIndex("by_version", (q) => q.eq("versionId", project.currentVersionId!))
      .first();
    if (!row) return null;
    const now = await dataCounts(ctx, projectId);
    const stale = row.dataCounts ? !sameCounts(row.dataCounts, now) : now.length > 0;
    const documents = (row.dataCounts ?? []).reduce((n, c) => n + c.count, 0);
    return { ...storedOptimizerReport.parse(row.reportJson, `optimizerReports ${row._id}`), stale, documents };
  },
});
