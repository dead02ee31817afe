import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ fullName: v.string(), status: v.union(v.literal("active"), v.literal("banned")), age: v.optional(v.number()) }).index("by_name", ["fullName"]),
});
