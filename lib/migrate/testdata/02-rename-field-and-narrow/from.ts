import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string(), status: v.string(), age: v.optional(v.string()) }).index("by_name", ["name"]),
});
