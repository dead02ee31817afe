/** OPT109: `withIndex`, `withSearchIndex` or `vectorSearch` naming an index the table does not declare. */
import { findTable } from "../../schema/model";
import { BUILTIN_INDEXES, tableIncomplete } from "../needs";
import type { Finding } from "../types";
import type { OptimizerCheck } from "./shared";
import { querySites } from "./shared";

export const unknownIndex: OptimizerCheck = {
  code: "OPT109",
  severity: "error",
  name: "unknown-index",
  summary: "withIndex, withSearchIndex or vectorSearch naming an index the table does not declare.",
  check({ schema, analysis }) {
    const out: Finding[] = [];
    const vector = analysis.accesses
      .filter((a) => a.operation === "vectorSearch")
      .map((access) => ({ access, functions: [access.function] }));
    for (const { access, functions } of [...querySites(analysis), ...vector]) {
      const table = findTable(schema, access.table);
      if (!table || tableIncomplete(schema, table.name)) continue;
      const use = access.search ?? access.index;
      if (!use) continue;
      const kind = access.search ? "search index" : access.operation === "vectorSearch" ? "vector index" : "index";
      const names =
        kind === "search index"
          ? table.searchIndexes.map((i) => i.name)
          : kind === "vector index"
            ? table.vectorIndexes.map((i) => i.name)
            : [...table.indexes.map((i) => i.name), ...Object.keys(BUILTIN_INDEXES)];
      if (names.includes(use.name)) continue;
      out.push({
        code: "OPT109",
        severity: "error",
        message: `Table "${table.name}" has no ${kind} "${use.name}".`,
        path: `${table.name}.${use.name}`,
        loc: use.loc,
        functions,
        fixes: [
          { description: names.length ? `Use one of: ${names.join(", ")}.` : `Declare the ${kind} in schema.ts.` },
        ],
      });
    }
    return out;
  },
};
