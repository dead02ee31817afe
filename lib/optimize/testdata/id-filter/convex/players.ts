import { v } from "convex/values";
import { query } from "./_generated/server";

// A filter on _id scans the table until it finds the document: ctx.db.get reads it.
export const byId = query({
  args: { playerId: v.id("players") },
  handler: async (ctx, { playerId }) => {
    return await ctx.db
      .query("players")
      .filter((q) => q.eq(q.field("_id"), playerId))
      .unique();
  },
});

// Inside an index range too.
export const inTeam = query({
  args: { teamId: v.id("teams"), playerId: v.id("players") },
  handler: async (ctx, { teamId, playerId }) => {
    return await ctx.db
      .query("players")
      .withIndex("by_team", (q) => q.eq("teamId", teamId))
      .filter((q) => q.eq(q.field("_id"), playerId))
      .first();
  },
});

// Collected: one finding (OPT110), not also a whole-table collect.
export const collected = query({
  args: { playerId: v.id("players") },
  handler: async (ctx, { playerId }) => {
    return await ctx.db
      .query("players")
      .filter((q) => q.eq(q.field("_id"), playerId))
      .collect();
  },
});

// Every other document: not a lookup by id.
export const others = query({
  args: { teamId: v.id("teams"), playerId: v.id("players") },
  handler: async (ctx, { teamId, playerId }) => {
    return await ctx.db
      .query("players")
      .withIndex("by_team", (q) => q.eq("teamId", teamId))
      .filter((q) => q.neq(q.field("_id"), playerId))
      .take(20);
  },
});

export const get = query({
  args: { playerId: v.id("players") },
  handler: async (ctx, { playerId }) => ctx.db.get(playerId),
});
