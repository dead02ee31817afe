import { v } from "convex/values";
import { internalMutation, query } from "./_generated/server";

export const record = internalMutation({
  args: { source: v.string() },
  handler: async (ctx, args) => {
    await ctx.db.insert("ticks", { source: args.source, at: Date.now() });
  },
});

export const list = query({ args: {}, handler: async (ctx) => await ctx.db.query("ticks").collect() });
