import type { Diagnostic, Field, Validator } from "../../schema/model";
import { CONVEX_LIMITS } from "../limits";
import type { LintRule } from "../types";
import { report } from "../util";

/** Documents or nested objects with more fields than Convex allows. */
export const limitObjectFields: LintRule = {
  code: "LINT-LIMIT-OBJECT-FIELDS",
  severity: "error",
  summary: `A document or nested object with more than ${CONVEX_LIMITS.fieldsPerObject} fields (Convex limit: fields per object).`,
  check(model) {
    const max = CONVEX_LIMITS.fieldsPerObject;
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      // System fields count too.
      const docCount = table.fields.length + 2;
      if (docCount > max) {
        out.push(
          report(
            this,
            `Table "${table.name}" has ${docCount} fields including "_id" and "_creationTime"; Convex allows at most ${max} fields per object.`,
            table.name,
            table.loc,
          ),
        );
      }
      const visit = (fields: Field[], prefix: string): void => {
        for (const f of fields) {
          const path = `${prefix}.${f.name}`;
          for (const obj of objectsIn(f.validator)) {
            if (obj.length > max) {
              out.push(
                report(
                  this,
                  `Object "${path}" has ${obj.length} fields; Convex allows at most ${max} fields per object.`,
                  path,
                  f.loc ?? table.loc,
                ),
              );
            }
            visit(obj, path);
          }
        }
      };
      visit(table.fields, table.name);
    }
    return out;
  },
};

/** The field lists of the objects directly inside a validator (through arrays, records and unions). */
function objectsIn(v: Validator): Field[][] {
  if (v.kind === "object") return [v.fields];
  if (v.kind === "array") return objectsIn(v.element);
  if (v.kind === "record") return objectsIn(v.value);
  if (v.kind === "union") return v.members.flatMap(objectsIn);
  return [];
}
