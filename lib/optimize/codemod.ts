/**
 * The codemod behind `optimize --auto`: adds advised indexes to schema.ts through the surgical editor and
 * rewrites `.filter(q => q.eq(q.field("x"), v))` into `.withIndex("by_x", q => q.eq("x", v))` only where the
 * meaning is provably the same: the filter comes directly after `query()`, it is a conjunction of equalities
 * on top-level fields, and the index holds exactly those fields (so results keep their creation-time order).
 */
import { createTwoFilesPatch } from "diff";
import type { Diagnostic, Index, SchemaModel, SourceLocation } from "../schema/model";
import { applyOperationsToSource } from "../schema";
import type { SchemaOperation } from "../schema/operations";
import type { PathAlias } from "../schema/paths";
import type { IndexAdvice } from "./advisor";
import type { QueryNeed } from "./needs";
import { queryNeed, serves, usableIndexes } from "./needs";
import type { Analysis } from "./types";

export interface CodemodInput {
  files: Record<string, string>;
  schema: SchemaModel;
  /** The schema file, e.g. "convex/schema.ts". */
  schemaFile: string;
  analysis: Analysis;
  advice: IndexAdvice[];
  /** tsconfig path aliases the schema's imports use, so the edited schema re-parses as the original did */
  aliases?: PathAlias[];
}

export interface Rewrite {
  file: string;
  loc: SourceLocation;
  index: string;
  /** "query": `query(t).filter(…)` → `query(t).withIndex(…)`; "extend": equalities moved into the existing `withIndex`. */
  kind: "query" | "extend";
  /** Text edits (offsets in the original file). */
  edits: { start: number; end: number; text: string }[];
  /** The affected region before and after. */
  before: string;
  after: string;
  functions: string[];
}

export interface CodemodPlan {
  operations: SchemaOperation[];
  rewrites: Rewrite[];
  /** Filters that were not rewritten, and why. */
  skipped: { loc: SourceLocation; reason: string }[];
  /** New contents of every changed file. */
  changed: Record<string, string>;
  /** Unified diff of every changed file. */
  diff: string;
  errors: Diagnostic[];
}

/** Plans the codemod. Pure: nothing is written; the CLI writes `changed` only when asked to. */
export function planCodemod(input: CodemodInput): CodemodPlan {
  const errors: Diagnostic[] = [];
  const added = input.advice.filter((a) => a.action === "add" && a.strong);
  const operations = added.flatMap((a) => a.operations);
  const changed: Record<string, string> = {};
  if (operations.length) {
    const source = input.files[input.schemaFile];
    const edit =
      source === undefined
        ? undefined
        : applyOperationsToSource(source, operations, input.schemaFile, input.files, { aliases: input.aliases });
    if (!edit)
      errors.push({
        code: "OPT002",
        severity: "error",
        message: `The schema file "${input.schemaFile}" is not among the project files.`,
      });
    else if (!edit.ok) errors.push(...edit.errors);
    else changed[input.schemaFile] = edit.source;
  }
  // Only indexes that will really exist (and are queryable now: not staged) may be used by rewritten code.
  const available: Index[] = errors.length ? [] : added.map((a) => a.index);
  const { rewrites, skipped } = planRewrites(input, available);
  const byFile = new Map<string, Rewrite[]>();
  for (const r of rewrites) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  for (const [file, list] of byFile) changed[file] = applyRewrites(input.files[file], list);
  const diff = Object.keys(changed)
    .sort()
    .map((f) =>
      createTwoFilesPatch(`a/${f}`, `b/${f}`, input.files[f] ?? "", changed[f], undefined, undefined, { context: 3 }),
    )
    .join("");
  return { operations, rewrites, skipped, changed, diff, errors };
}

function planRewrites(input: CodemodInput, added: Index[]): { rewrites: Rewrite[]; skipped: CodemodPlan["skipped"] } {
  const rewrites = new Map<string, Rewrite>();
  const skipped = new Map<string, { loc: SourceLocation; reason: string }>();
  for (const access of input.analysis.accesses) {
    const need = queryNeed(input.schema, access);
    if (!need || need.eqFilter.length === 0) continue;
    const filter = access.filters[0];
    const key = `${filter.loc.file}:${filter.span.start}`;
    const existing = rewrites.get(key);
    if (existing) {
      if (!existing.functions.includes(access.function)) existing.functions.push(access.function);
      continue;
    }
    const source = input.files[filter.loc.file];
    const planned = need.access.index ? extendIndex(need, source) : replaceFilter(input, need, added, source);
    if (typeof planned === "string") {
      skipped.set(key, { loc: filter.loc, reason: planned });
      continue;
    }
    skipped.delete(key);
    rewrites.set(key, { ...planned, functions: [access.function] });
  }
  return { rewrites: [...rewrites.values()], skipped: [...skipped.values()] };
}

type Planned = Omit<Rewrite, "functions">;

/** `query(t).filter(q => q.eq(q.field("x"), v))` → `query(t).withIndex("by_x", q => q.eq("x", v))`. */
function replaceFilter(input: CodemodInput, need: QueryNeed, added: Index[], source: string): Planned | string {
  const a = need.access;
  const filter = a.filters[0];
  if (a.search) return "Search queries are not rewritten.";
  if (a.filters.length !== 1 || !filter.directlyAfterQuery)
    return "The filter is not written directly after query() in one expression.";
  if (!need.filtersAllEq) return "The filter is not only equalities on top-level fields.";
  const index = [
    ...usableIndexes(need.table),
    ...added.filter((i) => !i.staged && addedTo(input, i) === need.table.name),
  ].find((i) => {
    const s = serves(i.fields, need);
    return s.serves && s.sameOrder;
  });
  if (!index)
    return "No index with exactly these fields exists or is being added (a staged index must be enabled first).";
  const p = filter.param ?? "q";
  const values = new Map(need.eqFilter.map((e) => [e.field, e.valueText]));
  const range = index.fields.map((f) => `.eq(${JSON.stringify(f)}, ${values.get(f)})`).join("");
  const text = `withIndex(${JSON.stringify(index.name)}, (${p}) => ${p}${range})`;
  return region(filter.loc, index.name, "query", source, [{ start: filter.span.start, end: filter.span.end, text }]);
}

/**
 * `withIndex("by_a_and_b", q => q.eq("a", x)).filter(q => q.eq(q.field("b"), y))` →
 * `withIndex("by_a_and_b", q => q.eq("a", x).eq("b", y))`: the filter's fields are the index's next fields.
 */
function extendIndex(need: QueryNeed, source: string): Planned | string {
  const a = need.access;
  const use = a.index;
  const filter = a.filters[0];
  if (!use || use.opaque || use.range.length || use.rangeEnd === undefined || use.callEnd === undefined) {
    return "The query's index range has a range bound or no callback; only equality ranges are extended.";
  }
  if (a.filters.length !== 1 || !filter.directlyAfterIndex)
    return "The filter is not written directly after withIndex() in one expression.";
  if (!need.filtersAllEq) return "The filter is not only equalities on top-level fields.";
  const next = need.currentFields.slice(need.eqServed.length, need.eqServed.length + need.eqFilter.length);
  const values = new Map(need.eqFilter.map((e) => [e.field, e.valueText]));
  if (
    !need.eqServed.every((f, i) => need.currentFields[i] === f) ||
    next.length !== values.size ||
    !next.every((f) => values.has(f))
  ) {
    return `Index "${use.name}" does not continue with the filtered fields; a new index is advised instead.`;
  }
  const steps = next.map((f) => `.eq(${JSON.stringify(f)}, ${values.get(f)})`).join("");
  return region(filter.loc, use.name, "extend", source, [
    { start: use.rangeEnd, end: use.rangeEnd, text: steps },
    { start: use.callEnd, end: filter.span.end, text: "" },
  ]);
}

function region(
  loc: SourceLocation,
  index: string,
  kind: Rewrite["kind"],
  source: string,
  edits: Rewrite["edits"],
): Planned {
  const start = Math.min(...edits.map((e) => e.start));
  const end = Math.max(...edits.map((e) => e.end));
  const after = applyEdits(
    source.slice(start, end),
    edits.map((e) => ({ ...e, start: e.start - start, end: e.end - start })),
  );
  return { file: loc.file, loc, index, kind, edits, before: source.slice(start, end), after };
}

function applyEdits(text: string, edits: Rewrite["edits"]): string {
  let out = text;
  for (const e of [...edits].sort((x, y) => y.start - x.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function addedTo(input: CodemodInput, index: Index): string | undefined {
  return input.advice.find((a) => a.index === index)?.table;
}

function applyRewrites(source: string, list: Rewrite[]): string {
  return applyEdits(
    source,
    list.flatMap((r) => r.edits),
  );
}
