import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  tasks: defineTable({ title: v.string(), done: v.boolean(), priority: v.union(v.literal("low"), v.literal("high")) }).index("by_priority", ["priority"]),
});
