import { v } from "convex/values";
import { query } from "./_generated/server";

export const list = query({
  args: { ownerId: v.string(), from: v.optional(v.number()), starredOnly: v.boolean() },
  handler: async (ctx, { ownerId, from, starredOnly }) => {
    let q = ctx.db.query("items").withIndex("by_owner", (r) => r.eq("ownerId", ownerId));

    if (from !== undefined) {
      // Inside this branch the query is another one: its filter reads "by_created", never "by_owner".
      q = ctx.db.query("items").withIndex("by_created", (r) => r.gte("createdAt", from));
      q = q.filter((f) => f.eq(f.field("archived"), false));
      return await q.take(10);
    }

    // The branch above returned, so down here the query is the "by_owner" one only.
    const limit = 20;
    if (starredOnly) {
      q = q.filter((f) => f.eq(f.field("starred"), true));
    } else {
      q = q.filter((f) => f.eq(f.field("archived"), false));
    }
    return await q.take(limit);
  },
});
