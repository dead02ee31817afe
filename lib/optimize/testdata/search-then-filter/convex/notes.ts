import { v } from "convex/values";
import { query } from "./_generated/server";

// The search's own filters are built in branches; the .filter() after it is on a field the index does not hold.
export const search = query({
  args: { text: v.string(), folder: v.string(), kind: v.optional(v.string()) },
  handler: async (ctx, args) =>
    await ctx.db
      .query("notes")
      .withSearchIndex("search_text", (q) => {
        const base = q.search("text", args.text).eq("folder", args.folder);
        if (args.kind) return base.eq("kind", args.kind);
        return base;
      })
      .filter((q) => q.eq(q.field("archivedAt"), undefined))
      .take(20),
});
