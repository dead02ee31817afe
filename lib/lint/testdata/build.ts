/**
 * Typed builders for lint fixtures (no casts). Every table, field and index gets a synthetic source location
 * in "convex/schema.ts", numbered in build order, so golden files show that locations are carried through.
 */
import type { Field, Index, SchemaModel, SearchIndex, Table, Validator, VectorIndex } from "../../schema/model";
import { emptySchema } from "../../schema/model";

let line = 0;
const loc = () => ({ file: "convex/schema.ts", line: ++line, column: 3 });

export const v = {
  string: (): Validator => ({ kind: "string" }),
  number: (): Validator => ({ kind: "number" }),
  boolean: (): Validator => ({ kind: "boolean" }),
  null: (): Validator => ({ kind: "null" }),
  any: (): Validator => ({ kind: "any" }),
  id: (table: string): Validator => ({ kind: "id", table }),
  literal: (value: string | number | boolean): Validator => ({ kind: "literal", value }),
  array: (element: Validator): Validator => ({ kind: "array", element }),
  object: (fields: Record<string, Validator | Field>): Validator => ({ kind: "object", fields: fieldsOf(fields, false) }),
  record: (key: Validator, value: Validator): Validator => ({ kind: "record", key, value }),
  union: (...members: Validator[]): Validator => ({ kind: "union", members }),
  optional: (validator: Validator): Field => ({ name: "", validator, optional: true }),
};

function fieldsOf(fields: Record<string, Validator | Field>, withLoc: boolean): Field[] {
  return Object.entries(fields).map(([name, x]) => {
    const f: Field = "validator" in x ? { ...x, name } : { name, validator: x, optional: false };
    if (withLoc) f.loc = loc();
    return f;
  });
}

export interface TableSpec {
  indexes?: Record<string, string[]>;
  searchIndexes?: Record<string, { searchField: string; filterFields?: string[] }>;
  vectorIndexes?: Record<string, { vectorField: string; dimensions: number; filterFields?: string[] }>;
  anyDocument?: boolean;
}

/** `defineTable({...}).index(...)...` as a model table. */
export function table(name: string, fields: Record<string, Validator | Field>, spec: TableSpec = {}): Table {
  const t: Table = { name, loc: loc(), fields: fieldsOf(fields, true), indexes: [], searchIndexes: [], vectorIndexes: [] };
  if (spec.anyDocument) t.anyDocument = true;
  t.indexes = Object.entries(spec.indexes ?? {}).map(([n, f]): Index => ({ name: n, fields: f, loc: loc() }));
  t.searchIndexes = Object.entries(spec.searchIndexes ?? {}).map(
    ([n, s]): SearchIndex => ({ name: n, searchField: s.searchField, filterFields: s.filterFields ?? [], loc: loc() }),
  );
  t.vectorIndexes = Object.entries(spec.vectorIndexes ?? {}).map(
    ([n, s]): VectorIndex => ({ name: n, vectorField: s.vectorField, dimensions: s.dimensions, filterFields: s.filterFields ?? [], loc: loc() }),
  );
  return t;
}

/** `defineSchema({...})` as a model; resets the synthetic line counter for the next fixture. */
export function schema(...tables: Table[]): SchemaModel {
  line = 0;
  return { ...emptySchema(), tables, entry: "convex/schema.ts" };
}
