import { v } from "convex/values";
import { query } from "./_generated/server";

// Every index ends with _creationTime: by_status takes the range after its equality.
export const staleByStatus = query({
  args: { status: v.string(), cutoff: v.number() },
  handler: async (ctx, args) =>
    await ctx.db
      .query("tasks")
      .withIndex("by_status", (q) => q.eq("status", args.status))
      .filter((q) => q.lt(q.field("_creationTime"), args.cutoff))
      .collect(),
});

// With only "owner" fixed, "priority" comes before _creationTime in the index: it cannot take the range.
export const recentForOwner = query({
  args: { owner: v.string(), since: v.number() },
  handler: async (ctx, args) =>
    await ctx.db
      .query("tasks")
      .withIndex("by_owner_priority", (q) => q.eq("owner", args.owner))
      .filter((q) => q.gte(q.field("_creationTime"), args.since))
      .take(20),
});

// No equality: the built-in by_creation_time index takes the range.
export const createdSince = query({
  args: { since: v.number() },
  handler: async (ctx, args) =>
    await ctx.db
      .query("tasks")
      .filter((q) => q.gt(q.field("_creationTime"), args.since))
      .take(50),
});
