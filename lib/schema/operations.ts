/**
 * Schema operations: the only way the assistant, the visual designer and fixes change a schema model.
 * Each is a small typed value; `applyOperations` validates and applies a list atomically.
 */
import type { Field, Index, SchemaModel, SearchIndex, Table, Validator, VectorIndex } from "./model";
import { findField, findTable, indexNames, newTable, referencedTables, walkValidator } from "./model";

export type SchemaOperation =
  | { op: "createTable"; table: string; fields?: Field[]; indexes?: Index[]; description?: string }
  | { op: "dropTable"; table: string }
  | { op: "renameTable"; from: string; to: string }
  | { op: "addField"; table: string; field: Field }
  | { op: "removeField"; table: string; field: string }
  | { op: "renameField"; table: string; from: string; to: string }
  | { op: "changeFieldType"; table: string; field: string; validator: Validator }
  | { op: "setOptional"; table: string; field: string; optional: boolean }
  | { op: "addIndex"; table: string; index: Index }
  | { op: "removeIndex"; table: string; name: string }
  | { op: "addSearchIndex"; table: string; index: SearchIndex }
  | { op: "addVectorIndex"; table: string; index: VectorIndex }
  | { op: "setDescription"; table: string; field?: string; description: string };

export type OperationKind = SchemaOperation["op"];

/** Why an operation could not be applied; `index` is its position in the list. */
export interface OperationError {
  index: number;
  operation: SchemaOperation;
  message: string;
}

export type ApplyResult = { ok: true; schema: SchemaModel } | { ok: false; errors: OperationError[] };

const TABLE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Why `name` cannot name a Convex table, or null when it can. */
export function tableNameError(name: string): string | null {
  return TABLE_NAME.test(name)
    ? null
    : `Table name "${name}" must start with a letter and use only letters, digits and "_".`;
}
const FIELD_NAME = /^[A-Za-z$][A-Za-z0-9_$]*$/;

/** Why `name` cannot name a field (for the place it is typed), or null when it can. */
export function fieldNameError(name: string): string | null {
  if (name === "") return "A field needs a name.";
  return FIELD_NAME.test(name)
    ? null
    : `Field name "${name}" must start with a letter and use only letters, digits and "_" (names starting with "_" are Convex's own).`;
}

/**
 * Applies operations in order to a copy of `schema`. All or nothing: on any error the input is untouched and
 * every error found is returned (later operations are still checked against the state before the failed one).
 */
export function applyOperations(schema: SchemaModel, operations: SchemaOperation[]): ApplyResult {
  const next: SchemaModel = structuredClone(schema);
  const errors: OperationError[] = [];
  operations.forEach((operation, index) => {
    const message = applyOne(next, operation);
    if (message) errors.push({ index, operation, message });
  });
  if (errors.length) return { ok: false, errors };
  const dangling = danglingReferences(next);
  if (dangling.length) {
    return { ok: false, errors: dangling.map((message) => ({ index: -1, operation: operations[0], message })) };
  }
  return { ok: true, schema: next };
}

/** Applies one operation in place; returns an error sentence or undefined. */
function applyOne(schema: SchemaModel, o: SchemaOperation): string | undefined {
  if (o.op === "createTable") {
    const bad = tableNameError(o.table);
    if (bad) return bad;
    if (findTable(schema, o.table)) return `Table "${o.table}" already exists.`;
    const table = newTable(o.table);
    if (o.description) table.description = o.description;
    schema.tables.push(table);
    for (const f of o.fields ?? []) {
      const err = addField(table, f);
      if (err) return err;
    }
    for (const i of o.indexes ?? []) {
      const err = addIndex(table, i);
      if (err) return err;
    }
    return undefined;
  }
  if (o.op === "renameTable") {
    const table = findTable(schema, o.from);
    if (!table) return `Table "${o.from}" does not exist.`;
    const bad = tableNameError(o.to);
    if (bad) return bad;
    if (findTable(schema, o.to)) return `Table "${o.to}" already exists.`;
    table.name = o.to;
    for (const t of schema.tables) for (const f of t.fields) renameIdTarget(f.validator, o.from, o.to);
    return undefined;
  }
  const table = findTable(schema, o.table);
  if (!table) return `Table "${o.table}" does not exist.`;
  switch (o.op) {
    case "dropTable":
      schema.tables = schema.tables.filter((t) => t !== table);
      return undefined;
    case "addField":
      return addField(table, o.field);
    case "removeField": {
      if (!findField(table, o.field)) return `Field "${o.table}.${o.field}" does not exist.`;
      const users = [
        ...table.indexes.filter((i) => i.fields.includes(o.field)).map((i) => i.name),
        ...table.searchIndexes
          .filter((i) => i.searchField === o.field || i.filterFields.includes(o.field))
          .map((i) => i.name),
        ...table.vectorIndexes
          .filter((i) => i.vectorField === o.field || i.filterFields.includes(o.field))
          .map((i) => i.name),
      ];
      if (users.length) return `Field "${o.table}.${o.field}" is used by index "${users[0]}"; remove the index first.`;
      table.fields = table.fields.filter((f) => f.name !== o.field);
      return undefined;
    }
    case "renameField": {
      const field = findField(table, o.from);
      if (!field) return `Field "${o.table}.${o.from}" does not exist.`;
      if (!FIELD_NAME.test(o.to)) return `Field name "${o.to}" must be an identifier and may not start with "_".`;
      if (findField(table, o.to)) return `Field "${o.table}.${o.to}" already exists.`;
      field.name = o.to;
      // Index paths into the field ("meta.lang") follow the rename too.
      const re = (f: string): string =>
        f === o.from ? o.to : f.startsWith(o.from + ".") ? o.to + f.slice(o.from.length) : f;
      for (const i of table.indexes) i.fields = i.fields.map(re);
      for (const i of table.searchIndexes) {
        i.searchField = re(i.searchField);
        i.filterFields = i.filterFields.map(re);
      }
      for (const i of table.vectorIndexes) {
        i.vectorField = re(i.vectorField);
        i.filterFields = i.filterFields.map(re);
      }
      return undefined;
    }
    case "changeFieldType": {
      const field = findField(table, o.field);
      if (!field) return `Field "${o.table}.${o.field}" does not exist.`;
      field.validator = o.validator;
      return undefined;
    }
    case "setOptional": {
      const field = findField(table, o.field);
      if (!field) return `Field "${o.table}.${o.field}" does not exist.`;
      field.optional = o.optional;
      return undefined;
    }
    case "addIndex":
      return addIndex(table, o.index);
    case "removeIndex": {
      if (!indexNames(table).includes(o.name)) return `Index "${o.table}.${o.name}" does not exist.`;
      table.indexes = table.indexes.filter((i) => i.name !== o.name);
      table.searchIndexes = table.searchIndexes.filter((i) => i.name !== o.name);
      table.vectorIndexes = table.vectorIndexes.filter((i) => i.name !== o.name);
      return undefined;
    }
    case "addSearchIndex": {
      const err =
        checkIndexName(table, o.index.name) ?? checkFieldsExist(table, [o.index.searchField, ...o.index.filterFields]);
      if (err) return err;
      table.searchIndexes.push(o.index);
      return undefined;
    }
    case "addVectorIndex": {
      const err =
        checkIndexName(table, o.index.name) ?? checkFieldsExist(table, [o.index.vectorField, ...o.index.filterFields]);
      if (err) return err;
      if (!Number.isInteger(o.index.dimensions) || o.index.dimensions < 2 || o.index.dimensions > 2048) {
        return `Vector index "${o.table}.${o.index.name}" needs dimensions between 2 and 2048.`;
      }
      table.vectorIndexes.push(o.index);
      return undefined;
    }
    case "setDescription": {
      if (!o.field) {
        table.description = o.description;
        return undefined;
      }
      const field = findField(table, o.field);
      if (!field) return `Field "${o.table}.${o.field}" does not exist.`;
      field.description = o.description;
      return undefined;
    }
  }
}

function addField(table: Table, field: Field): string | undefined {
  if (!FIELD_NAME.test(field.name))
    return `Field name "${field.name}" must be an identifier and may not start with "_".`;
  if (findField(table, field.name)) return `Field "${table.name}.${field.name}" already exists.`;
  table.fields.push(structuredClone(field));
  return undefined;
}

function addIndex(table: Table, index: Index): string | undefined {
  const err = checkIndexName(table, index.name);
  if (err) return err;
  if (index.fields.length === 0) return `Index "${table.name}.${index.name}" needs at least one field.`;
  const missing = checkFieldsExist(table, index.fields);
  if (missing) return missing;
  table.indexes.push(structuredClone(index));
  return undefined;
}

function checkIndexName(table: Table, name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name))
    return `Index name "${name}" must start with a letter and use only letters, digits and "_".`;
  if (indexNames(table).includes(name)) return `Index "${table.name}.${name}" already exists.`;
  return undefined;
}

function checkFieldsExist(table: Table, fields: string[]): string | undefined {
  for (const path of fields) {
    if (path === "_creationTime") continue;
    const top = path.split(".")[0];
    if (!findField(table, top)) return `Field "${table.name}.${path}" does not exist.`;
  }
  return undefined;
}

function renameIdTarget(v: Validator, from: string, to: string): void {
  walkValidator(v, (x) => {
    if (x.kind === "id" && x.table === from) x.table = to;
  });
}

/** `v.id("x")` pointing at a table that does not exist is an error Convex reports at push time too. */
function danglingReferences(schema: SchemaModel): string[] {
  const names = new Set(schema.tables.map((t) => t.name));
  const out: string[] = [];
  for (const t of schema.tables) {
    for (const f of t.fields) {
      // System tables such as "_storage" exist in every deployment.
      for (const target of referencedTables(f.validator)) {
        if (!names.has(target) && !target.startsWith("_"))
          out.push(`Field "${t.name}.${f.name}" references table "${target}", which does not exist.`);
      }
    }
  }
  return out;
}
