/**
 * `convex/validators/<table>.ts`: the document's validators, reusable on client and server, and TypeScript types.
 *
 * Object documents export `<t>Document` (the schema's own validator), `<t>Fields`, `<t>Doc` (with system fields),
 * `<t>Create` / `<t>CreateFields` (without the owner field), `<t>Patch` and `<t>InternalPatch` (every field
 * optional). Union documents export `<t>Document`, `<t>Doc` and `<t>Create`. `v.any()` documents export `v.any()`.
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

// Object documents reuse the schema's own validator and derive the other shapes with VObject's omit/partial/extend.
function objectFile(model: SchemaModel, table: Table): string {
  const t = table.name;
  const P = pascal(t);
  const owner = findOwner(model, table);
  const ownerNote = owner ? ` The owner field "${owner.field}" is left out: it is set from the signed-in user.` : "";
  return `import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import { documentValidator } from "../lib/documents";
import schema from "../schema";

/**
 * The "${t}" document validator: convex/schema.ts's own (so its exact TypeScript types are kept), typed from the
 * fields below when the schema's validator is not statically a \`v.object\` (e.g. built by a loosely typed helper).
 */
export const ${t}Document = documentValidator(schema.tables.${t}.validator, ${fieldsCode(table.fields, "")});

/** The fields of a "${t}" document, without system fields. */
export const ${t}Fields = ${t}Document.fields;

/** A whole "${t}" document, system fields included. */
export const ${t}Doc = ${t}Document.extend({ ${SYSTEM(t)} });

/** What a client passes to create a "${t}" document.${ownerNote} */
export const ${t}Create = ${owner ? `${t}Document.omit(${JSON.stringify(owner.field)})` : `${t}Document`};
export const ${t}CreateFields = ${t}Create.fields;

/** A partial update of a "${t}" document: only the fields given are changed.${ownerNote} */
export const ${t}Patch = ${t}Create.partial();

/** A partial update by a trusted (internal) caller: every field may change. */
export const ${t}InternalPatch = ${owner ? `${t}Document.partial()` : `${t}Patch`};

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
  return `import { docValidator } from "convex/server";
import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import schema from "../schema";

/** A "${t}" document without system fields: one of ${variants.length} variants (as declared in convex/schema.ts). */
export const ${t}Document = schema.tables.${t}.validator;

/** A whole "${t}" document, system fields included. */
export const ${t}Doc = docValidator(${JSON.stringify(t)}, schema.tables.${t});

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

/** `convex/lib/documents.ts`: picks the schema's own object validator, or the declared one when it is loosely typed. */
export function generateDocumentsFile(): string {
  return `import { v, type ObjectType, type PropertyValidators, type VObject } from "convex/values";

/**
 * The schema's validator when TypeScript knows it is an object validator (exact field types, brands included);
 * otherwise an object validator typed from \`declared\` (the fields as Schema Assistant read them).
 * At runtime the schema's validator is used whenever it is an object validator.
 */
export function documentValidator<S, F extends PropertyValidators>(
  fromSchema: S,
  declared: F,
): S extends VObject<any, any, "required", any> ? S : VObject<ObjectType<F>, F> {
  const schemaValidator = fromSchema as { kind?: string };
  const chosen = schemaValidator.kind === "object" ? fromSchema : v.object(declared);
  return chosen as S extends VObject<any, any, "required", any> ? S : VObject<ObjectType<F>, F>;
}
`;
}
