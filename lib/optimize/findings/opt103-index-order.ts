/**
 * OPT103: index fields in an order that cannot serve the query. Either the `withIndex` range does not follow
 * the index's field order (Convex rejects it), or an index holds the needed fields with the range field before
 * an equality field, so it cannot narrow the read.
 */
import type { SchemaOperation } from "../../schema/operations";
import { findTable } from "../../schema/model";
import { indexFields } from "../needs";
import type { Finding, IndexUse } from "../types";
import { filterIndexCases, filterFor } from "./index-filters";
import type { OptimizerCheck } from "./shared";
import { quoteList, querySites } from "./shared";

export const indexOrder: OptimizerCheck = {
  code: "OPT103",
  severity: "warning",
  name: "index-order",
  summary: "An index range against the index's field order, or an index whose field order cannot serve the query.",
  check(input) {
    const out: Finding[] = [];
    for (const { access, functions } of querySites(input.analysis)) {
      const table = findTable(input.schema, access.table);
      if (!table || !access.index || access.index.opaque) continue;
      const fields = indexFields(table, access.index.name);
      if (!fields) continue;
      const problem = rangeProblem(
        access.index,
        access.index.name === "by_id" ? ["_id"] : [...fields, "_creationTime"],
      );
      if (!problem) continue;
      out.push({
        code: "OPT103",
        severity: "error",
        message: `The range on index "${access.index.name}" of "${access.table}" ${problem}.`,
        path: `${access.table}.${access.index.name}`,
        loc: access.index.loc,
        functions,
        fixes: [
          {
            description: `Compare fields in the index's order (${quoteList(fields)}): equalities first, then at most one range on the next field.`,
          },
        ],
      });
    }
    for (const c of filterIndexCases(input)) {
      if (c.kind !== "missing" || !c.misordered) continue;
      const { index, range, fromFilter } = c.misordered;
      const eq = [...c.need.eqServed, ...c.need.eqFilter.map((e) => e.field)];
      const op: SchemaOperation = {
        op: "addIndex",
        table: c.need.table.name,
        index: { name: c.name, fields: c.fields },
      };
      out.push({
        code: "OPT103",
        severity: fromFilter ? "info" : "warning",
        message: `Index "${index.name}" has the fields this query needs in an order that cannot serve it: the range on "${range}" must come after the equality on ${quoteList(eq)}.`,
        path: `${c.need.table.name}.${index.name}`,
        loc: filterFor(c.need).loc,
        functions: c.functions,
        fixes: [
          {
            description: `Add index "${c.name}" on ${quoteList(c.fields)}${fromFilter ? ' (results then come back ordered by "' + range + '")' : ""}.`,
            operations: [op],
          },
        ],
      });
    }
    return out;
  },
};

/** Why a range does not follow the index's field order, or undefined when it does. */
export function rangeProblem(use: IndexUse, fields: string[]): string | undefined {
  let pos = 0;
  let lower = false;
  let upper = false;
  let rangeField: string | undefined;
  for (const step of use.steps) {
    if (step.op === "eq") {
      if (rangeField) return `compares "${step.field}" for equality after the range on "${rangeField}"`;
      if (fields[pos] !== step.field) {
        return fields.includes(step.field)
          ? `compares "${step.field}" where the index expects "${fields[pos] ?? "nothing more"}"`
          : `uses "${step.field}", which is not a field of the index`;
      }
      pos++;
      continue;
    }
    if (rangeField && step.field !== rangeField) return `has ranges on both "${rangeField}" and "${step.field}"`;
    if (!rangeField && fields[pos] !== step.field) {
      return fields.includes(step.field)
        ? `puts a range on "${step.field}" where the index expects "${fields[pos] ?? "nothing more"}"`
        : `uses "${step.field}", which is not a field of the index`;
    }
    rangeField = step.field;
    const isLower = step.op === "gt" || step.op === "gte";
    if (isLower ? lower || upper : upper)
      return `bounds "${step.field}" twice or puts the lower bound after the upper bound`;
    if (isLower) lower = true;
    else upper = true;
  }
  return undefined;
}
