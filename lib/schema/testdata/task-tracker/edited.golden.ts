import { authTables } from "@convex-dev/auth/server";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { priority, role, taskStatus, timestamps } from "./validators";

// A team task tracker: teams own projects, projects hold tasks, tasks have comments and labels.
export default defineSchema({
  ...authTables,

  /** A group of people working together. */
  teams: defineTable({
    name: v.string(),
    slug: v.string(),
    ownerId: v.id("users"),
    ...timestamps,
  }).index("by_slug", ["slug"]),

  // Join table between teams and users.
  teamMembers: defineTable({
    teamId: v.id("teams"),
    userId: v.id("users"),
    role,
    joinedAt: v.number(),
  })
    .index("by_team", ["teamId"])
    .index("by_user_team", ["userId", "teamId"]),

  projects: defineTable({
    teamId: v.id("teams"),
    name: v.string(),
    description: v.optional(v.string()),
    archived: v.boolean(),
    ...timestamps,
  }).index("by_team", ["teamId", "archived"]),

  tasks: defineTable({
    projectId: v.id("projects"),
    title: v.string(),
    description: v.optional(v.string()),
    status: taskStatus,
    priority,
    assigneeId: v.optional(v.id("users")),
    reporterId: v.id("users"),
    parentTaskId: v.optional(v.id("tasks")),
    dueDate: v.optional(v.number()),
    estimateHours: v.optional(v.float64()),
    checklist: v.array(v.object({ text: v.string(), done: v.boolean() })),
    ...timestamps,
    storyPoints: v.optional(v.number()),
  })
    .index("by_project_status", ["projectId", "status"])
    .index("by_assignee", ["assigneeId"])
    .searchIndex("search_title", { searchField: "title", filterFields: ["projectId", "status"] }),

  comments: defineTable({
    taskId: v.id("tasks"),
    authorId: v.id("users"),
    text: v.string(),
    editedAt: v.optional(v.number()),
  }).index("by_task", ["taskId"])
    .index("by_author", ["authorId"]),

  labels: defineTable({
    teamId: v.id("teams"),
    name: v.string(),
    color: v.string(),
  }).index("by_team", ["teamId"]),

  taskLabels: defineTable({
    taskId: v.id("tasks"),
    labelId: v.id("labels"),
  })
    .index("by_task", ["taskId"])
    .index("by_label", ["labelId"]),

  sprints: defineTable({
    teamId: v.id("teams"),
  })
    .index("by_team", ["teamId"]),
});
