import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  organizations: defineTable({
    name: v.string(),
    slug: v.string(),
    plan: v.union(v.literal("free"), v.literal("pro"), v.literal("enterprise")),
    seats: v.number(),
    settings: v.object({ ssoEnabled: v.boolean(), allowedDomains: v.array(v.string()) }),
  })
    .index("by_slug", ["slug"]),

  users: defineTable({
    email: v.string(),
    name: v.optional(v.string()),
    tokenIdentifier: v.string(),
  })
    .index("by_token", ["tokenIdentifier"])
    .index("by_email", ["email"]),

  memberships: defineTable({
    orgId: v.id("organizations"),
    userId: v.id("users"),
    role: v.union(v.literal("admin"), v.literal("member"), v.literal("viewer")),
    createdAt: v.number(),
    createdBy: v.id("users"),
    updatedAt: v.optional(v.number()),
  })
    .index("by_org", ["orgId"])
    .index("by_user", ["userId"]),

  invitations: defineTable({
    orgId: v.id("organizations"),
    email: v.string(),
    invitedBy: v.id("users"),
    acceptedAt: v.optional(v.number()),
    createdAt: v.number(),
    createdBy: v.id("users"),
    updatedAt: v.optional(v.number()),
  })
    .index("by_org", ["orgId"])
    .index("by_email", ["email"]),

  subscriptions: defineTable({
    orgId: v.id("organizations"),
    plan: v.union(v.literal("free"), v.literal("pro"), v.literal("enterprise")),
    stripeSubscriptionId: v.string(),
    currentPeriodEnd: v.number(),
    status: v.union(v.literal("active"), v.literal("past_due"), v.literal("canceled")),
    createdAt: v.number(),
    createdBy: v.id("users"),
    updatedAt: v.optional(v.number()),
  })
    .index("by_org", ["orgId"]),

  projects: defineTable({
    orgId: v.id("organizations"),
    name: v.string(),
    ownerId: v.string(),
    createdAt: v.number(),
    createdBy: v.id("users"),
    updatedAt: v.optional(v.number()),
  })
    .index("by_org", ["orgId"]),

  documents: defineTable({
    orgId: v.id("organizations"),
    projectId: v.id("projects"),
    title: v.string(),
    content: v.string(),
    tags: v.array(v.string()),
    createdAt: v.number(),
    createdBy: v.id("users"),
    updatedAt: v.optional(v.number()),
  })
    .index("by_org", ["orgId"])
    .index("by_project", ["projectId"])
    .searchIndex("search_content", { searchField: "content", filterFields: ["orgId"] }),

  auditLogs: defineTable({
    orgId: v.id("organizations"),
    actorId: v.id("users"),
    action: v.string(),
    target: v.optional(v.object({ table: v.string(), id: v.string() })),
    at: v.number(),
  })
    .index("by_org_at", ["orgId", "at"]),

  apiKeys: defineTable({
    orgId: v.id("organizations"),
    name: v.string(),
    hashedKey: v.bytes(),
    lastUsedAt: v.optional(v.number()),
    createdAt: v.number(),
    createdBy: v.id("users"),
    updatedAt: v.optional(v.number()),
  })
    .index("by_org", ["orgId"]),
});
