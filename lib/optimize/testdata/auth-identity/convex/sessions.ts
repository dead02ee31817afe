import { query } from "./_generated/server";
import { auth, currentUserId } from "./auth";

export const current = query({
  args: {},
  handler: async (ctx) => {
    const sessionId = await auth.getSessionId(ctx);
    if (sessionId === null) return null;
    return await ctx.db.get(sessionId);
  },
});

export const pinnedByMe = query({
  args: {},
  handler: async (ctx) => {
    const userId = await currentUserId(ctx);
    if (!userId) return [];
    const mine = await ctx.db
      .query("notes")
      .withIndex("by_owner", (q) => q.eq("ownerId", userId))
      .take(50);
    return mine.filter((n) => n.pinned);
  },
});
