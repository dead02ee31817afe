import { v } from "convex/values";
import { query } from "./_generated/server";

export const wrongOrder = query({
  args: { channelId: v.id("channels"), at: v.number() },
  handler: async (ctx, { channelId, at }) => {
    return await ctx.db
      .query("messages")
      .withIndex("by_channel_and_sent", (q: any) => q.eq("sentAt", at).eq("channelId", channelId))
      .take(10);
  },
});

export const latest = query({
  args: { channelId: v.id("channels") },
  handler: async (ctx, { channelId }) => {
    return await ctx.db
      .query("messages")
      .withIndex("by_channel", (q) => q.eq("channelId", channelId))
      .order("desc")
      .take(20);
  },
});

export const since = query({
  args: { channelId: v.id("channels"), at: v.number() },
  handler: async (ctx, { channelId, at }) => {
    return await ctx.db
      .query("messages")
      .withIndex("by_channel_and_sent", (q) => q.eq("channelId", channelId).gt("sentAt", at))
      .take(50);
  },
});

export const byAuthor = query({
  args: { authorId: v.id("users") },
  handler: async (ctx, { authorId }) => {
    return await ctx.db.query("messages").withIndex("by_author", (q) => q.eq("authorId", authorId)).take(10);
  },
});

export const searchWrongField = query({
  args: { text: v.string(), authorId: v.id("users") },
  handler: async (ctx, { text, authorId }) => {
    return await ctx.db
      .query("messages")
      .withSearchIndex("search_body", (q: any) => q.search("body", text).eq("authorId", authorId))
      .take(10);
  },
});

export const missingIndex = query({
  args: { channelId: v.id("channels") },
  handler: async (ctx, { channelId }) => {
    return await ctx.db
      .query("messages")
      .withIndex("by_channel_id" as any, (q: any) => q.eq("channelId", channelId))
      .take(10);
  },
});

export const pinned = query({
  args: { channelId: v.id("channels") },
  handler: async (ctx, { channelId }) => {
    return await ctx.db
      .query("messages")
      .withIndex("by_channel", (q) => q.eq("channelId", channelId))
      .filter((q) => q.eq(q.field("pinned"), true))
      .collect();
  },
});
