/**
 * The demo project's own Convex functions, so the optimizer has real query patterns to read: most use indexes,
 * a few scan the way real apps do (a `.filter` on an unindexed reference, an unbounded `collect`).
 */
export const DEMO_FUNCTION_FILES: Record<string, string> = {
  "convex/tasks.ts": `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const listByProject = query({
  args: { projectId: v.id("projects"), status: v.optional(v.union(v.literal("todo"), v.literal("in_progress"), v.literal("done"))) },
  handler: async (ctx, { projectId, status }) => {
    return await ctx.db
      .query("tasks")
      .withIndex("by_project", (q) => (status ? q.eq("projectId", projectId).eq("status", status) : q.eq("projectId", projectId)))
      .take(100);
  },
});

export const mine = query({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => {
    return await ctx.db.query("tasks").withIndex("by_assignee", (q) => q.eq("assigneeId", userId)).take(50);
  },
});

export const overdue = query({
  args: { now: v.number() },
  handler: async (ctx, { now }) => {
    // Scans every task: there is no index on dueDate.
    return await ctx.db.query("tasks").filter((q) => q.lt(q.field("dueDate"), now)).collect();
  },
});

export const search = query({
  args: { projectId: v.id("projects"), text: v.string() },
  handler: async (ctx, { projectId, text }) => {
    return await ctx.db
      .query("tasks")
      .withSearchIndex("search_title", (q) => q.search("title", text).eq("projectId", projectId))
      .take(20);
  },
});

export const complete = mutation({
  args: { taskId: v.id("tasks") },
  handler: async (ctx, { taskId }) => {
    const task = await ctx.db.get(taskId);
    if (!task) throw new Error("Task not found");
    await ctx.db.patch(taskId, { status: "done" });
    const subtasks = await ctx.db.query("subtasks").withIndex("by_task", (q) => q.eq("taskId", taskId)).collect();
    for (const s of subtasks) await ctx.db.patch(s._id, { done: true });
  },
});
`,
  "convex/timeEntries.ts": `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const forTask = query({
  args: { taskId: v.id("tasks") },
  handler: async (ctx, { taskId }) => {
    // A full scan: timeEntries has no index on taskId.
    return await ctx.db.query("timeEntries").filter((q) => q.eq(q.field("taskId"), taskId)).collect();
  },
});

export const log = mutation({
  args: { taskId: v.id("tasks"), userId: v.id("users"), minutes: v.number(), startedAt: v.number() },
  handler: async (ctx, args) => {
    return await ctx.db.insert("timeEntries", args);
  },
});
`,
  "convex/comments.ts": `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const forTask = query({
  args: { taskId: v.id("tasks") },
  handler: async (ctx, { taskId }) => {
    return await ctx.db.query("comments").withIndex("by_task", (q) => q.eq("taskId", taskId)).order("desc").take(50);
  },
});

export const add = mutation({
  args: { taskId: v.id("tasks"), authorId: v.id("users"), body: v.string() },
  handler: async (ctx, args) => {
    const id = await ctx.db.insert("comments", args);
    const task = await ctx.db.get(args.taskId);
    if (task?.assigneeId) {
      const activityId = await ctx.db.insert("activity", { workspaceId: (await ctx.db.get(task.projectId))!.workspaceId, actorId: args.authorId, taskId: args.taskId, kind: "commented", payload: { commentId: id } });
      await ctx.db.insert("notifications", { userId: task.assigneeId, activityId, read: false });
    }
    return id;
  },
});
`,
  "convex/notifications.ts": `import { v } from "convex/values";
import { query } from "./_generated/server";

export const unread = query({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => {
    return await ctx.db.query("notifications").withIndex("by_user", (q) => q.eq("userId", userId).eq("read", false)).collect();
  },
});
`,
};
