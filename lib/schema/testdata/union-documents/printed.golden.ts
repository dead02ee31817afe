import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({
    name: v.string(),
  }),

  /** Each event kind has its own payload. */
  events: defineTable(v.union(
    v.object({
      kind: v.literal("click"),
      userId: v.id("users"),
      at: v.number(),
      x: v.number(),
      y: v.number(),
    }),
    v.object({
      kind: v.literal("view"),
      userId: v.id("users"),
      at: v.number(),
      path: v.string(),
      durationMs: v.optional(v.number()),
    }),
    v.object({
      kind: v.literal("purchase"),
      userId: v.id("users"),
      at: v.number(),
      amount: v.int64(),
      x: v.string(),
    }),
  ))
    .index("by_user", ["userId", "at"]),

  logs: defineTable(v.any()),

  settings: defineTable({
    key: v.string(),
    value: v.any(),
  })
    .index("by_key", ["key"]),
});
