/**
 * OPT105: an index no code uses. Reported when the whole project was analysed; a database access the analysis
 * could not follow holds back only the indexes it could use: those on the tables it can be on, that its code could
 * name (an index already chosen, one of a few names, or a name written somewhere in the project's code — an index
 * whose name appears nowhere outside the schema cannot be used by anyone), and only vector indexes for an action's
 * ctx, which has no `db`.
 */
import type { SchemaOperation } from "../../schema/operations";
import { tableIncomplete } from "../needs";
import type { Analysis, Finding, NotAnalysed } from "../types";
import { inSetCases } from "./in-set-filter";
import { libraryReadingIndex } from "./library-indexes";
import { filterIndexCases } from "./index-filters";
import { rangeFindings } from "./opt101-filter-existing-index";
import type { OptimizerCheck } from "./shared";
import { definedInPackage } from "./shared";

type IndexKind = "index" | "search index" | "vector index";

function onTable(n: NotAnalysed, table: string): boolean {
  return n.table !== undefined ? n.table === table : n.tables === undefined || n.tables.includes(table);
}

/** Whether some access the analysis could not follow might use an index of `table` (any, or the one named). */
export function hasUnseenIndexUse(
  analysis: Analysis,
  table: string,
  index?: { name: string; kind: IndexKind },
): boolean {
  const named = index ? nameTest(analysis) : undefined;
  return analysis.notAnalysed.some((n) => {
    if (!n.affectsIndexes || !onTable(n, table)) return false;
    if (!index || !named) return true;
    if (n.vectorOnly && index.kind !== "vector index") return false;
    if (n.indexes) return n.indexes.includes(index.name);
    return !!n.indexNameUnknown || named(index.name);
  });
}

const NAME_TESTS = new WeakMap<Analysis, (name: string) => boolean>();

/**
 * Whether the project's code could name `name` (see `Analysis.names`); without that record (an analysis made
 * elsewhere), every name could be.
 */
function nameTest(analysis: Analysis): ((name: string) => boolean) | undefined {
  if (!analysis.names) return undefined;
  const cached = NAME_TESTS.get(analysis);
  if (cached) return cached;
  const exact = new Set(analysis.names.exact);
  const quote = (t: string) => t.replace(/[$]/g, "\\$");
  const regexes = analysis.names.patterns.map((parts) => new RegExp(`^${parts.map(quote).join(".*")}$`));
  const test = (name: string) => exact.has(name) || regexes.some((r) => r.test(name));
  NAME_TESTS.set(analysis, test);
  return test;
}

export const unusedIndex: OptimizerCheck = {
  code: "OPT105",
  severity: "warning",
  name: "unused-index",
  summary:
    "An index no function uses (an access the analysis could not follow holds back only the indexes it could name).",
  check({ schema, analysis }) {
    if (!analysis.complete || analysis.functions.length === 0) return [];
    const out: Finding[] = [];
    // An index OPT101 recommends using is not unused: it is under-used.
    const wanted = new Set([
      ...filterIndexCases({ schema, analysis }).flatMap((c) =>
        c.kind === "existing" ? [`${c.need.table.name}.${c.index.name}`] : [],
      ),
      ...rangeFindings({ schema, analysis }).flatMap((f) => (f.path ? [f.path] : [])),
      ...inSetCases({ schema, analysis }).flatMap((c) =>
        c.existing ? [`${c.need.table.name}.${c.existing.name}`] : [],
      ),
    ]);
    // Tables a library defines (e.g. authTables from a package) are not the project's to change.
    for (const table of schema.tables.filter((t) => !definedInPackage(t))) {
      if (tableIncomplete(schema, table.name)) continue;
      // Names that appear in code the analysis did not follow count as used.
      const used = new Set<string>(analysis.literals);
      for (const a of analysis.accesses) {
        if (a.table !== table.name) continue;
        if (a.index) used.add(a.index.name);
        if (a.search) used.add(a.search.name);
      }
      const all = [
        ...table.indexes.map((i) => ({ ...i, kind: "index" as IndexKind })),
        ...table.searchIndexes.map((i) => ({ ...i, kind: "search index" as IndexKind })),
        ...table.vectorIndexes.map((i) => ({ ...i, kind: "vector index" as IndexKind })),
      ];
      for (const idx of all) {
        // A library's index (a convex-ents edge index) stays whether or not code uses it.
        if (idx.staged || idx.generatedBy || used.has(idx.name) || wanted.has(`${table.name}.${idx.name}`)) continue;
        if (hasUnseenIndexUse(analysis, table.name, idx)) continue;
        // An auth library's own index on a table the project redeclares: the library reads it.
        if ("fields" in idx && libraryReadingIndex(schema, analysis, table, idx)) continue;
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
