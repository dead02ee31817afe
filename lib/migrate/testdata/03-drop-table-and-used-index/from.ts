import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  messages: defineTable({ body: v.string(), author: v.string(), legacyFlag: v.optional(v.boolean()) }).index("by_author", ["author"]),
  auditLog: defineTable({ line: v.string() }),
});
