import { ConvexError, v } from "convex/values";
import { z } from "zod";
import { storedShape } from "../../lib/stored";
import { mutation, query } from "../_generated/server";
import { requireMember } from "../lib/access";

/** `diagramLayouts.positionsJson`: node id → its place on the canvas. */
export const storedPositions = storedShape(
  "diagram layout",
  1,
  z.record(z.string(), z.object({ x: z.number(), y: z.number() })),
);

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
    return row ? storedPositions.parse(row.positionsJson, `diagramLayouts ${row._id}`) : null;
  },
});

/** Saves positions (after auto layout or a drag). Viewers may arrange their own view too. */
export const save = mutation({
  args: { projectId: v.id("projects"), layoutKey: v.string(), positionsJson: v.string() },
  handler: async (ctx, { projectId, layoutKey, positionsJson }) => {
    const { user } = await requireMember(ctx, projectId);
    // Reject malformed input before storing it.
    try {
      storedPositions.parse(positionsJson, "the positions sent");
    } catch (e) {
      throw new ConvexError({ code: "INVALID", message: e instanceof Error ? e.message : String(e) });
    }
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
