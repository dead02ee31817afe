import { schema, table, v } from "../build";

// A schema following every rule: expect no diagnostics (guards against false positives).
export default schema(
  table("users", { name: v.string(), email: v.string() }, { indexes: { by_email: ["email"] } }),
  table(
    "messages",
    { authorId: v.id("users"), body: v.string(), channel: v.string(), embedding: v.array(v.number()) },
    {
      indexes: { by_authorId: ["authorId"], by_channel: ["channel"] },
      searchIndexes: { search_body: { searchField: "body", filterFields: ["channel", "authorId"] } },
      vectorIndexes: { by_embedding: { vectorField: "embedding", dimensions: 1536, filterFields: ["channel"] } },
    },
  ),
);
