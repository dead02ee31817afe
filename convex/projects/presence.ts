import { v } from "convex/values";
import { mutation, query } from "../_generated/server";
import { requireMember } from "../lib/access";

/** A viewer counts as present for this long after their last heartbeat. */
export const PRESENCE_TTL_MS = 30_000;

/** Records that the caller is viewing a project. Called every ~10 s by open pages. */
export const heartbeat = mutation({
  args: { projectId: v.id("projects"), view: v.string() },
  handler: async (ctx, { projectId, view }) => {
    const { user } = await requireMember(ctx, projectId);
    const existing = await ctx.db
      .query("presence")
      .withIndex("by_project_user", (q) => q.eq("projectId", projectId).eq("userId", user._id))
      .unique();
    if (existing) await ctx.db.patch(existing._id, { view, lastSeen: Date.now() });
    else await ctx.db.insert("presence", { projectId, userId: user._id, view, lastSeen: Date.now() });
  },
});

/** Who else has viewed the project in the last 30 seconds (the caller excluded). */
export const list = query({
  args: { projectId: v.id("projects"), now: v.number() },
  handler: async (ctx, { projectId, now }) => {
    const { user } = await requireMember(ctx, projectId);
    // `now` comes from the client (queries must be deterministic); it advances with each heartbeat render.
    const rows = await ctx.db
      .query("presence")
      .withIndex("by_project", (q) => q.eq("projectId", projectId).gt("lastSeen", now - PRESENCE_TTL_MS))
      .take(50);
    const others = rows.filter((r) => r.userId !== user._id);
    return await Promise.all(
      others.map(async (r) => ({
        userId: r.userId,
        view: r.view,
        name: (await ctx.db.get(r.userId))?.name ?? "Someone",
      })),
    );
  },
});
