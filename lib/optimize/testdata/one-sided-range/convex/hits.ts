import { v } from "convex/values";
import { query } from "./_generated/server";

// The rows since a cutoff: a one-sided index range, collected. It reads what it asks for, not the table.
export const recent = query({
  args: { cutoff: v.string() },
  handler: async (ctx, { cutoff }) => {
    return await ctx.db
      .query("hits")
      .withIndex("by_day_path", (q) => q.gte("day", cutoff))
      .collect();
  },
});

// The whole index with no range: every row of the table.
export const all = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db.query("hits").withIndex("by_day_path").collect();
  },
});
