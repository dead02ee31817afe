import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { ownerName } from "./lib/helpers";

export const byOwner = query({
  args: { ownerId: v.id("users") },
  handler: async (ctx, { ownerId }) => {
    return await ctx.db.query("tasks").withIndex("by_owner", (q) => q.eq("ownerId", ownerId)).take(20);
  },
});

export const assignedTo = query({
  args: { assigneeId: v.id("users") },
  handler: async (ctx, { assigneeId }) => {
    return await ctx.db.query("tasks").filter((q) => q.eq(q.field("assigneeId"), assigneeId)).collect();
  },
});

export const openByStatus = query({
  args: { status: v.union(v.literal("open"), v.literal("done")) },
  handler: async (ctx, { status }) => {
    return await ctx.db.query("tasks").filter((q) => q.eq(q.field("status"), status)).take(10);
  },
});

export const dueSoon = query({
  args: { at: v.number() },
  handler: async (ctx, { at }) => {
    return await ctx.db.query("tasks").withIndex("by_status_and_due", (q) => q.eq("dueAt", at)).take(10);
  },
});

export const byTitle = query({
  args: { title: v.string() },
  handler: async (ctx, { title }) => {
    return await ctx.db.query("tasks").withIndex("by_title", (q) => q.eq("title", title)).first();
  },
});

export const create = mutation({
  args: { title: v.string(), ownerId: v.id("users") },
  handler: async (ctx, { title, ownerId }) => {
    await ownerName(ctx, ownerId);
    return await ctx.db.insert("tasks", { title, status: "open", ownerId, assigneeId: ownerId, dueAt: 0 });
  },
});

export const all = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db.query("tasks").collect();
  },
});

export const userByEmail = query({
  args: { email: v.string() },
  handler: async (ctx, { email }) => {
    return await ctx.db.query("users").filter((q) => q.eq(q.field("email"), email)).first();
  },
});
