import type { Diagnostic } from "../../schema/model";
import type { LintRule } from "../types";
import { allFields, documentUnresolved, report } from "../util";

/** `v.any()` turns off validation and typing for that value. */
export const anyType: LintRule = {
  code: "LINT-ANY",
  severity: "warning",
  summary: "A v.any() field or table: Convex does not validate it and generated types are `any`.",
  check(model) {
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      if (table.anyDocument) {
        // An unresolved document is not a v.any(): the parser's warning already says what it could not read.
        if (!documentUnresolved(model, table.name))
          out.push(
            report(
              this,
              `Table "${table.name}" is defined with v.any(), so its documents are not validated.`,
              table.name,
              table.loc,
            ),
          );
        continue;
      }
      for (const { field, path, loc } of allFields(table)) {
        const v = field.validator;
        const isAny =
          v.kind === "any" ||
          (v.kind === "array" && v.element.kind === "any") ||
          (v.kind === "record" && v.value.kind === "any");
        if (isAny) {
          out.push(
            report(
              this,
              `Field "${path}" uses v.any(), so its values are not validated; describe the shape with v.object or v.union.`,
              path,
              loc,
            ),
          );
        }
      }
    }
    return out;
  },
};
