/** Typed builders for schema models in tests and benchmarks (no casts, real model types). */
import type { Field, Index, SchemaModel, Table, Validator } from "../schema/model";
import { emptySchema, newTable } from "../schema/model";

export const V = {
  string: (): Validator => ({ kind: "string" }),
  number: (): Validator => ({ kind: "number" }),
  int64: (): Validator => ({ kind: "int64" }),
  boolean: (): Validator => ({ kind: "boolean" }),
  null: (): Validator => ({ kind: "null" }),
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
/** An optional field. */
export const opt = (name: string, validator: Validator): Field => ({ name, validator, optional: true });

/** A table with fields and optional database indexes (`name: [fields]`). */
export function table(name: string, fields: Field[], indexes: Record<string, string[]> = {}): Table {
  const t = newTable(name, fields);
  t.indexes = Object.entries(indexes).map(([n, f]): Index => ({ name: n, fields: f }));
  return t;
}

/** A schema with Convex's default options. */
export function schema(...tables: Table[]): SchemaModel {
  return { ...emptySchema(), tables };
}
