/**
 * Deletes migration journals, copied-id maps and backups once nothing can use them, by the policy in
 * lib/migrate/retention.ts: right after a rollback ends, when a newer plan of the project is applied, and (daily)
 * 30 days after the newest applied plan's run. Each mutation deletes a bounded batch and schedules the rest.
 */
import { v } from "convex/values";
import { plansToPrune, type PlanRecord } from "../../lib/migrate/retention";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, type MutationCtx } from "../_generated/server";

const BATCH = 500;
const PRUNABLE = ["applied", "rolledBack", "cancelled"] as const;

async function recordOf(ctx: MutationCtx, plan: Doc<"migrationPlans">): Promise<PlanRecord> {
  const runs = await ctx.db
    .query("migrationRuns")
    .withIndex("by_plan", (q) => q.eq("planId", plan._id))
    .collect();
  const finished = runs.filter((r) => r.kind === "apply" && r.status === "completed").map((r) => r.finishedAt ?? 0);
  return {
    id: plan._id,
    projectId: plan.projectId,
    status: plan.status,
    ...(finished.length ? { finishedAt: Math.max(...finished) } : {}),
  };
}

/** The plans of a project whose journal and backups the policy lets go now. */
async function prunableOf(ctx: MutationCtx, projectId: Id<"projects">): Promise<Id<"migrationPlans">[]> {
  const records: PlanRecord[] = [];
  for (const status of PRUNABLE) {
    const plans = await ctx.db
      .query("migrationPlans")
      .withIndex("by_project_status", (q) => q.eq("projectId", projectId).eq("status", status))
      .collect();
    for (const p of plans) records.push(await recordOf(ctx, p));
  }
  return plansToPrune(records, Date.now()) as Id<"migrationPlans">[];
}

/** Schedules the deletion for every plan of the project the policy lets go. */
export const pruneProject = internalMutation({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    for (const planId of await prunableOf(ctx, projectId))
      await ctx.scheduler.runAfter(0, internal.migrations.retention.prunePlan, { planId });
  },
});

/** Deletes one batch of a plan's journal, id map and backups (re-checking the policy first), then schedules the rest. */
export const prunePlan = internalMutation({
  args: { planId: v.id("migrationPlans") },
  handler: async (ctx, { planId }) => {
    const plan = await ctx.db.get(planId);
    if (!plan || !(await prunableOf(ctx, plan.projectId)).includes(planId)) return { deleted: 0 };
    let left = BATCH;
    const journal = await ctx.db
      .query("migrationJournal")
      .withIndex("by_plan", (q) => q.eq("planId", planId))
      .take(left);
    left -= journal.length;
    const ids =
      left > 0
        ? await ctx.db
            .query("migrationIdMap")
            .withIndex("by_plan_source", (q) => q.eq("planId", planId))
            .take(left)
        : [];
    left -= ids.length;
    const backups =
      left > 0
        ? await ctx.db
            .query("migrationBackups")
            .withIndex("by_plan_table", (q) => q.eq("planId", planId))
            .take(left)
        : [];
    for (const row of [...journal, ...ids, ...backups]) await ctx.db.delete(row._id);
    const deleted = journal.length + ids.length + backups.length;
    if (deleted === BATCH) await ctx.scheduler.runAfter(0, internal.migrations.retention.prunePlan, { planId });
    return { deleted };
  },
});

/** Daily: every project with plans gets its policy applied (the 30-day expiry of the newest applied plan). */
export const sweep = internalMutation({
  args: { cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, { cursor }) => {
    const page = await ctx.db.query("projects").paginate({ cursor: cursor ?? null, numItems: 100 });
    for (const p of page.page)
      await ctx.scheduler.runAfter(0, internal.migrations.retention.pruneProject, { projectId: p._id });
    if (!page.isDone)
      await ctx.scheduler.runAfter(0, internal.migrations.retention.sweep, { cursor: page.continueCursor });
  },
});
