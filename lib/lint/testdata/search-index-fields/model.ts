import { locatedSchema, req, table, V } from "../../../testing/model";

export default locatedSchema(
  table(
    "articles",
    [
      req("title", V.string()),
      req("views", V.number()),
      req("status", V.union(V.literal("draft"), V.literal("published"))),
      req("tags", V.array(V.string())),
      req("author", V.object(req("name", V.string()))),
      req("embedding", V.array(V.number())),
      req("summary", V.string()),
      // v.any() may hold scalars: a valid filter field.
      req("extra", V.any()),
    ],
    {},
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
