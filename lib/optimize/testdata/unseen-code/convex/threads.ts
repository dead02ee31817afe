import { listMessages } from "@convex-dev/agent";
import { v } from "convex/values";
import { components } from "./_generated/api";
import { mutation, query } from "./_generated/server";
import { limiter, supportAgent } from "./agents";

export const start = mutation({
  args: { userId: v.string() },
  handler: async (ctx, { userId }) => {
    await limiter.limit(ctx, "send", { key: userId });
    const { threadId } = await supportAgent.createThread(ctx, { userId });
    const session = await ctx.db
      .query("sessions")
      .withIndex("by_user", (q) => q.eq("userId", userId))
      .first();
    return { threadId, session };
  },
});

export const messages = query({
  args: { threadId: v.string() },
  handler: async (ctx, { threadId }) => {
    return await listMessages(ctx, components.agent, { threadId, paginationOpts: { numItems: 10, cursor: null } });
  },
});
