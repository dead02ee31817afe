/** OPT107: a `.filter()` equality on a `v.id` field that no index serves. */
import type { SchemaOperation } from "../../schema/operations";
import type { Finding } from "../types";
import type { Fix } from "../../schema/model";
import { inSetFindings } from "./in-set-filter";
import type { FilterIndexCase } from "./index-filters";
import { estimateText, filterFor, filterIndexCases, partlyText, scanScope } from "./index-filters";
import type { OptimizerCheck } from "./shared";
import { quoteList } from "./shared";

/** Reusing the index that serves part of the filter: no schema change. */
export function partlyFix(c: Extract<FilterIndexCase, { kind: "missing" }>): Fix[] {
  if (!c.partly) return [];
  const steps = c.partly.fields.map((f) => `.eq("${f}", …)`).join("");
  return [
    {
      description: `Query index "${c.partly.index.name}" with .withIndex("${c.partly.index.name}", q => q${steps}) and keep .filter for the rest.`,
    },
  ];
}

export const idFilterNoIndex: OptimizerCheck = {
  code: "OPT107",
  severity: "warning",
  name: "id-filter-no-index",
  summary: "A .filter() equality on a v.id field that no index serves.",
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
        message: c.partly
          ? `Filter on id field ${quoteList(c.idFields)} reads ${scanScope(c.need)}${partlyText(c)}; index "${c.name}" on ${quoteList(c.fields)} would serve all of it${estimateText(c.estimate)}.`
          : `Filter on id field ${quoteList(c.idFields)} reads ${scanScope(c.need)}; no index serves it${estimateText(c.estimate)}.`,
        path: `${c.need.table.name}.${c.idFields[0]}`,
        loc: filterFor(c.need).loc,
        functions: c.functions,
        ...(c.partly ? { partlyServedBy: { index: c.partly.index.name, fields: c.partly.fields } } : {}),
        fixes: [
          ...partlyFix(c),
          {
            description: `Add index "${c.name}" on ${quoteList(c.fields)} to "${c.need.table.name}" and query it with .withIndex.`,
            operations: [op],
          },
        ],
      });
    }
    out.push(...inSetFindings(input, "OPT107"));
    return out;
  },
};
