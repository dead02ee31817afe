/**
 * Import and export in the layout `npx convex export` writes: `_tables/documents.jsonl`, `<table>/documents.jsonl`,
 * `<table>/generated_schema.jsonl`, `_storage/documents.jsonl` and `_storage/<id>` file bytes.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { counterOfId, makeId, tableOfId, type JsonDoc } from "./engine-internals.js";

/** The data one export holds. */
export interface SnapshotData {
  tables: Map<string, JsonDoc[]>;
  files: Map<string, Uint8Array>;
}

/** Builds the ZIP. Documents use Convex's JSON encoding (`convexToJson`). */
export function writeSnapshotZip(data: SnapshotData): Uint8Array {
  const z: Zippable = {};
  const names = [...data.tables.keys()].sort();
  z["README.md"] = strToU8("# Snapshot export\n\nWritten by the Schema Assistant local backend in the `npx convex export` layout.\n");
  z["_tables/documents.jsonl"] = strToU8(names.filter((n) => n !== "_storage").map((name, i) => JSON.stringify({ name, id: 10001 + i })).join("\n") + (names.length ? "\n" : ""));
  for (const name of names) {
    const docs = data.tables.get(name) ?? [];
    z[`${name}/documents.jsonl`] = strToU8(docs.map((d) => JSON.stringify(d)).join("\n") + (docs.length ? "\n" : ""));
    if (name !== "_storage") z[`${name}/generated_schema.jsonl`] = strToU8(`${JSON.stringify(inferSchemaText(docs))}\n`);
  }
  for (const [id, bytes] of data.files) z[`_storage/${id}`] = bytes;
  return zipSync(z, { level: 6 });
}

function inferSchemaText(docs: JsonDoc[]): string {
  const fields = new Set<string>();
  for (const d of docs) for (const k of Object.keys(d)) fields.add(k);
  return `{${[...fields].sort().map((f) => `${f}: any`).join(", ")}}`;
}

/** Reads a snapshot ZIP. Throws naming the file and line of a malformed document. */
export function readSnapshotZip(zip: Uint8Array): SnapshotData {
  const entries = unzipSync(zip);
  const tables = new Map<string, JsonDoc[]>();
  const files = new Map<string, Uint8Array>();
  for (const [name, bytes] of Object.entries(entries)) {
    const parts = name.split("/").filter(Boolean);
    if (parts.length < 2) continue;
    if (parts[0] === "_storage" && parts[1] !== "documents.jsonl") {
      files.set(parts[1].replace(/\.[^.]*$/, ""), bytes);
      continue;
    }
    if (parts[parts.length - 1] !== "documents.jsonl" || parts[0] === "_tables") continue;
    const table = parts.slice(0, -1).join("/");
    const docs: JsonDoc[] = [];
    strFromU8(bytes)
      .split("\n")
      .forEach((line, i) => {
        if (line.trim() === "") return;
        try {
          docs.push(JSON.parse(line) as JsonDoc);
        } catch {
          throw new Error(`${name}:${i + 1}: not valid JSON`);
        }
      });
    tables.set(table, docs);
  }
  return { tables, files };
}

/**
 * Gives imported documents ids in this engine's format. Ids already in the format (our own exports) are kept;
 * other ids (a cloud export) are renumbered from `nextCounter`, and every string equal to an old id is rewritten
 * so references keep pointing at the right document.
 */
export function remapIds(data: SnapshotData, nextCounter: number, taken: (id: string) => boolean): { data: SnapshotData; nextCounter: number; mapping: Map<string, string> } {
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
    tables.set(table, docs.map((d, i) => {
      const out = rewrite(d) as JsonDoc;
      if (!out._id) out._id = makeId(table, counter++);
      if (typeof out._creationTime !== "number") out._creationTime = Date.now() + i / 1000;
      return out;
    }));
  }
  const files = new Map<string, Uint8Array>();
  for (const [id, bytes] of data.files) files.set(mapping.get(id) || id, bytes);
  return { data: { tables, files }, nextCounter: counter, mapping };
}
