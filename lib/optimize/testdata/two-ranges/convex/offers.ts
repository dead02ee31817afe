import { query } from "./_generated/server";

// Ranges on two fields after the index equality: one can be an index range, the other stays filtered.
export const current = query({
  args: {},
  handler: async (ctx) => {
    const now = Date.now();
    return await ctx.db
      .query("offers")
      .withIndex("by_active", (q) => q.eq("active", true))
      .filter((q) => q.and(q.lte(q.field("startsAt"), now), q.gte(q.field("endsAt"), now)))
      .collect();
  },
});
