import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  closers: defineTable({ name: v.string() }),
  calls: defineTable({
    closerId: v.id("closers"),
    status: v.string(),
    parentId: v.optional(v.id("calls")),
  }).index("by_closer", ["closerId"]),
  tickets: defineTable({ state: v.string(), priority: v.number() }).index("by_state", ["state"]),
});
