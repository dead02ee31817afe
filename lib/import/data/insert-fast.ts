/**
 * A fast reader for the INSERT statements pg_dump writes (`--inserts`, `--column-inserts`): constants only
 * (strings, E'' strings, numbers, NULL, booleans, `::casts`). Anything else returns undefined and the statement
 * goes through the full SQL parser. pg_dump writes one statement per row, so this is the hot path for big dumps.
 */
import type { RawValue } from "./values";

export interface FastInsert {
  table: string;
  columns?: string[];
  tuples: RawValue[][];
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)`;
const HEAD = new RegExp(String.raw`^INSERT\s+INTO\s+((?:${IDENT}\.)?${IDENT})\s*(?:\(([^)]*)\))?\s*VALUES\s*`, "i");

function unquote(s: string): string {
  const t = s.trim();
  return t.startsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
}

const ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** Reads a quoted string starting at `i` (at the quote); returns [value, next index] or undefined. */
function readString(s: string, i: number, escapes: boolean): [string, number] | undefined {
  let out = "";
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j];
    if (escapes && c === "\\") {
      const n = s[++j];
      out += ESCAPES[n] ?? n;
    } else if (c === "'") {
      if (s[j + 1] === "'") (out += "'"), j++;
      else return [out, j + 1];
    } else out += c;
  }
  return undefined;
}

/** One constant at `i` (after whitespace): [raw text-form value, next index], or undefined when not a constant. */
function readValue(s: string, i: number): [RawValue, number] | undefined {
  let v: [RawValue, number] | undefined;
  const c = s[i];
  if (c === "'") v = readString(s, i, false);
  else if ((c === "E" || c === "e") && s[i + 1] === "'") v = readString(s, i + 1, true);
  else {
    const m = /^(?:-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|NULL|TRUE|FALSE)(?![\w$])/i.exec(s.slice(i, i + 64));
    if (!m) return undefined;
    const w = m[0].toUpperCase();
    v = [w === "NULL" ? null : w === "TRUE" ? "t" : w === "FALSE" ? "f" : m[0], i + m[0].length];
  }
  if (!v) return undefined;
  // Casts: '{}'::jsonb, 'x'::character varying(20)[], 'a'::public.mood
  const cast =
    /^\s*::\s*(?:"[^"]+"|[\w$.]+)(?:\s+(?:varying|precision|with(?:out)?\s+time\s+zone))*(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?(?:\s*\[\s*\])*/.exec(
      s.slice(v[1], v[1] + 120),
    );
  return cast ? [v[0], v[1] + cast[0].length] : v;
}

/** Parses a constants-only INSERT, or returns undefined so the caller uses the full parser. */
export function parseFastInsert(text: string): FastInsert | undefined {
  const head = HEAD.exec(text);
  if (!head) return undefined;
  const tuples: RawValue[][] = [];
  let i = head[0].length;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  for (;;) {
    ws();
    if (text[i] !== "(") return undefined;
    i++;
    const tuple: RawValue[] = [];
    for (;;) {
      ws();
      const v = readValue(text, i);
      if (!v) return undefined;
      tuple.push(v[0]);
      i = v[1];
      ws();
      if (text[i] === ",") i++;
      else if (text[i] === ")") break;
      else return undefined;
    }
    i++;
    tuples.push(tuple);
    ws();
    if (text[i] === ",") i++;
    else break;
  }
  ws();
  if (i < text.length && text.slice(i).trim() !== "") return undefined;
  return { table: unquote(head[1].split(".").pop()!), columns: head[2]?.split(",").map(unquote), tuples };
}
