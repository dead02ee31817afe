import type { Diagnostic } from "../../schema/model";
import { CONVEX_LIMITS } from "../limits";
import type { LintRule } from "../types";
import { report } from "../util";

/** More database indexes on one table than Convex allows. */
export const limitIndexes: LintRule = {
  code: "LINT-LIMIT-INDEXES",
  severity: "error",
  summary: `A table with more than ${CONVEX_LIMITS.indexesPerTable} indexes (Convex limit: indexes per table).`,
  check(model) {
    const max = CONVEX_LIMITS.indexesPerTable;
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      const n = table.indexes.length;
      if (n > max) {
        out.push(
          report(
            this,
            `Table "${table.name}" has ${n} indexes; Convex allows at most ${max} indexes per table.`,
            table.name,
            table.loc,
          ),
        );
      }
    }
    return out;
  },
};
