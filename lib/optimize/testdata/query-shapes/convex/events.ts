import { v } from "convex/values";
import { query } from "./_generated/server";

// Nested field inside an index range: an index on ["kind", "meta.source"] serves it (Convex indexes nested paths).
export const bySource = query({
  args: { source: v.string() },
  handler: async (ctx, { source }) => {
    return await ctx.db
      .query("events")
      .withIndex("by_kind", (q) => q.eq("kind", "click"))
      .filter((q) => q.eq(q.field("meta.source"), source))
      .take(10);
  },
});

// A nested id field on a full scan.
export const ofProject = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    return await ctx.db
      .query("events")
      .filter((q) => q.eq(q.field("meta.projectId"), projectId))
      .take(10);
  },
});
