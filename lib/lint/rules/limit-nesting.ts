import type { Diagnostic } from "../../schema/model";
import { CONVEX_LIMITS } from "../limits";
import type { LintRule } from "../types";
import { nestingDepth, report } from "../util";

/** How many objects, records and arrays nest inside a field's value (`[[x]]` is 2), as Convex's limit counts. */
export function fieldDepth(v: Parameters<typeof nestingDepth>[0]): number {
  return nestingDepth(v);
}

/** Objects/arrays nested deeper than Convex allows: inserts fail. */
export const limitNesting: LintRule = {
  code: "LINT-LIMIT-NESTING",
  severity: "error",
  summary: `A field whose objects and arrays nest deeper than ${CONVEX_LIMITS.nestingDepth} levels (Convex limit: field nesting depth).`,
  check(model) {
    const max = CONVEX_LIMITS.nestingDepth;
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      for (const f of table.fields) {
        const depth = fieldDepth(f.validator);
        if (depth > max) {
          out.push(
            report(
              this,
              `Field "${table.name}.${f.name}" nests ${depth} levels deep; Convex allows a nesting depth of at most ${max}.`,
              `${table.name}.${f.name}`,
              f.loc ?? table.loc,
            ),
          );
        }
      }
    }
    return out;
  },
};

/** Deep but legal nesting: hard to index (only object paths are indexable), to validate and to evolve. */
export const deepNesting: LintRule = {
  code: "LINT-DEEP-NESTING",
  severity: "info",
  summary:
    "A field nested deeper than the configured depth (default 3): consider a separate table for the inner objects.",
  check(model, options) {
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      for (const f of table.fields) {
        const depth = fieldDepth(f.validator);
        if (depth > options.maxNesting && depth <= CONVEX_LIMITS.nestingDepth) {
          out.push(
            report(
              this,
              `Field "${table.name}.${f.name}" nests ${depth} levels deep (more than ${options.maxNesting}); consider moving the inner objects to their own table.`,
              `${table.name}.${f.name}`,
              f.loc ?? table.loc,
            ),
          );
        }
      }
    }
    return out;
  },
};
