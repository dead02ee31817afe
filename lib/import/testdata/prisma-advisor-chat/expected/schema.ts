import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({
    email: v.string(),
    name: v.optional(v.string()),
    image: v.optional(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_email", ["email"]),
  advisors: defineTable({
    slug: v.string(),
    displayName: v.string(),
    systemPrompt: v.string(),
    model: v.string(),
    temperature: v.number(),
    isPublic: v.boolean(),
  })
    .index("by_slug", ["slug"]),
  conversations: defineTable({
    title: v.optional(v.string()),
    userId: v.id("users"),
    advisorId: v.id("advisors"),
    archived: v.boolean(),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_userId_updatedAt", ["userId", "updatedAt"])
    .index("by_advisorId", ["advisorId"]),
  messages: defineTable({
    conversationId: v.id("conversations"),
    role: v.union(v.literal("USER"), v.literal("ASSISTANT"), v.literal("SYSTEM"), v.literal("TOOL")),
    content: v.string(),
    tokenCount: v.optional(v.number()),
    toolCalls: v.optional(v.any()),
    replyToId: v.optional(v.id("messages")),
    createdAt: v.number(),
  })
    .index("by_conversationId_createdAt", ["conversationId", "createdAt"])
    .index("by_replyToId", ["replyToId"]),
  advisorMemories: defineTable({
    userId: v.id("users"),
    advisorId: v.id("advisors"),
    key: v.string(),
    value: v.string(),
    importance: v.number(),
    embedding: v.optional(v.bytes()),
    updatedAt: v.number(),
  })
    .index("by_userId_advisorId_key", ["userId", "advisorId", "key"])
    .index("by_advisorId", ["advisorId"]),
  threadSummaries: defineTable({
    conversationId: v.id("conversations"),
    upToMessageId: v.int64(),
    summary: v.string(),
    tokens: v.number(),
    createdAt: v.number(),
  })
    .index("by_conversationId_upToMessageId", ["conversationId", "upToMessageId"]),
});
