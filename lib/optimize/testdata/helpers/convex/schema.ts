import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  orgs: defineTable({ name: v.string(), plan: v.string() }),
  docs: defineTable({
    orgId: v.id("orgs"),
    ownerId: v.id("people"),
    title: v.string(),
    state: v.string(),
    updatedAt: v.number(),
  })
    .index("by_org_and_updated", ["orgId", "updatedAt"])
    .index("by_owner", ["ownerId"]),
  people: defineTable({ name: v.string(), orgId: v.id("orgs") }).index("by_org", ["orgId"]),
});
