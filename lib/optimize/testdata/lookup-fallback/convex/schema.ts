import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  drafts: defineTable({ ownerId: v.string(), title: v.string() }).index("by_owner", ["ownerId"]),
});
