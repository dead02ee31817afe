import { v } from "convex/values";
import { query } from "./_generated/server";

export const byEmail = query({
  args: { email: v.string() },
  handler: async (ctx, { email }) => {
    return await ctx.db.query("accounts").withIndex("by_email", (q) => q.eq("email", email)).unique();
  },
});

export const active = query({
  args: { email: v.string() },
  handler: async (ctx, { email }) => {
    return await ctx.db
      .query("accounts")
      .withIndex("by_email_and_status", (q) => q.eq("email", email).eq("status", "active"))
      .first();
  },
});

export const authorCopy = query({
  args: { authorId: v.id("users") },
  handler: async (ctx, { authorId }) => {
    return await ctx.db.query("messages").withIndex("by_author_copy", (q) => q.eq("authorId", authorId)).first();
  },
});

export const similarChannels = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db.query("channels").take(5);
  },
});
