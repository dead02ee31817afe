import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({
    name: v.string(),
    email: v.string(),
    createdAt: v.number(),
  })
    .index("by_email", ["email"]),

  notes: defineTable({
    ownerId: v.id("users"),
    createdAt: v.number(),
    folderId: v.optional(v.id("folders")),
    title: v.string(),
    body: v.string(),
    visibility: v.union(v.literal("private"), v.literal("shared")),
    sharedWith: v.array(v.id("users")),
  })
    .index("by_owner", ["ownerId"]),

  folders: defineTable({
    ownerId: v.id("users"),
    name: v.string(),
    parentId: v.optional(v.id("folders")),
  }),
});
