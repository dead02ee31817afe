import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

const base = { userId: v.id("users"), at: v.number() };

export default defineSchema({
  users: defineTable({ name: v.string() }),

  // Each event kind has its own payload.
  events: defineTable(
    v.union(
      v.object({ kind: v.literal("click"), ...base, x: v.number(), y: v.number() }),
      v.object({ kind: v.literal("view"), ...base, path: v.string(), durationMs: v.optional(v.number()) }),
      v.object({ kind: v.literal("purchase"), ...base, amount: v.int64(), x: v.string() }),
    ),
  ).index("by_user", ["userId", "at"]),

  logs: defineTable(v.any()),

  settings: defineTable(v.object({ key: v.string(), value: v.any() })).index("by_key", ["key"]),
});
