import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  /** Imported from "users" (User). */
  users: defineTable({
    email: v.string(),
    name: v.optional(v.string()),
    image: v.optional(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
    /** Old primary key "id", kept while importing data. */
    legacyId: v.optional(v.string()),
  })
    .index("by_email", ["email"])
    .index("by_legacyId", ["legacyId"]),

  /** Imported from "advisors" (Advisor). */
  advisors: defineTable({
    slug: v.string(),
    /** Imported from column "display_name". */
    displayName: v.string(),
    systemPrompt: v.string(),
    model: v.string(),
    temperature: v.number(),
    isPublic: v.boolean(),
    /** Old primary key "id", kept while importing data. */
    legacyId: v.optional(v.string()),
  })
    .index("by_slug", ["slug"])
    .index("by_legacyId", ["legacyId"]),

  /** Imported from "conversations" (Conversation). */
  conversations: defineTable({
    title: v.optional(v.string()),
    /** Imported from column "user_id". */
    userId: v.id("users"),
    /** Imported from column "advisor_id". */
    advisorId: v.id("advisors"),
    archived: v.boolean(),
    /** Imported from column "created_at". */
    createdAt: v.number(),
    /** Imported from column "updated_at". */
    updatedAt: v.number(),
    /** Old primary key "id", kept while importing data. */
    legacyId: v.optional(v.string()),
  })
    .index("by_userId_updatedAt", ["userId", "updatedAt"])
    .index("by_advisorId", ["advisorId"])
    .index("by_legacyId", ["legacyId"]),

  /** Imported from "messages" (Message). */
  messages: defineTable({
    /** Imported from column "conversation_id". */
    conversationId: v.id("conversations"),
    role: v.union(v.literal("USER"), v.literal("ASSISTANT"), v.literal("SYSTEM"), v.literal("TOOL")),
    content: v.string(),
    /** Counted with the advisor's tokenizer. Imported from column "token_count". */
    tokenCount: v.optional(v.number()),
    /** Imported from column "tool_calls". */
    toolCalls: v.optional(v.any()),
    /** Imported from column "reply_to_id". */
    replyToId: v.optional(v.id("messages")),
    /** Imported from column "created_at". */
    createdAt: v.number(),
    /** Old primary key "id", kept while importing data. */
    legacyId: v.optional(v.int64()),
  })
    .index("by_conversationId_createdAt", ["conversationId", "createdAt"])
    .index("by_replyToId", ["replyToId"])
    .index("by_legacyId", ["legacyId"]),

  /** Long-term facts an advisor keeps about a user. Imported from "advisor_memories" (AdvisorMemory). */
  advisorMemories: defineTable({
    userId: v.id("users"),
    advisorId: v.id("advisors"),
    key: v.string(),
    value: v.string(),
    /** 0 (trivia) to 1 (core fact). */
    importance: v.number(),
    embedding: v.optional(v.bytes()),
    updatedAt: v.number(),
    /** Old primary key "id", kept while importing data. */
    legacyId: v.optional(v.number()),
  })
    .index("by_userId_advisorId_key", ["userId", "advisorId", "key"])
    .index("by_advisorId", ["advisorId"])
    .index("by_legacyId", ["legacyId"]),

  /** Imported from "ThreadSummary". */
  threadSummaries: defineTable({
    conversationId: v.id("conversations"),
    upToMessageId: v.int64(),
    summary: v.string(),
    tokens: v.number(),
    createdAt: v.number(),
    /** Old primary key "id", kept while importing data. */
    legacyId: v.optional(v.number()),
  })
    .index("by_conversationId_upToMessageId", ["conversationId", "upToMessageId"])
    .index("by_legacyId", ["legacyId"]),
});
