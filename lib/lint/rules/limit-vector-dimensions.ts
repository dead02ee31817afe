import type { Diagnostic } from "../../schema/model";
import { CONVEX_LIMITS } from "../limits";
import type { LintRule } from "../types";
import { report } from "../util";

/** Vector index dimensions outside the range Convex accepts. */
export const limitVectorDimensions: LintRule = {
  code: "LINT-LIMIT-VECTOR-DIMENSIONS",
  severity: "error",
  summary: `A vector index whose dimensions are not an integer between ${CONVEX_LIMITS.vectorDimensionsMin} and ${CONVEX_LIMITS.vectorDimensionsMax}.`,
  check(model) {
    const { vectorDimensionsMin: min, vectorDimensionsMax: max } = CONVEX_LIMITS;
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      for (const index of table.vectorIndexes) {
        const d = index.dimensions;
        if (!Number.isInteger(d) || d < min || d > max) {
          out.push(
            report(
              this,
              `Vector index "${table.name}.${index.name}" has ${d} dimensions; Convex requires an integer between ${min} and ${max}.`,
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
