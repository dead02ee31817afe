import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  articles: defineTable({ title: v.string(), body: v.string() }),
  likes: defineTable({ postId: v.id("articles"), by: v.string() }).index("by_post", ["postId"]),
});
