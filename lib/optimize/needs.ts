/**
 * What a query needs from an index: the equality fields it already gets from `withIndex`, the equality
 * fields its `.filter()` could move into an index, and the order its results come back in. Shared by the
 * findings, the advisor and the codemod, so all three agree on when an index provably serves a query.
 */
import type { Index, SchemaModel, Table, Validator } from "../schema/model";
import { findField, findTable } from "../schema/model";
import type { CompareOp, DbAccess, Predicate } from "./types";

/** Convex's built-in indexes: every table has them, they are never declared. */
export const BUILTIN_INDEXES: Record<string, string[]> = { by_creation_time: [], by_id: [] };

export interface EqTerm {
  field: string;
  valueText: string;
}

export interface QueryNeed {
  access: DbAccess;
  table: Table;
  /** Fields of the index used now ([] for a full scan or `by_creation_time`). */
  currentFields: string[];
  /** Equality fields already served by `withIndex`. */
  eqServed: string[];
  /** Top-level equality conjuncts of `.filter()` predicates on schema fields not already served. */
  eqFilter: EqTerm[];
  /** Range fields compared in `.filter()` conjuncts (not served by any index). */
  rangeFilter: string[];
  /** The order results come back in after the equality prefix: current index fields after it, minus filter fields. */
  tail: string[];
  /** true when every filter predicate is a conjunction of equalities the index could take over. */
  filtersAllEq: boolean;
}

/** Top-level conjuncts of a predicate (`q.and(a, q.and(b, c))` → a, b, c). */
export function conjuncts(p: Predicate): Predicate[] {
  return p.op === "and" ? p.args.flatMap(conjuncts) : [p];
}

const RANGE_OPS = new Set<CompareOp>(["lt", "lte", "gt", "gte"]);

/**
 * The need of a query access, or undefined when the analysis cannot be sure (search queries, opaque index
 * ranges, unknown tables, documents without a declared shape).
 */
export function queryNeed(schema: SchemaModel, access: DbAccess): QueryNeed | undefined {
  if (access.operation !== "query" || access.search || access.index?.opaque) return undefined;
  const table = findTable(schema, access.table);
  if (!table || table.anyDocument) return undefined;
  const currentFields = access.index ? indexFields(table, access.index.name) : [];
  if (!currentFields) return undefined;
  const eqServed = access.index?.eq ?? [];
  const eqFilter: EqTerm[] = [];
  const rangeFilter: string[] = [];
  let filtersAllEq = access.filters.length > 0;
  for (const f of access.filters) {
    for (const c of conjuncts(f.predicate)) {
      if (c.op === "eq" && isIndexableField(table, c.field) && !eqServed.includes(c.field)) {
        if (!eqFilter.some((e) => e.field === c.field)) eqFilter.push({ field: c.field, valueText: c.valueText });
        else filtersAllEq = false;
        continue;
      }
      filtersAllEq = false;
      if (RANGE_OPS.has(c.op as CompareOp) && "field" in c && !rangeFilter.includes(c.field)) rangeFilter.push(c.field);
    }
  }
  const filterSet = new Set(eqFilter.map((e) => e.field));
  const tail = currentFields.slice(eqServed.length).filter((f) => !filterSet.has(f));
  return { access, table, currentFields, eqServed, eqFilter, rangeFilter, tail, filtersAllEq };
}

/** A declared field an index may hold: top-level, or nested through objects (`"meta.source"`, which Convex indexes). */
export function isIndexableField(table: Table, field: string): boolean {
  return !field.startsWith("_") && !!fieldValidator(table, field);
}

/** The validator at a field path (`"a.b"` goes through `v.object`, also optional or nullable ones). */
export function fieldValidator(table: Table, path: string): Validator | undefined {
  const [first, ...rest] = path.split(".");
  let v = findField(table, first)?.validator;
  for (const key of rest) {
    v = v ? objectOf(v)?.fields.find((f) => f.name === key)?.validator : undefined;
  }
  return v;
}

function objectOf(v: Validator): Extract<Validator, { kind: "object" }> | undefined {
  if (v.kind === "object") return v;
  if (v.kind !== "union") return undefined;
  const objects = v.members.filter((m) => m.kind !== "null");
  return objects.length === 1 && objects[0].kind === "object" ? objects[0] : undefined;
}

/** The fields of a declared or built-in index, or undefined when the table has no such index. */
export function indexFields(table: Table, name: string): string[] | undefined {
  const idx = table.indexes.find((i) => i.name === name);
  if (idx) return idx.fields;
  return BUILTIN_INDEXES[name];
}

/** The fields an index must have, in order, to serve the need exactly (same matches, same order). */
export function exactFields(need: QueryNeed): string[] {
  return [...need.eqServed, ...need.eqFilter.map((e) => e.field), ...need.tail];
}

/**
 * Whether `fields` serves the need: its first fields are the equality set (any order) and the rest equals
 * the tail, so results come back in the same order. `sameOrder: false` when only the prefix matches.
 */
export function serves(fields: string[], need: QueryNeed): { serves: boolean; sameOrder: boolean } {
  const eq = new Set([...need.eqServed, ...need.eqFilter.map((e) => e.field)]);
  const prefix = fields.slice(0, eq.size);
  if (prefix.length !== eq.size || !prefix.every((f) => eq.has(f))) return { serves: false, sameOrder: false };
  const rest = fields.slice(eq.size);
  const sameOrder = rest.length === need.tail.length && rest.every((f, i) => f === need.tail[i]);
  // A range on the current index must stay the first field after the equalities.
  const range = need.access.rangeFields[0];
  if (range && rest[0] !== range) return { serves: false, sameOrder: false };
  return { serves: true, sameOrder };
}

/** Existing usable indexes of a table (declared, not staged). */
export function usableIndexes(table: Table): Index[] {
  return table.indexes.filter((i) => !i.staged);
}

/** Whether the results' order cannot matter: at most one document comes back. */
export function orderInsensitive(access: DbAccess): boolean {
  return access.terminal?.kind === "unique";
}

/** Convex-style index name for fields: `by_a_and_b`, unique within the table. */
export function indexName(table: Table, fields: string[]): string {
  // Index names are identifiers: a nested path "meta.source" becomes "meta_source".
  const base = `by_${fields.map((f) => f.replace(/\./g, "_")).join("_and_")}`;
  const taken = new Set([...table.indexes, ...table.searchIndexes, ...table.vectorIndexes].map((i) => i.name));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** Whether the field holds `v.id(...)` (or an optional/nullable one). */
export function isIdField(table: Table, field: string): boolean {
  const v = fieldValidator(table, field);
  if (!v) return false;
  if (v.kind === "id") return true;
  return (
    v.kind === "union" &&
    v.members.some((m) => m.kind === "id") &&
    v.members.every((m) => m.kind === "id" || m.kind === "null")
  );
}

/** Parser warnings that mean part of a table (fields, indexes) may be missing from the model. */
const INCOMPLETE = new Set(["SA102", "SA103", "SA104", "SA105", "SA107", "SA111"]);

/**
 * Whether the parser could not read all of a table statically (an unresolved spread, index or key): then
 * "no index serves", "unknown index" and "unused index" cannot be claimed for it.
 */
export function tableIncomplete(schema: SchemaModel, table: string): boolean {
  // Warnings without a path are about the table list (e.g. a spread of library tables), not this table.
  return schema.warnings.some((w) => INCOMPLETE.has(w.code) && w.path?.split(".")[0] === table);
}
