import { schema, table, v } from "../build";

export default schema(
  table("_secrets", { value: v.string() }),
  table("bad-table", { value: v.string() }),
  table(
    "notes",
    { _owner: v.string(), $tag: v.string(), body: v.object({ _inner: v.string(), "plain key": v.string() }) },
    { indexes: { by_id: ["body.plain key"], by_creation_time: ["_owner"], _hidden: ["$tag"], "bad-name": ["_owner"] } },
  ),
);
