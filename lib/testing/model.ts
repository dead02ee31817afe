/**
 * Typed builders for schema models in tests, fixtures and benchmarks: the real model types, no casts.
 * `schema(table("users", [req("name", V.string())], { by_name: ["name"] }))` reads like `defineSchema`;
 * `locatedSchema` also gives every table, field and index a synthetic place in "convex/schema.ts", for goldens that
 * show locations are carried through.
 */
import type {
  Field,
  Index,
  SchemaModel,
  SearchIndex,
  SourceLocation,
  Table,
  Validator,
  VectorIndex,
} from "../schema/model";
import { emptySchema, newTable } from "../schema/model";

/** Convex's `v.*` builders as model validators (`v.optional` is a field's flag: use `opt`). */
export const V = {
  string: (): Validator => ({ kind: "string" }),
  number: (): Validator => ({ kind: "number" }),
  int64: (): Validator => ({ kind: "int64" }),
  boolean: (): Validator => ({ kind: "boolean" }),
  null: (): Validator => ({ kind: "null" }),
  bytes: (): Validator => ({ kind: "bytes" }),
  any: (): Validator => ({ kind: "any" }),
  id: (table: string): Validator => ({ kind: "id", table }),
  literal: (value: string | number | boolean): Validator => ({ kind: "literal", value }),
  array: (element: Validator): Validator => ({ kind: "array", element }),
  union: (...members: Validator[]): Validator => ({ kind: "union", members }),
  object: (...fields: Field[]): Validator => ({ kind: "object", fields }),
  record: (key: Validator, value: Validator): Validator => ({ kind: "record", key, value }),
};

/** A required field. */
export const req = (name: string, validator: Validator): Field => ({ name, validator, optional: false });
/** An optional field (`v.optional(…)`). */
export const opt = (name: string, validator: Validator): Field => ({ name, validator, optional: true });

/** What a table has besides database indexes. */
export interface TableExtras {
  searchIndexes?: Record<string, { searchField: string; filterFields?: string[] }>;
  vectorIndexes?: Record<string, { vectorField: string; dimensions: number; filterFields?: string[] }>;
  /** `defineTable(v.any())`: documents of any shape. */
  anyDocument?: boolean;
}

/** `defineTable({...}).index(name, fields)…` as a model table (indexes as `name: [fields]`). */
export function table(
  name: string,
  fields: Field[],
  indexes: Record<string, string[]> = {},
  extras: TableExtras = {},
): Table {
  const t = newTable(name, fields);
  t.indexes = Object.entries(indexes).map(([n, f]): Index => ({ name: n, fields: f }));
  t.searchIndexes = Object.entries(extras.searchIndexes ?? {}).map(
    ([n, s]): SearchIndex => ({ name: n, searchField: s.searchField, filterFields: s.filterFields ?? [] }),
  );
  t.vectorIndexes = Object.entries(extras.vectorIndexes ?? {}).map(
    ([n, s]): VectorIndex => ({
      name: n,
      vectorField: s.vectorField,
      dimensions: s.dimensions,
      filterFields: s.filterFields ?? [],
    }),
  );
  if (extras.anyDocument) t.anyDocument = true;
  return t;
}

/** `defineSchema({...})` as a model, with Convex's default options. */
export function schema(...tables: Table[]): SchemaModel {
  return { ...emptySchema(), tables };
}

/**
 * `schema(...)` as read from "convex/schema.ts": each table, then its top-level fields, indexes, search and vector
 * indexes get a synthetic location on the next line (column 3), in order.
 */
export function locatedSchema(...tables: Table[]): SchemaModel {
  let line = 0;
  const loc = (): SourceLocation => ({ file: "convex/schema.ts", line: ++line, column: 3 });
  const located = tables.map(({ name, ...rest }): Table => {
    const t: Table = { name, loc: loc(), ...rest };
    t.fields = rest.fields.map((f) => ({ ...f, loc: loc() }));
    t.indexes = rest.indexes.map((i) => ({ ...i, loc: loc() }));
    t.searchIndexes = rest.searchIndexes.map((i) => ({ ...i, loc: loc() }));
    t.vectorIndexes = rest.vectorIndexes.map((i) => ({ ...i, loc: loc() }));
    return t;
  });
  return { ...schema(...located), entry: "convex/schema.ts" };
}
