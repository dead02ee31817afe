import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({
    name: v.string(),
    email: v.string(),
    avatarUrl: v.optional(v.string()),
    presence: v.optional(v.object({
      status: v.union(v.literal("online"), v.literal("away")),
      lastSeen: v.number(),
    })),
  })
    .index("by_email", ["email"]),

  channels: defineTable({
    name: v.string(),
    kind: v.union(v.literal("public"), v.literal("private"), v.literal("direct")),
    topic: v.optional(v.string()),
    createdBy: v.id("users"),
    /** Users allowed in a private channel. */
    memberIds: v.array(v.id("users")),
  })
    .index("by_name", ["name"]),

  messages: defineTable({
    channelId: v.id("channels"),
    authorId: v.string(),
    body: v.string(),
    threadParentId: v.optional(v.id("messages")),
    attachments: v.optional(v.array(v.id("_storage"))),
    embedding: v.optional(v.array(v.number())),
  })
    .index("by_channel", ["channelId"])
    .index("by_author", ["authorId"])
    .searchIndex("search_body", { searchField: "body", filterFields: ["channelId"] })
    .vectorIndex("by_embedding", { vectorField: "embedding", dimensions: 1536, filterFields: ["channelId"] }),

  reactions: defineTable({
    messageId: v.id("messages"),
    userId: v.id("users"),
    emoji: v.string(),
  })
    .index("by_message", ["messageId"]),

  readReceipts: defineTable({
    channelId: v.id("channels"),
    userId: v.id("users"),
    lastReadMessageId: v.optional(v.id("messages")),
  })
    .index("by_channel", ["channelId"]),

  typing: defineTable({
    channelId: v.id("channels"),
    userId: v.id("users"),
    expiresAt: v.number(),
  })
    .index("by_channel_user", ["channelId", "userId"]),
});
