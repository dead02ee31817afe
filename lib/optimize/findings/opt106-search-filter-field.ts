/**
 * OPT106: a search index queried with filters on fields that are not among its `filterFields` (Convex rejects
 * `.eq` on them), on a field other than its `searchField`, or with a `.filter()` equality after the search
 * that the index could apply itself if the field were a filter field.
 */
import { findTable } from "../../schema/model";
import { conjuncts } from "../needs";
import type { Finding } from "../types";
import type { OptimizerCheck } from "./shared";
import { quoteList, querySites } from "./shared";

export const searchFilterField: OptimizerCheck = {
  code: "OPT106",
  severity: "warning",
  name: "search-filter-field",
  summary:
    "A search index queried on a field outside its filterFields, on the wrong search field, or filtered after the search.",
  check({ schema, analysis }) {
    const out: Finding[] = [];
    for (const { access, functions } of querySites(analysis)) {
      const use = access.search;
      const table = findTable(schema, access.table);
      const idx = use && table?.searchIndexes.find((s) => s.name === use.name);
      if (!use || !table || !idx) continue;
      const path = `${table.name}.${idx.name}`;
      // A search whose own steps are not read (built in branches) still has its .filter() after it checked.
      if (!use.opaque && use.searchField && use.searchField !== idx.searchField) {
        out.push({
          code: "OPT106",
          severity: "error",
          message: `Search index "${idx.name}" of "${table.name}" searches "${idx.searchField}", not "${use.searchField}".`,
          path,
          loc: use.loc,
          functions,
          fixes: [{ description: `Search "${idx.searchField}" or add a search index on "${use.searchField}".` }],
        });
      }
      const bad = use.opaque ? [] : use.eq.filter((f) => !idx.filterFields.includes(f));
      if (bad.length) {
        out.push({
          code: "OPT106",
          severity: "error",
          message: `Search index "${idx.name}" of "${table.name}" is filtered on ${quoteList(bad)}, which ${bad.length > 1 ? "are" : "is"} not among its filterFields.`,
          path,
          loc: use.loc,
          functions,
          fixes: [{ description: `Add ${quoteList(bad)} to the filterFields of "${idx.name}".` }],
        });
      }
      for (const f of access.filters) {
        const eqs = conjuncts(f.predicate).flatMap((c) => (c.op === "eq" && !c.field.includes(".") ? [c.field] : []));
        if (!eqs.length) continue;
        const inIndex = eqs.filter((x) => idx.filterFields.includes(x));
        const notInIndex = eqs.filter((x) => !idx.filterFields.includes(x));
        out.push({
          code: "OPT106",
          severity: "warning",
          message: `Filter on ${quoteList(eqs)} runs after search index "${idx.name}" of "${table.name}" has cut its results, so matches can be missed.`,
          path,
          loc: f.loc,
          functions,
          fixes: [
            {
              description: notInIndex.length
                ? `Add ${quoteList(notInIndex)} to the filterFields of "${idx.name}" and use .eq(...) inside withSearchIndex.`
                : `Move ${quoteList(inIndex)} into withSearchIndex as .eq(...).`,
            },
          ],
        });
      }
    }
    return out;
  },
};
