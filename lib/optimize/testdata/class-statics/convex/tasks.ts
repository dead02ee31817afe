import { v } from "convex/values";
import { query } from "./_generated/server";
import { Tasks } from "./model/tasks";

export const open = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => Tasks.openForProject(ctx, projectId),
});

export const count = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => await Tasks.count(ctx, projectId),
});
