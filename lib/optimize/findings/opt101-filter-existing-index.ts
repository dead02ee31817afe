/**
 * OPT101: a `.filter()` equality that an existing index serves; the query reads documents it could skip. Also a
 * `.filter()` range (`gt`/`lt`...) on the field an existing index holds right after the equalities the query
 * already uses (e.g. `withIndex("by_doc", eq doc).filter(lastSeen > t)` with an index on [doc, lastSeen]).
 */
import type { Index } from "../../schema/model";
import { conjuncts, isIndexableField, queryNeed, usableIndexes, type QueryNeed } from "../needs";
import type { DbAccess, Finding, Predicate } from "../types";
import { inSetFindings } from "./in-set-filter";
import { estimateText, filterFor, filterIndexCases, rangeText, scanScope } from "./index-filters";
import type { CheckInput, OptimizerCheck } from "./shared";
import { querySites, quoteList } from "./shared";

export const filterExistingIndex: OptimizerCheck = {
  code: "OPT101",
  severity: "warning",
  name: "filter-existing-index",
  summary: "A .filter() equality that an existing index serves: query the index with .withIndex instead.",
  check(input) {
    const out: Finding[] = [];
    for (const c of filterIndexCases(input)) {
      if (c.kind !== "existing") continue;
      const fields = c.need.eqFilter.map((e) => e.field);
      const filter = filterFor(c.need);
      const orderNote = c.sameOrder
        ? ""
        : `; results would then be ordered by ${quoteList(c.index.fields.slice(c.need.eqServed.length + fields.length))}`;
      const same = c.index.name === c.need.access.index?.name;
      const how = same
        ? `, which could compare ${quoteList(fields)} itself`
        : ` although index "${c.index.name}" serves it`;
      out.push({
        code: "OPT101",
        // Leaving a full table scan is worth a change of order; inside an index range it may not be.
        severity: c.sameOrder || c.estimate || c.need.eqServed.length === 0 ? "warning" : "info",
        message: `Filter on ${quoteList(fields)} reads ${scanScope(c.need)}${how}${estimateText(c.estimate)}${orderNote}.`,
        path: `${c.need.table.name}.${c.index.name}`,
        loc: filter.loc,
        functions: c.functions,
        fixes: [{ description: `Use .withIndex("${c.index.name}", ${rangeText(c.need)}) instead of the filter.` }],
      });
    }
    return [...out, ...rangeFindings(input), ...inSetFindings(input, "OPT101")];
  },
};

type RangeTerm = Extract<Predicate, { field: string }>;

/** Range-only filters an existing index could take over (the equality cases above leave them out). */
export function rangeFindings(input: CheckInput): Finding[] {
  return rangeCases(input).map((c) => c.finding);
}

/** The range filters an existing index serves, with their query. */
export function rangeCases(input: CheckInput): { access: DbAccess; finding: Finding }[] {
  const cached = RANGE_CACHE.get(input.analysis);
  if (cached && cached.schema === input.schema) return cached.cases;
  const out: { access: DbAccess; finding: Finding }[] = [];
  for (const { access, functions } of querySites(input.analysis)) {
    const need = queryNeed(input.schema, access);
    // One range field in the filter, no filter equality (handled above), no range already on the index.
    if (!need || need.eqFilter.length || need.rangeFilter.length !== 1 || access.rangeFields.length) continue;
    const field = need.rangeFilter[0];
    const creation = field === "_creationTime";
    if (!creation && !isIndexableField(need.table, field)) continue;
    const index = creation ? creationTimeIndex(need) : rangeIndex(need, field);
    if (!index) continue;
    const filter = access.filters.find((f) => conjuncts(f.predicate).some((c) => isRange(c) && c.field === field));
    if (!filter) continue;
    const terms = conjuncts(filter.predicate).filter((c): c is RangeTerm => isRange(c) && c.field === field);
    const steps = [
      ...need.eqServed.map((f) => `.eq("${f}", …)`),
      ...terms.map((t) => `.${t.op}("${field}", ${t.valueText})`),
    ];
    const same = index.name === access.index?.name;
    const how = same ? `, which could compare "${field}" itself` : ` although index "${index.name}" serves it`;
    // Results come back ordered by the range field: a change unless the current order already follows it.
    const sameOrder = same || need.tail[0] === field || (creation && need.tail.length === 0);
    out.push({
      access,
      finding: {
        code: "OPT101",
        severity: sameOrder || need.eqServed.length === 0 ? "warning" : "info",
        message: `Range filter on "${field}" reads ${scanScope(need)}${how}${sameOrder ? "" : `; results would then be ordered by "${field}"`}.`,
        path: `${need.table.name}.${index.name}`,
        loc: filter.loc,
        functions,
        fixes: [{ description: `Use .withIndex("${index.name}", q => q${steps.join("")}) instead of the filter.` }],
      },
    });
  }
  RANGE_CACHE.set(input.analysis, { schema: input.schema, cases: out });
  return out;
}

const RANGE_CACHE = new WeakMap<
  CheckInput["analysis"],
  { schema: CheckInput["schema"]; cases: { access: DbAccess; finding: Finding }[] }
>();

function isRange(p: Predicate): p is RangeTerm {
  return p.op === "lt" || p.op === "lte" || p.op === "gt" || p.op === "gte";
}

/**
 * Every index ends with `_creationTime`: one holding exactly the served equality fields (the query's own first)
 * takes a `_creationTime` range after them; with no equality, the built-in "by_creation_time" does.
 */
function creationTimeIndex(need: QueryNeed): Index | undefined {
  const eq = new Set(need.eqServed);
  if (eq.size === 0) return { name: "by_creation_time", fields: [] };
  const exact = (i: Index) => i.fields.length === eq.size && i.fields.every((f) => eq.has(f));
  const usable = usableIndexes(need.table).filter(exact);
  return usable.find((i) => i.name === need.access.index?.name) ?? usable[0];
}

/** An index starting with the served equality fields (any order) followed by the range field. */
function rangeIndex(need: QueryNeed, field: string): Index | undefined {
  const eq = new Set(need.eqServed);
  return usableIndexes(need.table).find(
    (i) =>
      i.fields.length > eq.size && i.fields.slice(0, eq.size).every((f) => eq.has(f)) && i.fields[eq.size] === field,
  );
}
