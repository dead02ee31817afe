import { storedModel } from "../../lib/stored/model";
import { ConvexError, v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import { internal } from "../_generated/api";
import { internalMutation, mutation, query } from "../_generated/server";
import { audit, requireMember, requireUser } from "../lib/access";
import { decryptFields } from "../lib/crypto";
import { source } from "../schema";

/** Projects the caller is a member of, newest first, with their role. */
export const list = query({
  args: {},
  handler: async (ctx) => {
    const user = await requireUser(ctx);
    const memberships = await ctx.db
      .query("members")
      .withIndex("by_user", (q) => q.eq("userId", user._id))
      .collect();
    const rows = await Promise.all(
      memberships.map(async (m) => {
        const project = await ctx.db.get(m.projectId);
        if (!project) return null;
        const version = project.currentVersionId ? await ctx.db.get(project.currentVersionId) : null;
        return {
          ...summary(project),
          role: m.role,
          tableCount: version ? tableCount(version) : 0,
          semver: version?.semver,
        };
      }),
    );
    return rows.filter((r) => r !== null).sort((a, b) => b.updatedAt - a.updatedAt);
  },
});

/** One project with its current schema version and the caller's role. */
export const get = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    const { project, role } = await requireMember(ctx, projectId);
    const version = await decryptFields(project.currentVersionId ? await ctx.db.get(project.currentVersionId) : null, [
      "summary",
    ]);
    return { ...summary(project), settings: project.settings ?? {}, role, version };
  },
});

/**
 * Like `get` but for ids typed into a URL: a malformed id, a missing project or one the caller is not a member of
 * all return null, so the page can show "not found" without leaking which.
 */
export const find = query({
  args: { projectId: v.string() },
  handler: async (ctx, args) => {
    const user = await requireUser(ctx);
    const projectId = ctx.db.normalizeId("projects", args.projectId);
    const project = projectId ? await ctx.db.get(projectId) : null;
    if (!projectId || !project) return null;
    const member = await ctx.db
      .query("members")
      .withIndex("by_project_user", (q) => q.eq("projectId", projectId).eq("userId", user._id))
      .unique();
    if (!member) return null;
    const version = await decryptFields(project.currentVersionId ? await ctx.db.get(project.currentVersionId) : null, [
      "summary",
    ]);
    return { ...summary(project), settings: project.settings ?? {}, role: member.role, version };
  },
});

/** Stores a project whose schema was already parsed (called by `projectsNode.create`). */
export const insertParsed = internalMutation({
  args: {
    userId: v.id("users"),
    name: v.string(),
    description: v.optional(v.string()),
    schemaSource: v.string(),
    filesJson: v.optional(v.string()),
    modelJson: v.string(),
    sourceHash: v.string(),
    isDemo: v.optional(v.boolean()),
    source: v.optional(source),
  },
  handler: async (ctx, args) => {
    const now = Date.now();
    const projectId = await ctx.db.insert("projects", {
      name: args.name,
      description: args.description,
      ownerId: args.userId,
      isDemo: args.isDemo,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.db.insert("members", { projectId, userId: args.userId, role: "owner", addedAt: now });
    const versionId = await ctx.db.insert("schemaVersions", {
      projectId,
      number: 1,
      semver: "1.0.0",
      status: "current",
      source: args.schemaSource,
      filesJson: args.filesJson,
      modelJson: args.modelJson,
      sourceHash: args.sourceHash,
      summary: "Initial schema",
      authorId: args.userId,
      createdAt: now,
    });
    await ctx.db.patch(projectId, { currentVersionId: versionId });
    await ctx.scheduler.runAfter(0, internal.schemaVersions.analyses.computeForVersion, { versionId });
    await audit(ctx, {
      projectId,
      actorId: args.userId,
      action: "project.create",
      target: args.name,
      source: args.source,
    });
    return projectId;
  },
});

/** Renames a project or changes its description (owners and editors). */
export const update = mutation({
  args: { projectId: v.id("projects"), name: v.optional(v.string()), description: v.optional(v.string()) },
  handler: async (ctx, { projectId, name, description }) => {
    const { user } = await requireMember(ctx, projectId, "editor");
    const trimmed = name?.trim();
    if (name !== undefined && !trimmed) throw new ConvexError({ code: "INVALID", message: "A project needs a name." });
    await ctx.db.patch(projectId, { name: trimmed, description, updatedAt: Date.now() });
    await audit(ctx, {
      projectId,
      actorId: user._id,
      action: "project.update",
      details: { name: trimmed, description },
    });
  },
});

/**
 * Deletes a project (owners only): the project and its memberships go now, everything else stored for it is deleted
 * in bounded batches by convex/projects/deletion.ts.
 */
export const remove = mutation({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    const { user, project } = await requireMember(ctx, projectId, "owner");
    await ctx.db.delete(projectId);
    await ctx.scheduler.runAfter(0, internal.projects.deletion.step, { projectId });
    await audit(ctx, { actorId: user._id, action: "project.delete", target: project.name });
  },
});

function summary(p: Doc<"projects">) {
  return {
    _id: p._id,
    name: p.name,
    description: p.description,
    isDemo: p.isDemo ?? false,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

function tableCount(version: Doc<"schemaVersions">): number {
  try {
    return storedModel.parse(version.modelJson, `schemaVersions ${version._id}`).tables.length;
  } catch {
    return 0;
  }
}
