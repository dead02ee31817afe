import type { Diagnostic } from "../../schema/model";
import type { SchemaOperation } from "../../schema/operations";
import type { LintRule } from "../types";
import { freshIndexName, idTarget, objectFields, report } from "../util";

/** A reference field (`v.id`) that no index starts with: looking documents up by it scans the whole table. */
export const idWithoutIndex: LintRule = {
  code: "LINT-ID-INDEX",
  severity: "warning",
  summary: "A v.id field that no index starts with, so queries by that reference scan the table.",
  check(model) {
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      const firstFields = new Set(table.indexes.map((i) => i.fields[0]));
      // Top-level references and references inside plain nested objects (indexable by dotted path).
      const candidates: { path: string; target: string; loc?: typeof table.loc }[] = [];
      const visit = (fields: typeof table.fields, prefix: string): void => {
        for (const f of fields) {
          const path = prefix ? `${prefix}.${f.name}` : f.name;
          const target = idTarget(f.validator);
          // System tables ("_storage") are looked up by id, never queried by the referencing field.
          if (target && !target.startsWith("_")) candidates.push({ path, target, loc: f.loc ?? table.loc });
          const nested = objectFields(f.validator);
          if (nested) visit(nested, path);
        }
      };
      visit(table.fields, "");
      for (const c of candidates) {
        if (firstFields.has(c.path)) continue;
        const name = freshIndexName(table, `by_${c.path.replace(/\./g, "_")}`);
        const operations: SchemaOperation[] = [
          { op: "addIndex", table: table.name, index: { name, fields: [c.path] } },
        ];
        out.push(
          report(
            this,
            `Field "${table.name}.${c.path}" references "${c.target}" but no index starts with it, so queries by it will scan "${table.name}".`,
            `${table.name}.${c.path}`,
            c.loc,
            [{ description: `Add index "${name}" on ["${c.path}"].`, operations }],
          ),
        );
      }
    }
    return out;
  },
};
