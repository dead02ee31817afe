/** The demo project's schema: a team task tracker, the kind of Convex app our users build. */
export const DEMO_PROJECT_NAME = "Team task tracker (demo)";

export const DEMO_SCHEMA_SOURCE = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

// Who can do what inside a workspace.
const role = v.union(v.literal("admin"), v.literal("member"), v.literal("guest"));

export default defineSchema({
  users: defineTable({
    name: v.string(),
    email: v.string(),
    avatarUrl: v.optional(v.string()),
    timezone: v.optional(v.string()),
  }).index("by_email", ["email"]),

  workspaces: defineTable({
    name: v.string(),
    slug: v.string(),
    ownerId: v.id("users"),
    plan: v.union(v.literal("free"), v.literal("team"), v.literal("enterprise")),
  })
    .index("by_slug", ["slug"])
    .index("by_owner", ["ownerId"]),

  memberships: defineTable({
    workspaceId: v.id("workspaces"),
    userId: v.id("users"),
    role,
  })
    .index("by_workspace", ["workspaceId"])
    .index("by_user", ["userId"]),

  projects: defineTable({
    workspaceId: v.id("workspaces"),
    name: v.string(),
    description: v.optional(v.string()),
    archived: v.boolean(),
  }).index("by_workspace", ["workspaceId", "archived"]),

  tasks: defineTable({
    projectId: v.id("projects"),
    title: v.string(),
    description: v.optional(v.string()),
    status: v.union(v.literal("todo"), v.literal("in_progress"), v.literal("done")),
    priority: v.union(v.literal("low"), v.literal("medium"), v.literal("high")),
    assigneeId: v.optional(v.id("users")),
    dueDate: v.optional(v.number()),
    labelIds: v.array(v.id("labels")),
  })
    .index("by_project", ["projectId", "status"])
    .index("by_assignee", ["assigneeId"])
    .searchIndex("search_title", { searchField: "title", filterFields: ["projectId"] }),

  subtasks: defineTable({
    taskId: v.id("tasks"),
    title: v.string(),
    done: v.boolean(),
  }).index("by_task", ["taskId"]),

  comments: defineTable({
    taskId: v.id("tasks"),
    authorId: v.id("users"),
    body: v.string(),
    editedAt: v.optional(v.number()),
  }).index("by_task", ["taskId"]),

  labels: defineTable({
    workspaceId: v.id("workspaces"),
    name: v.string(),
    color: v.string(),
  }).index("by_workspace", ["workspaceId"]),

  attachments: defineTable({
    taskId: v.id("tasks"),
    storageId: v.id("_storage"),
    fileName: v.string(),
    size: v.number(),
    uploadedBy: v.id("users"),
  }).index("by_task", ["taskId"]),

  activity: defineTable({
    workspaceId: v.id("workspaces"),
    actorId: v.id("users"),
    taskId: v.optional(v.id("tasks")),
    kind: v.union(v.literal("created"), v.literal("updated"), v.literal("commented"), v.literal("completed")),
    payload: v.any(),
  }).index("by_workspace", ["workspaceId"]),

  notifications: defineTable({
    userId: v.id("users"),
    activityId: v.id("activity"),
    read: v.boolean(),
  }).index("by_user", ["userId", "read"]),

  timeEntries: defineTable({
    taskId: v.id("tasks"),
    userId: v.id("users"),
    startedAt: v.number(),
    minutes: v.number(),
    note: v.optional(v.string()),
  }),
});
`;
