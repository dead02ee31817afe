/**
 * OPT105: an index no code uses. Reported only when the whole project was analysed and no database access
 * that could use an index went unseen (a computed table or index name, the database handed to unknown code).
 */
import type { SchemaOperation } from "../../schema/operations";
import { tableIncomplete } from "../needs";
import type { Analysis, Finding } from "../types";
import { filterIndexCases } from "./index-filters";
import { rangeFindings } from "./opt101-filter-existing-index";
import type { OptimizerCheck } from "./shared";
import { definedInPackage } from "./shared";

/** Whether some access the analysis could not follow might use an index of `table`. */
export function hasUnseenIndexUse(analysis: Analysis, table: string): boolean {
  return analysis.notAnalysed.some(
    (n) =>
      n.affectsIndexes &&
      (n.table !== undefined ? n.table === table : n.tables === undefined || n.tables.includes(table)),
  );
}

export const unusedIndex: OptimizerCheck = {
  code: "OPT105",
  severity: "warning",
  name: "unused-index",
  summary: "An index no function uses (only when nothing that could use an index went unanalysed).",
  check({ schema, analysis }) {
    if (!analysis.complete || analysis.functions.length === 0) return [];
    const out: Finding[] = [];
    // An index OPT101 recommends using is not unused: it is under-used.
    const wanted = new Set([
      ...filterIndexCases({ schema, analysis }).flatMap((c) =>
        c.kind === "existing" ? [`${c.need.table.name}.${c.index.name}`] : [],
      ),
      ...rangeFindings({ schema, analysis }).flatMap((f) => (f.path ? [f.path] : [])),
    ]);
    // Tables a library defines (e.g. authTables from a package) are not the project's to change.
    for (const table of schema.tables.filter((t) => !definedInPackage(t))) {
      if (hasUnseenIndexUse(analysis, table.name) || tableIncomplete(schema, table.name)) continue;
      // Names that appear in code the analysis did not follow count as used.
      const used = new Set<string>(analysis.literals);
      for (const a of analysis.accesses) {
        if (a.table !== table.name) continue;
        if (a.index) used.add(a.index.name);
        if (a.search) used.add(a.search.name);
      }
      const all = [
        ...table.indexes.map((i) => ({ ...i, kind: "index" })),
        ...table.searchIndexes.map((i) => ({ ...i, kind: "search index" })),
        ...table.vectorIndexes.map((i) => ({ ...i, kind: "vector index" })),
      ];
      for (const idx of all) {
        // A library's index (a convex-ents edge index) stays whether or not code uses it.
        if (idx.staged || idx.generatedBy || used.has(idx.name) || wanted.has(`${table.name}.${idx.name}`)) continue;
        const op: SchemaOperation = { op: "removeIndex", table: table.name, name: idx.name };
        out.push({
          code: "OPT105",
          severity: "warning",
          message: `The ${idx.kind} "${idx.name}" of "${table.name}" is not used by any function.`,
          path: `${table.name}.${idx.name}`,
          loc: idx.loc ?? table.loc,
          fixes: [
            {
              description: `Remove "${idx.name}": every write to "${table.name}" pays to maintain it.`,
              operations: [op],
            },
          ],
        });
      }
    }
    return out;
  },
};
