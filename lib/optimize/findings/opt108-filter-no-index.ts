/** OPT108: a `.filter()` equality on a (non-id) field that no index serves. Info unless statistics show the gain. */
import type { SchemaOperation } from "../../schema/operations";
import type { Finding } from "../types";
import { estimateText, filterFor, filterIndexCases, scanScope } from "./index-filters";
import type { OptimizerCheck } from "./shared";
import { quoteList } from "./shared";

export const filterNoIndex: OptimizerCheck = {
  code: "OPT108",
  severity: "info",
  name: "filter-no-index",
  check(input) {
    const out: Finding[] = [];
    for (const c of filterIndexCases(input)) {
      if (c.kind !== "missing" || c.misordered || c.idFields.length > 0) continue;
      const fields = c.need.eqFilter.map((e) => e.field);
      const op: SchemaOperation = { op: "addIndex", table: c.need.table.name, index: { name: c.name, fields: c.fields } };
      out.push({
        code: "OPT108",
        severity: c.estimate ? "warning" : "info",
        message: `Filter on ${quoteList(fields)} reads ${scanScope(c.need)}; index "${c.name}" would read only matching documents${estimateText(c.estimate)}.`,
        path: `${c.need.table.name}.${fields[0]}`,
        loc: filterFor(c.need).loc,
        functions: c.functions,
        fixes: [{ description: `Add index "${c.name}" on ${quoteList(c.fields)} to "${c.need.table.name}" and query it with .withIndex.`, operations: [op] }],
      });
    }
    return out;
  },
};
