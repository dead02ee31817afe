import type { Diagnostic } from "../../schema/model";
import type { LintRule } from "../types";
import { report, unwrapNullable } from "../util";

// Names that usually store the insertion time, which every document already has as `_creationTime`.
const NAMES = new Set([
  "createdat",
  "created_at",
  "creationtime",
  "creation_time",
  "createdon",
  "created_on",
  "createdtime",
  "created_time",
  "creationdate",
  "creation_date",
  "datecreated",
  "date_created",
  "insertedat",
  "inserted_at",
]);

/** A field that duplicates the system field `_creationTime`. */
export const creationTime: LintRule = {
  code: "LINT-CREATION-TIME",
  severity: "info",
  summary:
    "A field such as createdAt that duplicates the system field _creationTime (set automatically and appended to every index).",
  check(model) {
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      for (const f of table.fields) {
        const kind = unwrapNullable(f.validator).kind;
        if (!NAMES.has(f.name.toLowerCase()) || !["number", "string", "int64"].includes(kind)) continue;
        out.push(
          report(
            this,
            `Field "${table.name}.${f.name}" duplicates "_creationTime", which Convex sets on every document and appends to every index.`,
            `${table.name}.${f.name}`,
            f.loc ?? table.loc,
            [
              {
                description: `Read "_creationTime" instead of "${f.name}" and drop "${f.name}" after migrating readers (keep it only if it can differ from the insertion time).`,
              },
            ],
          ),
        );
      }
    }
    return out;
  },
};
