/** Small helpers shared by the lint rules. */
import type { Diagnostic, Field, Fix, SchemaModel, SourceLocation, Table, Validator } from "../schema/model";
import type { LintRule } from "./types";

/** Builds a diagnostic for `rule`, leaving out absent optional parts so golden files stay small. */
export function report(
  rule: Pick<LintRule, "code" | "severity">,
  message: string,
  path: string,
  loc: SourceLocation | undefined,
  fixes?: Fix[],
): Diagnostic {
  const d: Diagnostic = { code: rule.code, severity: rule.severity, message, path };
  if (loc) d.loc = loc;
  if (fixes?.length) d.fixes = fixes;
  return d;
}

// Parser warnings that leave fields of a table out of the model: an unresolved spread, document or computed key.
const MISSING_FIELDS = new Set(["SA102", "SA103", "SA107"]);

/** Whether the parser could not read every field of `table`: "field X is not defined" cannot be claimed then. */
export function fieldsIncomplete(model: SchemaModel, table: string): boolean {
  return model.warnings.some((w) => MISSING_FIELDS.has(w.code) && w.path?.split(".")[0] === table);
}

/** Whether `table` reads as `v.any()` only because its document could not be resolved (the parser warned). */
export function documentUnresolved(model: SchemaModel, table: string): boolean {
  return model.warnings.some((w) => w.code === "SA103" && w.path === table);
}

/** `v.union(X, v.null())` → X; anything else unchanged. Nullable references are still references. */
export function unwrapNullable(v: Validator): Validator {
  if (v.kind !== "union") return v;
  const rest = v.members.filter((m) => m.kind !== "null");
  return rest.length === 1 ? rest[0] : v;
}

/** The table a field points at when it is `v.id(t)` or a nullable `v.id(t)`. */
export function idTarget(v: Validator): string | undefined {
  const u = unwrapNullable(v);
  return u.kind === "id" ? u.table : undefined;
}

const SCALAR_KINDS = new Set(["id", "string", "number", "int64", "boolean", "null", "literal", "bytes"]);

/** True for values a search/vector index can filter on by equality (no arrays, objects, records or any). */
export function isScalar(v: Validator): boolean {
  if (v.kind === "union") return v.members.every(isScalar);
  return SCALAR_KINDS.has(v.kind);
}

/**
 * Resolves a dotted index path ("author.id") against a table's fields, through `v.object` and unions of objects.
 * Returns the field found at the end of the path and whether any step was optional.
 */
export function resolvePath(table: Table, path: string): { field: Field; optional: boolean } | undefined {
  const parts = path.split(".");
  let fields: Field[] = table.fields;
  let optional = false;
  for (let i = 0; i < parts.length; i++) {
    const field = fields.find((f) => f.name === parts[i]);
    if (!field) return undefined;
    optional ||= field.optional;
    if (i === parts.length - 1) return { field, optional };
    const next = objectFields(field.validator);
    if (!next) return undefined;
    fields = next;
  }
  return undefined;
}

/** The fields of an object validator, merging the members of a union of objects. */
export function objectFields(v: Validator): Field[] | undefined {
  const u = unwrapNullable(v);
  if (u.kind === "object") return u.fields;
  if (u.kind === "union" && u.members.every((m) => m.kind === "object" || m.kind === "null")) {
    return u.members.flatMap((m) => (m.kind === "object" ? m.fields : []));
  }
  return undefined;
}

/**
 * Nesting depth as Convex counts it ("how many times objects and arrays can be nested"): a scalar is 0, each
 * object, record or array around it adds 1. Unions add nothing.
 */
export function nestingDepth(v: Validator): number {
  switch (v.kind) {
    case "array":
      return 1 + nestingDepth(v.element);
    case "object":
      return 1 + Math.max(0, ...v.fields.map((f) => nestingDepth(f.validator)));
    case "record":
      return 1 + nestingDepth(v.value);
    case "union":
      return Math.max(0, ...v.members.map(nestingDepth));
    default:
      return 0;
  }
}

/** A field met while walking a table, with its dotted path and whether it sits under an array or record. */
export interface VisitedField {
  field: Field;
  path: string;
  /** true for top-level document fields */
  topLevel: boolean;
  /** location of the nearest ancestor that has one */
  loc?: SourceLocation;
}

/** Every field of a table, top-level and nested (inside objects, arrays, records and unions), depth first. */
export function allFields(table: Table): VisitedField[] {
  const out: VisitedField[] = [];
  const visitValidator = (v: Validator, prefix: string, loc: SourceLocation | undefined): void => {
    if (v.kind === "object") {
      for (const f of v.fields) {
        const path = `${prefix}.${f.name}`;
        out.push({ field: f, path, topLevel: false, loc: f.loc ?? loc });
        visitValidator(f.validator, path, f.loc ?? loc);
      }
    } else if (v.kind === "array") visitValidator(v.element, prefix, loc);
    else if (v.kind === "record") visitValidator(v.value, prefix, loc);
    else if (v.kind === "union") for (const m of v.members) visitValidator(m, prefix, loc);
  };
  for (const f of table.fields) {
    const path = `${table.name}.${f.name}`;
    out.push({ field: f, path, topLevel: true, loc: f.loc ?? table.loc });
    visitValidator(f.validator, path, f.loc ?? table.loc);
  }
  return out;
}

/** An index name not yet used on `table`, derived from `base` ("by_ownerId", "by_ownerId_2", ...). */
export function freshIndexName(table: Table, base: string): string {
  const taken = new Set([
    ...table.indexes.map((i) => i.name),
    ...table.searchIndexes.map((i) => i.name),
    ...table.vectorIndexes.map((i) => i.name),
  ]);
  const clean = base.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 60);
  if (!taken.has(clean)) return clean;
  for (let n = 2; ; n++) if (!taken.has(`${clean}_${n}`)) return `${clean}_${n}`;
}

/** Quoted list for messages: `"a", "b"`. */
export function quoteList(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(", ");
}
