import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ tokenIdentifier: v.string(), name: v.string() }).index("by_token", ["tokenIdentifier"]),
  posts: defineTable({ authorId: v.id("users"), title: v.string(), status: v.string() })
    .index("by_author", ["authorId"])
    .index("by_status", ["status"]),
});
