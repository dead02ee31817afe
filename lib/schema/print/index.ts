/**
 * Prints a SchemaModel as a formatted `convex/schema.ts`: imports, `defineSchema`, tables in model order, fields,
 * indexes (regular, staged, search, vector) and non-default options. `parseSchema(printSchema(m))` gives back `m`
 * (without source locations).
 */
import {
  propertyKey,
  type Field,
  type SchemaModel,
  type SearchIndex,
  type Table,
  type Validator,
  type VectorIndex,
  type Index,
} from "../model";

const WIDTH = 100;

/** The whole schema file. */
export function printSchema(model: SchemaModel): string {
  const lines = [
    'import { defineSchema, defineTable } from "convex/server";',
    'import { v } from "convex/values";',
    "",
  ];
  const tables = model.tables.map(
    (t) => `${printDescription(t.description, "  ")}  ${t.name}: ${printTable(t, "  ")},`,
  );
  const body = tables.length ? `{\n${tables.join("\n\n")}\n}` : "{}";
  const opts = printOptions(model);
  lines.push(
    opts
      ? `export default defineSchema(\n  ${indentBlock(body, "  ")},\n  ${opts},\n);`
      : `export default defineSchema(${body});`,
  );
  return lines.join("\n") + "\n";
}

function printOptions(model: SchemaModel): string {
  const parts: string[] = [];
  if (!model.options.schemaValidation) parts.push("schemaValidation: false");
  if (!model.options.strictTableNameTypes) parts.push("strictTableNameTypes: false");
  return parts.length ? `{ ${parts.join(", ")} }` : "";
}

/** `defineTable(...)` with its index chain; `indent` is the indentation of the line the table starts on. */
export function printTable(t: Table, indent: string): string {
  let doc: string;
  if (t.anyDocument) doc = "v.any()";
  else if (t.variants)
    doc = printValidator({ kind: "union", members: t.variants.map((fields) => ({ kind: "object", fields })) }, indent);
  else doc = printFields(t.fields, indent);
  const chain = printIndexes(t).map((c) => `\n${indent}  ${c}`);
  return `defineTable(${doc})${chain.join("")}`;
}

/** The chained index calls of a table, one string per call (without leading newline). */
export function printIndexes(t: Table): string[] {
  return [
    ...t.indexes.map(printIndex),
    ...t.searchIndexes.map(printSearchIndex),
    ...t.vectorIndexes.map(printVectorIndex),
  ];
}

const strList = (xs: string[]): string => `[${xs.map((x) => JSON.stringify(x)).join(", ")}]`;

export function printIndex(i: Index): string {
  return i.staged
    ? `.index(${JSON.stringify(i.name)}, { fields: ${strList(i.fields)}, staged: true })`
    : `.index(${JSON.stringify(i.name)}, ${strList(i.fields)})`;
}

export function printSearchIndex(i: SearchIndex): string {
  const filter = i.filterFields.length ? `, filterFields: ${strList(i.filterFields)}` : "";
  return `.searchIndex(${JSON.stringify(i.name)}, { searchField: ${JSON.stringify(i.searchField)}${filter}${i.staged ? ", staged: true" : ""} })`;
}

export function printVectorIndex(i: VectorIndex): string {
  const filter = i.filterFields.length ? `, filterFields: ${strList(i.filterFields)}` : "";
  return `.vectorIndex(${JSON.stringify(i.name)}, { vectorField: ${JSON.stringify(i.vectorField)}, dimensions: ${i.dimensions}${filter}${i.staged ? ", staged: true" : ""} })`;
}

/** An object literal of fields, one per line. */
export function printFields(fields: Field[], indent: string): string {
  if (fields.length === 0) return "{}";
  const inner = indent + "  ";
  return `{\n${fields.map((f) => `${printDescription(f.description, inner)}${inner}${printField(f, inner)},`).join("\n")}\n${indent}}`;
}

/** `name: validator` of one field. */
export function printField(f: Field, indent: string): string {
  const head = `${propertyKey(f.name)}: `;
  const code = printValidator(f.validator, indent, head.length + (f.optional ? 11 : 0));
  return head + (f.optional ? `v.optional(${code})` : code);
}

/** A validator, on one line when it fits in the line width, else broken at objects and unions. */
export function printValidator(v: Validator, indent: string, used = 0): string {
  const flat = flatCode(v);
  // Field descriptions are comments on their own lines, so an object holding one is always broken into lines.
  if (indent.length + used + flat.length <= WIDTH && !hasDescriptions(v)) return flat;
  const inner = indent + "  ";
  switch (v.kind) {
    case "object":
      return `v.object(${printFields(v.fields, indent)})`;
    case "union":
      return `v.union(\n${v.members.map((m) => `${inner}${printValidator(m, inner)},`).join("\n")}\n${indent})`;
    case "array":
      return `v.array(${printValidator(v.element, indent, used + 8)})`;
    case "record":
      return `v.record(${flatCode(v.key)}, ${printValidator(v.value, indent, used + 12 + flatCode(v.key).length)})`;
    default:
      return flat;
  }
}

function hasDescriptions(v: Validator): boolean {
  switch (v.kind) {
    case "object":
      return v.fields.some((f) => !!f.description || hasDescriptions(f.validator));
    case "array":
      return hasDescriptions(v.element);
    case "record":
      return hasDescriptions(v.value);
    case "union":
      return v.members.some(hasDescriptions);
    default:
      return false;
  }
}

function flatCode(v: Validator): string {
  switch (v.kind) {
    case "id":
      return `v.id(${JSON.stringify(v.table)})`;
    case "literal":
      return v.bigint ? `v.literal(${v.value}n)` : `v.literal(${JSON.stringify(v.value)})`;
    case "array":
      return `v.array(${flatCode(v.element)})`;
    case "object":
      return v.fields.length
        ? `v.object({ ${v.fields.map((f) => `${propertyKey(f.name)}: ${f.optional ? `v.optional(${flatCode(f.validator)})` : flatCode(f.validator)}`).join(", ")} })`
        : "v.object({})";
    case "record":
      return `v.record(${flatCode(v.key)}, ${flatCode(v.value)})`;
    case "union":
      return `v.union(${v.members.map(flatCode).join(", ")})`;
    case "int64":
      return v.commitTs ? "v.commitTs()" : "v.int64()";
    default:
      return `v.${v.kind}()`;
  }
}

/** A JSDoc comment line(s) ending with a newline, or "" without a description. */
export function printDescription(text: string | undefined, indent: string): string {
  if (!text) return "";
  const safe = text.replace(/\*\//g, "*\\/");
  const lines = safe.split("\n");
  if (lines.length === 1) return `${indent}/** ${safe} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? " " + l : ""}`).join("\n")}\n${indent} */\n`;
}

function indentBlock(text: string, indent: string): string {
  return text
    .split("\n")
    .map((l, i) => (i === 0 || l === "" ? l : indent + l))
    .join("\n");
}
