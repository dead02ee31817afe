import type { Diagnostic, Validator } from "../../schema/model";
import type { LintRule } from "../types";
import { report, resolvePath, unwrapNullable } from "../util";

function isArray(v: Validator): boolean {
  const u = unwrapNullable(v);
  return u.kind === "array" || (u.kind === "union" && u.members.some((m) => m.kind === "array"));
}

/** Convex indexes an array as one value: `.eq("tags", "x")` never matches a document whose tags contain "x". */
export const indexArrayField: LintRule = {
  code: "LINT-INDEX-ARRAY-FIELD",
  severity: "warning",
  summary: "A database index on an array field: Convex indexes the whole array as one value, not each element.",
  check(model) {
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      for (const index of table.indexes) {
        for (const path of index.fields) {
          const found = resolvePath(table, path);
          if (!found || !isArray(found.field.validator)) continue;
          out.push(
            report(
              this,
              `Index "${table.name}.${index.name}" uses array field "${path}", which Convex indexes as one value, so it cannot find documents by one element.`,
              `${table.name}.${index.name}`,
              index.loc ?? table.loc,
              [
                {
                  description: `To look documents up by element, store one document per element in a separate table with an index on it.`,
                },
              ],
            ),
          );
        }
      }
    }
    return out;
  },
};
