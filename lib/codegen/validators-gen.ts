/**
 * `convex/validators/<table>.ts`: the document's validators, reusable on client and server, and TypeScript types.
 *
 * Object documents export `<t>Fields` (the fields object), `<t>Doc` (with system fields), `<t>CreateFields`
 * (without the owner field), `<t>Patch` and `<t>InternalPatch` (every field optional). Union documents export
 * `<t>Document`, `<t>Doc` and `<t>Create` as `v.union(...)` validators. `v.any()` documents export `v.any()`.
 */
import type { Field, SchemaModel, Table } from "../schema/model";
import { propertyKey, validatorToCode } from "../schema/model";
import { findOwner, tableShape } from "./analysis";
import { pascal } from "./options";

/** Object-literal code for a list of fields, one per line, with JSDoc for described fields. */
export function fieldsCode(fields: Field[], indent: string, allOptional = false): string {
  if (fields.length === 0) return "{}";
  const lines = fields.map((f) => {
    const code = validatorToCode(f.validator);
    const doc = f.description ? `${indent}  /** ${f.description.replace(/\*\//g, "* /")} */\n` : "";
    return `${doc}${indent}  ${propertyKey(f.name)}: ${f.optional || allOptional ? `v.optional(${code})` : code},`;
  });
  return `{\n${lines.join("\n")}\n${indent}}`;
}

const SYSTEM = (table: string) => `_id: v.id(${JSON.stringify(table)}), _creationTime: v.number()`;

function objectFile(model: SchemaModel, table: Table): string {
  const t = table.name;
  const P = pascal(t);
  const owner = findOwner(model, table);
  const rest = table.fields.filter((f) => f.name !== owner?.field);
  const ownerNote = owner ? ` The owner field "${owner.field}" is left out: it is set from the signed-in user.` : "";
  return `import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";

/** The fields of a "${t}" document, without system fields (as declared in convex/schema.ts). */
export const ${t}Fields = ${fieldsCode(table.fields, "")};

/** A whole "${t}" document, system fields included. */
export const ${t}Doc = v.object({ ${SYSTEM(t)}, ...${t}Fields });

/** The fields a client passes to create a "${t}" document.${ownerNote} */
export const ${t}CreateFields = ${owner ? fieldsCode(rest, "") : `${t}Fields`};
export const ${t}Create = v.object(${t}CreateFields);

/** A partial update of a "${t}" document: only the fields given are changed.${ownerNote} */
export const ${t}Patch = v.object(${fieldsCode(rest, "", true)});

/** A partial update by a trusted (internal) caller: every field may change. */
export const ${t}InternalPatch = ${owner ? `v.object(${fieldsCode(table.fields, "", true)})` : `${t}Patch`};

export type ${P}Doc = Doc<${JSON.stringify(t)}>;
export type ${P}Id = Id<${JSON.stringify(t)}>;
export type ${P}Create = Infer<typeof ${t}Create>;
export type ${P}Patch = Infer<typeof ${t}Patch>;
`;
}

function variantsCode(variants: Field[][], prefix: string, omit?: string): string {
  const objects = variants.map((fields) => {
    const kept = fields.filter((f) => f.name !== omit);
    const body = fieldsCode(kept, "  ");
    return prefix ? `  v.object({ ${prefix}, ...${body} })` : `  v.object(${body})`;
  });
  return `v.union(\n${objects.join(",\n")},\n)`;
}

function unionFile(model: SchemaModel, table: Table): string {
  const t = table.name;
  const P = pascal(t);
  const owner = findOwner(model, table);
  const variants = table.variants ?? [];
  return `import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";

/** A "${t}" document without system fields: one of ${variants.length} variants (as declared in convex/schema.ts). */
export const ${t}Document = ${variantsCode(variants, "")};

/** A whole "${t}" document, system fields included. */
export const ${t}Doc = ${variantsCode(variants, SYSTEM(t))};

/** What a client passes to create or replace a "${t}" document.${owner ? ` The owner field "${owner.field}" is set from the signed-in user.` : ""} */
export const ${t}Create = ${owner ? variantsCode(variants, "", owner.field) : `${t}Document`};

export type ${P}Doc = Doc<${JSON.stringify(t)}>;
export type ${P}Id = Id<${JSON.stringify(t)}>;
export type ${P}Create = Infer<typeof ${t}Create>;
`;
}

function anyFile(table: Table): string {
  const t = table.name;
  const P = pascal(t);
  return `import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";

// TODO(schema-assistant): "${t}" is declared as \`defineTable(v.any())\`, so its documents have no known shape.
// These validators accept any value; declare the fields in convex/schema.ts and regenerate for real checks.
export const ${t}Document = v.any();
export const ${t}Doc = v.any();
export const ${t}Create = v.any();

export type ${P}Doc = Doc<${JSON.stringify(t)}>;
export type ${P}Id = Id<${JSON.stringify(t)}>;
`;
}

/** The validators module of one table. */
export function generateValidatorsFile(model: SchemaModel, table: Table): string {
  switch (tableShape(table)) {
    case "object":
      return objectFile(model, table);
    case "union":
      return unionFile(model, table);
    case "any":
      return anyFile(table);
  }
}
