/**
 * One migration at a time per project: a run (apply or rollback, running or paused) or a backup restore holds the
 * sandbox until it ends. Its plan is "running" meanwhile, so one index lookup finds it.
 */
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { parseStored } from "./planning";

/** The project's running plan and its latest run (if one started), or null when no plan is running. */
async function runningPlan(
  ctx: QueryCtx,
  projectId: Id<"projects">,
): Promise<{ plan: Doc<"migrationPlans">; run: Doc<"migrationRuns"> | null } | null> {
  const plan = await ctx.db
    .query("migrationPlans")
    .withIndex("by_project_status", (q) => q.eq("projectId", projectId).eq("status", "running"))
    .first();
  if (!plan) return null;
  const run = await ctx.db
    .query("migrationRuns")
    .withIndex("by_plan", (q) => q.eq("planId", plan._id))
    .order("desc")
    .first();
  return { plan, run };
}

/** Why the project's sandbox is taken (naming the run and how to free it), or null when no migration holds it. */
export async function sandboxHolder(ctx: QueryCtx, projectId: Id<"projects">): Promise<string | null> {
  const held = await runningPlan(ctx, projectId);
  if (!held) return null;
  const { plan, run } = held;
  if (run && (await stepCrash(ctx, run)) !== null) return null; // failed, only not yet recorded as such
  return holderMessage(plan, run);
}

/** The error of a running run's scheduled step that threw (nothing will carry the run on), else null. */
async function stepCrash(ctx: QueryCtx, run: Doc<"migrationRuns">): Promise<string | null> {
  if (run.status !== "running" || !run.stepJobId) return null;
  const job = await ctx.db.system.get(run.stepJobId);
  return job?.state.kind === "failed" ? job.state.error : null;
}

/** The project's running run whose step crashed, with its plan and the step's error. */
export async function crashedRun(
  ctx: QueryCtx,
  projectId: Id<"projects">,
): Promise<{ run: Doc<"migrationRuns">; plan: Doc<"migrationPlans">; error: string } | null> {
  const held = await runningPlan(ctx, projectId);
  if (!held) return null;
  const { plan, run } = held;
  const error = run ? await stepCrash(ctx, run) : null;
  return run && error !== null ? { run, plan, error } : null;
}

function holderMessage(plan: Doc<"migrationPlans">, run: Doc<"migrationRuns"> | null): string {
  const stored = parseStored(plan);
  const range = `v${stored.fromSemver} → v${stored.toSemver}`;
  const once = "a project runs one migration at a time";
  if (!run || (run.status !== "running" && run.status !== "paused")) {
    return `The backup of migration plan ${plan._id} (${range}) is being restored into this project's sandbox; ${once}. Wait for the restore to finish.`;
  }
  if (run.kind === "rollback") {
    const how =
      run.status === "paused"
        ? "resume it on the Migrations page and let it finish"
        : "wait for it to finish (it can be paused, not cancelled)";
    return `Rollback run ${run._id} of ${range} is ${run.status} and holds this project's sandbox; ${once}. To start another, ${how}.`;
  }
  const how =
    run.status === "paused"
      ? "resume it and let it finish, or cancel it (its batches are undone) on the Migrations page"
      : "wait for it to finish, or pause it, or cancel it (its batches are undone) on the Migrations page";
  return `Migration run ${run._id} (${range}) is ${run.status} and holds this project's sandbox${run.status === "paused" ? " while paused" : ""}; ${once}. To start another, ${how}.`;
}
