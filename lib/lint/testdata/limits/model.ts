import type { Validator } from "../../../schema/model";
import { schema, table, v } from "../build";

const many = (n: number, prefix: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, v.string()]));
const nest = (depth: number): Validator => (depth === 0 ? v.string() : v.array(nest(depth - 1)));
const long = "a".repeat(65);

export default schema(
  table("wide", many(33, "f"), {
    indexes: Object.fromEntries([
      ["by_all", Array.from({ length: 17 }, (_, i) => `f${i}`)],
      ...Array.from({ length: 32 }, (_, i) => [`by_f${i}`, [`f${i}`, `f${i + 1}`]]),
    ]),
    searchIndexes: { search_f0: { searchField: "f0", filterFields: Array.from({ length: 17 }, (_, i) => `f${i + 1}`) } },
  }),
  table(
    "embeddings",
    { vector: v.array(v.number()), deep: nest(16), tooDeep: nest(17), blob: v.object(many(1025, "k")) },
    { vectorIndexes: { by_small: { vectorField: "vector", dimensions: 1 }, by_large: { vectorField: "vector", dimensions: 3072 }, by_ok: { vectorField: "vector", dimensions: 1536 } } },
  ),
  table(long, { [long]: v.string() }, { indexes: { [`by_${long}`]: [long] } }),
);
