/**
 * Positions: the engine's 1-based line/column locations and offsets, and LSP's 0-based positions. A location
 * marks where something starts; its range covers the token there (a string literal or a name), so editors
 * underline the word rather than one character.
 */
import type { Position, Range } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { SourceLocation } from "../../lib/schema/model";

/** LSP position ↔ offset in a text (vscode-languageserver-textdocument's own conversion). */
export function offsetAt(text: string, pos: Position): number {
  return TextDocument.create("file:///", "typescript", 0, text).offsetAt(pos);
}

export function positionAt(text: string, offset: number): Position {
  return TextDocument.create("file:///", "typescript", 0, text).positionAt(offset);
}

const TOKEN = /^(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`\n]*`|[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)/;

/**
 * The range of the token starting at a 1-based location (one character when nothing token-like starts there).
 * `text` may be a TextDocument made once for many locations of the same file.
 */
export function rangeOf(text: string | TextDocument | undefined, loc: Pick<SourceLocation, "line" | "column">): Range {
  const start = { line: Math.max(0, loc.line - 1), character: Math.max(0, loc.column - 1) };
  if (text === undefined) return { start, end: { line: start.line, character: start.character + 1 } };
  const doc = typeof text === "string" ? TextDocument.create("file:///", "typescript", 0, text) : text;
  const offset = doc.offsetAt(start);
  const m = TOKEN.exec(doc.getText().slice(offset, offset + 200));
  const length = m ? m[0].length : 1;
  return { start, end: { line: start.line, character: start.character + length } };
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): { range: Range; newText: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  return {
    range: { start: positionAt(before, start), end: positionAt(before, endB) },
    newText: after.slice(start, endA),
  };
}
