import { v } from "convex/values";
import { query } from "./_generated/server";

// One of two statuses inside an index range on _creationTime: [threadId, status] then _creationTime serves it.
export const currentRuns = query({
  args: { threadId: v.string(), after: v.number() },
  handler: async (ctx, args) =>
    await ctx.db
      .query("runs")
      .withIndex("by_thread", (q) => q.eq("threadId", args.threadId).gt("_creationTime", args.after))
      .filter((q) => q.or(q.eq(q.field("status"), "active"), q.eq(q.field("status"), "queued")))
      .collect(),
});

// The same inside a range on "score": the range stays last, [threadId, status, score].
export const strongRuns = query({
  args: { threadId: v.string(), min: v.number() },
  handler: async (ctx, args) =>
    await ctx.db
      .query("runs")
      .withIndex("by_thread_score", (q) => q.eq("threadId", args.threadId).gte("score", args.min))
      .filter((q) => q.or(q.eq(q.field("status"), "active"), q.eq(q.field("status"), "done")))
      .collect(),
});

// by_queue_status holds the queue, the status, then _creationTime: it serves each value with the range.
export const recentJobs = query({
  args: { queue: v.string(), after: v.number() },
  handler: async (ctx, args) =>
    await ctx.db
      .query("jobs")
      .withIndex("by_queue", (q) => q.eq("queue", args.queue).gt("_creationTime", args.after))
      .filter((q) => q.or(q.eq(q.field("status"), "waiting"), q.eq(q.field("status"), "running")))
      .collect(),
});
