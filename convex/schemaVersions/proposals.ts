import { storedModel } from "../../lib/stored/model";
import { ConvexError, v } from "convex/values";
import { bumpFor, bumpVersion, diffSchemas } from "../../lib/migrate";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, internalQuery, mutation, query, type MutationCtx } from "../_generated/server";
import { audit, requireMember, type AuditSource } from "../lib/access";
import { decryptFields, decryptText, encryptText } from "../lib/crypto";
import { planForApproval } from "../migrations/plans";
import { source } from "../schema";

/** The current version's source and model, for actions that build a proposal on top of it. */
export const baseForProposal = internalQuery({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    const project = await ctx.db.get(projectId);
    const version = project?.currentVersionId ? await ctx.db.get(project.currentVersionId) : null;
    if (!project || !version) throw new ConvexError({ code: "NOT_FOUND", message: "Project not found." });
    return {
      versionId: version._id,
      source: version.source,
      filesJson: version.filesJson,
      modelJson: version.modelJson,
      semver: version.semver,
    };
  },
});

/** A pending version on `parentVersionId` with exactly these files (a repeated `push`), or null. */
export const pendingWithFiles = internalQuery({
  args: {
    projectId: v.id("projects"),
    parentVersionId: v.id("schemaVersions"),
    sourceHash: v.string(),
    filesJson: v.optional(v.string()),
  },
  handler: async (ctx, { projectId, parentVersionId, sourceHash, filesJson }) => {
    const rows = await ctx.db
      .query("schemaVersions")
      .withIndex("by_project_status", (q) => q.eq("projectId", projectId).eq("status", "pending"))
      .order("desc")
      .take(50);
    return (
      rows.find(
        (r) => r.parentVersionId === parentVersionId && r.sourceHash === sourceHash && r.filesJson === filesJson,
      )?._id ?? null
    );
  },
});

/** Stores a proposed schema as a pending version of the project. */
export const storePending = internalMutation({
  args: {
    projectId: v.id("projects"),
    authorId: v.id("users"),
    parentVersionId: v.id("schemaVersions"),
    source: v.string(),
    filesJson: v.optional(v.string()),
    modelJson: v.string(),
    sourceHash: v.string(),
    summary: v.string(),
    origin: v.optional(source),
  },
  handler: async (ctx, args): Promise<Id<"schemaVersions">> => await insertPending(ctx, args),
});

/** `storePending` inside another mutation (the HTTP API proposes and runs in one transaction). */
export async function insertPending(
  ctx: MutationCtx,
  args: {
    projectId: Id<"projects">;
    authorId: Id<"users">;
    parentVersionId: Id<"schemaVersions">;
    source: string;
    filesJson?: string;
    modelJson: string;
    sourceHash: string;
    summary: string;
    origin?: AuditSource;
  },
): Promise<Id<"schemaVersions">> {
  const last = await ctx.db
    .query("schemaVersions")
    .withIndex("by_project", (q) => q.eq("projectId", args.projectId))
    .order("desc")
    .first();
  const parent = await ctx.db.get(args.parentVersionId);
  if (!parent) throw new ConvexError({ code: "NOT_FOUND", message: "The base schema version no longer exists." });
  const changes = diffSchemas(
    storedModel.parse(parent.modelJson, `schemaVersions ${parent._id}`),
    storedModel.parse(args.modelJson, "the proposed schema model"),
  );
  const versionId = await ctx.db.insert("schemaVersions", {
    projectId: args.projectId,
    number: (last?.number ?? 0) + 1,
    semver: bumpVersion(parent.semver, bumpFor(changes)),
    status: "pending",
    source: args.source,
    filesJson: args.filesJson,
    modelJson: args.modelJson,
    sourceHash: args.sourceHash,
    // Summaries quote the request that led to them: encrypted at rest like messages.
    summary: await encryptText(args.summary),
    authorId: args.authorId,
    parentVersionId: args.parentVersionId,
    createdAt: Date.now(),
  });
  await audit(ctx, {
    projectId: args.projectId,
    actorId: args.authorId,
    action: "version.propose",
    target: versionId,
    source: args.origin,
  });
  return versionId;
}

/** Pending proposals of a project, newest first. */
export const pending = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    const { project } = await requireMember(ctx, projectId);
    const current = project.currentVersionId ? await ctx.db.get(project.currentVersionId) : null;
    const rows = await ctx.db
      .query("schemaVersions")
      .withIndex("by_project_status", (q) => q.eq("projectId", projectId).eq("status", "pending"))
      .order("desc")
      .take(50);
    return await Promise.all(
      rows.map(async (r) => {
        const parent = r.parentVersionId ? await ctx.db.get(r.parentVersionId) : null;
        const author = await ctx.db.get(r.authorId);
        // Overtaken: made on a version that is no longer current (approving it would undo what came since).
        const overtaken = r.parentVersionId !== project.currentVersionId;
        return {
          ...(await decryptFields(r, ["summary"])),
          parentSource: parent?.source ?? "",
          parentSemver: parent?.semver,
          authorName: author?.name ?? "Unknown",
          overtaken,
          currentSemver: current?.semver,
        };
      }),
    );
  },
});

/**
 * Makes a pending version the project's current schema (editors and owners), or, when the change needs its sandbox
 * data migrated, creates a migration plan to review and run first. A proposal made on an older version is refused: the schema changed underneath it, so it must be proposed again.
 */
export const approve = mutation({
  args: { versionId: v.id("schemaVersions") },
  handler: async (ctx, { versionId }) => {
    const { version, project, user } = await loadPending(ctx, versionId);
    if (version.parentVersionId !== project.currentVersionId) {
      throw new ConvexError({
        code: "STALE",
        message:
          "This proposal was overtaken by a newer version of the schema; rebase it on the current version to review it again.",
      });
    }
    // Changes that rewrite or narrow stored documents go through a reviewed migration plan; the version becomes
    // current when its run completes (see migrations/plans.ts / migrations/runs.ts).
    const planId = await planForApproval(ctx, version, project, user._id);
    if (planId) {
      await audit(ctx, {
        projectId: project._id,
        actorId: user._id,
        action: "version.approve",
        target: `v${version.semver}`,
        details: { planId },
      });
      return versionId;
    }
    await makeCurrent(ctx, version, project, user._id);
    return versionId;
  },
});

/** An approved version that moves no data becomes current at once; its analysis is computed next. */
export async function makeCurrent(
  ctx: MutationCtx,
  version: Doc<"schemaVersions">,
  project: Doc<"projects">,
  userId: Id<"users">,
  origin?: AuditSource,
): Promise<void> {
  if (project.currentVersionId) await ctx.db.patch(project.currentVersionId, { status: "superseded" });
  await ctx.db.patch(version._id, { status: "current" });
  await ctx.db.patch(project._id, { currentVersionId: version._id, updatedAt: Date.now() });
  await ctx.scheduler.runAfter(0, internal.schemaVersions.analyses.computeForVersion, { versionId: version._id });
  await audit(ctx, {
    projectId: project._id,
    actorId: userId,
    action: "version.approve",
    target: `v${version.semver}`,
    source: origin,
  });
}

/** A pending proposal with the models a rebase replays (its parent's and its own) and the project's current semver. */
export const forRebase = internalQuery({
  args: { versionId: v.id("schemaVersions") },
  handler: async (ctx, { versionId }) => {
    const version = await ctx.db.get(versionId);
    if (!version) throw new ConvexError({ code: "NOT_FOUND", message: "Proposal not found." });
    const { project, user } = await requireMember(ctx, version.projectId, "editor", "Proposal not found.");
    if (version.status !== "pending")
      throw new ConvexError({ code: "CONFLICT", message: `This proposal is already ${version.status}.` });
    const parent = version.parentVersionId ? await ctx.db.get(version.parentVersionId) : null;
    if (!parent) throw new ConvexError({ code: "CONFLICT", message: "This proposal has no version it was made on." });
    return {
      projectId: project._id,
      userId: user._id,
      parentModelJson: parent.modelJson,
      modelJson: version.modelJson,
      summary: await decryptText(version.summary),
      overtaken: version.parentVersionId !== project.currentVersionId,
    };
  },
});

/** The overtaken proposal gives way to its rebased copy: it stays in the history as superseded. */
export const markRebased = internalMutation({
  args: { versionId: v.id("schemaVersions"), rebasedId: v.id("schemaVersions"), userId: v.id("users") },
  handler: async (ctx, { versionId, rebasedId, userId }) => {
    const version = await ctx.db.get(versionId);
    if (version?.status !== "pending") return;
    await ctx.db.patch(versionId, { status: "superseded" });
    await audit(ctx, {
      projectId: version.projectId,
      actorId: userId,
      action: "version.rebase",
      target: `v${version.semver}`,
      details: { rebasedId },
    });
  },
});

/** Rejects a pending version; it stays in the history as rejected. */
export const reject = mutation({
  args: { versionId: v.id("schemaVersions") },
  handler: async (ctx, { versionId }) => {
    const { version, project, user } = await loadPending(ctx, versionId);
    await ctx.db.patch(versionId, { status: "rejected" });
    await audit(ctx, {
      projectId: project._id,
      actorId: user._id,
      action: "version.reject",
      target: `v${version.semver}`,
    });
  },
});

async function loadPending(ctx: MutationCtx, versionId: Id<"schemaVersions">) {
  const version = await ctx.db.get(versionId);
  if (!version) throw new ConvexError({ code: "NOT_FOUND", message: "Proposal not found." });
  const { project, user } = await requireMember(ctx, version.projectId, "editor", "Proposal not found.");
  if (version.status !== "pending") {
    throw new ConvexError({ code: "CONFLICT", message: `This proposal is already ${version.status}.` });
  }
  return { version, project, user };
}
