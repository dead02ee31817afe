import { v } from "convex/values";
import { authedMutation, authedQuery } from "./lib/functions";

export const list = authedQuery({
  args: { taskId: v.id("tasks") },
  handler: async (ctx, { taskId }) => {
    return await ctx.db
      .query("comments")
      .withIndex("by_task", (q) => q.eq("taskId", taskId))
      .order("desc")
      .take(50);
  },
});

export const byAuthor = authedQuery({
  args: {},
  handler: async (ctx) => {
    return await ctx.db
      .query("comments")
      .filter((q) => q.eq(q.field("authorId"), ctx.user._id))
      .order("desc")
      .take(20);
  },
});

export const add = authedMutation({
  args: { taskId: v.id("tasks"), body: v.string() },
  handler: async (ctx, { taskId, body }) => {
    const task = await ctx.db.get(taskId);
    if (!task) throw new Error("No task");
    return await ctx.db.insert("comments", { taskId, authorId: ctx.user._id, body });
  },
});
