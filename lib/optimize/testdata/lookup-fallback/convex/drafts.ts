import { v } from "convex/values";
import { query } from "./_generated/server";

// The lookup falls back to the list when the id is missing: the whole list is needed, a get alone cannot do this.
export const pickWithFallback = query({
  args: { ownerId: v.string(), draftId: v.optional(v.id("drafts")) },
  handler: async (ctx, args) => {
    const mine = await ctx.db
      .query("drafts")
      .withIndex("by_owner", (q) => q.eq("ownerId", args.ownerId))
      .collect();
    return mine.find((d) => d._id === args.draftId) ?? mine[0] ?? null;
  },
});

// The list is also counted: the lookup is not all that is read.
export const pickAndCount = query({
  args: { ownerId: v.string(), draftId: v.id("drafts") },
  handler: async (ctx, args) => {
    const mine = await ctx.db
      .query("drafts")
      .withIndex("by_owner", (q) => q.eq("ownerId", args.ownerId))
      .collect();
    const draft = mine.filter((d) => d._id === args.draftId)[0];
    return { draft, total: mine.length };
  },
});

// The list's only use is the lookup: one document found by id in a collected index range.
export const pickOnly = query({
  args: { ownerId: v.string(), draftId: v.id("drafts") },
  handler: async (ctx, args) => {
    const mine = await ctx.db
      .query("drafts")
      .withIndex("by_owner", (q) => q.eq("ownerId", args.ownerId))
      .collect();
    return mine.find((d) => d._id === args.draftId) ?? null;
  },
});

// Two lookups by id on the same list: each is a get.
export const pickTwo = query({
  args: { ownerId: v.string(), a: v.id("drafts"), b: v.id("drafts") },
  handler: async (ctx, args) => {
    const mine = await ctx.db
      .query("drafts")
      .withIndex("by_owner", (q) => q.eq("ownerId", args.ownerId))
      .collect();
    const i = mine.findIndex((d) => d._id === args.a);
    return [mine[i], mine.find((d) => d._id === args.b)];
  },
});
