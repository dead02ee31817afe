import { v } from "convex/values";
import { query } from "./_generated/server";

// Built conditionally: one query at this place, one finding per filter, never "served" and "not served" at once.
export const feed = query({
  args: { interaction: v.optional(v.string()), status: v.optional(v.string()) },
  handler: async (ctx, args) => {
    let q = ctx.db.query("posts");
    if (args.interaction) q = q.filter((f) => f.eq(f.field("interaction"), args.interaction));
    if (args.status) q = q.filter((f) => f.eq(f.field("status"), args.status));
    return await q.collect();
  },
});

// A range filter collected over the whole table: an index on "likes" with a withIndex range serves it.
export const popular = query({
  args: { min: v.number() },
  handler: async (ctx, { min }) => {
    return await ctx.db
      .query("posts")
      .filter((q) => q.gte(q.field("likes"), min))
      .collect();
  },
});
