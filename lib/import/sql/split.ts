/**
 * Splits PostgreSQL text (a schema file or a pg_dump) into statements with their positions, and collects the data
 * lines of `COPY ... FROM stdin;` blocks. Quotes, dollar quotes and comments are respected.
 */
export interface SqlStatement {
  text: string;
  /** Offset of the statement's first character in the whole source. */
  offset: number;
  line: number;
  column: number;
  /** For `COPY ... FROM stdin`: the data lines (without the final `\.`) and the line number of the first one. */
  copy?: { lines: string[]; firstLine: number };
}

/** Line starts of a text, to turn offsets into 1-based line/column. */
export class LineIndex {
  private starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

/** End offset of a quoted or commented region starting at `i`, or -1 when `i` starts none. */
function skipRegion(src: string, i: number): number {
  const c = src[i];
  if (c === "-" && src[i + 1] === "-") {
    const nl = src.indexOf("\n", i);
    return nl < 0 ? src.length : nl;
  }
  if (c === "/" && src[i + 1] === "*") {
    let depth = 1;
    let j = i + 2;
    while (j < src.length && depth > 0) {
      if (src[j] === "/" && src[j + 1] === "*") depth++, (j += 2);
      else if (src[j] === "*" && src[j + 1] === "/") depth--, (j += 2);
      else j++;
    }
    return j;
  }
  if (c === "'" || c === '"') {
    const escapes = c === "'" && /[eE]/.test(src[i - 1] ?? "") && !/[A-Za-z0-9_]/.test(src[i - 2] ?? "");
    let j = i + 1;
    while (j < src.length) {
      if (escapes && src[j] === "\\") j += 2;
      else if (src[j] === c && src[j + 1] === c) j += 2;
      else if (src[j] === c) return j + 1;
      else j++;
    }
    return src.length;
  }
  if (c === "$") {
    const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(src.slice(i, i + 64));
    if (!m || /[A-Za-z0-9_]/.test(src[i - 1] ?? "")) return -1;
    const end = src.indexOf(m[0], i + m[0].length);
    return end < 0 ? src.length : end + m[0].length;
  }
  return -1;
}

const COPY_STDIN = /^\s*COPY\s[\s\S]*\bFROM\s+stdin\b/i;

/** Splits the source into statements. Empty statements and pure comments are dropped. */
export function splitSql(src: string): SqlStatement[] {
  const lines = new LineIndex(src);
  const out: SqlStatement[] = [];
  let start = 0;
  let i = 0;
  const emit = (end: number) => {
    const raw = src.slice(start, end);
    // Leading whitespace and comments belong to no statement: the statement starts at its first keyword.
    const lead = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/.exec(raw)![0].length;
    const text = raw.slice(lead).trim();
    if (text) {
      const pos = lines.at(start + lead);
      out.push({ text, offset: start + lead, ...pos });
    }
  };
  while (i < src.length) {
    const skip = skipRegion(src, i);
    if (skip >= 0) {
      i = skip;
      continue;
    }
    if (src[i] !== ";") {
      i++;
      continue;
    }
    emit(i);
    i++;
    const last = out[out.length - 1];
    if (last && last.offset >= start && COPY_STDIN.test(last.text)) i = readCopyData(src, i, last, lines);
    start = i;
  }
  emit(src.length);
  return out;
}

/** Reads the lines after a `COPY ... FROM stdin;` up to `\.`; returns the offset after the terminator. */
function readCopyData(src: string, i: number, stmt: SqlStatement, lines: LineIndex): number {
  const nl = src.indexOf("\n", i);
  let pos = nl < 0 ? src.length : nl + 1;
  const data: string[] = [];
  const firstLine = lines.at(Math.min(pos, src.length)).line;
  while (pos < src.length) {
    const end = src.indexOf("\n", pos);
    const line = src.slice(pos, end < 0 ? src.length : end).replace(/\r$/, "");
    pos = end < 0 ? src.length : end + 1;
    if (line === "\\.") break;
    data.push(line);
  }
  stmt.copy = { lines: data, firstLine };
  return pos;
}
