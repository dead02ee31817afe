import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({
    name: v.string(),
    email: v.string(),
    tokenIdentifier: v.string(),
  }).index("by_token", ["tokenIdentifier"]),

  teams: defineTable({
    name: v.string(),
    ownerId: v.id("users"),
  }),

  members: defineTable({
    teamId: v.id("teams"),
    userId: v.id("users"),
    role: v.union(v.literal("admin"), v.literal("member")),
  })
    .index("by_team", ["teamId"])
    .index("by_user", ["userId"])
    .index("by_team_and_user", ["teamId", "userId"]),

  projects: defineTable({
    teamId: v.id("teams"),
    name: v.string(),
    archived: v.boolean(),
  })
    .index("by_team", ["teamId"])
    .index("by_archived", ["archived"]),

  tasks: defineTable({
    projectId: v.id("projects"),
    title: v.string(),
    status: v.union(v.literal("todo"), v.literal("doing"), v.literal("done")),
    assigneeId: v.optional(v.id("users")),
    dueDate: v.optional(v.number()),
    meta: v.optional(v.object({ source: v.string() })),
  })
    .index("by_assignee", ["assigneeId"])
    .index("by_project_and_status", ["projectId", "status"])
    .index("by_due_and_assignee", ["dueDate", "assigneeId"])
    .searchIndex("search_title", { searchField: "title", filterFields: ["projectId"] }),

  comments: defineTable({
    taskId: v.id("tasks"),
    authorId: v.id("users"),
    body: v.string(),
  }).index("by_task", ["taskId"]),

  activity: defineTable({
    teamId: v.id("teams"),
    actorId: v.id("users"),
    action: v.string(),
  }),
});
