import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  tasks: defineTable({ status: v.string(), owner: v.string(), priority: v.number() })
    .index("by_status", ["status"])
    .index("by_owner_priority", ["owner", "priority"]),
});
