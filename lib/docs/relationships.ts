/**
 * The relationships docs need: one per `v.id(...)` reference, found anywhere in a table's fields.
 * Kept small on purpose; `lib/schema` owns relationship inference and this adapts to it once it lands.
 */
import type { Field, SchemaModel, Validator } from "../schema/model";

export interface DocRelationship {
  /** referencing table */
  from: string;
  /** dotted path of the referencing field ("ownerId", "meta.reviewerId") */
  field: string;
  /** referenced table */
  to: string;
  /** "many-to-one" for a single id; "many-to-many" for an array (or record) of ids */
  cardinality: "many-to-one" | "many-to-many";
  /** the reference may be absent (optional field, nullable, or one member of a wider union) */
  optional: boolean;
  /** an index on `from` starts with `field`, so "find children of X" is an index range */
  indexed: boolean;
}

/** Every reference in the schema, in table then field order. */
export function schemaRelationships(model: SchemaModel): DocRelationship[] {
  const out: DocRelationship[] = [];
  for (const table of model.tables) {
    const firsts = new Set(table.indexes.map((i) => i.fields[0]));
    const visit = (fields: Field[], prefix: string, optional: boolean): void => {
      for (const f of fields) {
        const path = prefix ? `${prefix}.${f.name}` : f.name;
        collect(f.validator, { optional: optional || f.optional, many: false }, (to, o, many) => {
          out.push({ from: table.name, field: path, to, cardinality: many ? "many-to-many" : "many-to-one", optional: o, indexed: !many && firsts.has(path) });
        }, (nested, o) => visit(nested, path, o));
      }
    };
    visit(table.fields, "", false);
  }
  return out;
}

/** Finds ids inside one field's validator; nested objects are handed back to `visitObject` with their path. */
function collect(
  v: Validator,
  ctx: { optional: boolean; many: boolean },
  found: (table: string, optional: boolean, many: boolean) => void,
  visitObject: (fields: Field[], optional: boolean) => void,
): void {
  switch (v.kind) {
    case "id":
      found(v.table, ctx.optional, ctx.many);
      return;
    case "array":
      collect(v.element, { ...ctx, many: true }, found, visitObject);
      return;
    case "record":
      collect(v.value, { ...ctx, many: true }, found, visitObject);
      return;
    case "object":
      // Objects inside arrays are "many" references with no indexable path; report them on the array field.
      if (ctx.many) for (const f of v.fields) collect(f.validator, ctx, found, visitObject);
      else visitObject(v.fields, ctx.optional);
      return;
    case "union": {
      const widened = v.members.length > 1;
      for (const m of v.members) collect(m, { ...ctx, optional: ctx.optional || widened }, found, visitObject);
      return;
    }
    default:
      return;
  }
}
