/**
 * Deleting a project: `projects.remove` deletes the project and its memberships at once (nobody reaches it any
 * more) and schedules `step`, which deletes everything else stored for it in bounded batches, children before
 * their parents, rescheduling itself until nothing is left. deletion.test.ts checks every table of the
 * schema afterwards, so a new table that belongs to a project cannot be forgotten here.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id, TableNames } from "../_generated/dataModel";
import { internalMutation, type MutationCtx } from "../_generated/server";

/** Documents one step deletes at most (reads stay well inside a mutation's limits). */
export const DELETION_BATCH = 500;

type Row = { _id: Id<TableNames> };
/** Deletes up to `limit` rows of one kind; answers how many it deleted (0: none left). */
type Unit = (ctx: MutationCtx, projectId: Id<"projects">, limit: number) => Promise<number>;

async function deleteRows(ctx: MutationCtx, rows: Row[]): Promise<number> {
  for (const r of rows) await ctx.db.delete(r._id);
  return rows.length;
}

/** A parent row of the project at a time: its children first, then the parent once it has none left. */
function withChildren<P extends Row>(
  parents: (ctx: MutationCtx, projectId: Id<"projects">) => Promise<P | null>,
  children: Array<(ctx: MutationCtx, parent: P, limit: number) => Promise<Row[]>>,
): Unit {
  return async (ctx, projectId, limit) => {
    const parent = await parents(ctx, projectId);
    if (!parent) return 0;
    let deleted = 0;
    for (const rowsOf of children) {
      if (deleted >= limit) return deleted;
      deleted += await deleteRows(ctx, await rowsOf(ctx, parent, limit - deleted));
    }
    if (deleted < limit) deleted += await deleteRows(ctx, [parent]);
    return deleted;
  };
}

/** What a project owns, in deletion order (children before the rows they point at). */
const UNITS: Array<[string, Unit]> = [
  [
    "migrationRuns + migrationRunLog",
    withChildren(
      (ctx, projectId) =>
        ctx.db
          .query("migrationRuns")
          .withIndex("by_project", (q) => q.eq("projectId", projectId))
          .first(),
      [
        (ctx, run, n) =>
          ctx.db
            .query("migrationRunLog")
            .withIndex("by_run", (q) => q.eq("runId", run._id))
            .take(n),
      ],
    ),
  ],
  [
    "migrationPlans + journal, id map, backups",
    withChildren(
      (ctx, projectId) =>
        ctx.db
          .query("migrationPlans")
          .withIndex("by_project", (q) => q.eq("projectId", projectId))
          .first(),
      [
        (ctx, plan, n) =>
          ctx.db
            .query("migrationJournal")
            .withIndex("by_plan", (q) => q.eq("planId", plan._id))
            .take(n),
        (ctx, plan, n) =>
          ctx.db
            .query("migrationIdMap")
            .withIndex("by_plan_source", (q) => q.eq("planId", plan._id))
            .take(n),
        (ctx, plan, n) =>
          ctx.db
            .query("migrationBackups")
            .withIndex("by_plan_table", (q) => q.eq("planId", plan._id))
            .take(n),
      ],
    ),
  ],
  [
    "conversations + messages",
    withChildren(
      (ctx, projectId) =>
        ctx.db
          .query("conversations")
          .withIndex("by_project", (q) => q.eq("projectId", projectId))
          .first(),
      [
        (ctx, c, n) =>
          ctx.db
            .query("messages")
            .withIndex("by_conversation", (q) => q.eq("conversationId", c._id))
            .take(n),
      ],
    ),
  ],
  [
    "webhooks + deliveries",
    withChildren(
      (ctx, projectId) =>
        ctx.db
          .query("webhooks")
          .withIndex("by_project", (q) => q.eq("projectId", projectId))
          .first(),
      [
        (ctx, w, n) =>
          ctx.db
            .query("webhookDeliveries")
            .withIndex("by_webhook", (q) => q.eq("webhookId", w._id))
            .take(n),
      ],
    ),
  ],
  [
    "webhookDeliveries",
    (ctx, projectId, n) =>
      ctx.db
        .query("webhookDeliveries")
        .withIndex("by_project", (q) => q.eq("projectId", projectId))
        .take(n)
        .then((r) => deleteRows(ctx, r)),
  ],
  [
    "analyses",
    (ctx, projectId, n) =>
      ctx.db
        .query("analyses")
        .withIndex("by_project", (q) => q.eq("projectId", projectId))
        .take(n)
        .then((r) => deleteRows(ctx, r)),
  ],
  [
    "schemaVersions + optimizer reports",
    withChildren(
      (ctx, projectId) =>
        ctx.db
          .query("schemaVersions")
          .withIndex("by_project", (q) => q.eq("projectId", projectId))
          .first(),
      [
        (ctx, version, n) =>
          ctx.db
            .query("optimizerReports")
            .withIndex("by_version", (q) => q.eq("versionId", version._id))
            .take(n),
        (ctx, version, n) =>
          ctx.db
            .query("analyses")
            .withIndex("by_version", (q) => q.eq("versionId", version._id))
            .take(n),
      ],
    ),
  ],
  [
    "sandboxDocuments",
    (ctx, projectId, n) =>
      ctx.db
        .query("sandboxDocuments")
        .withIndex("by_project_table", (q) => q.eq("projectId", projectId))
        .take(n)
        .then((r) => deleteRows(ctx, r)),
  ],
  [
    "sandboxCounts",
    (ctx, projectId, n) =>
      ctx.db
        .query("sandboxCounts")
        .withIndex("by_project_table", (q) => q.eq("projectId", projectId))
        .take(n)
        .then((r) => deleteRows(ctx, r)),
  ],
  [
    "diagramLayouts",
    (ctx, projectId, n) =>
      ctx.db
        .query("diagramLayouts")
        .withIndex("by_project_user_key", (q) => q.eq("projectId", projectId))
        .take(n)
        .then((r) => deleteRows(ctx, r)),
  ],
  [
    "presence",
    (ctx, projectId, n) =>
      ctx.db
        .query("presence")
        .withIndex("by_project", (q) => q.eq("projectId", projectId))
        .take(n)
        .then((r) => deleteRows(ctx, r)),
  ],
  [
    "invitations",
    (ctx, projectId, n) =>
      ctx.db
        .query("invitations")
        .withIndex("by_project", (q) => q.eq("projectId", projectId))
        .take(n)
        .then((r) => deleteRows(ctx, r)),
  ],
  [
    "apiTokens",
    (ctx, projectId, n) =>
      ctx.db
        .query("apiTokens")
        .withIndex("by_project", (q) => q.eq("projectId", projectId))
        .take(n)
        .then((r) => deleteRows(ctx, r)),
  ],
  [
    "importReports",
    (ctx, projectId, n) =>
      ctx.db
        .query("importReports")
        .withIndex("by_project", (q) => q.eq("projectId", projectId))
        .take(n)
        .then((r) => deleteRows(ctx, r)),
  ],
  [
    "members",
    (ctx, projectId, n) =>
      ctx.db
        .query("members")
        .withIndex("by_project_user", (q) => q.eq("projectId", projectId))
        .take(n)
        .then((r) => deleteRows(ctx, r)),
  ],
  // Last: the project's own audit trail (the deletion itself is recorded without the project, by whom and its name).
  [
    "auditLog",
    (ctx, projectId, n) =>
      ctx.db
        .query("auditLog")
        .withIndex("by_project", (q) => q.eq("projectId", projectId))
        .take(n)
        .then((r) => deleteRows(ctx, r)),
  ],
];

/** Deletes up to DELETION_BATCH documents of a deleted project, then schedules the rest. */
export const step = internalMutation({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    let left = DELETION_BATCH;
    for (const [, unit] of UNITS) {
      while (left > 0) {
        const n = await unit(ctx, projectId, left);
        if (n === 0) break;
        left -= n;
      }
      if (left <= 0) break;
    }
    const deleted = DELETION_BATCH - left;
    if (left <= 0) await ctx.scheduler.runAfter(0, internal.projects.deletion.step, { projectId });
    return { deleted, done: left > 0 };
  },
});
