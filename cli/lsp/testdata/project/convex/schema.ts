import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  /** People who sign in. */
  users: defineTable({
    name: v.string(),
    email: v.string(),
  }).index("by_email", ["email"]),

  /** Work items of a team. */
  tasks: defineTable({
    title: v.string(),
    status: v.union(v.literal("open"), v.literal("done")),
    ownerId: v.id("users"),
    assigneeId: v.id("users"),
    dueAt: v.number(),
  })
    .index("by_owner", ["ownerId"])
    .index("by_status_and_due", ["status", "dueAt"]),
});
