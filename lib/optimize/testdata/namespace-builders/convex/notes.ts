import { v } from "convex/values";
import * as generated from "./_generated/server";
import * as fns from "./lib/functions";

// Built by the custom builder: the filter on roomId is served by "by_room".
export const inRoom = fns.roomQuery({
  args: { roomId: v.string() },
  handler: async (ctx, { roomId }) => {
    return await ctx.db
      .query("notes")
      .filter((q) => q.eq(q.field("roomId"), roomId))
      .collect();
  },
});

// A builder read off the namespace directly.
export const add = generated.mutation({
  args: { roomId: v.string(), text: v.string() },
  handler: async (ctx, { roomId, text }) => {
    await ctx.db.insert("notes", { roomId, ownerId: "me", text });
  },
});
