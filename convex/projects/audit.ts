import { v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import { query, type QueryCtx } from "../_generated/server";
import { requireMember } from "../lib/access";
import { source } from "../schema";

/**
 * A project's audit log, newest first, filtered by action prefix (e.g. "member."), source and actor. Editors and
 * owners may read it; viewers may not (it names people and tokens).
 */
export const list = query({
  args: {
    projectId: v.id("projects"),
    action: v.optional(v.string()),
    source: v.optional(source),
    actorId: v.optional(v.id("users")),
    limit: v.optional(v.number()),
  },
  handler: async (ctx, args) => {
    await requireMember(ctx, args.projectId, "editor");
    const limit = Math.min(Math.max(1, args.limit ?? 100), 500);
    const out = [];
    const names = new Map<string, string>();
    // Scan newest first until enough rows match; filters are cheap and the log is per project.
    for await (const row of ctx.db
      .query("auditLog")
      .withIndex("by_project", (q) => q.eq("projectId", args.projectId))
      .order("desc")) {
      if (args.action && !row.action.startsWith(args.action)) continue;
      if (args.source && row.source !== args.source) continue;
      if (args.actorId && row.actorId !== args.actorId) continue;
      if (row.actorId && !names.has(row.actorId))
        names.set(row.actorId, (await ctx.db.get(row.actorId))?.name ?? "Unknown");
      out.push({
        ...row,
        actorName: row.actorId ? names.get(row.actorId)! : row.source === "system" ? "System" : "API token",
        targetLabel: row.target ? await targetLabel(ctx, row.target, names) : undefined,
      });
      if (out.length >= limit) break;
    }
    return out;
  },
});

/**
 * What a target id names, for people reading the log: a version's semver, a plan's versions, a run's kind and
 * plan, a member's name. Anything else (a table name, "v1.2.0") is shown as written.
 */
async function targetLabel(ctx: QueryCtx, target: string, names: Map<string, string>): Promise<string> {
  const versionId = ctx.db.normalizeId("schemaVersions", target);
  if (versionId) {
    const version = await ctx.db.get(versionId);
    return version ? `v${version.semver} (#${version.number})` : "a deleted version";
  }
  const planLabel = async (planId: Id<"migrationPlans">) => {
    const plan = await ctx.db.get(planId);
    if (!plan) return "a deleted migration plan";
    const [from, to] = await Promise.all([ctx.db.get(plan.fromVersionId), ctx.db.get(plan.toVersionId)]);
    return `migration v${from?.semver ?? "?"} → v${to?.semver ?? "?"}`;
  };
  const planId = ctx.db.normalizeId("migrationPlans", target);
  if (planId) return await planLabel(planId);
  const runId = ctx.db.normalizeId("migrationRuns", target);
  if (runId) {
    const run = await ctx.db.get(runId);
    return run ? `${run.kind === "rollback" ? "rollback" : "run"} of ${await planLabel(run.planId)}` : "a deleted run";
  }
  const userId = ctx.db.normalizeId("users", target);
  if (userId) {
    if (!names.has(userId)) names.set(userId, (await ctx.db.get(userId))?.name ?? "a deleted account");
    return names.get(userId)!;
  }
  return target;
}
