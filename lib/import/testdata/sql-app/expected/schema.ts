import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  teams: defineTable({
    name: v.string(),
    ownerId: v.optional(v.id("users")),
    createdAt: v.number(),
    legacyId: v.optional(v.number()),
  })
    .index("by_ownerId", ["ownerId"])
    .index("by_legacyId", ["legacyId"]),
  users: defineTable({
    teamId: v.id("teams"),
    email: v.string(),
    displayName: v.optional(v.string()),
    isAdmin: v.boolean(),
    avatar: v.optional(v.bytes()),
    settings: v.any(),
    lastLogin: v.optional(v.number()),
    legacyId: v.optional(v.number()),
  })
    .index("by_email", ["email"])
    .index("by_teamId", ["teamId"])
    .index("by_legacyId", ["legacyId"]),
  projects: defineTable({
    teamId: v.id("teams"),
    name: v.string(),
    budget: v.optional(v.number()),
    startsOn: v.optional(v.number()),
    tags: v.array(v.string()),
    legacyId: v.optional(v.string()),
  })
    .index("by_teamId", ["teamId"])
    .index("by_legacyId", ["legacyId"]),
  projectMembers: defineTable({
    projectId: v.id("projects"),
    userId: v.id("users"),
    role: v.string(),
  })
    .index("by_projectId_userId", ["projectId", "userId"])
    .index("by_userId", ["userId"]),
  tasks: defineTable({
    projectId: v.id("projects"),
    parentTaskId: v.optional(v.id("tasks")),
    assigneeId: v.optional(v.id("users")),
    title: v.string(),
    status: v.union(v.literal("todo"), v.literal("doing"), v.literal("done")),
    priority: v.optional(v.union(v.literal("low"), v.literal("normal"), v.literal("high"))),
    estimateHours: v.optional(v.number()),
    dueAt: v.optional(v.number()),
    position: v.optional(v.array(v.number())),
    legacyId: v.optional(v.int64()),
  })
    .index("by_projectId_status", ["projectId", "status"])
    .index("by_dueAt", ["dueAt"])
    .index("by_parentTaskId", ["parentTaskId"])
    .index("by_assigneeId", ["assigneeId"])
    .index("by_legacyId", ["legacyId"]),
  labels: defineTable({
    teamId: v.id("teams"),
    name: v.string(),
    color: v.string(),
    legacyId: v.optional(v.number()),
  })
    .index("by_teamId_name", ["teamId", "name"])
    .index("by_legacyId", ["legacyId"]),
  taskLabels: defineTable({
    taskId: v.id("tasks"),
    labelId: v.id("labels"),
  })
    .index("by_taskId_labelId", ["taskId", "labelId"])
    .index("by_labelId", ["labelId"]),
  comments: defineTable({
    taskId: v.id("tasks"),
    authorId: v.id("users"),
    body: v.string(),
    createdAt: v.number(),
    legacyId: v.optional(v.number()),
  })
    .index("by_taskId_createdAt", ["taskId", "createdAt"])
    .index("by_authorId", ["authorId"])
    .index("by_legacyId", ["legacyId"]),
  attachments: defineTable({
    commentId: v.id("comments"),
    fileName: v.string(),
    content: v.bytes(),
    sizeBytes: v.int64(),
    legacyId: v.optional(v.number()),
  })
    .index("by_commentId", ["commentId"])
    .index("by_legacyId", ["legacyId"]),
  auditEvents: defineTable({
    actorId: v.optional(v.id("users")),
    kind: v.string(),
    payload: v.optional(v.any()),
    at: v.number(),
    duration: v.optional(v.string()),
    legacyId: v.optional(v.int64()),
  })
    .index("by_actorId", ["actorId"])
    .index("by_legacyId", ["legacyId"]),
});
