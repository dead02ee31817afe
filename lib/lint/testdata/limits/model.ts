import type { Validator } from "../../../schema/model";
import { locatedSchema, req, table, V } from "../../../testing/model";

const many = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => req(`${prefix}${i}`, V.string()));
const nest = (depth: number): Validator => (depth === 0 ? V.string() : V.array(nest(depth - 1)));
const long = "a".repeat(65);

export default locatedSchema(
  table(
    "wide",
    many(33, "f"),
    Object.fromEntries([
      ["by_all", Array.from({ length: 17 }, (_, i) => `f${i}`)],
      ...Array.from({ length: 32 }, (_, i) => [`by_f${i}`, [`f${i}`, `f${i + 1}`]]),
    ]),
    {
      searchIndexes: {
        search_f0: { searchField: "f0", filterFields: Array.from({ length: 17 }, (_, i) => `f${i + 1}`) },
      },
    },
  ),
  table(
    "embeddings",
    [
      req("vector", V.array(V.number())),
      req("deep", nest(16)),
      req("tooDeep", nest(17)),
      req("blob", V.object(...many(1025, "k"))),
    ],
    {},
    {
      vectorIndexes: {
        by_small: { vectorField: "vector", dimensions: 1 },
        by_large: { vectorField: "vector", dimensions: 3072 },
        by_ok: { vectorField: "vector", dimensions: 1536 },
      },
    },
  ),
  table(long, [req(long, V.string())], { [`by_${long}`]: [long] }),
);
