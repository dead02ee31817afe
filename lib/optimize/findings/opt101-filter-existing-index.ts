/** OPT101: a `.filter()` equality that an existing index serves; the query reads documents it could skip. */
import type { Finding } from "../types";
import { estimateText, filterFor, filterIndexCases, rangeText, scanScope } from "./index-filters";
import type { OptimizerCheck } from "./shared";
import { quoteList } from "./shared";

export const filterExistingIndex: OptimizerCheck = {
  code: "OPT101",
  severity: "warning",
  name: "filter-existing-index",
  check(input) {
    const out: Finding[] = [];
    for (const c of filterIndexCases(input)) {
      if (c.kind !== "existing") continue;
      const fields = c.need.eqFilter.map((e) => e.field);
      const filter = filterFor(c.need);
      const orderNote = c.sameOrder ? "" : `; results would then be ordered by ${quoteList(c.index.fields.slice(c.need.eqServed.length + fields.length))}`;
      const same = c.index.name === c.need.access.index?.name;
      const how = same ? `, which could compare ${quoteList(fields)} itself` : ` although index "${c.index.name}" serves it`;
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
    return out;
  },
};
