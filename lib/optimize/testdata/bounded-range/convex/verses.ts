import { v } from "convex/values";
import { query } from "./_generated/server";

// A range bounded on both sides selects its documents like an equality: nothing to report.
export const chapter = query({
  args: { prefix: v.string() },
  handler: async (ctx, { prefix }) => {
    return await ctx.db
      .query("verses")
      .withIndex("by_ref", (q) => q.gte("ref", prefix).lt("ref", `${prefix}~`))
      .collect();
  },
});

// Open on one side: everything after a point. Still an index range, not a whole-table read.
export const after = query({
  args: { from: v.string() },
  handler: async (ctx, { from }) => {
    return await ctx.db
      .query("verses")
      .withIndex("by_ref", (q) => q.gt("ref", from))
      .collect();
  },
});
