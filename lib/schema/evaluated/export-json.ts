/**
 * The schema model in Convex's own `schema.export()` JSON, both ways: what Convex computes when it runs a schema,
 * and what we read back from such a run (evaluated reading) or compare with (the oracle tests).
 */
import { mergeVariants, type Field, type SchemaModel, type Table, type Validator } from "../model";

/** One table as `schema.export()` gives it. */
export interface ExportedTable {
  tableName: string;
  indexes: Array<{ indexDescriptor: string; fields: string[] }>;
  stagedDbIndexes?: Array<{ indexDescriptor: string; fields: string[] }>;
  searchIndexes: Array<{ indexDescriptor: string; searchField: string; filterFields: string[] }>;
  stagedSearchIndexes?: Array<{ indexDescriptor: string; searchField: string; filterFields: string[] }>;
  vectorIndexes: Array<{ indexDescriptor: string; vectorField: string; dimensions: number; filterFields: string[] }>;
  stagedVectorIndexes?: Array<{
    indexDescriptor: string;
    vectorField: string;
    dimensions: number;
    filterFields: string[];
  }>;
  documentType: ValidatorJson;
}

export interface ExportedSchema {
  tables: ExportedTable[];
  schemaValidation: boolean;
}

/** A validator in Convex's JSON form (`v.string().json`). */
export type ValidatorJson = { type: string; [key: string]: unknown };

/** Our model as `schema.export()` would give it (locations, comments and provenance marks have no place there). */
export function toConvexExport(m: SchemaModel): ExportedSchema {
  return { tables: m.tables.map(tableToExport), schemaValidation: m.options.schemaValidation };
}

export function tableToExport(t: Table): ExportedTable {
  const split = <T extends { staged?: boolean }>(xs: T[], staged: boolean) => xs.filter((x) => !!x.staged === staged);
  const db = (xs: Table["indexes"]) => xs.map((i) => ({ indexDescriptor: i.name, fields: i.fields }));
  const search = (xs: Table["searchIndexes"]) =>
    xs.map((i) => ({ indexDescriptor: i.name, searchField: i.searchField, filterFields: i.filterFields }));
  const vector = (xs: Table["vectorIndexes"]) =>
    xs.map((i) => ({
      indexDescriptor: i.name,
      vectorField: i.vectorField,
      dimensions: i.dimensions,
      filterFields: i.filterFields,
    }));
  const documentType = t.anyDocument
    ? { type: "any" }
    : t.variants
      ? { type: "union", value: t.variants.map(objectJson) }
      : objectJson(t.fields);
  return {
    tableName: t.name,
    indexes: db(split(t.indexes, false)),
    stagedDbIndexes: db(split(t.indexes, true)),
    searchIndexes: search(split(t.searchIndexes, false)),
    stagedSearchIndexes: search(split(t.searchIndexes, true)),
    vectorIndexes: vector(split(t.vectorIndexes, false)),
    stagedVectorIndexes: vector(split(t.vectorIndexes, true)),
    documentType,
  };
}

export function validatorToJson(v: Validator): ValidatorJson {
  switch (v.kind) {
    case "id":
      return { type: "id", tableName: v.table };
    case "int64":
      return { type: v.commitTs ? "commitTs" : "bigint" };
    case "literal":
      return { type: "literal", value: v.bigint ? { $integer: int64ToBase64(String(v.value)) } : v.value };
    case "array":
      return { type: "array", value: validatorToJson(v.element) };
    case "object":
      return objectJson(v.fields);
    case "record":
      return {
        type: "record",
        keys: validatorToJson(v.key),
        values: { fieldType: validatorToJson(v.value), optional: false },
      };
    case "union":
      return { type: "union", value: v.members.map(validatorToJson) };
    default:
      return { type: v.kind };
  }
}

function objectJson(fields: Field[]): ValidatorJson {
  return {
    type: "object",
    value: Object.fromEntries(
      fields.map((f) => [f.name, { fieldType: validatorToJson(f.validator), optional: f.optional }]),
    ),
  };
}

/** Reads `schema.export()` JSON into model tables; throws naming the place when the JSON is not of that form. */
export function fromConvexExport(json: unknown): { tables: Table[]; schemaValidation: boolean } {
  const root = json as Partial<ExportedSchema> | null;
  if (!root || !Array.isArray(root.tables)) throw new Error('schema.export() gave no "tables" list.');
  return { tables: root.tables.map(tableFromExport), schemaValidation: root.schemaValidation !== false };
}

function tableFromExport(t: ExportedTable): Table {
  const at = `table "${t?.tableName}"`;
  if (typeof t?.tableName !== "string") throw new Error("schema.export() has a table without a name.");
  const table: Table = { name: t.tableName, fields: [], indexes: [], searchIndexes: [], vectorIndexes: [] };
  const doc = t.documentType;
  if (doc?.type === "any") table.anyDocument = true;
  else if (doc?.type === "object") table.fields = fieldsFromJson(doc.value, at);
  else if (
    doc?.type === "union" &&
    Array.isArray(doc.value) &&
    doc.value.every((m: ValidatorJson) => m?.type === "object")
  ) {
    table.variants = (doc.value as ValidatorJson[]).map((m) => fieldsFromJson(m.value, at));
    table.fields = mergeVariants(table.variants);
  } else
    throw new Error(
      `schema.export() gives ${at} a document of type "${doc?.type}", not an object, a union of objects or any.`,
    );
  const staged = (on: boolean) => (on ? { staged: true } : {});
  for (const [list, on] of [
    [t.indexes, false],
    [t.stagedDbIndexes, true],
  ] as const) {
    for (const i of list ?? []) table.indexes.push({ name: i.indexDescriptor, fields: [...i.fields], ...staged(on) });
  }
  for (const [list, on] of [
    [t.searchIndexes, false],
    [t.stagedSearchIndexes, true],
  ] as const) {
    for (const i of list ?? [])
      table.searchIndexes.push({
        name: i.indexDescriptor,
        searchField: i.searchField,
        filterFields: [...i.filterFields],
        ...staged(on),
      });
  }
  for (const [list, on] of [
    [t.vectorIndexes, false],
    [t.stagedVectorIndexes, true],
  ] as const) {
    for (const i of list ?? []) {
      table.vectorIndexes.push({
        name: i.indexDescriptor,
        vectorField: i.vectorField,
        dimensions: i.dimensions,
        filterFields: [...i.filterFields],
        ...staged(on),
      });
    }
  }
  return table;
}

function fieldsFromJson(value: unknown, at: string): Field[] {
  if (!value || typeof value !== "object")
    throw new Error(`schema.export() gives ${at} an object validator without fields.`);
  return Object.entries(value as Record<string, { fieldType: ValidatorJson; optional: boolean }>).map(([name, f]) => ({
    name,
    validator: validatorFromJson(f.fieldType, `${at}, field "${name}"`),
    optional: !!f.optional,
  }));
}

export function validatorFromJson(j: ValidatorJson, at: string): Validator {
  switch (j?.type) {
    case "id":
      return { kind: "id", table: String(j.tableName) };
    case "string":
    case "number":
    case "boolean":
    case "null":
    case "bytes":
    case "any":
      return { kind: j.type };
    case "bigint":
    case "int64":
      return { kind: "int64" };
    case "commitTs":
      return { kind: "int64", commitTs: true };
    case "float64":
      return { kind: "number" };
    case "literal": {
      const value = j.value as unknown;
      if (value && typeof value === "object" && "$integer" in value)
        return {
          kind: "literal",
          value: int64FromBase64(String((value as { $integer: string }).$integer)),
          bigint: true,
        };
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
        return { kind: "literal", value };
      throw new Error(`schema.export() has a literal of an unknown kind at ${at}.`);
    }
    case "array":
      return { kind: "array", element: validatorFromJson(j.value as ValidatorJson, at) };
    case "object":
      return { kind: "object", fields: fieldsFromJson(j.value, at) };
    case "record":
      return {
        kind: "record",
        key: validatorFromJson(j.keys as ValidatorJson, at),
        value: validatorFromJson((j.values as { fieldType: ValidatorJson }).fieldType, at),
      };
    case "union":
      return { kind: "union", members: (j.value as ValidatorJson[]).map((m) => validatorFromJson(m, at)) };
    default:
      throw new Error(`schema.export() has a validator of unknown type "${j?.type}" at ${at}.`);
  }
}

/** Convex writes int64 literals as the base64 of their 8 little-endian bytes. */
function int64ToBase64(decimal: string): string {
  let n = BigInt.asUintN(64, BigInt(decimal));
  let bin = "";
  for (let i = 0; i < 8; i++) {
    bin += String.fromCharCode(Number(n & 0xffn));
    n >>= 8n;
  }
  return btoa(bin);
}

function int64FromBase64(b64: string): string {
  const bin = atob(b64);
  let n = 0n;
  for (let i = 7; i >= 0; i--) n = (n << 8n) | BigInt(bin.charCodeAt(i));
  return String(BigInt.asIntN(64, n));
}
