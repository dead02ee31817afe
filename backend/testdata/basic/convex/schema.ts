import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  messages: defineTable({
    author: v.string(),
    body: v.string(),
    channel: v.optional(v.string()),
  })
    .index("by_author", ["author"])
    .index("by_channel", ["channel"]),
  counters: defineTable({ name: v.string(), value: v.number() }).index("by_name", ["name"]),
  files: defineTable({ storageId: v.id("_storage"), name: v.string() }),
  ticks: defineTable({ source: v.string(), at: v.number() }),
});
