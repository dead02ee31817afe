import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  projects: defineTable({ name: v.string(), archived: v.boolean() }),
  tasks: defineTable({ projectId: v.id("projects"), title: v.string(), done: v.boolean() })
    .index("by_project", ["projectId"])
    .index("by_done", ["done"]),
});
