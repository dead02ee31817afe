import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { requireMember } from "./lib/access";

/** Positions this user saved for this shape of the schema, or null (then the diagram lays itself out). */
export const get = query({
  args: { projectId: v.id("projects"), layoutKey: v.string() },
  handler: async (ctx, { projectId, layoutKey }) => {
    const { user } = await requireMember(ctx, projectId);
    const row = await ctx.db
      .query("diagramLayouts")
      .withIndex("by_project_user_key", (q) =>
        q.eq("projectId", projectId).eq("userId", user._id).eq("layoutKey", layoutKey),
      )
      .unique();
    return row ? (JSON.parse(row.positionsJson) as Record<string, { x: number; y: number }>) : null;
  },
});

/** Saves positions (after auto layout or a drag). Viewers may arrange their own view too. */
export const save = mutation({
  args: { projectId: v.id("projects"), layoutKey: v.string(), positionsJson: v.string() },
  handler: async (ctx, { projectId, layoutKey, positionsJson }) => {
    const { user } = await requireMember(ctx, projectId);
    JSON.parse(positionsJson); // reject malformed input before storing it
    const existing = await ctx.db
      .query("diagramLayouts")
      .withIndex("by_project_user_key", (q) =>
        q.eq("projectId", projectId).eq("userId", user._id).eq("layoutKey", layoutKey),
      )
      .unique();
    if (existing) await ctx.db.patch(existing._id, { positionsJson, updatedAt: Date.now() });
    else
      await ctx.db.insert("diagramLayouts", {
        projectId,
        userId: user._id,
        layoutKey,
        positionsJson,
        updatedAt: Date.now(),
      });
  },
});
