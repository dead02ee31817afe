import type { Diagnostic } from "../../schema/model";
import type { LintRule } from "../types";
import { report, resolvePath } from "../util";

/** An index led by an optional field: documents lacking it are all indexed under `undefined`, first. */
export const optionalIndexFirst: LintRule = {
  code: "LINT-OPTIONAL-INDEX-FIRST",
  severity: "info",
  summary:
    "An index whose first field is optional: documents without it are grouped under undefined and sort before all others.",
  check(model) {
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      for (const index of table.indexes) {
        const first = index.fields[0];
        const found = first === undefined ? undefined : resolvePath(table, first);
        if (!found?.optional) continue;
        out.push(
          report(
            this,
            `Index "${table.name}.${index.name}" starts with optional field "${first}"; documents without it are indexed under undefined and sort first.`,
            `${table.name}.${index.name}`,
            index.loc ?? table.loc,
            [
              {
                description: `Make "${first}" required (backfill a default), or query with .eq("${first}", value) so missing values are never scanned.`,
              },
            ],
          ),
        );
      }
    }
    return out;
  },
};
