/**
 * A small `convex/schema.ts` printer used for proposal diffs until lib/schema ships its own `printSchema`.
 * Output is deterministic: tables and fields in model order, one field per line.
 */
import type { Field, SchemaModel, Table } from "../schema/model";
import { fieldToCode, propertyKey } from "../schema/model";

/** Prints a whole schema module. */
export function printSchemaSource(schema: SchemaModel): string {
  const lines = [
    `import { defineSchema, defineTable } from "convex/server";`,
    `import { v } from "convex/values";`,
    ``,
    `export default defineSchema({`,
  ];
  for (const table of schema.tables) lines.push(...printTable(table));
  const opts: string[] = [];
  if (!schema.options.schemaValidation) opts.push("schemaValidation: false");
  if (!schema.options.strictTableNameTypes) opts.push("strictTableNameTypes: false");
  lines.push(opts.length ? `}, { ${opts.join(", ")} });` : `});`);
  return lines.join("\n") + "\n";
}

function printTable(table: Table): string[] {
  const out: string[] = [];
  if (table.description) out.push(`  // ${table.description}`);
  if (table.anyDocument) {
    out.push(`  ${propertyKey(table.name)}: defineTable(v.any())${printIndexes(table)},`);
    return out;
  }
  out.push(`  ${propertyKey(table.name)}: defineTable({`);
  for (const f of table.fields) out.push(...printField(f));
  out.push(`  })${printIndexes(table)},`);
  return out;
}

function printField(f: Field): string[] {
  const out: string[] = [];
  if (f.description) out.push(`    // ${f.description}`);
  out.push(`    ${propertyKey(f.name)}: ${fieldToCode(f)},`);
  return out;
}

function printIndexes(table: Table): string {
  const parts: string[] = [];
  for (const i of table.indexes) {
    const fields = i.fields.map((f) => JSON.stringify(f)).join(", ");
    parts.push(i.staged
      ? `\n    .index(${JSON.stringify(i.name)}, { fields: [${fields}], staged: true })`
      : `\n    .index(${JSON.stringify(i.name)}, [${fields}])`);
  }
  for (const i of table.searchIndexes) {
    const filter = i.filterFields.length ? `, filterFields: [${i.filterFields.map((f) => JSON.stringify(f)).join(", ")}]` : "";
    parts.push(`\n    .searchIndex(${JSON.stringify(i.name)}, { searchField: ${JSON.stringify(i.searchField)}${filter} })`);
  }
  for (const i of table.vectorIndexes) {
    const filter = i.filterFields.length ? `, filterFields: [${i.filterFields.map((f) => JSON.stringify(f)).join(", ")}]` : "";
    parts.push(`\n    .vectorIndex(${JSON.stringify(i.name)}, { vectorField: ${JSON.stringify(i.vectorField)}, dimensions: ${i.dimensions}${filter} })`);
  }
  return parts.join("");
}
