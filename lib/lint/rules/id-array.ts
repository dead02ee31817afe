import pluralize from "pluralize";
import type { Diagnostic, SchemaModel, Table } from "../../schema/model";
import type { SchemaOperation } from "../../schema/operations";
import type { LintRule } from "../types";
import { allFields, report } from "../util";

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "tagIds" → "tag", "tag_ids" → "tag", "followers" → "follower". */
function baseName(field: string): string {
  const stripped = field.replace(/(_ids|Ids|IDs|_id_list|List)$/, "");
  return pluralize.singular(stripped || field);
}

/** The operations that create a join table replacing `table.field: v.array(v.id(target))`. */
export function joinTableFix(
  model: SchemaModel,
  table: Table,
  field: string,
  target: string,
): { name: string; operations: SchemaOperation[] } {
  const owner = `${pluralize.singular(table.name)}Id`;
  let other = `${baseName(field)}Id`;
  if (other === owner) other = `${baseName(field)}TargetId`;
  // "tagIds" → "postTags"; a field that is not an id list by name keeps its name: "blocked" → "userBlocked".
  const plural = /(_ids|Ids|IDs)$/.test(field) ? pluralize.plural(baseName(field)) : field;
  let name = `${pluralize.singular(table.name)}${capitalize(plural)}`;
  const taken = new Set(model.tables.map((t) => t.name));
  for (let n = 2; taken.has(name); n++) name = `${name.replace(/\d+$/, "")}${n}`;
  const operations: SchemaOperation[] = [
    {
      op: "createTable",
      table: name,
      fields: [
        { name: owner, validator: { kind: "id", table: table.name }, optional: false },
        { name: other, validator: { kind: "id", table: target }, optional: false },
      ],
      indexes: [
        { name: `by_${owner}_${other}`, fields: [owner, other] },
        { name: `by_${other}`, fields: [other] },
      ],
    },
  ];
  return { name, operations };
}

/** `v.array(v.id(...))`: the array grows with the relationship, hits the 8192-element limit and cannot be indexed. */
export const idArray: LintRule = {
  code: "LINT-ID-ARRAY",
  severity: "warning",
  summary:
    "An array of ids that can grow without bound: it cannot be indexed and is capped at 8192 elements; use a join table.",
  check(model) {
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      for (const { field, path, loc } of allFields(table)) {
        const v = field.validator;
        if (v.kind !== "array" || v.element.kind !== "id") continue;
        const target = v.element.table;
        if (target.startsWith("_")) continue; // a few "_storage" files per document is a normal, bounded list
        const fix = joinTableFix(model, table, field.name, target);
        out.push(
          report(
            this,
            `Field "${path}" is an unbounded array of "${target}" ids; it cannot be indexed and Convex caps arrays at 8192 elements.`,
            path,
            loc,
            [
              {
                description: `Create join table "${fix.name}" with one document per link, copy the links, then remove "${path}".`,
                operations: fix.operations,
              },
            ],
          ),
        );
      }
    }
    return out;
  },
};
