import { defineTable } from "convex/server";
import { v } from "convex/values";

export const auditFields = {
  createdAt: v.number(),
  createdBy: v.id("users"),
  updatedAt: v.optional(v.number()),
};

/** Every tenant-owned table carries the organization and an index on it. */
export const tenantTable = <F extends Record<string, any>>(fields: F) =>
  defineTable({ orgId: v.id("organizations"), ...fields, ...auditFields }).index("by_org", ["orgId"]);

export const plan = v.union(v.literal("free"), v.literal("pro"), v.literal("enterprise"));
