import { getAuthUserId } from "@convex-dev/auth/server";
import { query } from "./_generated/server";

// getAuthUserId reads only ctx.auth: the analysis follows on, and the id it returns is a "users" id.
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const userId = await getAuthUserId(ctx);
    if (userId === null) return [];
    const user = await ctx.db.get(userId);
    if (!user) return [];
    return await ctx.db
      .query("notes")
      .withIndex("by_owner", (q) => q.eq("ownerId", userId))
      .take(20);
  },
});
