/** Text splicing helpers for surgical edits: indentation, inserting into and removing from object literals. */
import { leadingCommentNode, type Node, type SourceModule } from "../parse/source";

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits (any order). */
export function applyEdits(source: string, edits: Edit[]): string {
  let out = source;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

export function lineStart(source: string, pos: number): number {
  return source.lastIndexOf("\n", pos - 1) + 1;
}

/** Whitespace before `pos` on its line, or null when code precedes it on that line. */
export function indentAt(source: string, pos: number): string | null {
  const prefix = source.slice(lineStart(source, pos), pos);
  return /^[ \t]*$/.test(prefix) ? prefix : null;
}

/** Leading whitespace of the line containing `pos`. */
export function lineIndent(source: string, pos: number): string {
  return /^[ \t]*/.exec(source.slice(lineStart(source, pos)))![0];
}

/**
 * Inserts a property at the end of an object literal, following its style: one property per line (with or
 * without trailing commas) or inline. `make(indent)` renders the property for the indentation it will have.
 */
export function insertProperty(source: string, obj: Node, make: (indent: string) => string, comment = ""): Edit {
  const props = obj.properties as Node[];
  if (props.length === 0) {
    const outer = lineIndent(source, obj.start);
    const ind = outer + "  ";
    return {
      start: obj.start,
      end: obj.end,
      text: `{\n${comment ? ind + comment + "\n" : ""}${ind}${make(ind)},\n${outer}}`,
    };
  }
  const last = props[props.length - 1];
  const ind = indentAt(source, last.start);
  if (ind === null) {
    const inner = source.slice(obj.start + 1, obj.end - 1);
    // An inline object cannot hold a doc comment: rewrite it one property per line (unless it has comments of its own).
    if (comment && !/\/\/|\/\*/.test(inner)) {
      const outer = lineIndent(source, obj.start);
      const at = outer + "  ";
      const lines = props.map((p) => `${at}${source.slice(p.start, p.end)},`);
      return {
        start: obj.start,
        end: obj.end,
        text: `{\n${lines.join("\n")}\n${at}${comment}\n${at}${make(at)},\n${outer}}`,
      };
    }
    return { start: last.end, end: last.end, text: `, ${make(lineIndent(source, last.start))}` };
  }
  const blank =
    props.length >= 2 && /\n[ \t]*\n/.test(source.slice(props[props.length - 2].end, last.start)) ? "\n" : "";
  const doc = blank + (comment ? `${ind}${comment}\n` : "");
  let after = last.end;
  while (source[after] === " " || source[after] === "\t") after++;
  const hasComma = source[after] === ",";
  // A comment trailing the last property on its line stays with that property.
  const newline = source.indexOf("\n", after);
  const eol = newline === -1 ? source.length : newline;
  const rest = source.slice(hasComma ? after + 1 : last.end, eol);
  const trailing = /^[ \t]*(\/\/.*|\/\*.*\*\/[ \t]*)$/.test(rest) ? rest : "";
  if (hasComma) {
    const at = trailing ? eol : after + 1;
    return { start: at, end: at, text: `\n${doc}${ind}${make(ind)},` };
  }
  if (trailing) return { start: last.end, end: eol, text: `,${trailing}\n${doc}${ind}${make(ind)}` };
  return { start: last.end, end: last.end, text: `,\n${doc}${ind}${make(ind)}` };
}

/**
 * Removes one element of a comma-separated list (object properties), with its documentation comment and line
 * when it sits on its own line(s).
 */
export function removeListItem(mod: SourceModule, source: string, node: Node, siblings: Node[]): Edit {
  const i = siblings.indexOf(node);
  const next = siblings[i + 1];
  const prev = siblings[i - 1];
  if (indentAt(source, node.start) !== null) {
    let end = node.end;
    while (source[end] === " " || source[end] === "\t") end++;
    if (source[end] === ",") end++;
    const rest = /^[ \t]*(\/\/[^\n]*)?\n/.exec(source.slice(end));
    if (rest) {
      const comment = leadingCommentNode(mod, node);
      const from = comment && (!prev || comment.start >= prev.end) ? comment.start : node.start;
      let start = lineStart(source, from);
      // Take the blank line that separated this item from the previous one with it.
      const above = start > 0 ? lineStart(source, start - 1) : start;
      if (prev && above >= prev.end && /^[ \t]*\n$/.test(source.slice(above, start))) start = above;
      return { start, end: end + rest[0].length, text: "" };
    }
  }
  if (next) return { start: node.start, end: next.start, text: "" };
  if (prev) return { start: prev.end, end: node.end, text: "" };
  let end = node.end;
  while (/[ \t,]/.test(source[end] ?? "")) end++;
  return { start: node.start, end, text: "" };
}

/** Every node below `root` (depth first), for small source-wide rewrites such as renaming `v.id("x")`. */
export function walkNodes(root: Node, visit: (n: Node) => void): void {
  visit(root);
  for (const key in root) {
    if (key === "start" || key === "end" || key === "type") continue;
    const child = root[key];
    if (Array.isArray(child)) {
      for (const c of child) if (c && typeof c.type === "string") walkNodes(c, visit);
    } else if (child && typeof child === "object" && typeof child.type === "string") walkNodes(child, visit);
  }
}
