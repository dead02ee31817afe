import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const get = query({
  args: { name: v.string() },
  handler: async (ctx, args) => {
    const row = await ctx.db.query("counters").withIndex("by_name", (q) => q.eq("name", args.name)).unique();
    return row?.value ?? 0;
  },
});

export const increment = mutation({
  args: { name: v.string() },
  handler: async (ctx, args) => {
    const row = await ctx.db.query("counters").withIndex("by_name", (q) => q.eq("name", args.name)).unique();
    if (row) {
      await ctx.db.patch(row._id, { value: row.value + 1 });
      return row.value + 1;
    }
    await ctx.db.insert("counters", { name: args.name, value: 1 });
    return 1;
  },
});

/** Default export: callable as "counters". */
export default query({ args: {}, handler: async (ctx) => (await ctx.db.query("counters").collect()).length });
