/**
 * Shapes of JSON columns inferred from the imported values, so `v.any()` can become a real validator: objects merge
 * their fields (a field missing from some values is optional), arrays merge their elements, mixed kinds become a
 * union (up to 4 members), and objects with many distinct keys become `v.record(v.string(), ...)`.
 */
import { sameValidator, type Field, type Validator } from "../../schema/model";
import type { SchemaImportResult } from "../schema-import";
import type { RowSet } from "./sources";
import { convertValue, type DocValue } from "./values";

const MAX_UNION = 4;
const MAX_OBJECT_KEYS = 24;

function shapeOf(v: DocValue): Validator {
  if (v === null) return { kind: "null" };
  if (typeof v === "boolean") return { kind: "boolean" };
  if (typeof v === "number") return { kind: "number" };
  if (typeof v === "bigint") return { kind: "int64" };
  if (typeof v === "string") return { kind: "string" };
  if (v instanceof ArrayBuffer) return { kind: "bytes" };
  if (Array.isArray(v)) return { kind: "array", element: v.length ? v.map(shapeOf).reduce(merge) : { kind: "any" } };
  const entries = Object.entries(v);
  if (entries.length > MAX_OBJECT_KEYS)
    return { kind: "record", key: { kind: "string" }, value: entries.map(([, x]) => shapeOf(x)).reduce(merge) };
  return { kind: "object", fields: entries.map(([name, x]) => ({ name, validator: shapeOf(x), optional: false })) };
}

function members(v: Validator): Validator[] {
  return v.kind === "union" ? v.members : [v];
}

function mergeObjects(a: Field[], b: Field[]): Validator {
  const names = [...new Set([...a.map((f) => f.name), ...b.map((f) => f.name)])];
  if (names.length > MAX_OBJECT_KEYS) {
    const all = [...a, ...b].map((f) => f.validator).reduce(merge);
    return { kind: "record", key: { kind: "string" }, value: all };
  }
  return {
    kind: "object",
    fields: names.map((name) => {
      const x = a.find((f) => f.name === name);
      const y = b.find((f) => f.name === name);
      if (x && y) return { name, validator: merge(x.validator, y.validator), optional: x.optional || y.optional };
      return { ...(x ?? y)!, optional: true };
    }),
  };
}

/** The smallest validator both values satisfy (`v.any()` when they differ too much). */
export function merge(a: Validator, b: Validator): Validator {
  if (a.kind === "any" || b.kind === "any") return { kind: "any" };
  if (a.kind === "object" && b.kind === "object") return mergeObjects(a.fields, b.fields);
  if (a.kind === "record" && b.kind === "record") return { ...a, value: merge(a.value, b.value) };
  if (a.kind === "record" && b.kind === "object")
    return { ...a, value: b.fields.map((f) => f.validator).reduce(merge, a.value) };
  if (a.kind === "object" && b.kind === "record") return merge(b, a);
  if (a.kind === "array" && b.kind === "array") {
    if (a.element.kind === "any" && a.element !== b.element) return b;
    return b.element.kind === "any" ? a : { kind: "array", element: merge(a.element, b.element) };
  }
  if (a.kind !== "union" && b.kind !== "union" && sameValidator(a, b)) return a;
  const out: Validator[] = [];
  for (const m of [...members(a), ...members(b)]) {
    const i = out.findIndex(
      (o) => o.kind === m.kind && (o.kind === "object" || o.kind === "array" || o.kind === "record"),
    );
    if (i >= 0) out[i] = merge(out[i], m);
    else if (!out.some((o) => sameValidator(o, m))) out.push(m);
  }
  return out.length > MAX_UNION ? { kind: "any" } : out.length === 1 ? out[0] : { kind: "union", members: out };
}

/** The validator of a list of values, or undefined when there are none. */
export function inferValidator(values: DocValue[]): Validator | undefined {
  return values.length ? values.map(shapeOf).reduce(merge) : undefined;
}

export interface JsonShape {
  table: string;
  field: string;
  validator: Validator;
  /** Values the shape was inferred from. */
  samples: number;
}

/** Infers a validator for every `v.any()` JSON field from the rows about to be imported. */
export function inferJsonShapes(result: SchemaImportResult, rows: RowSet): JsonShape[] {
  const out: JsonShape[] = [];
  for (const l of result.layouts) {
    for (const f of l.fields) {
      if (f.kind !== "value" || f.column.conversion.kind !== "json" || f.column.validator.kind !== "any") continue;
      const values: DocValue[] = [];
      for (const row of rows.rows.get(l.plan.source) ?? []) {
        const raw = row.values[f.column.source] ?? row.values[f.field];
        if (raw === null || raw === undefined) continue;
        try {
          values.push(convertValue(f.column.conversion, raw));
        } catch {
          // unreadable JSON is reported by the data import itself
        }
      }
      const validator = inferValidator(values);
      if (validator && validator.kind !== "any")
        out.push({ table: l.plan.name, field: f.field, validator, samples: values.length });
    }
  }
  return out;
}

/** Puts inferred shapes into the schema (the fields keep their optional flag). */
export function applyJsonShapes(result: SchemaImportResult, shapes: JsonShape[]): void {
  for (const s of shapes) {
    const field = result.schema.tables.find((t) => t.name === s.table)?.fields.find((f) => f.name === s.field);
    if (field) field.validator = s.validator;
  }
}
