/**
 * Classifies each query whose `.filter()` has equalities an index could take over: an existing index serves
 * it (OPT101), or a new one would (OPT107 for `v.id` fields, OPT108 otherwise). Shared by those checks.
 */
import type { Index, SourceLocation } from "../../schema/model";
import type { ReadEstimate } from "../estimate";
import { estimateReads, worthIt } from "../estimate";
import type { QueryNeed } from "../needs";
import {
  conjuncts,
  exactFields,
  tableIncomplete,
  indexName,
  isIdField,
  isIndexableField,
  orderInsensitive,
  queryNeed,
  serves,
  usableIndexes,
} from "../needs";
import type { DbAccess, FilterCall } from "../types";
import type { CheckInput } from "./shared";
import { querySites } from "./shared";

export type FilterIndexCase =
  | {
      kind: "existing";
      site: DbAccess;
      need: QueryNeed;
      functions: string[];
      index: Index;
      sameOrder: boolean;
      estimate?: ReadEstimate;
    }
  | {
      kind: "missing";
      /** The query as analysed (`need.access` may be one path of a conditionally built query). */
      site: DbAccess;
      need: QueryNeed;
      functions: string[];
      fields: string[];
      name: string;
      idFields: string[];
      estimate?: ReadEstimate;
      /** An existing index holding the needed fields in an order that cannot serve the query (OPT103). */
      misordered?: { index: Index; range: string; fromFilter: boolean };
      /**
       * An existing index serving part of the filter's equalities (its leading fields, beyond what the query's
       * own index serves): reusing it with `.withIndex` and filtering the rest is the alternative to a new index.
       */
      partly?: { index: Index; fields: string[] };
      /** No equality to move: a `.filter()` range (`gte(likes, min)`) a new index would serve with a withIndex range. */
      rangeOnly?: RangeOnly;
    };

/** Every query site with filter equalities an index could serve, classified. Skips suggestions stats show would not help. */
export function filterIndexCases(input: CheckInput): FilterIndexCase[] {
  // Several checks ask for the same classification of the same input: compute it once.
  const cached = CACHE.get(input.analysis);
  if (cached && cached.schema === input.schema && cached.stats === input.stats) return cached.cases;
  const cases = classify(input);
  CACHE.set(input.analysis, { schema: input.schema, stats: input.stats, cases });
  return cases;
}

const CACHE = new WeakMap<
  CheckInput["analysis"],
  { schema: CheckInput["schema"]; stats: CheckInput["stats"]; cases: FilterIndexCase[] }
>();

/**
 * The paths to classify of a query: itself, or for one built conditionally, the filters applied on every path,
 * then each conditional filter with those (placed first, so a finding lands on it). Each filter thus gets one
 * classification, never "served" on one path and "not served" on another.
 */
function paths(access: DbAccess): DbAccess[] {
  const conditional = access.conditionalFilters;
  if (!conditional?.length) return [access];
  const isConditional = (f: FilterCall) =>
    conditional.some((l) => l.line === f.loc.line && l.column === f.loc.column && l.file === f.loc.file);
  const always = access.filters.filter((f) => !isConditional(f));
  return [
    { ...access, filters: always },
    ...access.filters.filter(isConditional).map((f) => ({ ...access, filters: [f, ...always] })),
  ];
}

function classify(input: CheckInput): FilterIndexCase[] {
  const out: FilterIndexCase[] = [];
  for (const site of querySites(input.analysis))
    for (const access of paths(site.access)) classifyPath(input, site.access, access, site.functions, out);
  return out;
}

function classifyPath(
  input: CheckInput,
  site: DbAccess,
  access: DbAccess,
  functions: string[],
  out: FilterIndexCase[],
): void {
  {
    const need = queryNeed(input.schema, access);
    if (need && need.eqFilter.length === 0) {
      const range = rangeOnlyCase(input, site, need, functions);
      if (range) out.push(range);
      return;
    }
    if (!need) return;
    const filterFields = need.eqFilter.map((e) => e.field);
    const estimate = estimateReads(need, filterFields, input.stats);
    if (estimate && !worthIt(estimate)) return;
    const candidates = usableIndexes(need.table)
      .map((index) => ({ index, ...serves(index.fields, need) }))
      .filter((c) => c.serves);
    const exact = candidates.find((c) => c.sameOrder) ?? (orderInsensitive(access) ? candidates[0] : undefined);
    const prefix = candidates[0];
    const chosen = exact ?? prefix;
    if (chosen) {
      out.push({ kind: "existing", site, need, functions, index: chosen.index, sameOrder: !!exact, estimate });
      return;
    }
    if (tableIncomplete(input.schema, need.table.name)) return;
    const range = rangeOf(need);
    const fields = range?.fromFilter ? [...exactFields(need), range.field] : exactFields(need);
    const misordered = range ? misorderedIndex(need, range.field) : undefined;
    const partly = partlyServing(need);
    out.push({
      kind: "missing",
      site,
      need,
      functions,
      fields,
      name: indexName(need.table, fields),
      idFields: filterFields.filter((f) => isIdField(need.table, f)),
      estimate,
      misordered:
        misordered && range ? { index: misordered, range: range.field, fromFilter: range.fromFilter } : undefined,
      ...(partly ? { partly } : {}),
    });
  }
}

/**
 * A range in `.filter()` (no equality to move) that no index serves: an index on the served equalities then the
 * range field would read only the documents in range. Ranges an existing index serves are OPT101's.
 */
function rangeOnlyCase(
  input: CheckInput,
  site: DbAccess,
  need: QueryNeed,
  functions: string[],
): FilterIndexCase | undefined {
  if (tableIncomplete(input.schema, need.table.name)) return undefined;
  const range = rangeOnlyFilter(need);
  if (!range) return undefined;
  const { field } = range;
  const fields = [...need.eqServed, field];
  const eq = new Set(need.eqServed);
  // An existing index serving one of the ranges is OPT101's (one range) or left alone (several).
  if (
    [field, ...range.rest].some((f) =>
      usableIndexes(need.table).some(
        (i) =>
          i.fields.length > eq.size && i.fields.slice(0, eq.size).every((x) => eq.has(x)) && i.fields[eq.size] === f,
      ),
    )
  )
    return undefined;
  return {
    kind: "missing",
    site,
    need,
    functions,
    fields,
    name: indexName(need.table, fields),
    idFields: [],
    rangeOnly: range,
  };
}

/**
 * The existing index whose leading fields cover the most of the query's equalities (those its own index serves
 * and at least one of the filter's), when none covers them all: `withIndex` on it reads only the documents
 * matching those, and the filter keeps the rest. None when the query has an index range (it must stay next).
 */
function partlyServing(need: QueryNeed): { index: Index; fields: string[] } | undefined {
  if (need.access.rangeFields.length) return undefined;
  const eq = new Set([...need.eqServed, ...need.eqFilter.map((e) => e.field)]);
  let best: { index: Index; fields: string[] } | undefined;
  for (const index of usableIndexes(need.table)) {
    const lead: string[] = [];
    for (const f of index.fields) {
      if (!eq.has(f)) break;
      lead.push(f);
    }
    const fromFilter = lead.filter((f) => !need.eqServed.includes(f));
    if (!fromFilter.length || !need.eqServed.every((f) => lead.includes(f))) continue;
    if (!best || lead.length > best.fields.length) best = { index, fields: lead };
  }
  return best;
}

/** ", although index "by_x" serves "x" of it (.withIndex, then filter the rest)" for a partly served filter. */
export function partlyText(c: Extract<FilterIndexCase, { kind: "missing" }>): string {
  if (!c.partly) return "";
  const { index, fields } = c.partly;
  return `; index "${index.name}" serves ${fields.map((f) => `"${f}"`).join(", ")} of it (query it with .withIndex and filter the rest)`;
}

/**
 * The one `.filter()` range of a query with no equality to move (`gte(likes, min)`, or a `gt`/`lt` pair), which an
 * index on the served equalities then that field would read with a withIndex range. Shared with the advisor.
 */
export function rangeOnlyFilter(need: QueryNeed): RangeOnly | undefined {
  if (need.eqFilter.length || need.access.rangeFields.length || !need.rangeFilter.length) return undefined;
  // Ranges on several fields: an index range takes one (the first written), the filter keeps the others.
  for (const field of need.rangeFilter) {
    if (!isIndexableField(need.table, field)) continue;
    const terms = need.access.filters.flatMap((f) =>
      conjuncts(f.predicate).flatMap((c) =>
        c.op !== "eq" && c.op !== "neq" && "field" in c && c.field === field
          ? [{ op: c.op, valueText: c.valueText }]
          : [],
      ),
    );
    // Two lower (or upper) bounds, or the range only in some branches of an `or`: not one withIndex range.
    if (!terms.length || terms.length > 2 || (terms.length === 2 && lower(terms[0].op) === lower(terms[1].op)))
      continue;
    return { field, terms, rest: need.rangeFilter.filter((f) => f !== field) };
  }
  return undefined;
}

export interface RangeOnly {
  field: string;
  terms: { op: string; valueText: string }[];
  /** Other fields compared by range in the filter: they stay in `.filter()`. */
  rest: string[];
}

function lower(op: string): boolean {
  return op === "gt" || op === "gte";
}

/** "reads 12,000 documents, 40 with the index" */
export function estimateText(e: ReadEstimate | undefined): string {
  return e
    ? ` (about ${e.before.toLocaleString("en-US")} documents read now, ${e.after.toLocaleString("en-US")} with the index)`
    : "";
}

/** Where the scan happens, for messages. */
export function scanScope(need: QueryNeed): string {
  const index = need.access.index;
  if (index && need.eqServed.length) return `every document of "${need.table.name}" matching index "${index.name}"`;
  if (index && need.access.rangeFields.length)
    return `every document of "${need.table.name}" in the range of index "${index.name}"`;
  return `every document of "${need.table.name}"`;
}

/** The first `.filter()` call holding one of the equalities an index could take over. */
export function filterFor(need: QueryNeed, range?: string): { loc: SourceLocation } {
  const fields = new Set(need.eqFilter.map((e) => e.field));
  const hit = need.access.filters.find((f) =>
    conjuncts(f.predicate).some(
      (c) => "field" in c && (range ? c.field === range && c.op !== "eq" : c.op === "eq" && fields.has(c.field)),
    ),
  );
  return hit ?? need.access.filters[0] ?? need.access;
}

/** `q => q.eq("a", …).eq("b", value)`: the index range replacing the filter (known values are shown). */
export function rangeText(need: QueryNeed): string {
  const steps = [
    ...need.eqServed.map((f) => `.eq("${f}", …)`),
    ...need.eqFilter.map((e) => `.eq("${e.field}", ${e.valueText})`),
  ];
  return `q => q${steps.join("")}`;
}

/** The one range field of a query: served by its index, or compared in its filter. */
function rangeOf(need: QueryNeed): { field: string; fromFilter: boolean } | undefined {
  if (need.access.rangeFields.length === 1) return { field: need.access.rangeFields[0], fromFilter: false };
  if (
    need.access.rangeFields.length === 0 &&
    need.rangeFilter.length === 1 &&
    isIndexableField(need.table, need.rangeFilter[0])
  ) {
    return { field: need.rangeFilter[0], fromFilter: true };
  }
  return undefined;
}

/** An index whose leading fields are exactly the equality fields plus the range field, with the range not last. */
function misorderedIndex(need: QueryNeed, range: string): Index | undefined {
  const want = new Set([...need.eqServed, ...need.eqFilter.map((e) => e.field), range]);
  return usableIndexes(need.table).find((i) => {
    const lead = i.fields.slice(0, want.size);
    return lead.length === want.size && lead.every((f) => want.has(f)) && lead[lead.length - 1] !== range;
  });
}
