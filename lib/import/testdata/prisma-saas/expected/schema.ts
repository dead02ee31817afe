import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  organizations: defineTable({
    slug: v.string(),
    name: v.string(),
    plan: v.union(v.literal("FREE"), v.literal("PRO"), v.literal("ENTERPRISE")),
    seats: v.number(),
    createdAt: v.number(),
  })
    .index("by_slug", ["slug"]),
  accounts: defineTable({
    email: v.string(),
    fullName: v.optional(v.string()),
    avatar: v.optional(v.bytes()),
    lastSeenAt: v.optional(v.number()),
  })
    .index("by_email", ["email"]),
  memberships: defineTable({
    organizationId: v.id("organizations"),
    accountId: v.id("accounts"),
    role: v.union(v.literal("OWNER"), v.literal("ADMIN"), v.literal("MEMBER"), v.literal("BILLING")),
    invitedAt: v.number(),
  })
    .index("by_organizationId_accountId", ["organizationId", "accountId"])
    .index("by_accountId", ["accountId"]),
  projects: defineTable({
    organizationId: v.id("organizations"),
    key: v.string(),
    title: v.string(),
    settings: v.any(),
    location: v.optional(v.any()),
  })
    .index("by_organizationId_key", ["organizationId", "key"]),
  projectMembers: defineTable({
    organizationId: v.string(),
    projectKey: v.string(),
    accountId: v.string(),
    canEdit: v.boolean(),
    projectId: v.id("projects"),
    membershipId: v.id("memberships"),
  })
    .index("by_organizationId_projectKey_accountId", ["organizationId", "projectKey", "accountId"])
    .index("by_projectId", ["projectId"])
    .index("by_membershipId", ["membershipId"]),
  invoices: defineTable({
    organizationId: v.id("organizations"),
    amount: v.number(),
    currency: v.string(),
    issuedOn: v.number(),
    paid: v.boolean(),
    lines: v.array(v.any()),
    updatedAt: v.number(),
  })
    .index("by_organizationId_issuedOn", ["organizationId", "issuedOn"]),
});
