import { defineSchema, defineTable } from "convex/server";
import { authTables } from "@convex-dev/auth/server";
import { v } from "convex/values";

export default defineSchema({
  ...authTables,
  notes: defineTable({ ownerId: v.id("users"), body: v.string(), pinned: v.boolean() })
    .index("by_owner", ["ownerId"])
    .index("by_pinned", ["pinned"]),
});
