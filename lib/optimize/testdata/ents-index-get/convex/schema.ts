import { v } from "convex/values";
import { defineEnt, defineEntSchema, getEntDefinitions } from "convex-ents";

const schema = defineEntSchema({
  members: defineEnt({ orgId: v.string(), userId: v.string(), role: v.string() })
    .field("handle", v.string(), { unique: true })
    .index("org_user", ["orgId", "userId"])
    .index("by_role", ["role"]),
});

export default schema;
export const entDefinitions = getEntDefinitions(schema);
