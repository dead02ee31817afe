/**
 * Index advisor: the fewest indexes that serve the query patterns found (equality fields first, then the
 * range and order the query already relies on), reusing existing indexes, with documents-read estimates.
 */
import type { Index, SchemaModel, Table } from "../schema/model";
import type { SchemaOperation } from "../schema/operations";
import { estimateReads, worthIt } from "./estimate";
import type { QueryNeed } from "./needs";
import { exactFields, isIdField, queryNeed, serves, tableIncomplete, usableIndexes } from "./needs";
import { rangeOnlyFilter } from "./findings/index-filters";
import type { DataStats, DbAccess } from "./types";

export interface AdvisedPattern {
  function: string;
  loc: DbAccess["loc"];
  /** Equality fields the query compares (index and filter). */
  equality: string[];
  /** Estimated documents read per call now and with the advised index, when statistics allow. */
  before?: number;
  after?: number;
  /** The gain is clear: statistics show it, or the query scans a whole table for a `v.id` equality. */
  strong: boolean;
}

export interface IndexAdvice {
  table: string;
  /** "add": declare a new index; "reuse": an existing index already serves the queries, use `withIndex`. */
  action: "add" | "reuse";
  index: Index;
  patterns: AdvisedPattern[];
  /** Sums over the patterns, when every pattern has an estimate. */
  before?: number;
  after?: number;
  /** Notes such as an order change for a merged pattern. */
  notes: string[];
  /** Some pattern's gain is clear (see `AdvisedPattern.strong`); the codemod only adds such indexes. */
  strong: boolean;
  operations: SchemaOperation[];
}

export interface AdviseOptions {
  /** Tables with at least this many documents get `staged: true` indexes (backfilled without blocking). @default 100000 */
  stagedAbove?: number;
}

/** Whether the order of results can matter to the caller (an explicit order, or a subset picked by order). */
export function orderMatters(a: DbAccess): boolean {
  if (a.order) return true;
  const k = a.terminal?.kind;
  return k === "take" || k === "first" || k === "paginate";
}

interface Pattern {
  need: QueryNeed;
  fields: string[];
  /** A `.filter()` range with no equality to move (OPT108's range case): the index needs this field next. */
  range?: string;
}

/**
 * Advises indexes for the query accesses of a project. Deterministic: sorted by table, then index name.
 * @param stats documents per table and per-field selectivity, for before/after estimates and `staged`
 */
export function adviseIndexes(
  schema: SchemaModel,
  accesses: DbAccess[],
  stats?: DataStats,
  options: AdviseOptions = {},
): IndexAdvice[] {
  const byTable = new Map<string, Pattern[]>();
  for (const a of accesses) {
    const need = queryNeed(schema, a);
    if (!need) continue;
    if (need.eqFilter.length === 0) {
      // A range in `.filter()` alone: an index on the served equalities then the range field reads only the range.
      const range = rangeOnlyFilter(need);
      if (!range || tableIncomplete(schema, need.table.name)) continue;
      const list = byTable.get(need.table.name) ?? [];
      list.push({ need, fields: [...need.eqServed, range.field], range: range.field });
      byTable.set(need.table.name, list);
      continue;
    }
    // Statistics showing no real gain rule the pattern out, as they do for the findings.
    const est = estimateReads(
      need,
      need.eqFilter.map((e) => e.field),
      stats,
    );
    if (est && !worthIt(est)) continue;
    const list = byTable.get(need.table.name) ?? [];
    list.push({ need, fields: exactFields(need) });
    byTable.set(need.table.name, list);
  }
  const out: IndexAdvice[] = [];
  for (const [, patterns] of [...byTable].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.push(...adviseTable(patterns[0].need.table, patterns, stats, options.stagedAbove ?? 100_000));
  }
  return out;
}

function adviseTable(
  table: Table,
  patterns: Pattern[],
  stats: DataStats | undefined,
  stagedAbove: number,
): IndexAdvice[] {
  const advice = new Map<string, IndexAdvice>();
  const taken = new Set([...table.indexes, ...table.searchIndexes, ...table.vectorIndexes].map((i) => i.name));
  const fits = (fields: string[], p: Pattern): boolean => {
    if (p.range) {
      const eq = new Set(p.need.eqServed);
      return fields.slice(0, eq.size).every((f) => eq.has(f)) && fields[eq.size] === p.range;
    }
    const s = serves(fields, p.need);
    return s.serves && (s.sameOrder || !orderMatters(p.need.access));
  };
  // Longest needs first, so shorter ones can ride on an index chosen for a longer one.
  const sorted = [...patterns].sort((a, b) => b.fields.length - a.fields.length);
  const chosen: IndexAdvice[] = [];
  for (const p of sorted) {
    const existing = usableIndexes(table).find((i) => fits(i.fields, p));
    let target = existing ? reuse(advice, table, existing) : chosen.find((c) => fits(c.index.fields, p));
    if (!target) {
      const name = uniqueName(taken, p.fields);
      taken.add(name);
      const docs = stats?.tables[table.name]?.documents;
      const index: Index = {
        name,
        fields: p.fields,
        ...(docs !== undefined && docs >= stagedAbove ? { staged: true } : {}),
      };
      target = {
        table: table.name,
        action: "add",
        index,
        patterns: [],
        notes: [],
        strong: false,
        operations: [{ op: "addIndex", table: table.name, index }],
      };
      chosen.push(target);
      advice.set(name, target);
    }
    const s = serves(target.index.fields, p.need);
    if (p.range && (orderMatters(p.need.access) || p.need.access.terminal?.kind === "collect")) {
      target.notes.push(
        `${p.need.access.function}: results come back ordered by "${p.range}" instead of creation time.`,
      );
    } else if (!p.range && !s.sameOrder) {
      target.notes.push(
        `${p.need.access.function}: results come back ordered by "${target.index.fields.slice(p.need.eqServed.length + p.need.eqFilter.length).join('", "')}" instead of creation time.`,
      );
    }
    target.patterns.push(pattern(p, target.index, stats));
  }
  return [...advice.values()].map(withTotals).sort((a, b) => (a.index.name < b.index.name ? -1 : 1));
}

function reuse(advice: Map<string, IndexAdvice>, table: Table, index: Index): IndexAdvice {
  const found = advice.get(index.name);
  if (found) return found;
  const created: IndexAdvice = {
    table: table.name,
    action: "reuse",
    index,
    patterns: [],
    notes: [],
    strong: false,
    operations: [],
  };
  advice.set(index.name, created);
  return created;
}

function pattern(p: Pattern, index: Index, stats: DataStats | undefined): AdvisedPattern {
  const equality = [...p.need.eqServed, ...p.need.eqFilter.map((e) => e.field)];
  // A range's selectivity is not known from equality statistics: no estimate, and not "strong" for the codemod.
  if (p.range) return { function: p.need.access.function, loc: p.need.access.loc, equality, strong: false };
  const eqCovered = index.fields.slice(0, equality.length);
  const est = estimateReads(p.need, eqCovered, stats);
  const a = p.need.access;
  const strong = est
    ? worthIt(est)
    : p.need.eqServed.length === 0 && p.need.eqFilter.some((e) => isIdField(p.need.table, e.field));
  return {
    function: a.function,
    loc: a.loc,
    equality,
    strong,
    ...(est ? { before: est.before, after: est.after } : {}),
  };
}

function withTotals(a: IndexAdvice): IndexAdvice {
  if (a.patterns.every((p) => p.before !== undefined && p.after !== undefined)) {
    a.before = a.patterns.reduce((s, p) => s + (p.before ?? 0), 0);
    a.after = a.patterns.reduce((s, p) => s + (p.after ?? 0), 0);
  }
  a.notes = [...new Set(a.notes)];
  a.strong = a.patterns.some((p) => p.strong);
  return a;
}

function uniqueName(taken: Set<string>, fields: string[]): string {
  const base = `by_${fields.map((f) => f.replace(/\./g, "_")).join("_and_")}`;
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}
