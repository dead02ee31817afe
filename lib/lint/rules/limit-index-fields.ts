import type { Diagnostic } from "../../schema/model";
import { CONVEX_LIMITS } from "../limits";
import type { LintRule } from "../types";
import { report } from "../util";

/** An index with more fields than Convex allows. */
export const limitIndexFields: LintRule = {
  code: "LINT-LIMIT-INDEX-FIELDS",
  severity: "error",
  summary: `An index with more than ${CONVEX_LIMITS.fieldsPerIndex} fields (Convex limit: fields per index).`,
  check(model) {
    const max = CONVEX_LIMITS.fieldsPerIndex;
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      for (const index of table.indexes) {
        const n = index.fields.length;
        if (n > max) {
          out.push(
            report(
              this,
              `Index "${table.name}.${index.name}" has ${n} fields; Convex allows at most ${max} fields per index.`,
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
