import { v } from "convex/values";
import { query } from "./_generated/server";

// The table is one of two: only those two tables keep their indexes out of "unused" claims.
export const byAuthor = query({
  args: { table: v.union(v.literal("posts"), v.literal("comments")), authorId: v.string() },
  handler: async (ctx, { table, authorId }) => {
    return await ctx.db
      .query(table)
      .withIndex("by_author", (q) => q.eq("authorId", authorId))
      .take(20);
  },
});

// Any table, read whole to find one id: ctx.db.get(id) reads one document.
export const findAny = query({
  args: { collection: v.string(), id: v.string() },
  handler: async (ctx, args) => {
    const all = await ctx.db.query(args.collection as any).collect();
    return all.find((d) => d._id === args.id) ?? null;
  },
});

// The same on a known table.
export const findTag = query({
  args: { id: v.id("tags") },
  handler: async (ctx, { id }) => {
    const tags = await ctx.db.query("tags").collect();
    return tags.find((t) => t._id === id);
  },
});
