import { defineSchema, defineTable } from "convex/server";
import { v, type Validator } from "convex/values";

// A team's own helper: fields built by looping over a list, which static reading cannot follow.
function withAudit<T extends Record<string, Validator<any, any, any>>>(fields: T) {
  const audit: Record<string, Validator<any, any, any>> = {};
  for (const name of ["createdBy", "updatedBy"]) audit[name] = v.id("users");
  return defineTable({ ...fields, ...audit, updatedAt: v.number() });
}

const statuses = ["open", "closed"].map((s) => v.literal(s));

export default defineSchema({
  users: defineTable({ name: v.string() }),
  tickets: withAudit({ title: v.string(), status: v.union(...statuses) }).index("by_status", ["status"]),
});
