import { v } from "convex/values";
import { query, mutation, action } from "./_generated/server";
import { getAll } from "convex-helpers/server/relationships";

// OR of equalities: no single index range serves it.
export const eitherKind = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db
      .query("events")
      .withIndex("by_kind", (q) => q.eq("kind", "a"))
      .filter((q) => q.or(q.eq(q.field("score"), 1), q.eq(q.field("score"), 2)))
      .take(10);
  },
});

// Comparing two fields of the document: not an index equality.
export const overLimit = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db
      .query("events")
      .withIndex("by_kind", (q) => q.eq("kind", "quota"))
      .filter((q) => q.gt(q.field("score"), q.field("limit")))
      .take(10);
  },
});

// Index served correctly: equality then range on the next field, paginated.
export const recentForUser = query({
  args: { userId: v.id("users"), since: v.number(), cursor: v.union(v.string(), v.null()) },
  handler: async (ctx, { userId, since, cursor }) => {
    return await ctx.db
      .query("events")
      .withIndex("by_user_and_at", (q) => q.eq("userId", userId).gte("at", since))
      .order("desc")
      .paginate({ cursor, numItems: 20 });
  },
});

// A unique lookup through an index, and a collect bounded by an index equality.
export const setting = query({
  args: { key: v.string() },
  handler: async (ctx, { key }) => {
    const row = await ctx.db.query("settings").withIndex("by_key", (q) => q.eq("key", key)).unique();
    const all = await ctx.db.query("events").withIndex("by_kind", (q) => q.eq("kind", key)).collect();
    return { row, count: all.length };
  },
});

// Actions have no ctx.db; reading via runQuery is not a database access here.
export const report = action({
  args: {},
  handler: async (ctx) => {
    return await ctx.runQuery("events:setting" as never, { key: "x" } as never);
  },
});

// convex-helpers getAll over ids typed by the args validator: read as gets of "users".
export const many = query({
  args: { ids: v.array(v.id("users")) },
  handler: async (ctx, { ids }) => {
    return await getAll(ctx.db, ids);
  },
});

// A computed table name: not analysed, never guessed.
export const count = mutation({
  args: { table: v.string() },
  handler: async (ctx, { table }) => {
    const rows = await ctx.db.query(table as "users").take(1000);
    return rows.length;
  },
});

// Documents without a declared shape: nothing can be said about their fields.
export const blobsOfKind = query({
  args: { kind: v.string() },
  handler: async (ctx, { kind }) => {
    return await ctx.db.query("blobs").filter((q) => q.eq(q.field("kind"), kind)).first();
  },
});
