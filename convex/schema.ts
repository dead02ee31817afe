import { defineSchema, defineTable } from "convex/server";
import { rateLimitTables } from "convex-helpers/server/rateLimit";
import { v } from "convex/values";

/** Roles a member can hold on a project, most powerful first. */
export const role = v.union(v.literal("owner"), v.literal("editor"), v.literal("viewer"));

/** Where a write came from, for the audit log. */
export const source = v.union(v.literal("dashboard"), v.literal("cli"), v.literal("api"), v.literal("system"));

export default defineSchema({
  users: defineTable({
    tokenIdentifier: v.string(),
    name: v.string(),
    email: v.optional(v.string()),
    imageUrl: v.optional(v.string()),
    createdAt: v.number(),
  }).index("by_token", ["tokenIdentifier"]),

  projects: defineTable({
    name: v.string(),
    description: v.optional(v.string()),
    ownerId: v.id("users"),
    /** The schema version that is live now. */
    currentVersionId: v.optional(v.id("schemaVersions")),
    isDemo: v.optional(v.boolean()),
    settings: v.optional(
      v.object({
        requireSecondApprover: v.optional(v.boolean()),
        retentionDays: v.optional(v.number()),
      }),
    ),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_owner", ["ownerId"])
    .index("by_demo", ["isDemo"]),

  members: defineTable({
    projectId: v.id("projects"),
    userId: v.id("users"),
    role,
    addedAt: v.number(),
  })
    .index("by_project_user", ["projectId", "userId"])
    .index("by_user", ["userId"]),

  schemaVersions: defineTable({
    projectId: v.id("projects"),
    /** Sequence number within the project, 1 for the first version. */
    number: v.number(),
    /** Semantic version of the schema, e.g. "1.2.0". */
    semver: v.string(),
    status: v.union(
      v.literal("current"),
      v.literal("pending"),
      v.literal("superseded"),
      v.literal("rejected"),
      v.literal("rolledBack"),
    ),
    /** The `convex/schema.ts` text. */
    source: v.string(),
    /** Other project files the schema may import (path → text, as JSON), for multi-file schemas. */
    filesJson: v.optional(v.string()),
    /** The parsed schema model (lib/schema/model.ts) as JSON text: nesting can exceed Convex's value depth. */
    modelJson: v.string(),
    sourceHash: v.string(),
    summary: v.string(),
    authorId: v.id("users"),
    parentVersionId: v.optional(v.id("schemaVersions")),
    createdAt: v.number(),
  })
    .index("by_project", ["projectId", "number"])
    .index("by_project_status", ["projectId", "status"]),

  conversations: defineTable({
    projectId: v.id("projects"),
    title: v.string(),
    createdBy: v.id("users"),
    promptTokens: v.optional(v.number()),
    completionTokens: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  }).index("by_project", ["projectId", "updatedAt"]),

  messages: defineTable({
    conversationId: v.id("conversations"),
    projectId: v.id("projects"),
    role: v.union(v.literal("user"), v.literal("assistant")),
    authorId: v.optional(v.id("users")),
    text: v.string(),
    status: v.union(v.literal("pending"), v.literal("streaming"), v.literal("done"), v.literal("error")),
    /** The proposed pending schema version, when the reply proposes a change. */
    proposalVersionId: v.optional(v.id("schemaVersions")),
    /** Assistant proposal details (operations, assumptions, confidence, questions) as JSON text. */
    proposalJson: v.optional(v.string()),
    createdAt: v.number(),
  }).index("by_conversation", ["conversationId", "createdAt"]),

  analyses: defineTable({
    projectId: v.id("projects"),
    versionId: v.id("schemaVersions"),
    healthScore: v.number(),
    /** Lint findings, relationships and score breakdown as JSON text. */
    resultJson: v.string(),
    createdAt: v.number(),
  })
    .index("by_version", ["versionId"])
    .index("by_project", ["projectId", "createdAt"]),

  /** Optimizer output (findings, index advice, function ↔ table map) per schema version, as JSON text. */
  optimizerReports: defineTable({
    projectId: v.id("projects"),
    versionId: v.id("schemaVersions"),
    reportJson: v.string(),
    createdAt: v.number(),
    /** The sandbox's document counts when the report was stored: the page re-runs the report when they change. */
    dataCounts: v.optional(v.array(v.object({ table: v.string(), count: v.number() }))),
    /** When a re-run with the current sandbox data was last asked for (one at a time). */
    refreshRequestedAt: v.optional(v.number()),
  }).index("by_version", ["versionId"]),

  migrationPlans: defineTable({
    projectId: v.id("projects"),
    fromVersionId: v.id("schemaVersions"),
    toVersionId: v.id("schemaVersions"),
    status: v.union(
      v.literal("draft"),
      v.literal("approved"),
      v.literal("running"),
      v.literal("applied"),
      v.literal("failed"),
      v.literal("rolledBack"),
      v.literal("cancelled"),
    ),
    planJson: v.string(),
    preflightJson: v.optional(v.string()),
    approvals: v.array(v.id("users")),
    createdBy: v.id("users"),
    createdAt: v.number(),
  })
    .index("by_project", ["projectId", "createdAt"])
    /** A "running" plan holds the project's sandbox (its run is running or paused, or its backup is being restored). */
    .index("by_project_status", ["projectId", "status"]),

  migrationRuns: defineTable({
    projectId: v.id("projects"),
    planId: v.id("migrationPlans"),
    kind: v.union(v.literal("apply"), v.literal("rollback")),
    status: v.union(
      v.literal("queued"),
      v.literal("running"),
      v.literal("paused"),
      v.literal("completed"),
      v.literal("failed"),
      v.literal("cancelled"),
    ),
    phase: v.string(),
    done: v.number(),
    total: v.number(),
    /** Position to resume from after a pause or crash, as JSON text. */
    cursorJson: v.optional(v.string()),
    error: v.optional(v.string()),
    startedBy: v.id("users"),
    startedAt: v.number(),
    finishedAt: v.optional(v.number()),
    /** The scheduled step that carries the run on: a step that crashed (failed job) no longer holds the sandbox. */
    stepJobId: v.optional(v.id("_scheduled_functions")),
  })
    .index("by_plan", ["planId"])
    .index("by_project", ["projectId", "startedAt"]),

  /** How many sandbox documents each table of a project holds, kept by every writer (the page reads these, not the rows). */
  sandboxCounts: defineTable({
    projectId: v.id("projects"),
    table: v.string(),
    count: v.number(),
    /** Documents holding each field, as JSON `{field: n}` (planning reads these; absent on rows kept before them). */
    presentJson: v.optional(v.string()),
  }).index("by_project_table", ["projectId", "table"]),

  /** Documents of a project's app, used as the sandbox that migrations, preflight and sample data work on. */
  sandboxDocuments: defineTable({
    projectId: v.id("projects"),
    table: v.string(),
    doc: v.any(),
    /** The app document's own `_id` (its id in the app, not this row's), for migration writes by id. */
    docId: v.optional(v.string()),
    /**
     * Migration plans whose batches patched this document and not all undone, with how many patches each (for the
     * rollback preview's distinct documents); a plan's entry goes when its rollback undoes its last patch.
     */
    patchedBy: v.optional(v.array(v.object({ planId: v.id("migrationPlans"), patches: v.number() }))),
  })
    .index("by_project_table", ["projectId", "table"])
    .index("by_project_table_doc", ["projectId", "table", "docId"]),

  /** A migration run's journal (lib/migrate JournalEntry as JSON): batch markers with field-level before-images. */
  migrationJournal: defineTable({
    planId: v.id("migrationPlans"),
    seq: v.number(),
    entryJson: v.string(),
    /** "control" (start, backup, schema, finish), "batch" or "undo", with step and batch: a step reads only the markers it needs. */
    kind: v.optional(v.string()),
    stepId: v.optional(v.string()),
    batch: v.optional(v.number()),
    /** An entry longer than a document may hold is split over rows with the same seq: part `part` of `parts`. */
    part: v.optional(v.number()),
    parts: v.optional(v.number()),
    /** Batch markers: JSON [table, docId, sandbox row id][] of the rows the batch wrote (undo finds them directly). */
    rowsJson: v.optional(v.string()),
  })
    .index("by_plan", ["planId", "seq"])
    .index("by_plan_kind", ["planId", "kind", "seq"])
    .index("by_plan_step", ["planId", "kind", "stepId", "batch"]),

  /** Old → new id of each document a migration copied into a renamed table (written with its batch). */
  migrationIdMap: defineTable({
    planId: v.id("migrationPlans"),
    sourceId: v.string(),
    newId: v.string(),
  }).index("by_plan_source", ["planId", "sourceId"]),

  /**
   * Copies of the tables a migration touches, taken before its first write: `docsJson`, a chunk of documents in
   * table order as JSON text (one row per step, bounded in count and size; convex/lib/backupChunks), or `doc`, one
   * document (rows of older runs).
   */
  migrationBackups: defineTable({
    projectId: v.id("projects"),
    planId: v.id("migrationPlans"),
    table: v.string(),
    docId: v.optional(v.string()),
    doc: v.optional(v.any()),
    docsJson: v.optional(v.string()),
  }).index("by_plan_table", ["planId", "table"]),

  /** What a migration run did, line by line, for the run log. */
  migrationRunLog: defineTable({
    runId: v.id("migrationRuns"),
    level: v.union(v.literal("info"), v.literal("warn"), v.literal("error")),
    message: v.string(),
    at: v.number(),
  }).index("by_run", ["runId", "at"]),

  /** Diagram positions a user arranged, per project and layout key (changes when the schema's shape does). */
  diagramLayouts: defineTable({
    projectId: v.id("projects"),
    userId: v.id("users"),
    layoutKey: v.string(),
    positionsJson: v.string(),
    updatedAt: v.number(),
  }).index("by_project_user_key", ["projectId", "userId", "layoutKey"]),

  /** Who is looking at a project right now: a heartbeat every few seconds while a page is open. */
  presence: defineTable({
    projectId: v.id("projects"),
    userId: v.id("users"),
    /** Which view: "chat", "diagram", … */
    view: v.string(),
    lastSeen: v.number(),
  })
    .index("by_project", ["projectId", "lastSeen"])
    .index("by_project_user", ["projectId", "userId"]),

  auditLog: defineTable({
    projectId: v.optional(v.id("projects")),
    actorId: v.optional(v.id("users")),
    action: v.string(),
    target: v.optional(v.string()),
    details: v.optional(v.string()),
    source,
    at: v.number(),
  })
    .index("by_project", ["projectId", "at"])
    .index("by_actor", ["actorId", "at"]),
  /** Invitations by link: the link carries a secret whose SHA-256 is stored. */
  invitations: defineTable({
    projectId: v.id("projects"),
    role,
    tokenHash: v.string(),
    createdBy: v.id("users"),
    expiresAt: v.number(),
    acceptedBy: v.optional(v.id("users")),
    revoked: v.optional(v.boolean()),
    createdAt: v.number(),
  })
    .index("by_hash", ["tokenHash"])
    .index("by_project", ["projectId", "createdAt"]),

  /** API tokens (`sa_…`), scoped to one project and role; only the SHA-256 of the secret is stored. */
  apiTokens: defineTable({
    projectId: v.id("projects"),
    name: v.string(),
    role,
    tokenHash: v.string(),
    /** The first characters of the secret, to recognise it in the list. */
    prefix: v.string(),
    createdBy: v.id("users"),
    createdAt: v.number(),
    lastUsedAt: v.optional(v.number()),
    revokedAt: v.optional(v.number()),
  })
    .index("by_hash", ["tokenHash"])
    .index("by_project", ["projectId", "createdAt"]),

  /** Webhook endpoints per project; payloads are signed with HMAC-SHA256 using `secret`. */
  webhooks: defineTable({
    projectId: v.id("projects"),
    url: v.string(),
    events: v.array(v.string()),
    secret: v.string(),
    active: v.boolean(),
    /** Why the webhook was turned off (its host resolved to an address webhooks may not call). */
    disabledReason: v.optional(v.string()),
    createdBy: v.id("users"),
    createdAt: v.number(),
  }).index("by_project", ["projectId"]),

  /** One delivery attempt series of one event to one webhook. */
  webhookDeliveries: defineTable({
    projectId: v.id("projects"),
    webhookId: v.id("webhooks"),
    event: v.string(),
    payload: v.string(),
    status: v.union(v.literal("pending"), v.literal("delivered"), v.literal("failed")),
    attempts: v.number(),
    lastStatusCode: v.optional(v.number()),
    lastError: v.optional(v.string()),
    nextAttemptAt: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_project", ["projectId", "createdAt"])
    .index("by_webhook", ["webhookId", "createdAt"]),

  /** The report of a project created by importing a Prisma / SQL schema (and its data). */
  importReports: defineTable({
    projectId: v.id("projects"),
    kind: v.union(v.literal("prisma"), v.literal("sql")),
    fileName: v.string(),
    tables: v.number(),
    warnings: v.number(),
    rowsRead: v.number(),
    rowsWritten: v.number(),
    rowsSkipped: v.number(),
    /** The ImportReport of convex/projects/importNode.ts without the generated files (they are in the schema version). */
    reportJson: v.string(),
    createdBy: v.id("users"),
    createdAt: v.number(),
  }).index("by_project", ["projectId", "createdAt"]),

  ...rateLimitTables,
});
