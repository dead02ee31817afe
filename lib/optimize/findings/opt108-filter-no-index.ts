/** OPT108: a `.filter()` equality on a (non-id) field that no index serves. Info unless statistics show the gain. */
import type { SchemaOperation } from "../../schema/operations";
import type { Finding } from "../types";
import { inSetFindings } from "./in-set-filter";
import { estimateText, filterFor, filterIndexCases, partlyText, scanScope } from "./index-filters";
import { findTable } from "../../schema/model";
import { tableIncomplete, usableIndexes } from "../needs";
import type { CheckInput, OptimizerCheck } from "./shared";
import { querySites, quoteList } from "./shared";
import { orderMatters } from "../advisor";
import { partlyFix } from "./opt107-id-filter-no-index";
import type { DbAccess } from "../types";

/** "; results then come back ordered by \"likes\"" when the caller may rely on the current order. */
function orderChange(access: DbAccess, field: string): string {
  return orderMatters(access) || access.terminal?.kind === "collect"
    ? `; results then come back ordered by "${field}"`
    : "";
}

export const filterNoIndex: OptimizerCheck = {
  code: "OPT108",
  severity: "info",
  name: "filter-no-index",
  summary: "A .filter() equality on a field other than an id that no index serves.",
  check(input) {
    const out: Finding[] = [];
    for (const c of filterIndexCases(input)) {
      if (c.kind !== "missing" || c.misordered || c.idFields.length > 0) continue;
      const op: SchemaOperation = {
        op: "addIndex",
        table: c.need.table.name,
        index: { name: c.name, fields: c.fields },
      };
      if (c.rangeOnly) {
        const { field, terms, rest } = c.rangeOnly;
        const steps = [
          ...c.need.eqServed.map((f) => `.eq("${f}", …)`),
          ...terms.map((t) => `.${t.op}("${field}", ${t.valueText})`),
        ];
        const t = c.need.access.terminal?.kind;
        // Unbounded on a whole table: the index is what keeps the read from growing with the data.
        const unbounded = (t === "collect" || t === "iterate") && c.need.eqServed.length === 0;
        out.push({
          code: "OPT108",
          severity: unbounded ? "warning" : "info",
          message: rest.length
            ? `Range filters on ${quoteList([field, ...rest])} read ${scanScope(c.need)}; index "${c.name}" on ${quoteList(c.fields)} would read only the documents in the "${field}" range, the filter keeping ${quoteList(rest)}${orderChange(c.need.access, field)}.`
            : `Range filter on "${field}" reads ${scanScope(c.need)}; index "${c.name}" on ${quoteList(c.fields)} would read only the documents in range${orderChange(c.need.access, field)}.`,
          path: `${c.need.table.name}.${field}`,
          loc: filterFor(c.need, field).loc,
          functions: c.functions,
          fixes: [
            {
              description: `Add index "${c.name}" and query it with .withIndex("${c.name}", q => q${steps.join("")})${rest.length ? `, keeping the filter on ${quoteList(rest)}` : ""}.`,
              operations: [op],
            },
          ],
        });
        continue;
      }
      const fields = c.need.eqFilter.map((e) => e.field);
      out.push({
        code: "OPT108",
        severity: c.estimate ? "warning" : "info",
        message: `Filter on ${quoteList(fields)} reads ${scanScope(c.need)}${partlyText(c)}; index "${c.name}" would read only matching documents${estimateText(c.estimate)}.`,
        path: `${c.need.table.name}.${fields[0]}`,
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
    out.push(...computedFieldFindings(input), ...inSetFindings(input, "OPT108"));
    return out;
  },
};

/**
 * A `.filter()` on a field named at run time (``q.field(`meta.ids.${provider}`)``) that no index of the table could
 * hold (none has a field starting with the path's constant part): every document in scope is read. A whole-table
 * collect of it is OPT102's.
 */
function computedFieldFindings(input: CheckInput): Finding[] {
  const out: Finding[] = [];
  for (const { access, functions } of querySites(input.analysis)) {
    if (access.search || access.index?.opaque || !access.table) continue;
    const table = findTable(input.schema, access.table);
    if (!table || tableIncomplete(input.schema, table.name)) continue;
    const t = access.terminal?.kind;
    const scan = !access.equalityFields.length && !access.rangeFields.length;
    if (!t || (scan && (t === "collect" || t === "iterate"))) continue;
    for (const f of access.filters) {
      const c = f.computedFields?.find(
        (c) => !usableIndexes(table).some((i) => i.fields.some((field) => field.startsWith(c.prefix))),
      );
      if (!c) continue;
      const scope = access.equalityFields.length
        ? `every document of "${table.name}" matching index "${access.index?.name}"`
        : access.rangeFields.length
          ? `every document of "${table.name}" in the range of index "${access.index?.name}"`
          : `every document of "${table.name}"`;
      out.push({
        code: "OPT108",
        severity: "info",
        message: `Filter on a field named at run time (${c.text}) reads ${scope}; no index of "${table.name}" holds a field ${c.prefix ? `under "${c.prefix}"` : "it could name"}.`,
        path: c.prefix ? `${table.name}.${c.prefix.replace(/\.$/, "")}` : table.name,
        loc: f.loc,
        functions,
        fixes: [
          {
            description:
              "Keep the looked-up value in a field of its own (one per key, or a key/value pair) and index it, then query it with .withIndex.",
          },
        ],
      });
      break;
    }
  }
  return out;
}
