import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  items: defineTable({ ownerId: v.string(), createdAt: v.number(), archived: v.boolean(), starred: v.boolean() })
    .index("by_owner", ["ownerId"])
    .index("by_owner_archived", ["ownerId", "archived"])
    .index("by_owner_starred", ["ownerId", "starred"])
    .index("by_created", ["createdAt"]),
});
