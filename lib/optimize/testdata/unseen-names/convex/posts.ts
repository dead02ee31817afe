import { audit, pageOf } from "some-package";
import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

// Kept for a client-side picker: the name is written here, so unseen code could use it.
export const SLUG_INDEX = "by_slug";

// ctx goes to a package the analysis cannot follow. It could use an index of any table, but only by a name
// written somewhere: "by_slug" (above) and "kind_recent" (formed by the template below) may be used, "by_title"
// cannot.
export const create = mutation({
  args: { authorId: v.string(), title: v.string(), kind: v.string(), order: v.string() },
  handler: async (ctx, { order, ...post }) => {
    await audit(ctx, `kind_${order}`);
    return await ctx.db.insert("posts", { ...post, slug: post.title });
  },
});

export const mine = query({
  args: { authorId: v.string() },
  handler: async (ctx, { authorId }) => {
    return await ctx.db
      .query("posts")
      .withIndex("by_author", (q) => q.eq("authorId", authorId))
      .take(10);
  },
});

// A query whose index is already chosen, handed to a package: it can use "by_at" only, so "by_day" is unused.
export const recent = query({
  args: { since: v.number() },
  handler: async (ctx, { since }) => {
    return await pageOf(ctx.db.query("events").withIndex("by_at", (q) => q.gte("at", since)));
  },
});
