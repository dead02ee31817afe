/**
 * Prints a schema model back to `convex/schema.ts` source. Used to build temp projects for the generated
 * code's compile-and-run tests and for schemas that only exist as models (random schemas, the designer).
 */
import type { Field, SchemaModel, Table } from "../schema/model";
import { fieldToCode, propertyKey } from "../schema/model";

function fieldsBlock(fields: Field[], indent: string): string {
  if (fields.length === 0) return "{}";
  return `{\n${fields.map((f) => `${indent}  ${propertyKey(f.name)}: ${fieldToCode(f)},`).join("\n")}\n${indent}}`;
}

function tableSource(t: Table): string {
  let doc: string;
  if (t.anyDocument) doc = "v.any()";
  else if (t.variants && t.variants.length > 0)
    doc = `v.union(\n${t.variants.map((vs) => `    v.object(${fieldsBlock(vs, "    ")})`).join(",\n")},\n  )`;
  else doc = fieldsBlock(t.fields, "  ");
  let out = `defineTable(${doc})`;
  for (const i of t.indexes) {
    out += i.staged
      ? `\n    .index(${JSON.stringify(i.name)}, { fields: ${JSON.stringify(i.fields)}, staged: true })`
      : `\n    .index(${JSON.stringify(i.name)}, ${JSON.stringify(i.fields)})`;
  }
  for (const s of t.searchIndexes) {
    out += `\n    .searchIndex(${JSON.stringify(s.name)}, { searchField: ${JSON.stringify(s.searchField)}, filterFields: ${JSON.stringify(s.filterFields)} })`;
  }
  for (const s of t.vectorIndexes) {
    out += `\n    .vectorIndex(${JSON.stringify(s.name)}, { vectorField: ${JSON.stringify(s.vectorField)}, dimensions: ${s.dimensions}, filterFields: ${JSON.stringify(s.filterFields)} })`;
  }
  return out;
}

/** `convex/schema.ts` source for a model. */
export function schemaSource(model: SchemaModel): string {
  const opts = model.options;
  const extra =
    !opts.schemaValidation || !opts.strictTableNameTypes
      ? `, { schemaValidation: ${opts.schemaValidation}, strictTableNameTypes: ${opts.strictTableNameTypes} }`
      : "";
  return `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
${model.tables.map((t) => `  ${t.name}: ${tableSource(t)},`).join("\n")}
}${extra});
`;
}
