import { v } from "convex/values";
import { query } from "./_generated/server";

// A field named at run time that no index holds: the whole table is read until one matches.
export const byLink = query({
  args: { site: v.string(), url: v.string() },
  handler: async (ctx, { site, url }) => {
    return await ctx.db
      .query("artists")
      .filter((q) => q.eq(q.field(`links.${site}`), url))
      .first();
  },
});

// The same after an index equality: only that index's documents are read.
export const byNameAndLink = query({
  args: { name: v.string(), site: v.string(), url: v.string() },
  handler: async (ctx, { name, site, url }) => {
    return await ctx.db
      .query("artists")
      .withIndex("by_name", (q) => q.eq("name", name))
      .filter((q) => q.eq(q.field(`links.${site}`), url))
      .first();
  },
});

// Collected whole: OPT102 says it (no second finding).
export const allByLink = query({
  args: { site: v.string(), url: v.string() },
  handler: async (ctx, { site, url }) => {
    return await ctx.db
      .query("artists")
      .filter((q) => q.eq(q.field(`links.${site}`), url))
      .collect();
  },
});

// Indexes exist under "ids.": which one the field names is known only at run time, so nothing is claimed.
export const albumByProviderId = query({
  args: { provider: v.union(v.literal("spotify"), v.literal("apple")), id: v.string() },
  handler: async (ctx, { provider, id }) => {
    return await ctx.db
      .query("albums")
      .filter((q) => q.eq(q.field(`ids.${provider}`), id))
      .first();
  },
});
