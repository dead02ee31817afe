import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

// Every message of the channel is deleted: the order they come back in does not matter.
export const remove = mutation({
  args: { channelId: v.id("channels") },
  handler: async (ctx, { channelId }) => {
    const messages = await ctx.db
      .query("messages")
      .withIndex("by_channel", (q) => q.eq("channelId", channelId))
      .collect();
    for (const m of messages) {
      await ctx.db.delete(m._id);
    }
    await ctx.db.delete(channelId);
  },
});

// Only counted.
export const messageCount = query({
  args: { channelId: v.id("channels") },
  handler: async (ctx, { channelId }) => {
    const all = await ctx.db
      .query("messages")
      .withIndex("by_channel", (q) => q.eq("channelId", channelId))
      .collect();
    return all.length;
  },
});

// Marked read with a fixed value, through map: order-free too.
export const markRead = mutation({
  args: { messageId: v.id("messages") },
  handler: async (ctx, { messageId }) => {
    const rs = await ctx.db
      .query("reactions")
      .withIndex("by_message", (q) => q.eq("messageId", messageId))
      .collect();
    await Promise.all(rs.map((r) => ctx.db.patch(r._id, { read: true })));
  },
});

// Both the user and the read only delete; by_message_user is used too.
export const clearUser = mutation({
  args: { messageId: v.id("messages"), userId: v.string() },
  handler: async (ctx, { messageId, userId }) => {
    for await (const r of ctx.db
      .query("reactions")
      .withIndex("by_message_user", (q) => q.eq("messageId", messageId).eq("userId", userId))) {
      await ctx.db.delete(r._id);
    }
  },
});

// Returned to the caller: creation order is what the caller sees, so by_channel is needed here.
export const events = mutation({
  args: { channelId: v.id("channels") },
  handler: async (ctx, { channelId }) => {
    const list = await ctx.db
      .query("events")
      .withIndex("by_channel", (q) => q.eq("channelId", channelId))
      .collect();
    for (const e of list) await ctx.db.delete(e._id);
    return list;
  },
});

export const eventsOfKind = query({
  args: { channelId: v.id("channels"), kind: v.string() },
  handler: async (ctx, { channelId, kind }) =>
    ctx.db
      .query("events")
      .withIndex("by_channel_kind", (q) => q.eq("channelId", channelId).eq("kind", kind))
      .take(10),
});

export const byAuthor = query({
  args: { channelId: v.id("channels"), authorId: v.string() },
  handler: async (ctx, { channelId, authorId }) =>
    ctx.db
      .query("messages")
      .withIndex("by_channel_author", (q) => q.eq("channelId", channelId).eq("authorId", authorId))
      .take(10),
});

// Read beside another query through Promise.all and destructured: still only deleted.
export const clearChannel = mutation({
  args: { channelId: v.id("channels") },
  handler: async (ctx, { channelId }) => {
    const [events, channel] = await Promise.all([
      ctx.db
        .query("events")
        .withIndex("by_channel", (q) => q.eq("channelId", channelId))
        .collect(),
      ctx.db.get(channelId),
    ]);
    for (const e of events) await ctx.db.delete(e._id);
    return channel;
  },
});
