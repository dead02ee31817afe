import { schema, table, v } from "../build";

export default schema(
  table(
    "articles",
    {
      title: v.string(),
      views: v.number(),
      status: v.union(v.literal("draft"), v.literal("published")),
      tags: v.array(v.string()),
      author: v.object({ name: v.string() }),
      embedding: v.array(v.number()),
      summary: v.string(),
      // v.any() may hold scalars: a valid filter field.
      extra: v.any(),
    },
    {
      searchIndexes: {
        search_title: { searchField: "title", filterFields: ["status", "author.name", "tags", "missing"] },
        search_views: { searchField: "views" },
        search_body: { searchField: "body" },
      },
      vectorIndexes: {
        by_embedding: { vectorField: "embedding", dimensions: 1536, filterFields: ["status", "extra"] },
        by_summary: { vectorField: "summary", dimensions: 1536, filterFields: ["author"] },
      },
    },
  ),
);
