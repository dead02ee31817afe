import { v } from "convex/values";
import { query } from "./_generated/server";
import { authedQuery } from "./lib/functions";

export const all = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db.query("teams").collect();
  },
});

export const members = authedQuery({
  args: { teamId: v.id("teams") },
  handler: async (ctx, { teamId }) => {
    const rows = await ctx.db
      .query("members")
      .withIndex("by_team", (q) => q.eq("teamId", teamId))
      .collect();
    return await Promise.all(rows.map((m) => ctx.db.get(m.userId)));
  },
});

export const myTeams = authedQuery({
  args: {},
  handler: async (ctx) => {
    const rows = await ctx.db
      .query("members")
      .withIndex("by_user", (q) => q.eq("userId", ctx.user._id))
      .collect();
    return await Promise.all(rows.map((m) => ctx.db.get(m.teamId)));
  },
});

export const projects = authedQuery({
  args: { teamId: v.id("teams") },
  handler: async (ctx, { teamId }) => {
    const membership = await ctx.db
      .query("members")
      .withIndex("by_team_and_user", (q) => q.eq("teamId", teamId).eq("userId", ctx.user._id))
      .unique();
    if (!membership) return [];
    return await ctx.db
      .query("projects")
      .withIndex("by_team", (q) => q.eq("teamId", teamId))
      .filter((q) => q.eq(q.field("archived"), false))
      .collect();
  },
});
