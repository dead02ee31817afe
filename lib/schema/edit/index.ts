/**
 * Surgical edits of an existing schema file: applies typed schema operations by splicing text at the parser's node
 * offsets, so comments, order and formatting outside the changed spots are kept. All or nothing: the edited file
 * is re-parsed and must equal `applyOperations(model, operations)`, else nothing is returned but errors.
 */
import { findField, findTable, type Diagnostic, type SchemaModel } from "../model";
import { applyOperations, type SchemaOperation } from "../operations";
import { parseSchemaDetailed, type ParseDetails, type ParseInput } from "../parse";
import { importEdits } from "./imports";
import { editsFor } from "./ops";
import { applyEdits } from "./text";

export type EditResult = { ok: true; source: string; schema: SchemaModel } | { ok: false; errors: Diagnostic[] };

/**
 * Edits `source` (the schema file at `file`) by `operations`.
 * @param files other project files the schema imports (paths relative to the project root)
 * @param resolve how those imports resolve (tsconfig path aliases, installed packages, zod major), as `parseSchema` takes them
 */
export function applyOperationsToSource(
  source: string,
  operations: SchemaOperation[],
  file = "convex/schema.ts",
  files: Record<string, string> = {},
  resolve: Pick<ParseInput, "aliases" | "packages" | "zodMajor"> = {},
): EditResult {
  const parse = (text: string) => parseSchemaDetailed({ ...resolve, files: { ...files, [file]: text }, entry: file });
  const first = parse(source);
  if (!first.ok) return first;
  const expected = applyOperations(first.details.schema, operations);
  if (!expected.ok) {
    return {
      ok: false,
      errors: expected.errors.map((e) => ({
        code: "SA201",
        severity: "error",
        message: e.message,
        path: pathOf(e.operation),
      })),
    };
  }
  let details: ParseDetails = first.details;
  let text = source;
  for (const [i, op] of operations.entries()) {
    const edits = editsFor(details, op);
    if (typeof edits === "string")
      return fail("SA202", `Operation ${i + 1} (${op.op}): ${edits}`, op, file, details.schema);
    text = applyEdits(text, [...edits, ...importEdits(details.entry, edits.map((e) => e.text).join("\n"))]);
    const next = parse(text);
    if (!next.ok)
      return fail(
        "SA203",
        `Operation ${i + 1} (${op.op}) produced a file that does not parse: ${next.errors[0]?.message}`,
        op,
        file,
      );
    details = next.details;
  }
  if (JSON.stringify(comparable(details.schema)) !== JSON.stringify(comparable(expected.schema))) {
    return fail(
      "SA204",
      `The edited "${file}" does not match the requested change (some definitions live in other files or helpers); nothing was changed.`,
      operations[0],
      file,
    );
  }
  return { ok: true, source: text, schema: details.schema };
}

/** An error located at the table or field the operation names when the model knows where it is written. */
function fail(
  code: string,
  message: string,
  op: SchemaOperation | undefined,
  file: string,
  schema?: SchemaModel,
): EditResult {
  const path = op ? pathOf(op) : undefined;
  const [tableName, fieldName] = (path ?? "").split(".");
  const table = schema ? findTable(schema, tableName) : undefined;
  const loc = (fieldName && table ? findField(table, fieldName)?.loc : undefined) ??
    table?.loc ?? { file, line: 1, column: 1 };
  return { ok: false, errors: [{ code, severity: "error", message, path, loc }] };
}

function pathOf(op: SchemaOperation): string {
  if (op.op === "renameTable") return op.from;
  const o = op as { table: string; field?: unknown };
  return typeof o.field === "string" ? `${o.table}.${o.field}` : o.table;
}

/** Model content that an edit must reproduce: no locations or parse warnings. */
function comparable(m: SchemaModel): unknown {
  // `staged: false` is written as no `staged` at all. The order of a document's fields means nothing to Convex: a
  // field added to a table built by a shared helper lands in the table's own literal, before the helper's fields.
  const tables = m.tables.map((t) => ({ ...t, fields: [...t.fields].sort((a, b) => (a.name < b.name ? -1 : 1)) }));
  return JSON.parse(
    JSON.stringify({ tables, options: m.options }, (k, v) =>
      k === "loc" || (k === "staged" && v === false) ? undefined : v,
    ),
  );
}
