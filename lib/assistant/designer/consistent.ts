/**
 * A design's own operations never conflict: before validation, operations that say the same thing twice are
 * merged (two createTable of one table become one, a field or index added twice is added once, an addField on a
 * table the design creates joins its createTable), and any operation that still cannot apply after the ones
 * before it is left out, with a note saying so. Only runs when the operations as given do not apply.
 */
import type { Field, Index, SchemaModel } from "../../schema/model";
import { applyOperations, type SchemaOperation } from "../../schema/operations";

type CreateTable = Extract<SchemaOperation, { op: "createTable" }>;

function mergeFields(into: Field[], more: Field[]): Field[] {
  const out = [...into];
  for (const f of more) if (!out.some((g) => g.name === f.name)) out.push(f);
  return out;
}

function mergeIndexes(into: Index[], more: Index[], fields: Field[]): Index[] {
  const out: Index[] = [];
  for (const i of [...into, ...more]) {
    const same = (j: Index): boolean => j.name === i.name || j.fields.join(",") === i.fields.join(",");
    if (out.some(same)) continue;
    // An index on a field the table does not have (system fields aside) cannot apply.
    if (!i.fields.every((f) => f.startsWith("_") || fields.some((g) => g.name === f))) continue;
    out.push(i);
  }
  return out;
}

/** Merges operations that repeat each other (see the file comment). */
export function mergeOperations(operations: SchemaOperation[]): SchemaOperation[] {
  const creates = new Map<string, CreateTable>();
  const out: SchemaOperation[] = [];
  const seen = new Set<string>();
  for (const o of operations) {
    if (o.op === "createTable") {
      const had = creates.get(o.table);
      if (!had) {
        const fields = mergeFields([], o.fields ?? []);
        const merged: CreateTable = { ...o, fields, indexes: mergeIndexes([], o.indexes ?? [], fields) };
        creates.set(o.table, merged);
        out.push(merged);
        continue;
      }
      had.fields = mergeFields(had.fields ?? [], o.fields ?? []);
      had.indexes = mergeIndexes(had.indexes ?? [], o.indexes ?? [], had.fields);
      continue;
    }
    if (o.op === "addField" && creates.has(o.table)) {
      const c = creates.get(o.table) as CreateTable;
      c.fields = mergeFields(c.fields ?? [], [o.field]);
      continue;
    }
    if (o.op === "addIndex" && creates.has(o.table)) {
      const c = creates.get(o.table) as CreateTable;
      c.indexes = mergeIndexes(c.indexes ?? [], [o.index], c.fields ?? []);
      continue;
    }
    const key = JSON.stringify(o);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(o);
  }
  return out;
}

/**
 * Operations that apply to `schema`: as given when they do; else merged; else without the ones that still fail
 * after those before them (each named in `dropped`).
 */
export function consistentOperations(
  schema: SchemaModel,
  operations: SchemaOperation[],
): { operations: SchemaOperation[]; dropped: string[] } {
  if (applyOperations(schema, operations).ok) return { operations, dropped: [] };
  const merged = mergeOperations(operations);
  if (applyOperations(schema, merged).ok) return { operations: merged, dropped: [] };
  const kept: SchemaOperation[] = [];
  const dropped: string[] = [];
  for (const o of merged) {
    const r = applyOperations(schema, [...kept, o]);
    // References to tables created later are checked at the end (index -1), not here.
    if (!r.ok && r.errors.some((e) => e.index >= 0)) {
      dropped.push(r.errors.find((e) => e.index >= 0)?.message ?? o.op);
      continue;
    }
    kept.push(o);
  }
  return { operations: kept, dropped };
}
