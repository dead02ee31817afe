import { schema, table, v } from "../build";

// config nests object → object → array → object: 4 levels, more than the default 3; flat nests 1.
export default schema(
  table("settings", {
    config: v.object({ theme: v.object({ palettes: v.array(v.object({ name: v.string() })) }) }),
    flat: v.object({ a: v.string() }),
  }),
);
