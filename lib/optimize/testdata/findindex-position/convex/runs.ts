import { v } from "convex/values";
import { query } from "./_generated/server";

// The run's place in its thread's queue: the position is compared, no document is looked up.
export const queuePosition = query({
  args: { threadId: v.string(), runId: v.id("runs") },
  handler: async (ctx, args) => {
    const queued = await ctx.db
      .query("runs")
      .withIndex("by_thread", (q) => q.eq("threadId", args.threadId))
      .collect();
    const position = queued.findIndex((r) => r._id === args.runId);
    return position >= 3;
  },
});

// The position is used to read the document: one document looked up by id in a collected index range.
export const runInThread = query({
  args: { threadId: v.string(), runId: v.id("runs") },
  handler: async (ctx, args) => {
    const queued = await ctx.db
      .query("runs")
      .withIndex("by_thread", (q) => q.eq("threadId", args.threadId))
      .collect();
    const at = queued.findIndex((r) => r._id === args.runId);
    return queued[at] ?? null;
  },
});
