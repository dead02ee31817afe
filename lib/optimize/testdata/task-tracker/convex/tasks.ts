import { v } from "convex/values";
import { internalMutation } from "./_generated/server";
import { authedMutation, authedQuery } from "./lib/functions";
import * as Activity from "./model/activity";

export const listByProject = authedQuery({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    return await ctx.db
      .query("tasks")
      .filter((q) => q.eq(q.field("projectId"), projectId))
      .collect();
  },
});

export const listByStatus = authedQuery({
  args: { projectId: v.id("projects"), status: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db
      .query("tasks")
      .withIndex("by_project_and_status", (q) => q.eq("projectId", args.projectId))
      .filter((q) => q.eq(q.field("status"), args.status))
      .take(100);
  },
});

export const mine = authedQuery({
  args: {},
  handler: async (ctx) => {
    return await ctx.db
      .query("tasks")
      .filter((q) => q.eq(q.field("assigneeId"), ctx.user._id))
      .take(50);
  },
});

export const upcomingForMe = authedQuery({
  args: { now: v.number() },
  handler: async (ctx, { now }) => {
    return await ctx.db
      .query("tasks")
      .withIndex("by_due_and_assignee", (q) => q.gt("dueDate", now))
      .filter((q) => q.eq(q.field("assigneeId"), ctx.user._id))
      .take(20);
  },
});

export const overdue = authedQuery({
  args: { now: v.number() },
  handler: async (ctx, { now }) => {
    return await ctx.db
      .query("tasks")
      .withIndex("by_due_and_assignee", (q) => q.lt("dueDate", now))
      .collect();
  },
});

export const search = authedQuery({
  args: { projectId: v.id("projects"), text: v.string() },
  handler: async (ctx, { projectId, text }) => {
    return await ctx.db
      .query("tasks")
      .withSearchIndex("search_title", (q) => q.search("title", text).eq("projectId", projectId))
      .filter((q) => q.eq(q.field("status"), "todo"))
      .take(20);
  },
});

export const create = authedMutation({
  args: { projectId: v.id("projects"), title: v.string() },
  handler: async (ctx, { projectId, title }) => {
    const project = await ctx.db.get(projectId);
    if (!project) throw new Error("No project");
    const id = await ctx.db.insert("tasks", { projectId, title, status: "todo" });
    await Activity.record(ctx, project.teamId, ctx.user._id, "task.create");
    return id;
  },
});

export const remove = authedMutation({
  args: { taskId: v.id("tasks") },
  handler: async (ctx, { taskId }) => {
    const comments = await ctx.db
      .query("comments")
      .withIndex("by_task", (q) => q.eq("taskId", taskId))
      .collect();
    await Promise.all(comments.map((c) => ctx.db.delete(c._id)));
    await ctx.db.delete(taskId);
  },
});

export const purgeDone = internalMutation({
  args: {},
  handler: async (ctx) => {
    for await (const task of ctx.db.query("tasks")) {
      if (task.status === "done") await ctx.db.delete(task._id);
    }
  },
});
