/**
 * OPT102: `.collect()` (or `for await`) in a query or mutation with no `take`/`paginate` and no index equality:
 * it reads a whole table or index range, which grows with the data and hits Convex's read limits.
 */
import type { Finding } from "../types";
import { inSetCases } from "./in-set-filter";
import { filterIndexCases } from "./index-filters";
import { rangeCases } from "./opt101-filter-existing-index";
import { idFilter } from "./opt110-scan-for-id";
import type { OptimizerCheck } from "./shared";
import { isReadWriteFunction, querySites, scannedScope } from "./shared";

const SMALL_TABLE = 100;

export const unboundedCollect: OptimizerCheck = {
  code: "OPT102",
  severity: "warning",
  name: "unbounded-collect",
  summary: "A .collect() or for-await read with no limit and no index equality: it reads the whole table or range.",
  check(input) {
    // Queries whose filter an index would narrow are reported by OPT101/OPT107 instead: the index is the fix.
    const covered = new Set(
      filterIndexCases(input)
        .filter((c) => c.kind === "existing" || c.idFields.length > 0 || !!c.rangeOnly)
        // For a conditionally built query, only filters applied on every path bound it.
        .filter(
          (c) => c.need.access.filters.length === c.site.filters.length - (c.site.conditionalFilters?.length ?? 0),
        )
        .map((c) => c.site),
    );
    // A range filter an existing index serves: the withIndex range is the fix (OPT101).
    for (const c of rangeCases(input)) if (!c.access.conditionalFilters?.length) covered.add(c.access);
    // A filter keeping one of a few values of a field: an index on it is the fix (OPT101/OPT107/OPT108).
    for (const c of inSetCases(input)) if (!c.need.access.conditionalFilters?.length) covered.add(c.need.access);
    const out: Finding[] = [];
    for (const { access, functions } of querySites(input.analysis)) {
      const t = access.terminal;
      if (!t || (t.kind !== "collect" && t.kind !== "iterate")) continue;
      if (!isReadWriteFunction(access.functionKind) || access.table.startsWith("_")) continue;
      if (access.search || access.index?.opaque || access.equalityFields.length > 0 || covered.has(access)) continue;
      // An index range (`gte(f, cutoff)`, or bounded on both sides) selects its documents like an equality does:
      // what it reads is what the caller asked for, not the whole table.
      if (access.rangeFields.length > 0) continue;
      // Collected (or filtered) to find one id: OPT110 gives the fix (ctx.db.get).
      if ((access.findsById && t.kind === "collect") || idFilter(access)) continue;
      const docs = input.stats?.tables[access.table]?.documents;
      const scope = scannedScope(access);
      const sizeNote = docs !== undefined ? ` (${docs.toLocaleString("en-US")} documents now)` : "";
      const severity = docs !== undefined && docs <= SMALL_TABLE ? "info" : "warning";
      out.push({
        code: "OPT102",
        severity,
        message: `${t.kind === "collect" ? ".collect()" : "for await"} reads ${scope} with no limit${sizeNote}.`,
        path: access.table || undefined,
        loc: t.loc,
        functions,
        fixes: [
          { description: "Bound the read: use .take(n) or .paginate(opts), or narrow it with an index equality." },
        ],
      });
    }
    return out;
  },
};
