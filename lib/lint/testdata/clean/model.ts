import { locatedSchema, req, table, V } from "../../../testing/model";

// A schema following every rule: expect no diagnostics (guards against false positives).
export default locatedSchema(
  table("users", [req("name", V.string()), req("email", V.string())], { by_email: ["email"] }),
  table(
    "messages",
    [
      req("authorId", V.id("users")),
      req("body", V.string()),
      req("channel", V.string()),
      req("embedding", V.array(V.number())),
    ],
    { by_authorId: ["authorId"], by_channel: ["channel"] },
    {
      searchIndexes: { search_body: { searchField: "body", filterFields: ["channel", "authorId"] } },
      vectorIndexes: { by_embedding: { vectorField: "embedding", dimensions: 1536, filterFields: ["channel"] } },
    },
  ),
);
