/** Documents-read estimates from data statistics (documents per table, per-field selectivity). */
import type { QueryNeed } from "./needs";
import type { DataStats, DbAccess } from "./types";

/** Share of a table's documents an equality on `field` matches, when the statistics say. */
export function selectivity(stats: DataStats | undefined, table: string, field: string): number | undefined {
  const f = stats?.tables[table]?.fields?.[field];
  if (!f) return undefined;
  if (typeof f.selectivity === "number") return clamp(f.selectivity);
  if (typeof f.distinct === "number" && f.distinct > 0) return clamp(1 / f.distinct);
  return undefined;
}

function clamp(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** How many documents the query wants at most (`first` → 1, `take(10)` → 10), or undefined for all. */
export function wanted(access: DbAccess): number | undefined {
  const t = access.terminal;
  if (!t) return undefined;
  if (t.kind === "first") return 1;
  if (t.kind === "unique") return 2;
  if (t.kind === "take" && typeof t.n === "number") return t.n;
  return undefined;
}

export interface ReadEstimate {
  before: number;
  after: number;
}

/**
 * Documents read now and with an index whose equality prefix covers `indexEq`, for a query need.
 * Undefined when the table size or a needed field's selectivity is unknown.
 */
export function estimateReads(
  need: QueryNeed,
  indexEq: string[],
  stats: DataStats | undefined,
): ReadEstimate | undefined {
  const table = need.access.table;
  const n = stats?.tables[table]?.documents;
  if (n === undefined) return undefined;
  const product = (fields: string[]): number | undefined => {
    let p = 1;
    for (const f of fields) {
      const s = selectivity(stats, table, f);
      if (s === undefined) return undefined;
      p *= s;
    }
    return p;
  };
  const filterFields = need.eqFilter.map((e) => e.field);
  const served = product(need.eqServed);
  const all = product([...new Set([...need.eqServed, ...filterFields])]);
  const covered = product([...new Set([...need.eqServed, ...indexEq])]);
  if (served === undefined || all === undefined || covered === undefined) return undefined;
  const want = wanted(need.access);
  const scopeBefore = n * served;
  const matching = n * all;
  // Scanning stops once enough matches are found; matches are spread through the scanned range.
  const before =
    want === undefined
      ? scopeBefore
      : Math.min(scopeBefore, matching > 0 ? (want * scopeBefore) / matching : scopeBefore);
  const scopeAfter = n * covered;
  const after =
    want === undefined ? scopeAfter : Math.min(scopeAfter, matching > 0 ? (want * scopeAfter) / matching : scopeAfter);
  return { before: Math.round(before), after: Math.round(after) };
}

/** Whether an estimated change is worth suggesting: at least 10 fewer documents and at least 20% fewer. */
export function worthIt(e: ReadEstimate): boolean {
  return e.before - e.after >= 10 && e.after <= e.before * 0.8;
}
