import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  /** Imported from "organizations" (Organization). */
  organizations: defineTable({
    slug: v.string(),
    name: v.string(),
    plan: v.union(v.literal("FREE"), v.literal("PRO"), v.literal("ENTERPRISE")),
    seats: v.number(),
    /** Imported from column "created_at". */
    createdAt: v.number(),
  })
    .index("by_slug", ["slug"]),

  /** Imported from "accounts" (Account). */
  accounts: defineTable({
    /** Imported from column "email_address". */
    email: v.string(),
    /** Imported from column "full_name". */
    fullName: v.optional(v.string()),
    avatar: v.optional(v.bytes()),
    /** Imported from column "last_seen_at". */
    lastSeenAt: v.optional(v.number()),
  })
    .index("by_email", ["email"]),

  /** Imported from "memberships" (Membership). */
  memberships: defineTable({
    /** Imported from column "organization_id". */
    organizationId: v.id("organizations"),
    /** Imported from column "account_id". */
    accountId: v.id("accounts"),
    role: v.union(v.literal("OWNER"), v.literal("ADMIN"), v.literal("MEMBER"), v.literal("BILLING")),
    /** Imported from column "invited_at". */
    invitedAt: v.number(),
  })
    .index("by_organizationId_accountId", ["organizationId", "accountId"])
    .index("by_accountId", ["accountId"]),

  /** Imported from "projects" (Project). */
  projects: defineTable({
    /** Imported from column "organization_id". */
    organizationId: v.id("organizations"),
    key: v.string(),
    title: v.string(),
    settings: v.any(),
    location: v.optional(v.any()),
  })
    .index("by_organizationId_key", ["organizationId", "key"]),

  /** Imported from "project_members" (ProjectMember). */
  projectMembers: defineTable({
    /** Imported from column "organization_id". */
    organizationId: v.string(),
    /** Imported from column "project_key". */
    projectKey: v.string(),
    /** Imported from column "account_id". */
    accountId: v.string(),
    /** Imported from column "can_edit". */
    canEdit: v.boolean(),
    /** Imported from columns "organization_id", "project_key". */
    projectId: v.id("projects"),
    /** Imported from columns "organization_id", "account_id". */
    membershipId: v.id("memberships"),
  })
    .index("by_organizationId_projectKey_accountId", ["organizationId", "projectKey", "accountId"])
    .index("by_projectId", ["projectId"])
    .index("by_membershipId", ["membershipId"]),

  /** Imported from "invoices" (Invoice). */
  invoices: defineTable({
    /** Imported from column "organization_id". */
    organizationId: v.id("organizations"),
    amount: v.number(),
    currency: v.string(),
    /** Imported from column "issued_on". */
    issuedOn: v.number(),
    paid: v.boolean(),
    lines: v.array(v.any()),
    /** Imported from column "updated_at". */
    updatedAt: v.number(),
  })
    .index("by_organizationId_issuedOn", ["organizationId", "issuedOn"]),
});
