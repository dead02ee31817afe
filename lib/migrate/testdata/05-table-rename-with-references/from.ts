import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  posts: defineTable({ title: v.string(), body: v.string() }),
  likes: defineTable({ postId: v.id("posts"), by: v.string() }).index("by_post", ["postId"]),
});
