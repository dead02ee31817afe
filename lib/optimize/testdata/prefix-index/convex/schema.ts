import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  messages: defineTable({ channelId: v.id("channels"), authorId: v.string(), body: v.string() })
    .index("by_channel", ["channelId"])
    .index("by_channel_author", ["channelId", "authorId"]),
  channels: defineTable({ name: v.string() }),
  reactions: defineTable({ messageId: v.id("messages"), userId: v.string(), read: v.boolean() })
    .index("by_message", ["messageId"])
    .index("by_message_user", ["messageId", "userId"]),
  events: defineTable({ channelId: v.id("channels"), kind: v.string() })
    .index("by_channel", ["channelId"])
    .index("by_channel_kind", ["channelId", "kind"]),
});
