/**
 * The schema model: a JSON-safe description of a Convex `defineSchema(...)`.
 *
 * Every engine stage (lint, docs, migrate, codegen, optimize, import, assistant) reads and writes this shape.
 * It holds no functions, classes, Dates or Maps so it can be stored in Convex, sent over HTTP and diffed.
 */

/** A place in a source file. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** One validator, mirroring Convex's `v.*` builders. `v.optional` is not a kind: it is `Field.optional`. */
export type Validator =
  | { kind: "id"; table: string }
  | { kind: "string" }
  /** `v.number()` and `v.float64()` */
  | { kind: "number" }
  /**
   * `v.int64()` and `v.bigint()`; `commitTs: true` for `v.commitTs()`, an int64 that a mutation may set to its commit
   * timestamp (an index on it orders documents by commit order).
   */
  | { kind: "int64"; commitTs?: boolean }
  | { kind: "boolean" }
  | { kind: "null" }
  | { kind: "bytes" }
  | { kind: "any" }
  /** A bigint literal is stored as its decimal string with `bigint: true`. */
  | { kind: "literal"; value: string | number | boolean; bigint?: boolean }
  | { kind: "array"; element: Validator }
  | { kind: "object"; fields: Field[] }
  | { kind: "record"; key: Validator; value: Validator }
  | { kind: "union"; members: Validator[] };

export type ValidatorKind = Validator["kind"];

/** A named property of a document or of a `v.object`. */
export interface Field {
  name: string;
  validator: Validator;
  /** true when wrapped in `v.optional(...)` */
  optional: boolean;
  loc?: SourceLocation;
  /** Free-text description (from a leading comment or the assistant). */
  description?: string;
}

export interface Index {
  name: string;
  fields: string[];
  /** `.index(name, { fields, staged: true })` */
  staged?: boolean;
  loc?: SourceLocation;
  /**
   * The library that creates this index rather than the project's own code, e.g. "convex-ents" (the index of an
   * edge's id field) or "@convex-dev/auth" (`authTables`). Lint and the optimizer leave such indexes alone.
   */
  generatedBy?: string;
}

export interface SearchIndex {
  name: string;
  searchField: string;
  filterFields: string[];
  staged?: boolean;
  loc?: SourceLocation;
  /** See `Index.generatedBy`. */
  generatedBy?: string;
}

export interface VectorIndex {
  name: string;
  vectorField: string;
  dimensions: number;
  filterFields: string[];
  staged?: boolean;
  loc?: SourceLocation;
  /** See `Index.generatedBy`. */
  generatedBy?: string;
}

export interface Table {
  name: string;
  /**
   * The document's fields. When the document is a union of objects (`defineTable(v.union(v.object(..), ..))`)
   * this is the merged view: every field of any variant, optional unless required in all variants with one type.
   */
  fields: Field[];
  /** Present only when the document validator is a union of objects: each variant's own fields. */
  variants?: Field[][];
  /** true for `defineTable(v.any())`: the document shape is unknown. */
  anyDocument?: boolean;
  indexes: Index[];
  searchIndexes: SearchIndex[];
  vectorIndexes: VectorIndex[];
  loc?: SourceLocation;
  description?: string;
  /**
   * The library that creates this table rather than the project's own code: "convex-ents" for a many:many join
   * table, or the package a spread table comes from ("@convex-dev/auth", "convex-helpers"). The project cannot
   * change such a table, so lint, the optimizer and codegen skip it; docs say where it comes from.
   */
  generatedBy?: string;
}

export interface SchemaOptions {
  /** `defineSchema(tables, { schemaValidation })`, default true */
  schemaValidation: boolean;
  /** `defineSchema(tables, { strictTableNameTypes })`, default true */
  strictTableNameTypes: boolean;
}

// The diagnostics kit (lib/diagnostics) owns these; re-exported so every stage keeps importing them from here.
import type { Diagnostic } from "../diagnostics";
export type { Diagnostic, Fix, Severity } from "../diagnostics";

export interface SchemaModel {
  tables: Table[];
  options: SchemaOptions;
  /** Things the parser could not resolve statically, with their location. Never silently dropped. */
  warnings: Diagnostic[];
  /** The entry file the model was read from, when it was read from source. */
  entry?: string;
}

/** System fields every Convex document has; user fields may not start with "_". */
export const SYSTEM_FIELDS = ["_id", "_creationTime"] as const;

/** An empty model with Convex's default options. */
export function emptySchema(): SchemaModel {
  return {
    tables: [],
    options: { schemaValidation: true, strictTableNameTypes: true },
    warnings: [],
  };
}

/** A new table with no fields or indexes. */
export function newTable(name: string, fields: Field[] = []): Table {
  return { name, fields, indexes: [], searchIndexes: [], vectorIndexes: [] };
}

export function findTable(schema: SchemaModel, name: string): Table | undefined {
  return schema.tables.find((t) => t.name === name);
}

export function findField(table: Table, name: string): Field | undefined {
  return table.fields.find((f) => f.name === name);
}

/** Every index name of a table, of all three kinds. */
export function indexNames(table: Table): string[] {
  return [
    ...table.indexes.map((i) => i.name),
    ...table.searchIndexes.map((i) => i.name),
    ...table.vectorIndexes.map((i) => i.name),
  ];
}

/** Visits a validator and all validators nested inside it, depth first. */
export function walkValidator(validator: Validator, visit: (v: Validator, depth: number) => void, depth = 0): void {
  visit(validator, depth);
  switch (validator.kind) {
    case "array":
      walkValidator(validator.element, visit, depth + 1);
      break;
    case "object":
      for (const f of validator.fields) walkValidator(f.validator, visit, depth + 1);
      break;
    case "record":
      walkValidator(validator.key, visit, depth + 1);
      walkValidator(validator.value, visit, depth + 1);
      break;
    case "union":
      for (const m of validator.members) walkValidator(m, visit, depth + 1);
      break;
  }
}

/** Tables referenced by `v.id(...)` anywhere inside a validator (arrays, unions, objects included). */
export function referencedTables(validator: Validator): string[] {
  const out = new Set<string>();
  walkValidator(validator, (v) => {
    if (v.kind === "id") out.add(v.table);
  });
  return [...out];
}

/** Structural equality of two validators (ignores source locations and descriptions). */
export function sameValidator(a: Validator, b: Validator): boolean {
  return JSON.stringify(stripLocations(a)) === JSON.stringify(stripLocations(b));
}

function stripLocations(v: Validator): unknown {
  if (v.kind === "object") {
    return {
      kind: "object",
      fields: v.fields.map((f) => ({ n: f.name, o: f.optional, v: stripLocations(f.validator) })),
    };
  }
  if (v.kind === "array") return { kind: "array", element: stripLocations(v.element) };
  if (v.kind === "record") return { kind: "record", key: stripLocations(v.key), value: stripLocations(v.value) };
  if (v.kind === "union") return { kind: "union", members: v.members.map(stripLocations) };
  return v;
}

/** Short human form of a validator as Convex code, e.g. `v.array(v.id("users"))`. */
export function validatorToCode(v: Validator): string {
  switch (v.kind) {
    case "id":
      return `v.id(${JSON.stringify(v.table)})`;
    case "literal":
      return v.bigint ? `v.literal(${v.value}n)` : `v.literal(${JSON.stringify(v.value)})`;
    case "array":
      return `v.array(${validatorToCode(v.element)})`;
    case "object":
      return `v.object({ ${v.fields.map((f) => `${propertyKey(f.name)}: ${fieldToCode(f)}`).join(", ")} })`;
    case "record":
      return `v.record(${validatorToCode(v.key)}, ${validatorToCode(v.value)})`;
    case "union":
      return `v.union(${v.members.map(validatorToCode).join(", ")})`;
    case "int64":
      return v.commitTs ? "v.commitTs()" : "v.int64()";
    default:
      return `v.${v.kind}()`;
  }
}

/** A field's validator as code, wrapped in `v.optional` when optional. */
export function fieldToCode(f: Field): string {
  const code = validatorToCode(f.validator);
  return f.optional ? `v.optional(${code})` : code;
}

/** An object key as written in code: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** Merged view of union variants: a field is optional unless every variant requires it with one type. */
export function mergeVariants(variants: Field[][]): Field[] {
  const byName = new Map<string, { first: Field; validators: Validator[]; count: number; optional: boolean }>();
  for (const fields of variants) {
    for (const f of fields) {
      const cur = byName.get(f.name);
      if (!cur) byName.set(f.name, { first: f, validators: [f.validator], count: 1, optional: f.optional });
      else {
        cur.count++;
        cur.optional ||= f.optional;
        if (!cur.validators.some((x) => sameValidator(x, f.validator))) cur.validators.push(f.validator);
      }
    }
  }
  return [...byName.values()].map(({ first, validators, count, optional }) => {
    const field: Field = {
      name: first.name,
      validator: validators.length === 1 ? validators[0] : { kind: "union", members: validators },
      optional: optional || count < variants.length,
    };
    if (first.loc) field.loc = first.loc;
    if (first.description) field.description = first.description;
    return field;
  });
}
