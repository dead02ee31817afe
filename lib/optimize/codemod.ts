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
import type { IndexAdvice } from "./advisor";
import type { QueryNeed } from "./needs";
import { queryNeed, serves, usableIndexes } from "./needs";
import type { Analysis, Span } from "./types";

export interface CodemodInput {
  files: Record<string, string>;
  schema: SchemaModel;
  /** The schema file, e.g. "convex/schema.ts". */
  schemaFile: string;
  analysis: Analysis;
  advice: IndexAdvice[];
}

export interface Rewrite {
  file: string;
  loc: SourceLocation;
  index: string;
  /** The replaced text's offsets in the file. */
  span: Span;
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
    const edit = source === undefined ? undefined : applyOperationsToSource(source, operations, input.schemaFile, input.files);
    if (!edit) errors.push({ code: "OPT002", severity: "error", message: `The schema file "${input.schemaFile}" is not among the project files.` });
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
    .map((f) => createTwoFilesPatch(`a/${f}`, `b/${f}`, input.files[f] ?? "", changed[f], undefined, undefined, { context: 3 }))
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
    const reason = whyNot(need);
    if (reason) {
      if (!rewrites.has(key)) skipped.set(key, { loc: filter.loc, reason });
      continue;
    }
    const index = [...usableIndexes(need.table), ...added.filter((i) => !i.staged && addedTo(input, i) === need.table.name)].find((i) => {
      const s = serves(i.fields, need);
      return s.serves && s.sameOrder;
    });
    if (!index) {
      skipped.set(key, { loc: filter.loc, reason: "No index with exactly these fields exists or is being added (a staged index must be enabled first)." });
      continue;
    }
    const existing = rewrites.get(key);
    if (existing) {
      if (!existing.functions.includes(access.function)) existing.functions.push(access.function);
      continue;
    }
    skipped.delete(key);
    const source = input.files[filter.loc.file];
    const p = filter.param ?? "q";
    const values = new Map(need.eqFilter.map((e) => [e.field, e.valueText]));
    const range = index.fields.map((f) => `.eq(${JSON.stringify(f)}, ${values.get(f)})`).join("");
    rewrites.set(key, {
      file: filter.loc.file,
      loc: filter.loc,
      index: index.name,
      span: filter.span,
      before: source.slice(filter.span.start, filter.span.end),
      after: `withIndex(${JSON.stringify(index.name)}, (${p}) => ${p}${range})`,
      functions: [access.function],
    });
  }
  return { rewrites: [...rewrites.values()], skipped: [...skipped.values()] };
}

function addedTo(input: CodemodInput, index: Index): string | undefined {
  return input.advice.find((a) => a.index === index)?.table;
}

/** Why a filter cannot be rewritten with the same meaning, or undefined when it can. */
function whyNot(need: QueryNeed): string | undefined {
  const a = need.access;
  if (a.index || a.search) return "The query already uses an index; only a filter directly after query() is rewritten.";
  if (a.filters.length !== 1 || !a.filters[0].directlyAfterQuery) return "The filter is not written directly after query() in one expression.";
  if (!need.filtersAllEq) return "The filter is not only equalities on top-level fields.";
  return undefined;
}

function applyRewrites(source: string, list: Rewrite[]): string {
  let out = source;
  for (const r of [...list].sort((x, y) => y.span.start - x.span.start)) out = out.slice(0, r.span.start) + r.after + out.slice(r.span.end);
  return out;
}
