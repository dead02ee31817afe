/** OPT107: a `.filter()` equality on a `v.id` field that no index serves. */
import type { SchemaOperation } from "../../schema/operations";
import type { Finding } from "../types";
import { estimateText, filterFor, filterIndexCases, scanScope } from "./index-filters";
import type { OptimizerCheck } from "./shared";
import { quoteList } from "./shared";

export const idFilterNoIndex: OptimizerCheck = {
  code: "OPT107",
  severity: "warning",
  name: "id-filter-no-index",
  check(input) {
    const out: Finding[] = [];
    for (const c of filterIndexCases(input)) {
      if (c.kind !== "missing" || c.misordered || c.idFields.length === 0) continue;
      const op: SchemaOperation = {
        op: "addIndex",
        table: c.need.table.name,
        index: { name: c.name, fields: c.fields },
      };
      // A full scan on an id equality is almost always worth an index; inside an index range it depends on data.
      const severity = c.estimate || c.need.eqServed.length === 0 ? "warning" : "info";
      out.push({
        code: "OPT107",
        severity,
        message: `Filter on id field ${quoteList(c.idFields)} reads ${scanScope(c.need)}; no index serves it${estimateText(c.estimate)}.`,
        path: `${c.need.table.name}.${c.idFields[0]}`,
        loc: filterFor(c.need).loc,
        functions: c.functions,
        fixes: [
          {
            description: `Add index "${c.name}" on ${quoteList(c.fields)} to "${c.need.table.name}" and query it with .withIndex.`,
            operations: [op],
          },
        ],
      });
    }
    return out;
  },
};
