/**
 * Hover, completion, go to definition and find references over the project state. Positions in and out are
 * offsets and engine locations of project-relative files; server.ts converts them to LSP URIs and ranges.
 */
import type { CompletionItem, MarkupContent } from "vscode-languageserver";
import { CompletionItemKind, InsertTextFormat } from "vscode-languageserver";
import { describeRelationship, schemaRelationships } from "../../lib/docs";
import {
  fieldToCode,
  findTable,
  type Field,
  type SchemaModel,
  type SourceLocation,
  type Table,
} from "../../lib/schema/model";
import type { DbAccess } from "../../lib/optimize";
import { stringAt, tableAtLine, wordAt, type CursorTarget, type StringAtCursor } from "./cursor";
import type { ProjectState } from "./project-state";
import { offsetAt, positionAt } from "./text";

/** A target in a file: a 1-based location and the length of the token there (when known). */
export interface Place {
  loc: SourceLocation;
  length?: number;
}

/** What the cursor names: a string literal's target, or a table/field/index name written in the schema. */
export function targetAt(
  state: ProjectState,
  file: string,
  text: string,
  offset: number,
): { target: CursorTarget; literal?: StringAtCursor } | undefined {
  const schema = state.schema;
  const tableAt = schema ? (at: number) => tableAtLine(schema, file, positionAt(text, at).line + 1)?.name : undefined;
  const literal = stringAt(text, offset, tableAt);
  if (literal?.target) return { target: literal.target, literal };
  if (literal || !schema) return undefined;
  const word = wordAt(text, offset);
  if (!word) return undefined;
  const { line, character } = positionAt(text, word.start);
  const at = (loc?: SourceLocation) => loc?.file === file && loc.line === line + 1 && loc.column === character + 1;
  for (const t of schema.tables) {
    if (at(t.loc) && t.name === word.word) return { target: { kind: "table", name: t.name } };
    for (const f of t.fields)
      if (at(f.loc) && f.name === word.word) return { target: { kind: "field", table: t.name, name: f.name } };
  }
  return undefined;
}

// ---------- hover ----------

export function hover(state: ProjectState, file: string, text: string, offset: number): MarkupContent | undefined {
  const schema = state.schema;
  const found = targetAt(state, file, text, offset);
  if (!schema || !found) return undefined;
  const { target } = found;
  const table =
    target.kind === "table"
      ? findTable(schema, target.name)
      : target.table
        ? findTable(schema, target.table)
        : undefined;
  if (!table) return target.kind === "table" ? md(`No table "${target.name}" in the schema.`) : undefined;
  if (target.kind === "table") return md(tableDoc(state, schema, table));
  if (target.kind === "index") {
    const doc = indexDoc(state, table, target.name);
    return doc ? md(doc) : md(`Table "${table.name}" has no index "${target.name}".`);
  }
  const field = table.fields.find((f) => f.name === target.name);
  return field ? md(fieldDoc(state, schema, table, field)) : undefined;
}

function md(value: string): MarkupContent {
  return { kind: "markdown", value };
}

function usedBy(accesses: DbAccess[]): string[] {
  const reads = new Set<string>();
  const writes = new Set<string>();
  for (const a of accesses) (a.mode === "read" ? reads : writes).add(`\`${a.function}\``);
  const out: string[] = [];
  if (reads.size) out.push(`Read by ${[...reads].sort().join(", ")}`);
  if (writes.size) out.push(`Written by ${[...writes].sort().join(", ")}`);
  return out.length ? out : ["No function reads or writes it."];
}

function tableDoc(state: ProjectState, schema: SchemaModel, t: Table): string {
  const out = [`**${t.name}** (table${t.generatedBy ? `, created by \`${t.generatedBy}\`` : ""})`, ""];
  if (t.description) out.push(t.description, "");
  out.push("```ts", ...t.fields.map((f) => `${f.name}: ${fieldToCode(f)}`), "```");
  const idx = [
    ...t.indexes.map((i) => `\`${i.name}\` (${i.fields.join(", ")})`),
    ...t.searchIndexes.map((i) => `\`${i.name}\` (search ${i.searchField})`),
    ...t.vectorIndexes.map((i) => `\`${i.name}\` (vector ${i.vectorField})`),
  ];
  out.push("", `Indexes: ${idx.length ? idx.join(", ") : "none besides by_id and by_creation_time"}`);
  const rels = schemaRelationships(schema).filter((r) => r.from === t.name || r.to === t.name);
  if (rels.length) out.push("", "Relationships:", ...rels.map((r) => `- ${describeRelationship(r)}`));
  out.push("", ...usedBy(state.analysis().accesses.filter((a) => a.table === t.name)));
  return out.join("\n");
}

function fieldDoc(state: ProjectState, schema: SchemaModel, t: Table, f: Field): string {
  const out = ["```ts", `${t.name}.${f.name}: ${fieldToCode(f)}`, "```"];
  if (f.description) out.push(f.description);
  const rels = schemaRelationships(schema).filter((r) => r.from === t.name && r.field === f.name);
  for (const r of rels) out.push(`- ${describeRelationship(r)}`);
  const idx = t.indexes.filter((i) => i.fields.includes(f.name)).map((i) => `\`${i.name}\``);
  out.push(`Indexes: ${idx.length ? idx.join(", ") : "none"}`);
  const onTable = state.analysis().accesses.filter((a) => a.table === t.name);
  const names = (list: DbAccess[]) => [...new Set(list.map((a) => `\`${a.function}\``))].sort().join(", ");
  const queried = onTable.filter((a) => usesField(a, f.name));
  const written = onTable.filter((a) => writesField(state, a, f.name));
  if (queried.length) out.push(`Queried by ${names(queried)}`);
  if (written.length) out.push(`Written by ${names(written)}`);
  return out.join("\n\n");
}

function indexDoc(state: ProjectState, t: Table, name: string): string | undefined {
  const db = t.indexes.find((i) => i.name === name);
  const search = t.searchIndexes.find((i) => i.name === name);
  const vector = t.vectorIndexes.find((i) => i.name === name);
  if (!db && !search && !vector) return undefined;
  const what = db
    ? `fields ${db.fields.map((f) => `\`${f}\``).join(", ")}${db.staged ? " (staged: not queryable yet)" : ""}`
    : search
      ? `search index on \`${search.searchField}\`${search.filterFields.length ? `, filters ${search.filterFields.join(", ")}` : ""}`
      : `vector index on \`${vector!.vectorField}\` (${vector!.dimensions} dimensions)`;
  const uses = state
    .analysis()
    .accesses.filter((a) => a.table === t.name && (a.index?.name === name || a.search?.name === name));
  return [
    `**${t.name}.${name}**: ${what}`,
    "",
    ...usedBy(uses).map((s) => s.replace("No function reads or writes it.", "No function uses it.")),
  ].join("\n");
}

/**
 * Whether a write (`insert`, `patch`, `replace`) names `field` as a key of the object it passes. The analysis does not
 * record written fields, so the call's text is read: a key or shorthand property of that name anywhere in it.
 */
function writesField(state: ProjectState, a: DbAccess, field: string): boolean {
  if (a.mode !== "write" || !["insert", "patch", "replace"].includes(a.operation)) return false;
  const text = state.files[a.loc.file];
  if (text === undefined) return false;
  const from = offsetAt(text, { line: a.loc.line - 1, character: a.loc.column - 1 });
  const open = text.indexOf("(", from);
  if (open < 0 || open - from > 200) return false;
  let depth = 0;
  let end = open;
  for (; end < text.length && end - open < 4000; end++) {
    if (text[end] === "(") depth++;
    else if (text[end] === ")" && --depth === 0) break;
  }
  const key = field.replace(/[$]/g, "\\$&");
  return new RegExp(`[{,]\\s*["']?${key}["']?\\s*[:,}]`).test(text.slice(open, end));
}

function usesField(a: DbAccess, field: string): boolean {
  return (
    a.equalityFields.includes(field) ||
    a.rangeFields.includes(field) ||
    a.filterFields.includes(field) ||
    (a.index?.eq.includes(field) ?? false)
  );
}

// ---------- completion ----------

export function complete(state: ProjectState, file: string, text: string, offset: number): CompletionItem[] {
  const schema = state.schema;
  const tableAt = schema ? (at: number) => tableAtLine(schema, file, positionAt(text, at).line + 1)?.name : undefined;
  const literal = stringAt(text, offset, tableAt);
  if (!schema || !literal?.target) return [];
  const range = { start: positionAt(text, literal.start), end: positionAt(text, literal.end) };
  const item = (
    label: string,
    kind: CompletionItemKind,
    detail: string,
    doc?: string,
    sortText?: string,
  ): CompletionItem => ({
    label,
    kind,
    detail,
    ...(doc ? { documentation: md(doc) } : {}),
    ...(sortText ? { sortText } : {}),
    textEdit: { range, newText: label },
    insertTextFormat: InsertTextFormat.PlainText,
  });
  const target = literal.target;
  if (target.kind === "table") {
    return schema.tables.map((t) =>
      item(
        t.name,
        CompletionItemKind.Class,
        `table: ${t.fields.map((f) => f.name).join(", ")}`,
        tableDoc(state, schema, t),
      ),
    );
  }
  const tables = target.table ? schema.tables.filter((t) => t.name === target.table) : schema.tables;
  if (target.kind === "index") {
    return tables.flatMap((t) => {
      const own = (label: string, detail: string) =>
        item(
          label,
          CompletionItemKind.Reference,
          target.table ? detail : `${t.name}: ${detail}`,
          indexDoc(state, t, label),
        );
      if (target.search) return t.searchIndexes.map((i) => own(i.name, `search ${i.searchField}`));
      return t.indexes.map((i) => own(i.name, i.fields.join(", ")));
    });
  }
  // Fields: inside withIndex(…, q => q.eq(…)…) the index's next field comes first.
  const next = nextIndexField(text.slice(Math.max(0, literal.start - 1500), literal.start - 1), tables);
  const seen = new Set<string>();
  const out: CompletionItem[] = [];
  for (const t of tables) {
    for (const f of t.fields) {
      if (seen.has(f.name)) continue;
      seen.add(f.name);
      const it = item(
        f.name,
        CompletionItemKind.Field,
        fieldToCode(f),
        undefined,
        f.name === next ? "0" : `1${f.name}`,
      );
      if (f.name === next) it.preselect = true;
      out.push(it);
    }
  }
  if (/\.\s*field\(\s*$/.test(text.slice(Math.max(0, literal.start - 20), literal.start - 1))) {
    out.push(
      item("_id", CompletionItemKind.Field, "system field"),
      item("_creationTime", CompletionItemKind.Field, "system field"),
    );
  }
  return out;
}

/** In `withIndex("by_a_b", q => q.eq("a", x).eq("`, the index field the next step must name ("b"). */
function nextIndexField(before: string, tables: Table[]): string | undefined {
  const m = /^withIndex\(\s*["']([^"']+)["']\s*,([\s\S]*)$/.exec(before.slice(before.lastIndexOf("withIndex(")));
  if (!m || /\)\s*\)/.test(m[2])) return undefined;
  const index = tables.flatMap((t) => t.indexes).find((i) => i.name === m[1]);
  // Steps written so far, counting the one the cursor is in.
  const steps = [...m[2].matchAll(/\.(eq|lt|lte|gt|gte)\(/g)].length;
  return index?.fields[steps - 1];
}

// ---------- definition and references ----------

export function definition(state: ProjectState, file: string, text: string, offset: number): Place | undefined {
  const schema = state.schema;
  const found = targetAt(state, file, text, offset);
  if (!schema || !found) return undefined;
  const { target } = found;
  const table = findTable(schema, target.kind === "table" ? target.name : (target.table ?? ""));
  if (!table) return undefined;
  if (target.kind === "table") return table.loc && { loc: table.loc, length: table.name.length };
  if (target.kind === "field") {
    const f = table.fields.find((x) => x.name === target.name);
    return f?.loc && { loc: f.loc, length: f.name.length };
  }
  const idx = [...table.indexes, ...table.searchIndexes, ...table.vectorIndexes].find((i) => i.name === target.name);
  return idx?.loc && { loc: nameOfIndex(state, idx.loc), length: target.name.length + 2 };
}

/** An index's location points at `index(`; its name string is the first argument. */
function nameOfIndex(state: ProjectState, loc: SourceLocation): SourceLocation {
  const text = state.files[loc.file];
  if (text === undefined) return loc;
  const lines = text.split("\n");
  const rest = (lines[loc.line - 1] ?? "").slice(loc.column - 1);
  const m = /^\w+\(\s*/.exec(rest);
  return m && /["']/.test(rest[m[0].length] ?? "") ? { ...loc, column: loc.column + m[0].length } : loc;
}

export function references(
  state: ProjectState,
  file: string,
  text: string,
  offset: number,
  includeDeclaration: boolean,
): Place[] {
  const found = targetAt(state, file, text, offset);
  if (!state.schema || !found) return [];
  const { target } = found;
  const tableName = target.kind === "table" ? target.name : target.table;
  const accesses = state.analysis().accesses.filter((a) => a.table === tableName);
  const out: Place[] = [];
  const seen = new Set<string>();
  const push = (p: Place | undefined) => {
    if (!p) return;
    const key = `${p.loc.file}:${p.loc.line}:${p.loc.column}`;
    if (!seen.has(key)) out.push(p), seen.add(key);
  };
  if (includeDeclaration) push(definition(state, file, text, offset));
  for (const a of accesses) {
    if (target.kind === "table") push({ loc: a.loc });
    else if (target.kind === "index" && (a.index?.name === target.name || a.search?.name === target.name))
      push({ loc: (a.index ?? a.search)!.loc });
    else if (target.kind === "field" && usesField(a, target.name))
      push({
        loc:
          a.index && (a.index.eq.includes(target.name) || a.index.range.includes(target.name))
            ? a.index.loc
            : (a.filters[0]?.loc ?? a.loc),
      });
    else if (target.kind === "field" && writesField(state, a, target.name)) push({ loc: a.loc });
  }
  return out;
}
