import { paginationOptsValidator } from "convex/server";
import { ConvexError, v } from "convex/values";
import { internal } from "./_generated/api";
import { action, internalMutation, internalQuery, mutation, query } from "./_generated/server";

export const list = query({
  args: { author: v.optional(v.string()) },
  handler: async (ctx, args) => {
    if (args.author !== undefined) {
      return await ctx.db
        .query("messages")
        .withIndex("by_author", (q) => q.eq("author", args.author!))
        .collect();
    }
    return await ctx.db.query("messages").collect();
  },
});

export const count = query({
  args: {},
  handler: async (ctx) => (await ctx.db.query("messages").collect()).length,
});

export const byBodyFilter = query({
  args: { body: v.string() },
  handler: async (ctx, args) =>
    await ctx.db
      .query("messages")
      .filter((q) => q.eq(q.field("body"), args.body))
      .collect(),
});

export const send = mutation({
  args: { author: v.string(), body: v.string() },
  handler: async (ctx, args) => {
    if (args.body === "") throw new ConvexError({ code: "EMPTY", field: "body" });
    if (args.body === "boom") throw new Error("kaboom");
    return await ctx.db.insert("messages", { author: args.author, body: args.body });
  },
});

export const whoami = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    return identity === null ? null : { subject: identity.subject, email: identity.email ?? null, tokenIdentifier: identity.tokenIdentifier };
  },
});

export const sendAsMe = mutation({
  args: { body: v.string() },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) throw new ConvexError("Not signed in");
    return await ctx.db.insert("messages", { author: identity.name ?? identity.subject, body: args.body });
  },
});

export const secretCount = internalQuery({
  args: {},
  handler: async (ctx) => (await ctx.db.query("messages").collect()).length,
});

export const insertInternal = internalMutation({
  args: { author: v.string(), body: v.string() },
  handler: async (ctx, args) => await ctx.db.insert("messages", args),
});

export const sendLater = mutation({
  args: { author: v.string(), body: v.string(), delayMs: v.number() },
  handler: async (ctx, args) => {
    await ctx.scheduler.runAfter(args.delayMs, internal.messages.insertInternal, { author: args.author, body: args.body });
  },
});

export const shout = action({
  args: { author: v.string(), body: v.string() },
  handler: async (ctx, args): Promise<number> => {
    await ctx.runMutation(internal.messages.insertInternal, { author: args.author, body: args.body.toUpperCase() });
    return await ctx.runQuery(internal.messages.secretCount, {});
  },
});

export const noisy = query({
  args: {},
  handler: async () => {
    console.log("hello", { n: 1 });
    return null;
  },
});

export const slowShout = action({
  args: { author: v.string(), body: v.string(), delayMs: v.number() },
  handler: async (ctx, args): Promise<string> => {
    await new Promise((resolve) => setTimeout(resolve, args.delayMs));
    return await ctx.runMutation(internal.messages.insertInternal, { author: args.author, body: args.body });
  },
});

export const page = query({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, args) => await ctx.db.query("messages").order("desc").paginate(args.paginationOpts),
});

export const pageByAuthor = query({
  args: { author: v.string(), paginationOpts: paginationOptsValidator },
  handler: async (ctx, args) =>
    await ctx.db
      .query("messages")
      .filter((q) => q.eq(q.field("author"), args.author))
      .paginate(args.paginationOpts),
});
