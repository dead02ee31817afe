import { v } from "convex/values";
import { mutation, query } from "./functions";

export const byEmail = query({
  args: { email: v.string() },
  handler: async (ctx, { email }) => ctx.table("users").get("email", email),
});

export const named = query({
  args: { name: v.string() },
  handler: async (ctx, { name }) => {
    return await ctx.table("users", "by_name", (q) => q.eq("name", name)).first();
  },
});

export const messagesOf = query({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => {
    const user = await ctx.table("users").getX(userId);
    return await user.edge("messages");
  },
});

export const popular = query({
  args: { min: v.number() },
  handler: async (ctx, { min }) => {
    return await ctx.table("messages").filter((q) => q.gte(q.field("likes"), min));
  },
});

export const validId = query({
  args: { id: v.string() },
  handler: async (ctx, { id }) => ctx.table("users").normalizeId(id),
});

export const like = mutation({
  args: { id: v.id("messages") },
  handler: async (ctx, { id }) => {
    const message = await ctx.table("messages").getX(id);
    await message.patch({ likes: message.likes + 1 });
  },
});
