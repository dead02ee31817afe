import { v } from "convex/values";
import { query } from "./_generated/server";

const SEARCHES = [
  { field: "text", index: "search_text" },
  { field: "notes", index: "search_notes" },
] as const;

// The index name comes from a constant list: the query is read once per name, so "search_tags" is unused.
export const search = query({
  args: { text: v.string() },
  handler: async (ctx, { text }) => {
    return await Promise.all(
      SEARCHES.map(({ field, index }) =>
        ctx.db
          .query("cards")
          .withSearchIndex(index, (q) => q.search(field, text))
          .take(10),
      ),
    );
  },
});
