/**
 * Import and export in the layout `npx convex export` writes: `_tables/documents.jsonl`, `<table>/documents.jsonl`,
 * `<table>/generated_schema.jsonl`, `_storage/documents.jsonl` and `_storage/<id>` file bytes.
 */
import { convexToJson } from "convex/values";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { counterOfId, makeId, tableOfId, type JsonDoc } from "./engine-internals.js";

/** The data one export holds. */
export interface SnapshotData {
  tables: Map<string, JsonDoc[]>;
  files: Map<string, Uint8Array>;
  /** Each component's own tables and files, by component path (written under `_components/<path>/`). */
  components?: Map<string, SnapshotData>;
}

/** Where a component's data sits in the ZIP, as in Convex's exports. */
const COMPONENTS_PREFIX = "_components";

/** Builds the ZIP. Documents use Convex's JSON encoding (`convexToJson`). */
export function writeSnapshotZip(data: SnapshotData): Uint8Array {
  const z: Zippable = {};
  z["README.md"] = strToU8(
    "# Snapshot export\n\nWritten by the Schema Assistant local backend in the `npx convex export` layout.\n",
  );
  addTables(z, "", data);
  for (const [component, d] of data.components ?? []) addTables(z, `${COMPONENTS_PREFIX}/${component}/`, d);
  return zipSync(z, { level: 6 });
}

function addTables(z: Zippable, prefix: string, data: SnapshotData): void {
  const names = [...data.tables.keys()].sort();
  z[`${prefix}_tables/documents.jsonl`] = strToU8(
    names
      .filter((n) => n !== "_storage")
      .map((name, i) => JSON.stringify({ name, id: 10001 + i }))
      .join("\n") + (names.length ? "\n" : ""),
  );
  for (const name of names) {
    const docs = data.tables.get(name) ?? [];
    z[`${prefix}${name}/documents.jsonl`] = strToU8(
      docs.map((d) => JSON.stringify(d)).join("\n") + (docs.length ? "\n" : ""),
    );
    if (name !== "_storage")
      z[`${prefix}${name}/generated_schema.jsonl`] = strToU8(`${JSON.stringify(inferSchemaText(docs))}\n`);
  }
  for (const [id, bytes] of data.files) z[`${prefix}_storage/${id}`] = bytes;
}

function inferSchemaText(docs: JsonDoc[]): string {
  const fields = new Set<string>();
  for (const d of docs) for (const k of Object.keys(d)) fields.add(k);
  return `{${[...fields]
    .sort()
    .map((f) => `${f}: any`)
    .join(", ")}}`;
}

/**
 * Reads a snapshot ZIP. Throws naming the file and line of a malformed document. Tables whose
 * `generated_schema.jsonl` says `"uniform"` use the export JSON format (an integer literal is an int64, a number
 * with a fraction or exponent a float64; `$bytes` / `$float` as in Convex JSON), as lib/import's SnapshotSink
 * writes; the others use Convex JSON (`convexToJson`), as this backend's exports do. Documents come back in
 * Convex JSON either way. Each component's data (`_components/<path>/`, its root marked by its own
 * `_tables/documents.jsonl`, so a nested path such as `limits/batchWorker` reads as one) comes back under
 * `components`.
 */
export function readSnapshotZip(zip: Uint8Array): SnapshotData {
  const entries = Object.entries(unzipSync(zip));
  const roots = new Set<string>();
  const marker = `/_tables/documents.jsonl`;
  for (const [name] of entries)
    if (name.startsWith(`${COMPONENTS_PREFIX}/`) && name.endsWith(marker))
      roots.add(name.slice(COMPONENTS_PREFIX.length + 1, -marker.length));
  // Longest first: an entry belongs to the deepest component whose folder holds it.
  const byDepth = [...roots].sort((a, b) => b.length - a.length);
  const app: Array<[string, Uint8Array]> = [];
  const components = new Map<string, Array<[string, Uint8Array]>>();
  for (const [name, bytes] of entries) {
    if (!name.startsWith(`${COMPONENTS_PREFIX}/`)) {
      app.push([name, bytes]);
      continue;
    }
    const rest = name.slice(COMPONENTS_PREFIX.length + 1);
    const root = byDepth.find((r) => rest.startsWith(`${r}/`));
    if (root === undefined) continue; // no `_tables` of its own: not a component's data
    const list = components.get(root) ?? [];
    list.push([rest.slice(root.length + 1), bytes]);
    components.set(root, list);
  }
  const data = readTables(app, "");
  if (components.size > 0) {
    data.components = new Map();
    for (const [root, list] of [...components].sort(([a], [b]) => a.localeCompare(b)))
      data.components.set(root, readTables(list, `${COMPONENTS_PREFIX}/${root}/`));
  }
  return data;
}

/** Tables and files of one deployment's (or component's) entries; `prefix` names them in errors. */
function readTables(entries: Array<[string, Uint8Array]>, prefix: string): SnapshotData {
  const uniform = new Set<string>();
  for (const [name, bytes] of entries) {
    const m = /^(.+)\/generated_schema\.jsonl$/.exec(name);
    if (m && strFromU8(bytes).split("\n", 1)[0].trim() === '"uniform"') uniform.add(m[1]);
  }
  const tables = new Map<string, JsonDoc[]>();
  const files = new Map<string, Uint8Array>();
  for (const [name, bytes] of entries) {
    const parts = name.split("/").filter(Boolean);
    if (parts.length < 2 || parts[0] === COMPONENTS_PREFIX) continue;
    if (parts[0] === "_storage" && parts[1] !== "documents.jsonl") {
      files.set(parts[1].replace(/\.[^.]*$/, ""), bytes);
      continue;
    }
    if (parts[parts.length - 1] !== "documents.jsonl" || parts[0] === "_tables") continue;
    const table = parts.slice(0, -1).join("/");
    const docs: JsonDoc[] = [];
    const parse = uniform.has(table) ? parseExportJson : (line: string): unknown => JSON.parse(line);
    strFromU8(bytes)
      .split("\n")
      .forEach((line, i) => {
        if (line.trim() === "") return;
        let doc: unknown;
        try {
          doc = parse(line);
        } catch (e) {
          throw new Error(
            `${prefix}${name}:${i + 1}: ${e instanceof SyntaxError ? "not valid JSON" : (e as Error).message}`,
          );
        }
        if (typeof doc !== "object" || doc === null || Array.isArray(doc))
          throw new Error(`${prefix}${name}:${i + 1}: a document must be a JSON object`);
        docs.push(doc as JsonDoc);
      });
    tables.set(table, docs);
  }
  return { tables, files };
}

/**
 * Parses one line of export JSON into Convex JSON: integer literals become `{"$integer": …}` (int64, checked for
 * range), other numbers stay numbers; everything else is plain JSON. Throws SyntaxError on malformed input.
 */
export function parseExportJson(text: string): unknown {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at column ${i + 1}`);
  };
  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\r" || text[i] === "\n")) i++;
  };
  const value = (depth: number): unknown => {
    if (depth > 64) fail("nesting too deep");
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const out: Record<string, unknown> = {};
      ws();
      if (text[i] === "}") return (i++, out);
      for (;;) {
        ws();
        if (text[i] !== '"') fail("expected a field name");
        const key = string();
        ws();
        if (text[i++] !== ":") fail("expected ':'");
        out[key] = value(depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return (i++, out);
        else fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const out: unknown[] = [];
      ws();
      if (text[i] === "]") return (i++, out);
      for (;;) {
        out.push(value(depth + 1));
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return (i++, out);
        else fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(word, i)) return ((i += word.length), v);
    }
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === "" || m[0] === "-") fail("unexpected character");
    i += m![0].length;
    if (m![2] === undefined && m![3] === undefined) {
      const n = BigInt(m![0]);
      if (n < -(2n ** 63n) || n >= 2n ** 63n) throw new Error(`integer ${m![0]} does not fit in an int64`);
      return convexToJson(n);
    }
    return Number(m![0]);
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    if (i >= text.length) fail("unterminated string");
    i++;
    return String(JSON.parse(text.slice(start, i))); // a JSON string literal: always a string
  };
  const out = value(0);
  ws();
  if (i < text.length) fail("unexpected text after the value");
  return out;
}

/**
 * Gives imported documents ids in this engine's format. Ids already in the format (our own exports) are kept;
 * other ids (a cloud export) are renumbered from `nextCounter`, and every string equal to an old id is rewritten
 * so references keep pointing at the right document.
 */
export function remapIds(
  data: SnapshotData,
  nextCounter: number,
  taken: (id: string) => boolean,
): { data: SnapshotData; nextCounter: number; mapping: Map<string, string> } {
  const mapping = new Map<string, string>();
  let counter = nextCounter;
  for (const [table, docs] of data.tables) {
    for (const d of docs) {
      const id = String(d._id ?? "");
      const ours = id !== "" && tableOfId(id) === table && counterOfId(id) !== null && !taken(id);
      if (ours) counter = Math.max(counter, (counterOfId(id) ?? 0) + 1);
      else mapping.set(id || `__missing_${mapping.size}`, "");
    }
  }
  for (const [table, docs] of data.tables) {
    for (const d of docs) {
      const id = String(d._id ?? "");
      if (mapping.has(id) && mapping.get(id) === "") mapping.set(id, makeId(table, counter++));
    }
  }
  const rewrite = (v: unknown): unknown => {
    if (typeof v === "string") return mapping.get(v) || v;
    if (Array.isArray(v)) return v.map(rewrite);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x)]));
    return v;
  };
  const tables = new Map<string, JsonDoc[]>();
  for (const [table, docs] of data.tables) {
    tables.set(
      table,
      docs.map((d, i) => {
        const out = rewrite(d) as JsonDoc;
        if (!out._id) out._id = makeId(table, counter++);
        if (typeof out._creationTime !== "number") out._creationTime = Date.now() + i / 1000;
        return out;
      }),
    );
  }
  const files = new Map<string, Uint8Array>();
  for (const [id, bytes] of data.files) files.set(mapping.get(id) || id, bytes);
  return { data: { tables, files }, nextCounter: counter, mapping };
}
