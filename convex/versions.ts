import { v } from "convex/values";
import { query } from "./_generated/server";
import { requireMember } from "./lib/access";

/** A project's schema versions, newest first, with their authors. */
export const list = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    await requireMember(ctx, projectId);
    const versions = await ctx.db
      .query("schemaVersions")
      .withIndex("by_project", (q) => q.eq("projectId", projectId))
      .order("desc")
      .take(200);
    return await Promise.all(
      versions.map(async (ver) => {
        const author = await ctx.db.get(ver.authorId);
        return {
          _id: ver._id,
          number: ver.number,
          semver: ver.semver,
          status: ver.status,
          summary: ver.summary,
          createdAt: ver.createdAt,
          author: author?.name ?? "Unknown",
        };
      }),
    );
  },
});

/** One schema version with its source and model. */
export const get = query({
  args: { versionId: v.id("schemaVersions") },
  handler: async (ctx, { versionId }) => {
    const version = await ctx.db.get(versionId);
    if (!version) return null;
    await requireMember(ctx, version.projectId);
    return version;
  },
});
