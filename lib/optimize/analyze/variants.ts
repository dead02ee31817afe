/**
 * A query built conditionally (`let q = …; if (x) q = q.filter(…)`) is followed along every path, which gives one
 * access per variant at the same place. Checks must see one query there, or they contradict each other (the same
 * filter "served by an index" in one variant and "served by none" in another): variants that differ only in
 * filters and order become one access with the union of the filters, the conditional ones listed.
 */
import type { DbAccess, FilterCall } from "../types";

export function mergeVariants(accesses: DbAccess[]): DbAccess[] {
  const groups = new Map<string, DbAccess[]>();
  const out: (DbAccess | string)[] = [];
  for (const a of accesses) {
    if (a.operation !== "query") {
      out.push(a);
      continue;
    }
    const key = JSON.stringify([
      a.function,
      a.loc,
      a.table,
      a.computedTable?.text,
      a.index,
      a.search,
      a.terminal,
      a.via,
    ]);
    const group = groups.get(key);
    if (group) group.push(a);
    else {
      groups.set(key, [a]);
      out.push(key);
    }
  }
  return out.map((x) => (typeof x === "string" ? merge(groups.get(x) as DbAccess[]) : x));
}

function filterKey(f: FilterCall): string {
  return JSON.stringify([f.loc, f.predicate]);
}

function merge(variants: DbAccess[]): DbAccess {
  if (variants.length === 1) return variants[0];
  const filters = new Map<string, FilterCall>();
  for (const v of variants) for (const f of v.filters) if (!filters.has(filterKey(f))) filters.set(filterKey(f), f);
  const all = [...filters.values()].sort((x, y) => x.span.start - y.span.start);
  const conditional = all.filter((f) => !variants.every((v) => v.filters.some((g) => filterKey(g) === filterKey(f))));
  const orders = new Set(variants.map((v) => v.order));
  const merged: DbAccess = {
    ...variants[0],
    filters: all,
    filterFields: [...new Set(variants.flatMap((v) => v.filterFields))],
    order: orders.size === 1 ? variants[0].order : "dynamic",
    findsById: variants.find((v) => v.findsById)?.findsById,
  };
  if (!merged.findsById) delete merged.findsById;
  if (merged.order === undefined) delete merged.order;
  if (conditional.length) merged.conditionalFilters = conditional.map((f) => f.loc);
  return merged;
}
