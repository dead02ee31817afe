import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  verses: defineTable({ ref: v.string(), text: v.string() }).index("by_ref", ["ref"]),
});
