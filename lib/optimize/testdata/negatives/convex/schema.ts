import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  settings: defineTable({ key: v.string(), value: v.string() }).index("by_key", ["key"]),
  events: defineTable({
    kind: v.string(),
    userId: v.id("users"),
    at: v.number(),
    meta: v.object({ source: v.string() }),
    score: v.number(),
    limit: v.number(),
  })
    .index("by_user_and_at", ["userId", "at"])
    .index("by_kind", ["kind"]),
  users: defineTable({ name: v.string() }),
  blobs: defineTable(v.any()),
});
