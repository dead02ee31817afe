import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  notes: defineTable({ orgId: v.string(), pinned: v.boolean() })
    .index("by_org", ["orgId"])
    .index("by_pinned", ["pinned"]),
  files: defineTable({ ownerOrg: v.string(), size: v.number() })
    .index("by_owner_org", ["ownerOrg"])
    .index("by_size", ["size"]),
});
