import { schema, table, v } from "../build";

// tags is an array: by_tags cannot find posts by one tag; by_title is fine.
export default schema(
  table(
    "posts",
    { title: v.string(), tags: v.array(v.string()), meta: v.object({ labels: v.optional(v.array(v.string())) }) },
    { indexes: { by_tags: ["tags"], by_title: ["title"], by_labels: ["meta.labels"] } },
  ),
);
