/**
 * `convex/validators/<table>.zod.ts` (with `--zod`): zod schemas for forms, mirroring the create shape.
 * Ids become strings (a form cannot check that a document exists); emails and urls get zod's format checks.
 */
import type { Field, SchemaModel, Table, Validator } from "../schema/model";
import { propertyKey } from "../schema/model";
import { findOwner, tableShape } from "./analysis";
import { pascal } from "./options";

/** A Convex validator as a zod schema expression; `name` picks formats (email, url). */
export function zodOf(v: Validator, name = ""): string {
  switch (v.kind) {
    case "id":
      return "z.string().min(1)";
    case "string":
      if (/e-?mail$/i.test(name)) return "z.email()";
      if (/(url|website|href|link)$/i.test(name)) return "z.url()";
      return "z.string()";
    case "number":
      return "z.number()";
    case "int64":
      return "z.bigint()";
    case "boolean":
      return "z.boolean()";
    case "null":
      return "z.null()";
    case "bytes":
      return "z.instanceof(ArrayBuffer)";
    case "any":
      return "z.any()";
    case "literal":
      return v.bigint ? `z.literal(${v.value}n)` : `z.literal(${JSON.stringify(v.value)})`;
    case "array":
      return `z.array(${zodOf(v.element, name)})`;
    case "object":
      return zodObject(v.fields);
    case "record":
      return `z.record(z.string(), ${zodOf(v.value, name)})`;
    case "union":
      return v.members.length === 1
        ? zodOf(v.members[0], name)
        : `z.union([${v.members.map((m) => zodOf(m, name)).join(", ")}])`;
  }
}

function zodObject(fields: Field[], indent = ""): string {
  if (fields.length === 0) return "z.object({})";
  const lines = fields.map(
    (f) => `${indent}  ${propertyKey(f.name)}: ${zodOf(f.validator, f.name)}${f.optional ? ".optional()" : ""},`,
  );
  return `z.object({\n${lines.join("\n")}\n${indent}})`;
}

/** The zod module of one table: `<t>FormSchema` and its input type. */
export function generateZodFile(model: SchemaModel, table: Table): string {
  const t = table.name;
  const owner = findOwner(model, table)?.field;
  const keep = (fs: Field[]) => fs.filter((f) => f.name !== owner);
  let schema: string;
  switch (tableShape(table)) {
    case "object":
      schema = zodObject(keep(table.fields));
      break;
    case "union":
      schema = `z.union([\n${table.variants!.map((vs) => `  ${zodObject(keep(vs), "  ")}`).join(",\n")},\n])`;
      break;
    case "any":
      schema = "z.any() // TODO(schema-assistant): the table is `v.any()`; declare its fields for a real form schema.";
  }
  return `import { z } from "zod";

/** Form schema for creating a "${t}" document${owner ? ` ("${owner}" is set on the server)` : ""}. */
export const ${t}FormSchema = ${schema};

export type ${pascal(t)}FormInput = z.input<typeof ${t}FormSchema>;
`;
}
