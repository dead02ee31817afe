/**
 * Test support: seeded random schema models covering every validator kind, optional fields, descriptions, union
 * and `v.any()` documents, regular/staged/search/vector indexes and options. Valid for Convex (ids point at tables
 * of the model, index fields exist), so a printed model can be executed by Convex as an oracle.
 */
import type { Field, SchemaModel, Table, Validator } from "../model";

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["name", "title", "status", "owner", "count", "tags", "meta", "score", "kind", "data", "note", "flag"];

/** A random valid model with `tables` tables (names t0..tN). */
export function randomSchema(seed: number, tables = 6): SchemaModel {
  const rand = prng(seed);
  const int = (n: number): number => Math.floor(rand() * n);
  const names = Array.from({ length: tables }, (_, i) => `t${i}`);
  const validator = (depth: number): Validator => {
    const kinds = depth > 2 ? 10 : 14;
    switch (int(kinds)) {
      case 0: return { kind: "id", table: names[int(names.length)] };
      case 1: return { kind: "string" };
      case 2: return { kind: "number" };
      case 3: return { kind: "int64" };
      case 4: return { kind: "boolean" };
      case 5: return { kind: "null" };
      case 6: return { kind: "bytes" };
      case 7: return { kind: "any" };
      case 8: return [{ kind: "literal", value: "on" }, { kind: "literal", value: -2.5 }, { kind: "literal", value: true }, { kind: "literal", value: "7", bigint: true }][int(4)] as Validator;
      case 9: return { kind: "string" };
      case 10: return { kind: "array", element: validator(depth + 1) };
      case 11: return { kind: "object", fields: fields(depth + 1, int(3)) };
      case 12: return { kind: "record", key: int(2) ? { kind: "string" } : { kind: "id", table: names[0] }, value: validator(depth + 1) };
      default: return { kind: "union", members: [validator(depth + 1), validator(depth + 1)] };
    }
  };
  const fields = (depth: number, count: number): Field[] =>
    Array.from({ length: count }, (_, i) => {
      const f: Field = { name: `${WORDS[int(WORDS.length)]}${i}`, validator: validator(depth), optional: rand() < 0.3 };
      if (rand() < 0.2) f.description = `About ${f.name}.`;
      return f;
    });
  const table = (name: string): Table => {
    const t: Table = { name, fields: fields(0, 1 + int(6)), indexes: [], searchIndexes: [], vectorIndexes: [] };
    const roll = rand();
    if (roll < 0.1) {
      t.fields = [];
      t.anyDocument = true;
      return t;
    }
    if (roll < 0.2) {
      // Union document: distinct field names per variant keep the merged view simple to check.
      t.variants = [fields(1, 2).map((f) => ({ ...f, name: `a_${f.name}` })), fields(1, 2).map((f) => ({ ...f, name: `b_${f.name}` }))];
      t.fields = [...t.variants[0], ...t.variants[1]].map((f) => ({ ...f, optional: true }));
      return t;
    }
    if (rand() < 0.3) t.description = `Table ${name}.`;
    const names2 = t.fields.map((f) => f.name);
    if (names2.length) t.indexes.push({ name: "by_first", fields: [names2[0]], ...(rand() < 0.3 ? { staged: true } : {}) });
    const str = t.fields.find((f) => f.validator.kind === "string" && !f.optional);
    if (str && rand() < 0.5) t.searchIndexes.push({ name: "search_text", searchField: str.name, filterFields: names2.filter((n) => n !== str.name).slice(0, 1) });
    if (rand() < 0.3) {
      t.fields.push({ name: "embedding", validator: { kind: "array", element: { kind: "number" } }, optional: false });
      t.vectorIndexes.push({ name: "by_embedding", vectorField: "embedding", dimensions: 8 + int(1000), filterFields: [] });
    }
    return t;
  };
  return {
    tables: names.map(table),
    options: { schemaValidation: rand() < 0.8, strictTableNameTypes: rand() < 0.8 },
    warnings: [],
  };
}
