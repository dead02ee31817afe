/** Operations the visual designer emits for gestures, so they go through the same validation as chat. */
import pluralize from "pluralize";
import type { SchemaModel } from "../schema/model";
import { findTable, indexNames, referencedTables } from "../schema/model";
import type { SchemaOperation } from "../schema/operations";

/**
 * Connecting `source` to `target` adds a reference field on the source (`<target singular>Id: v.id(target)`,
 * numbered when taken) and an index on it, so queries by the reference do not scan.
 */
export function connectOperations(model: SchemaModel, source: string, target: string): SchemaOperation[] {
  const table = findTable(model, source);
  if (!table || !findTable(model, target)) return [];
  const base = source === target ? "parentId" : `${pluralize.singular(target)}Id`;
  let field = base;
  for (let n = 2; table.fields.some((f) => f.name === field); n++) field = `${base.slice(0, -2)}${n}Id`;
  let index = `by_${field}`;
  for (let n = 2; indexNames(table).includes(index); n++) index = `by_${field}_${n}`;
  return [
    // A new reference on a table that may hold documents starts optional; making it required is a migration.
    { op: "addField", table: source, field: { name: field, validator: { kind: "id", table: target }, optional: true } },
    { op: "addIndex", table: source, index: { name: index, fields: [field] } },
  ];
}

/** Dropping a table also drops the references other tables hold to it (and their indexes), else it is invalid. */
export function dropTableOperations(model: SchemaModel, table: string): SchemaOperation[] {
  const ops: SchemaOperation[] = [];
  for (const t of model.tables) {
    if (t.name === table) continue;
    for (const f of t.fields) {
      if (!referencedTables(f.validator).includes(table)) continue;
      for (const i of t.indexes.filter((i) => i.fields.includes(f.name)))
        ops.push({ op: "removeIndex", table: t.name, name: i.name });
      ops.push({ op: "removeField", table: t.name, field: f.name });
    }
  }
  ops.push({ op: "dropTable", table });
  return ops;
}

/** Removing a field removes the indexes built on it first. */
export function removeFieldOperations(model: SchemaModel, table: string, field: string): SchemaOperation[] {
  const t = findTable(model, table);
  if (!t) return [];
  return [
    ...t.indexes
      .filter((i) => i.fields.includes(field))
      .map((i): SchemaOperation => ({ op: "removeIndex", table, name: i.name })),
    ...t.searchIndexes
      .filter((i) => i.searchField === field || i.filterFields.includes(field))
      .map((i): SchemaOperation => ({ op: "removeIndex", table, name: i.name })),
    { op: "removeField", table, field },
  ];
}
