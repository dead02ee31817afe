import { v } from "convex/values";
import { query } from "./_generated/server";

// One of two statuses of a closer's calls, collected: [closerId, status] reads only those (once per value).
export const live = query({
  args: { closerId: v.id("closers") },
  handler: async (ctx, { closerId }) => {
    return await ctx.db
      .query("calls")
      .withIndex("by_closer", (q) => q.eq("closerId", closerId))
      .filter((q) => q.or(q.eq(q.field("status"), "waiting"), q.eq(q.field("status"), "on_call")))
      .collect();
  },
});

// One of two parents, on the whole table: an id field (OPT107), not also a whole-table collect.
export const children = query({
  args: { a: v.id("calls"), b: v.id("calls") },
  handler: async (ctx, { a, b }) => {
    return await ctx.db
      .query("calls")
      .filter((q) => q.or(q.eq(q.field("parentId"), a), q.eq(q.field("parentId"), b)))
      .collect();
  },
});

// by_state already serves each value.
export const openOrNew = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db
      .query("tickets")
      .filter((q) => q.or(q.eq(q.field("state"), "open"), q.eq(q.field("state"), "new")))
      .collect();
  },
});

// Limited reads and an or over two fields are left alone.
export const firstLive = query({
  args: { closerId: v.id("closers") },
  handler: async (ctx, { closerId }) => {
    return await ctx.db
      .query("calls")
      .withIndex("by_closer", (q) => q.eq("closerId", closerId))
      .filter((q) => q.or(q.eq(q.field("status"), "waiting"), q.eq(q.field("status"), "on_call")))
      .take(10);
  },
});

export const urgentOrOpen = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db
      .query("tickets")
      .withIndex("by_state", (q) => q.eq("state", "open"))
      .filter((q) => q.or(q.eq(q.field("priority"), 1), q.eq(q.field("state"), "new")))
      .collect();
  },
});
