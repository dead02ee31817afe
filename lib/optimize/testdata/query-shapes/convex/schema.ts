import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  projects: defineTable({ name: v.string() }),
  events: defineTable({
    kind: v.string(),
    meta: v.object({ source: v.string(), projectId: v.id("projects") }),
  }).index("by_kind", ["kind"]),
  posts: defineTable({ authorId: v.string(), interaction: v.string(), status: v.string(), likes: v.number() })
    .index("by_author", ["authorId"])
    .index("by_interaction", ["interaction"]),
});
