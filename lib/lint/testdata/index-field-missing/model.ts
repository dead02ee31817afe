import { schema, table, v } from "../build";

export default schema(
  table(
    "projects",
    { name: v.string(), meta: v.object({ kind: v.string() }) },
    { indexes: { by_kind: ["meta.kind"], by_owner: ["ownerId"], by_meta_color: ["meta.color"], by_name_time: ["name", "_creationTime"] } },
  ),
);
