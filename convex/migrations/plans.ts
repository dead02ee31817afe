/**
 * Migration plans of a project: created when a pending version that changes stored data is approved, reviewed
 * (renames, backfill values, risks, code, preflight), approved by one or two members, then run by migrationRuns.
 */
import { storedModel } from "../../lib/stored/model";
import { ConvexError, v } from "convex/values";
import {
  candidateKey,
  planImpact,
  preflightAsync,
  type ChangeImpact,
  type Doc as AppDoc,
  type MigrationPlan,
  type PreflightResult,
} from "../../lib/migrate";
import { storedOptimizerReport } from "../optimizer/reports";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import {
  action,
  internalAction,
  internalMutation,
  internalQuery,
  mutation,
  query,
  type ActionCtx,
  type MutationCtx,
} from "../_generated/server";
import { audit, requireMember } from "../lib/access";
import { decryptText } from "../lib/crypto";
import {
  blockers,
  buildPlan,
  needsRun,
  parsePreflight,
  parseStored,
  sandboxStats,
  type StoredPlan,
  type StoredPreflight,
  storedPlan,
  storedPreflight,
} from "./planning";

/** Plans that still block or lead to a run (one per pending version at a time). */
const OPEN = new Set<Doc<"migrationPlans">["status"]>(["draft", "approved", "running"]);

/**
 * Called by `proposals.approve`: when the change needs a data migration on the project's sandbox, creates a draft
 * plan (with a preflight scheduled) and returns its id; returns null when the version can become current at once.
 */
export async function planForApproval(
  ctx: MutationCtx,
  version: Doc<"schemaVersions">,
  project: Doc<"projects">,
  userId: Id<"users">,
): Promise<Id<"migrationPlans"> | null> {
  const open = await openPlanFor(ctx, version._id);
  if (open)
    throw new ConvexError({
      code: "CONFLICT",
      message: `A migration plan for v${version.semver} is already waiting on the Migrations page.`,
    });
  const from = project.currentVersionId ? await ctx.db.get(project.currentVersionId) : null;
  if (!from) return null;
  const fromModel = storedModel.parse(from.modelJson, `schemaVersions ${from._id}`);
  const stats = await sandboxStats(ctx, project._id, fromModel);
  if (!Object.values(stats.tables).some((t) => t.count > 0)) return null;
  const stored = await buildPlan(from, version, stats, {}, {});
  if (!needsRun(stored)) return null;
  const planId = await ctx.db.insert("migrationPlans", {
    projectId: project._id,
    fromVersionId: from._id,
    toVersionId: version._id,
    status: "draft",
    planJson: JSON.stringify(stored),
    approvals: [],
    createdBy: userId,
    createdAt: Date.now(),
  });
  await schedulePreflight(ctx, planId);
  await audit(ctx, {
    projectId: project._id,
    actorId: userId,
    action: "migration.plan",
    target: `v${from.semver} → v${version.semver}`,
    details: { planId, steps: stored.plan.phases.map((p) => p.steps.length) },
  });
  return planId;
}

async function openPlanFor(ctx: MutationCtx, versionId: Id<"schemaVersions">) {
  const version = await ctx.db.get(versionId);
  if (!version) return null;
  const plans = await ctx.db
    .query("migrationPlans")
    .withIndex("by_project", (q) => q.eq("projectId", version.projectId))
    .collect();
  return plans.find((p) => p.toVersionId === versionId && OPEN.has(p.status)) ?? null;
}

async function schedulePreflight(ctx: MutationCtx, planId: Id<"migrationPlans">) {
  const state: StoredPreflight = { status: "running", at: Date.now() };
  await ctx.db.patch(planId, { preflightJson: JSON.stringify(state) });
  await ctx.scheduler.runAfter(0, internal.migrations.plans.preflightJob, { planId });
}

/** Approvals a plan needs: two different members when the project asks for a second approver. */
export function requiredApprovals(project: Doc<"projects">): number {
  return project.settings?.requireSecondApprover ? 2 : 1;
}

/** A project's plans, newest first, with their versions and latest run. */
export const list = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    await requireMember(ctx, projectId);
    const plans = await ctx.db
      .query("migrationPlans")
      .withIndex("by_project", (q) => q.eq("projectId", projectId))
      .order("desc")
      .take(50);
    return await Promise.all(
      plans.map(async (p) => {
        const stored = parseStored(p);
        const run = await ctx.db
          .query("migrationRuns")
          .withIndex("by_plan", (q) => q.eq("planId", p._id))
          .order("desc")
          .first();
        return {
          _id: p._id,
          status: p.status,
          createdAt: p.createdAt,
          fromSemver: stored.fromSemver,
          toSemver: stored.toSemver,
          toVersionId: p.toVersionId,
          run: run ? { _id: run._id, kind: run.kind, status: run.status } : null,
        };
      }),
    );
  },
});

/** Everything the plan review shows. The plan itself is JSON text (`StoredPlan`), parsed by the page. */
export const get = query({
  args: { planId: v.id("migrationPlans") },
  handler: async (ctx, { planId }) => {
    const plan = await ctx.db.get(planId);
    if (!plan) throw new ConvexError({ code: "NOT_FOUND", message: "Migration plan not found." });
    const { project, user, role } = await requireMember(ctx, plan.projectId, "viewer", "Migration plan not found.");
    const stored = parseStored(plan);
    const preflight = parsePreflight(plan);
    const required = requiredApprovals(project);
    const approvers = await Promise.all(
      plan.approvals.map(async (id) => ({ _id: id, name: (await ctx.db.get(id))?.name ?? "Unknown" })),
    );
    const runs = await ctx.db
      .query("migrationRuns")
      .withIndex("by_plan", (q) => q.eq("planId", planId))
      .order("desc")
      .take(10);
    // Which functions touch what changes: the optimizer's analysis of the version the plan starts from.
    const report = await ctx.db
      .query("optimizerReports")
      .withIndex("by_version", (q) => q.eq("versionId", plan.fromVersionId))
      .first();
    const accesses = report
      ? storedOptimizerReport.parse(report.reportJson, `optimizerReports ${report._id}`).accesses
      : undefined;
    const impact: ChangeImpact[] | null = accesses ? planImpact(stored.plan.changes, accesses, stored.plan.from) : null;
    return {
      _id: plan._id,
      projectId: plan.projectId,
      status: plan.status,
      createdAt: plan.createdAt,
      planJson: plan.planJson,
      preflight,
      approvers,
      required,
      youApproved: plan.approvals.includes(user._id),
      canApprove: role !== "viewer",
      blockers: blockers(stored, plan.approvals.length, required, preflight, false),
      forceable: blockers(stored, plan.approvals.length, required, preflight, true).length === 0,
      runs: runs.map((r) => ({ _id: r._id, kind: r.kind, status: r.status })),
      impact,
    };
  },
});

async function loadPlan(ctx: MutationCtx, planId: Id<"migrationPlans">, minimum: "editor" | "owner" = "editor") {
  const plan = await ctx.db.get(planId);
  if (!plan) throw new ConvexError({ code: "NOT_FOUND", message: "Migration plan not found." });
  const member = await requireMember(ctx, plan.projectId, minimum, "Migration plan not found.");
  return { plan, ...member };
}

/** Re-plans after a decision; approvals and the preflight start over because the plan changed. */
async function replan(ctx: MutationCtx, plan: Doc<"migrationPlans">, change: (s: StoredPlan) => void) {
  if (plan.status !== "draft" && plan.status !== "approved")
    throw new ConvexError({ code: "CONFLICT", message: `The plan is ${plan.status}; it can no longer change.` });
  const stored = parseStored(plan);
  change(stored);
  const [from, to] = await Promise.all([ctx.db.get(plan.fromVersionId), ctx.db.get(plan.toVersionId)]);
  if (!from || !to) throw new ConvexError({ code: "NOT_FOUND", message: "A version of this plan no longer exists." });
  const stats = await sandboxStats(
    ctx,
    plan.projectId,
    storedModel.parse(from.modelJson, `schemaVersions ${from._id}`),
  );
  const next = await buildPlan(from, to, stats, stored.renames, stored.defaults);
  await ctx.db.patch(plan._id, { planJson: JSON.stringify(next), approvals: [], status: "draft" });
  await schedulePreflight(ctx, plan._id);
  return next;
}

/** Confirms a rename candidate ("rename") or treats it as add + drop ("addDrop"). */
export const decideRename = mutation({
  args: {
    planId: v.id("migrationPlans"),
    key: v.string(),
    decision: v.union(v.literal("rename"), v.literal("addDrop")),
  },
  handler: async (ctx, { planId, key, decision }) => {
    const { plan, user } = await loadPlan(ctx, planId);
    if (!parseStored(plan).candidates.some((c) => candidateKey(c) === key))
      throw new ConvexError({ code: "NOT_FOUND", message: `No rename candidate "${key}" in this plan.` });
    await replan(ctx, plan, (s) => void (s.renames[key] = decision));
    await audit(ctx, {
      projectId: plan.projectId,
      actorId: user._id,
      action: "migration.rename",
      target: key,
      details: { decision },
    });
  },
});

/** Sets the value a backfill writes into "table.field" (JSON text), or clears it with null. */
export const setDefault = mutation({
  args: { planId: v.id("migrationPlans"), key: v.string(), valueJson: v.union(v.string(), v.null()) },
  handler: async (ctx, { planId, key, valueJson }) => {
    const { plan, user } = await loadPlan(ctx, planId);
    let value: unknown;
    if (valueJson !== null) {
      try {
        value = JSON.parse(valueJson);
      } catch {
        throw new ConvexError({
          code: "INVALID",
          message: `The value for "${key}" is not JSON (write strings in quotes): ${valueJson}`,
        });
      }
    }
    await replan(ctx, plan, (s) => {
      if (valueJson === null) delete s.defaults[key];
      else s.defaults[key] = value;
    });
    await audit(ctx, {
      projectId: plan.projectId,
      actorId: user._id,
      action: "migration.default",
      target: key,
      details: { valueJson },
    });
  },
});

/** Approves a plan (owners and editors); with "require a second approver" two different members must approve. */
export const approve = mutation({
  args: { planId: v.id("migrationPlans") },
  handler: async (ctx, { planId }) => {
    const { plan, user, project } = await loadPlan(ctx, planId);
    if (plan.status !== "draft" && plan.status !== "approved")
      throw new ConvexError({ code: "CONFLICT", message: `The plan is ${plan.status}.` });
    if (plan.approvals.includes(user._id))
      throw new ConvexError({
        code: "CONFLICT",
        message: "You already approved this plan; another member must approve it too.",
      });
    const approvals = [...plan.approvals, user._id];
    await ctx.db.patch(planId, {
      approvals,
      status: approvals.length >= requiredApprovals(project) ? "approved" : "draft",
    });
    await audit(ctx, {
      projectId: plan.projectId,
      actorId: user._id,
      action: "migration.approve",
      target: planId,
      details: { approvals: approvals.length },
    });
  },
});

/** Drops a plan that has not run; its version stays pending. */
export const discard = mutation({
  args: { planId: v.id("migrationPlans") },
  handler: async (ctx, { planId }) => {
    const { plan, user } = await loadPlan(ctx, planId);
    if (plan.status !== "draft" && plan.status !== "approved")
      throw new ConvexError({
        code: "CONFLICT",
        message: `The plan is ${plan.status}; only plans that have not run can be discarded.`,
      });
    await ctx.db.patch(planId, { status: "cancelled" });
    await audit(ctx, { projectId: plan.projectId, actorId: user._id, action: "migration.discard", target: planId });
  },
});

/** The project setting "require a second approver" (owners). */
export const setRequireSecondApprover = mutation({
  args: { projectId: v.id("projects"), value: v.boolean() },
  handler: async (ctx, { projectId, value }) => {
    const { project, user } = await requireMember(ctx, projectId, "owner");
    await ctx.db.patch(projectId, {
      settings: { ...project.settings, requireSecondApprover: value },
      updatedAt: Date.now(),
    });
    await audit(ctx, {
      projectId,
      actorId: user._id,
      action: "project.settings",
      details: { requireSecondApprover: value },
    });
  },
});

/** Runs the preflight again (e.g. after the sandbox data changed). */
export const rerunPreflight = mutation({
  args: { planId: v.id("migrationPlans") },
  handler: async (ctx, { planId }) => {
    const { plan, user } = await loadPlan(ctx, planId);
    if (!OPEN.has(plan.status) || plan.status === "running")
      throw new ConvexError({ code: "CONFLICT", message: `The plan is ${plan.status}.` });
    await schedulePreflight(ctx, planId);
    await audit(ctx, { projectId: plan.projectId, actorId: user._id, action: "migration.preflight", target: planId });
  },
});

const PREFLIGHT_PAGE = 1000;

/** The preflight over every sandbox document, read in pages so 10k+ documents fit the per-call limits. */
export const preflightJob = internalAction({
  args: { planId: v.id("migrationPlans") },
  handler: async (ctx, { planId }) => {
    const input = await ctx.runQuery(internal.migrations.plans.preflightInput, { planId });
    if (!input) return;
    const plan = storedPlan.parse(input.planJson, `migrationPlans ${planId}`).plan;
    let state: StoredPreflight;
    try {
      const result = await preflightSandbox(ctx, input.projectId, plan);
      state = { status: "done", result, at: Date.now() };
    } catch (err) {
      state = { status: "failed", error: err instanceof Error ? err.message : String(err), at: Date.now() };
    }
    await ctx.runMutation(internal.migrations.plans.savePreflight, {
      planId,
      planJson: input.planJson,
      preflightJson: JSON.stringify(state),
    });
  },
});

/** The preflight of `plan` over every document of the project's sandbox (also used by the HTTP API's runs). */
export async function preflightSandbox(
  ctx: ActionCtx,
  projectId: Id<"projects">,
  plan: MigrationPlan,
): Promise<PreflightResult> {
  async function* pages(table: string): AsyncGenerator<AppDoc> {
    for (let cursor: string | null = null; ; ) {
      const page: { docs: AppDoc[]; cursor: string | null } = await ctx.runQuery(
        internal.migrations.plans.sandboxPage,
        {
          projectId,
          table,
          cursor,
          numItems: PREFLIGHT_PAGE,
        },
      );
      yield* page.docs;
      if (page.cursor === null) return;
      cursor = page.cursor;
    }
  }
  async function* all() {
    for (const t of plan.from.tables) yield [t.name, pages(t.name)] as const;
  }
  return await preflightAsync(plan, all());
}

export const preflightInput = internalQuery({
  args: { planId: v.id("migrationPlans") },
  handler: async (ctx, { planId }) => {
    const plan = await ctx.db.get(planId);
    return plan ? { projectId: plan.projectId, planJson: plan.planJson } : null;
  },
});

/** One page of a sandbox table's app documents. */
export const sandboxPage = internalQuery({
  args: { projectId: v.id("projects"), table: v.string(), cursor: v.union(v.string(), v.null()), numItems: v.number() },
  handler: async (ctx, { projectId, table, cursor, numItems }) => {
    const res = await ctx.db
      .query("sandboxDocuments")
      .withIndex("by_project_table", (q) => q.eq("projectId", projectId).eq("table", table))
      .paginate({ cursor, numItems });
    return { docs: res.page.map((r) => r.doc as AppDoc), cursor: res.isDone ? null : res.continueCursor };
  },
});

/** Stores a preflight result unless the plan changed while it ran (a newer preflight is on its way then). */
export const savePreflight = internalMutation({
  args: { planId: v.id("migrationPlans"), planJson: v.string(), preflightJson: v.string() },
  handler: async (ctx, { planId, planJson, preflightJson }) => {
    const plan = await ctx.db.get(planId);
    if (!plan || plan.planJson !== planJson) return;
    await ctx.db.patch(planId, { preflightJson });
    const state = storedPreflight.parse(preflightJson, `migrationPlans ${planId} preflightJson`);
    await audit(ctx, {
      projectId: plan.projectId,
      action: "migration.preflight.result",
      target: planId,
      source: "system",
      details: { status: state.status, checked: state.result?.checked, invalid: state.result?.invalid },
    });
  },
});

/** Unused by the dashboard; lets API clients run the preflight and wait for it. */
export const preflightNow = action({
  args: { planId: v.id("migrationPlans") },
  handler: async (ctx, { planId }) => {
    await ctx.runQuery(internal.migrations.plans.assertEditor, { planId });
    await ctx.runAction(internal.migrations.plans.preflightJob, { planId });
  },
});

export const assertEditor = internalQuery({
  args: { planId: v.id("migrationPlans") },
  handler: async (ctx, { planId }) => {
    const plan = await ctx.db.get(planId);
    if (!plan) throw new ConvexError({ code: "NOT_FOUND", message: "Migration plan not found." });
    await requireMember(ctx, plan.projectId, "editor", "Migration plan not found.");
  },
});

/** The version timeline with each version's migration plan, and whether it can be rolled back now. */
export const history = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    const { project } = await requireMember(ctx, projectId);
    const versions = await ctx.db
      .query("schemaVersions")
      .withIndex("by_project", (q) => q.eq("projectId", projectId))
      .order("desc")
      .take(200);
    const plans = await ctx.db
      .query("migrationPlans")
      .withIndex("by_project", (q) => q.eq("projectId", projectId))
      .order("desc")
      .collect();
    return await Promise.all(
      versions.map(async (ver) => {
        const plan = plans.find((p) => p.toVersionId === ver._id && p.status !== "cancelled") ?? null;
        const author = await ctx.db.get(ver.authorId);
        const isCurrent = project.currentVersionId === ver._id;
        return {
          _id: ver._id,
          number: ver.number,
          semver: ver.semver,
          status: ver.status,
          summary: await decryptText(ver.summary),
          createdAt: ver.createdAt,
          author: author?.name ?? "Unknown",
          plan: plan ? { _id: plan._id, status: plan.status } : null,
          /** A pending proposal made on a version that is no longer current: not counted as pending, to be rebased. */
          overtaken: ver.status === "pending" && ver.parentVersionId !== project.currentVersionId,
          canRollback: isCurrent && ver.parentVersionId !== undefined && (plan === null || plan.status === "applied"),
        };
      }),
    );
  },
});

/** Rolls back a current version that changed no data (no plan ran): its parent becomes current again. */
export const rollbackSchemaOnly = mutation({
  args: { versionId: v.id("schemaVersions") },
  handler: async (ctx, { versionId }) => {
    const version = await ctx.db.get(versionId);
    if (!version) throw new ConvexError({ code: "NOT_FOUND", message: "Version not found." });
    const { project, user } = await requireMember(ctx, version.projectId, "editor", "Version not found.");
    if (project.currentVersionId !== versionId || !version.parentVersionId)
      throw new ConvexError({
        code: "CONFLICT",
        message: `v${version.semver} is not the current version with a previous one.`,
      });
    const plans = await ctx.db
      .query("migrationPlans")
      .withIndex("by_project", (q) => q.eq("projectId", project._id))
      .collect();
    if (plans.some((p) => p.toVersionId === versionId && p.status === "applied"))
      throw new ConvexError({
        code: "CONFLICT",
        message: "This version changed data; roll back its migration run instead.",
      });
    await ctx.db.patch(versionId, { status: "rolledBack" });
    await ctx.db.patch(version.parentVersionId, { status: "current" });
    await ctx.db.patch(project._id, { currentVersionId: version.parentVersionId, updatedAt: Date.now() });
    await audit(ctx, {
      projectId: project._id,
      actorId: user._id,
      action: "version.rollback",
      target: `v${version.semver}`,
    });
  },
});
