import { schema, table, v } from "../build";

export default schema(
  table(
    "documents",
    { title: v.string(), deletedAt: v.optional(v.number()), meta: v.optional(v.object({ folder: v.string() })) },
    { indexes: { by_deleted: ["deletedAt"], by_folder: ["meta.folder"], by_title_deleted: ["title", "deletedAt"] } },
  ),
);
