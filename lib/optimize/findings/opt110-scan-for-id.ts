/**
 * OPT110: a query reads a whole table (or index range) to find one document by `_id`: it collects and then looks
 * for it (`.find(d => d._id === id)`), or filters on it (`.filter(q => q.eq(q.field("_id"), id))`). `ctx.db.get(id)`
 * reads that one document; it also works when the table name is computed at run time, since an id carries its table.
 */
import { conjuncts } from "../needs";
import type { DbAccess, FilterCall, Finding } from "../types";
import type { OptimizerCheck } from "./shared";
import { querySites, scannedScope } from "./shared";

/** The first `.filter()` whose predicate requires `_id` to equal a value (a top-level conjunct `eq(_id, …)`). */
export function idFilter(access: DbAccess): FilterCall | undefined {
  return access.filters.find((f) => conjuncts(f.predicate).some((c) => c.op === "eq" && c.field === "_id"));
}

export const scanForId: OptimizerCheck = {
  code: "OPT110",
  severity: "warning",
  name: "scan-for-id",
  summary: "A whole table or index range collected to find one document by _id: use ctx.db.get(id).",
  check({ analysis }) {
    const out: Finding[] = [];
    for (const { access, functions } of querySites(analysis)) {
      const filter = idFilter(access);
      if (filter) {
        const scope = access.equalityFields.length
          ? `every document of ${tableText(access)} matching index "${access.index?.name}"`
          : scannedScope(access);
        out.push({
          code: "OPT110",
          severity: "warning",
          message: `.filter() on "_id" reads ${scope} until it finds one document.`,
          path: access.table || undefined,
          loc: filter.loc,
          functions,
          fixes: [{ description: "Read that document with ctx.db.get(id): one read instead of a scan." }],
        });
        continue;
      }
      if (!access.findsById || access.terminal?.kind !== "collect") continue;
      out.push({
        code: "OPT110",
        severity: "warning",
        message: `.collect() reads ${scannedScope(access)} to find one document by "_id".`,
        path: access.table || undefined,
        loc: access.findsById,
        functions,
        fixes: [{ description: "Read that document with ctx.db.get(id): one read instead of the whole table." }],
      });
    }
    return out;
  },
};

function tableText(access: DbAccess): string {
  return access.computedTable ? `the table named by \`${access.computedTable.text}\`` : `"${access.table}"`;
}
