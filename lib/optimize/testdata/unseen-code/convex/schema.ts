import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  posts: defineTable({ authorId: v.string(), title: v.string() }).index("by_author", ["authorId"]).index("by_title", ["title"]),
  comments: defineTable({ authorId: v.string(), body: v.string() }).index("by_author", ["authorId"]),
  tags: defineTable({ name: v.string(), slug: v.string() }).index("by_slug", ["slug"]),
  sessions: defineTable({ userId: v.string(), device: v.string() }).index("by_user", ["userId"]),
  paths: defineTable({ userId: v.string(), path: v.string() }).index("by_user", ["userId"]),
});
