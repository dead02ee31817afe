import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const seed = mutation({
  args: { owners: v.number(), perOwner: v.number() },
  handler: async (ctx, { owners, perOwner }) => {
    const ids = [];
    for (let o = 0; o < owners; o++) ids.push(await ctx.db.insert("owners", { name: `owner ${o}` }));
    for (let i = 0; i < perOwner; i++) {
      for (const ownerId of ids) await ctx.db.insert("items", { ownerId, status: i % 10 === 0 ? "open" : "done", n: i });
    }
    return ids;
  },
});

export const byOwner = query({
  args: { ownerId: v.id("owners") },
  handler: async (ctx, { ownerId }) => {
    return await ctx.db
      .query("items")
      .filter((q) => q.eq(q.field("ownerId"), ownerId))
      .order("desc")
      .take(50);
  },
});

export const firstOpen = query({
  args: { ownerId: v.id("owners") },
  handler: async (ctx, { ownerId }) => {
    return await ctx.db
      .query("items")
      .filter((q) => q.and(q.eq(q.field("ownerId"), ownerId), q.eq(q.field("status"), "open")))
      .first();
  },
});
