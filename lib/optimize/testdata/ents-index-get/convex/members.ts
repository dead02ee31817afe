import { v } from "convex/values";
import { query } from "./functions";

// get(indexName, ...values): the first argument names an index, one value per leading field of it.
export const membership = query({
  args: { orgId: v.string(), userId: v.string() },
  handler: async (ctx, { orgId, userId }) => ctx.table("members").get("org_user", orgId, userId),
});

// get(field, value) on a unique field: the index convex-ents names after the field.
export const byHandle = query({
  args: { handle: v.string() },
  handler: async (ctx, { handle }) => ctx.table("members").get("handle", handle),
});
