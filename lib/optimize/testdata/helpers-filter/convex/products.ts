import { filter } from "convex-helpers/server/filter";
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { makeQuery } from "some-package";
import { query } from "./_generated/server";

// A query declared without a value, chosen in a branch, then wrapped by convex-helpers' filter and paginated.
export const feed = query({
  args: { top: v.boolean(), tag: v.string(), paginationOpts: paginationOptsValidator },
  handler: async (ctx, args) => {
    let base;
    if (args.top) {
      base = ctx.db.query("products").withIndex("by_votes").order("desc");
    } else {
      base = ctx.db.query("products").order("desc");
    }
    const tagged = filter(base, (p) => p.tags.includes(args.tag));
    return await tagged.paginate(args.paginationOpts);
  },
});

// A query the analysis loses (joined with a value it does not know): its index is held back, not offered for removal.
export const byCategory = query({
  args: { category: v.string() },
  handler: async (ctx, args) => {
    let q = makeQuery();
    if (args.category) {
      q = ctx.db
        .query("products")
        .withIndex("by_category", (r) => r.eq("category", args.category))
        .order("desc");
    }
    return await q.take(10);
  },
});
