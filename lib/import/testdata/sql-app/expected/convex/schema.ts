import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  /** Imported from "teams" (public.teams). */
  teams: defineTable({
    name: v.string(),
    /** Imported from column "owner_id". */
    ownerId: v.optional(v.id("users")),
    /** Imported from column "created_at". */
    createdAt: v.number(),
    /** Old primary key "id", kept while importing data. */
    legacyId: v.optional(v.number()),
  })
    .index("by_ownerId", ["ownerId"])
    .index("by_legacyId", ["legacyId"]),

  /** Imported from "users" (public.users). */
  users: defineTable({
    /** Imported from column "team_id". */
    teamId: v.id("teams"),
    email: v.string(),
    /** Imported from column "display_name". */
    displayName: v.optional(v.string()),
    /** Imported from column "is_admin". */
    isAdmin: v.boolean(),
    avatar: v.optional(v.bytes()),
    settings: v.any(),
    /** Imported from column "last_login". */
    lastLogin: v.optional(v.number()),
    /** Old primary key "id", kept while importing data. */
    legacyId: v.optional(v.number()),
  })
    .index("by_email", ["email"])
    .index("by_teamId", ["teamId"])
    .index("by_legacyId", ["legacyId"]),

  /** Imported from "projects" (public.projects). */
  projects: defineTable({
    /** Imported from column "team_id". */
    teamId: v.id("teams"),
    name: v.string(),
    budget: v.optional(v.number()),
    /** Imported from column "starts_on". */
    startsOn: v.optional(v.number()),
    tags: v.array(v.string()),
    /** Old primary key "id", kept while importing data. */
    legacyId: v.optional(v.string()),
  })
    .index("by_teamId", ["teamId"])
    .index("by_legacyId", ["legacyId"]),

  /** Imported from "project_members" (public.project_members). */
  projectMembers: defineTable({
    /** Imported from column "project_id". */
    projectId: v.id("projects"),
    /** Imported from column "user_id". */
    userId: v.id("users"),
    role: v.string(),
  })
    .index("by_projectId_userId", ["projectId", "userId"])
    .index("by_userId", ["userId"]),

  /** Work items; a task may have sub-tasks. Imported from "tasks" (public.tasks). */
  tasks: defineTable({
    /** Imported from column "project_id". */
    projectId: v.id("projects"),
    /** Imported from column "parent_task_id". */
    parentTaskId: v.optional(v.id("tasks")),
    /** Imported from column "assignee_id". */
    assigneeId: v.optional(v.id("users")),
    title: v.string(),
    status: v.union(v.literal("todo"), v.literal("doing"), v.literal("done")),
    priority: v.optional(v.union(v.literal("low"), v.literal("normal"), v.literal("high"))),
    /** Best guess, in hours; it's never binding. Imported from column "estimate_hours". */
    estimateHours: v.optional(v.number()),
    /** Imported from column "due_at". */
    dueAt: v.optional(v.number()),
    position: v.optional(v.array(v.number())),
    /** Old primary key "id", kept while importing data. */
    legacyId: v.optional(v.int64()),
  })
    .index("by_projectId_status", ["projectId", "status"])
    .index("by_dueAt", ["dueAt"])
    .index("by_parentTaskId", ["parentTaskId"])
    .index("by_assigneeId", ["assigneeId"])
    .index("by_legacyId", ["legacyId"]),

  /** Imported from "labels" (public.labels). */
  labels: defineTable({
    /** Imported from column "team_id". */
    teamId: v.id("teams"),
    name: v.string(),
    color: v.string(),
    /** Old primary key "id", kept while importing data. */
    legacyId: v.optional(v.number()),
  })
    .index("by_teamId_name", ["teamId", "name"])
    .index("by_legacyId", ["legacyId"]),

  /** Imported from "task_labels" (public.task_labels). */
  taskLabels: defineTable({
    /** Imported from column "task_id". */
    taskId: v.id("tasks"),
    /** Imported from column "label_id". */
    labelId: v.id("labels"),
  })
    .index("by_taskId_labelId", ["taskId", "labelId"])
    .index("by_labelId", ["labelId"]),

  /** Imported from "comments" (public.comments). */
  comments: defineTable({
    /** Imported from column "task_id". */
    taskId: v.id("tasks"),
    /** Imported from column "author_id". */
    authorId: v.id("users"),
    body: v.string(),
    /** Imported from column "created_at". */
    createdAt: v.number(),
    /** Old primary key "id", kept while importing data. */
    legacyId: v.optional(v.number()),
  })
    .index("by_taskId_createdAt", ["taskId", "createdAt"])
    .index("by_authorId", ["authorId"])
    .index("by_legacyId", ["legacyId"]),

  /** Imported from "attachments" (public.attachments). */
  attachments: defineTable({
    /** Imported from column "comment_id". */
    commentId: v.id("comments"),
    /** Imported from column "file_name". */
    fileName: v.string(),
    content: v.bytes(),
    /** Imported from column "size_bytes". */
    sizeBytes: v.int64(),
    /** Old primary key "id", kept while importing data. */
    legacyId: v.optional(v.number()),
  })
    .index("by_commentId", ["commentId"])
    .index("by_legacyId", ["legacyId"]),

  /** Imported from "audit_events" (public.audit_events). */
  auditEvents: defineTable({
    /** Imported from column "actor_id". */
    actorId: v.optional(v.id("users")),
    kind: v.string(),
    payload: v.optional(v.any()),
    at: v.number(),
    duration: v.optional(v.string()),
    /** Old primary key "id", kept while importing data. */
    legacyId: v.optional(v.int64()),
  })
    .index("by_actorId", ["actorId"])
    .index("by_legacyId", ["legacyId"]),
});
