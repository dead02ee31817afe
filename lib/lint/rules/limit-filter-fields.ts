import type { Diagnostic } from "../../schema/model";
import { CONVEX_LIMITS } from "../limits";
import type { LintRule } from "../types";
import { report } from "../util";

/** A search or vector index with more filter fields than Convex allows. */
export const limitFilterFields: LintRule = {
  code: "LINT-LIMIT-FILTER-FIELDS",
  severity: "error",
  summary: `A search or vector index with more than ${CONVEX_LIMITS.filterFieldsPerSearchIndex} filter fields (Convex limit).`,
  check(model) {
    const max = CONVEX_LIMITS.filterFieldsPerSearchIndex;
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      for (const index of [...table.searchIndexes, ...table.vectorIndexes]) {
        const n = index.filterFields.length;
        if (n > max) {
          out.push(
            report(
              this,
              `Index "${table.name}.${index.name}" has ${n} filter fields; Convex allows at most ${max}.`,
              `${table.name}.${index.name}`,
              index.loc ?? table.loc,
            ),
          );
        }
      }
    }
    return out;
  },
};
