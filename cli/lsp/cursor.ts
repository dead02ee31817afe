/**
 * What the cursor is on, read from the text around it: a string literal and the call it is an argument of
 * (`v.id("…")`, `db.query("…")`, `withIndex("…")`, `q.eq("…")`, `q.field("…")`, an index's field list), or a name
 * in the schema file. Text, not a syntax tree, because completion runs on half-typed code that does not parse.
 */
import type { SchemaModel, Table } from "../../lib/schema/model";

/** The schema table whose definition a text offset is in (only known in a schema file). */
export type TableAt = (offset: number) => string | undefined;

export type CursorTarget =
  | { kind: "table"; name: string }
  | { kind: "index"; table?: string; name: string; search?: boolean }
  | { kind: "field"; table?: string; name: string };

export interface StringAtCursor {
  /** Offsets of the literal's contents (inside the quotes). */
  start: number;
  end: number;
  value: string;
  /** What the literal names, when the call around it says so. */
  target?: CursorTarget;
}

const BACK = 1500;

/** The string literal around `offset` on its line (unterminated ones too), with what it names. */
export function stringAt(text: string, offset: number, tableAt?: TableAt): StringAtCursor | undefined {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  let lineEnd = text.indexOf("\n", offset);
  if (lineEnd < 0) lineEnd = text.length;
  let i = lineStart;
  while (i < lineEnd) {
    const ch = text[i];
    if (ch === "/" && text[i + 1] === "/") return undefined;
    if (ch !== '"' && ch !== "'" && ch !== "`") {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lineEnd && text[j] !== ch) j += text[j] === "\\" ? 2 : 1;
    if (offset > i && offset <= j) {
      const start = i + 1;
      const end = Math.min(j, lineEnd);
      const value = text.slice(start, end);
      return { start, end, value, target: targetOf(text.slice(Math.max(0, i - BACK), i), value, () => tableAt?.(i)) };
    }
    i = j + 1;
  }
  return undefined;
}

/** Reads the call a literal is the first argument of, from the text before its opening quote. */
function targetOf(before: string, value: string, tableAt: () => string | undefined): CursorTarget | undefined {
  if (/\bv\.id\(\s*$/.test(before)) return { kind: "table", name: value };
  if (/\bdb\s*\.\s*(query|insert|get|patch|replace|delete|normalizeId)\(\s*$/.test(before))
    return { kind: "table", name: value };
  if (/\.\s*withIndex\(\s*$/.test(before)) return { kind: "index", table: chainTable(before), name: value };
  if (/\.\s*withSearchIndex\(\s*$/.test(before))
    return { kind: "index", table: chainTable(before), name: value, search: true };
  if (/\.\s*(field|eq|neq|lt|lte|gt|gte|search)\(\s*$/.test(before))
    return { kind: "field", table: chainTable(before), name: value };
  // In the schema: an index's field list, a search/vector index's fields.
  if (/\.\s*(index|searchIndex|vectorIndex)\(\s*$/.test(before)) {
    const table = tableAt();
    return table ? { kind: "index", table, name: value } : undefined;
  }
  if (/\.\s*index\(\s*["'][^"'\n]*["']\s*,\s*(\{\s*fields\s*:\s*)?\[[^\]]*$/.test(before))
    return { kind: "field", table: tableAt(), name: value };
  if (/\b(searchField|vectorField)\s*:\s*$/.test(before) || /\bfilterFields\s*:\s*\[[^\]]*$/.test(before))
    return { kind: "field", table: tableAt(), name: value };
  return undefined;
}

/** The table of the query chain a cursor is in: the last `.query("t")` before it, if any. */
export function chainTable(before: string): string | undefined {
  const all = [...before.matchAll(/\bquery\(\s*["']([^"'\n]+)["']\s*\)/g)];
  return all.length ? all[all.length - 1][1] : undefined;
}

/** The schema table whose definition contains a 1-based line of a file. */
export function tableAtLine(schema: SchemaModel, file: string, line: number): Table | undefined {
  let best: Table | undefined;
  for (const t of schema.tables) {
    if (!t.loc || t.loc.file !== file || t.loc.line > line) continue;
    if (!best || t.loc.line >= (best.loc?.line ?? 0)) best = t;
  }
  return best;
}

/** The identifier around an offset, with its span. */
export function wordAt(text: string, offset: number): { start: number; end: number; word: string } | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && /[\w$]/.test(text[start - 1])) start--;
  while (end < text.length && /[\w$]/.test(text[end])) end++;
  return start === end ? undefined : { start, end, word: text.slice(start, end) };
}
