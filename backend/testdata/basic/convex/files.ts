import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const generateUploadUrl = mutation({ args: {}, handler: async (ctx) => await ctx.storage.generateUploadUrl() });

export const save = mutation({
  args: { storageId: v.id("_storage"), name: v.string() },
  handler: async (ctx, args) => await ctx.db.insert("files", args),
});

export const list = query({
  args: {},
  handler: async (ctx) =>
    await Promise.all(
      (await ctx.db.query("files").collect()).map(async (f) => ({ name: f.name, url: await ctx.storage.getUrl(f.storageId) })),
    ),
});
