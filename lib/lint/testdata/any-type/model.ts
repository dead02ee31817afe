import { schema, table, v } from "../build";

export default schema(
  table("events", { kind: v.string(), payload: v.any(), extras: v.array(v.any()), attrs: v.record(v.string(), v.any()) }),
  table("blobs", {}, { anyDocument: true }),
);
