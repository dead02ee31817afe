import { v } from "convex/values";
import { query } from "./_generated/server";

export const get = query({
  args: { id: v.id("projects") },
  handler: async (ctx, args) => ctx.db.get(args.id),
});
