/**
 * Output as a Convex snapshot ZIP for `npx convex import --replace-all <file>.zip` (or into an empty deployment).
 *
 * Layout, as Convex's own exports (convex-backend `snapshot_import/parse.rs`, `exports/zip_uploader.rs`):
 *   _tables/documents.jsonl           {"name": "<table>", "id": <table number>} per table
 *   <table>/documents.jsonl           one document per line, with `_id`
 *   <table>/generated_schema.jsonl    "uniform": values use the export JSON format
 * The import assigns each table the number from `_tables`, so the `_id`s generated here (and the references that
 * carry them) stay valid: no post-import fix-up is needed. Export JSON: an integer literal is an int64, a number
 * with a fraction or exponent is a float64 (so whole floats are written `3.0`), bytes are {"$bytes": base64},
 * non-finite floats {"$float": base64 of the little-endian f64}.
 */
import { strToU8, zipSync } from "fflate";
import type { Doc, ImportSink } from "../data/engine";
import type { DocValue } from "../data/values";
import { encodeConvexId } from "./convex-id";

export { encodeConvexId, decodeConvexIdTable } from "./convex-id";

/** First table number Convex gives user tables. */
export const FIRST_TABLE_NUMBER = 10001;

export interface SnapshotSinkOptions {
  /** Table names in the order their numbers are assigned (so numbers are stable between runs). */
  tables: string[];
  /** 16 random bytes per call (crypto.getRandomValues in the CLI; a counter in tests). */
  randomBytes: () => Uint8Array;
}

/** A sink that keeps documents in memory and writes them as a snapshot ZIP. */
export class SnapshotSink implements ImportSink {
  readonly docs = new Map<string, Map<string, Doc>>();
  private numbers = new Map<string, number>();
  constructor(private options: SnapshotSinkOptions) {
    options.tables.forEach((t, i) => this.numbers.set(t, FIRST_TABLE_NUMBER + i));
  }

  async insert(table: string, docs: Doc[]): Promise<string[]> {
    const n = this.numbers.get(table);
    if (n === undefined) throw new Error(`Table "${table}" is not in the snapshot's table list.`);
    const store = this.docs.get(table) ?? new Map<string, Doc>();
    this.docs.set(table, store);
    return docs.map((d) => {
      const id = encodeConvexId(n, this.options.randomBytes());
      store.set(id, { ...d });
      return id;
    });
  }

  async patch(table: string, id: string, fields: Doc): Promise<void> {
    const doc = this.docs.get(table)?.get(id);
    if (!doc) throw new Error(`Document "${id}" of table "${table}" was not inserted.`);
    Object.assign(doc, fields);
  }

  /** The ZIP bytes. */
  toZip(): Uint8Array {
    const files: Record<string, Uint8Array> = {};
    const tables = [...this.numbers.entries()].map(([name, id]) => JSON.stringify({ name, id }));
    files["_tables/documents.jsonl"] = strToU8(tables.join("\n") + "\n");
    for (const [table] of this.numbers) {
      const docs = [...(this.docs.get(table) ?? new Map()).entries()];
      files[`${table}/documents.jsonl`] = strToU8(
        docs.map(([id, d]) => exportJson({ _id: id, ...d })).join("\n") + (docs.length ? "\n" : ""),
      );
      files[`${table}/generated_schema.jsonl`] = strToU8('"uniform"\n');
    }
    return zipSync(files, { level: 6, mtime: new Date(Date.UTC(2000, 0, 1)) });
  }
}

function base64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** One value in Convex's export JSON (the "uniform" format). */
export function exportJson(v: DocValue): string {
  if (v === null || typeof v === "boolean" || typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") {
    if (!Number.isFinite(v)) {
      const buf = new DataView(new ArrayBuffer(8));
      buf.setFloat64(0, v, true);
      return `{"$float":${JSON.stringify(base64(new Uint8Array(buf.buffer)))}}`;
    }
    const s = Object.is(v, -0) ? "-0" : JSON.stringify(v);
    return /[.eE]/.test(s) ? s : `${s}.0`;
  }
  if (v instanceof ArrayBuffer) return `{"$bytes":${JSON.stringify(base64(new Uint8Array(v)))}}`;
  if (Array.isArray(v)) return `[${v.map(exportJson).join(",")}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${JSON.stringify(k)}:${exportJson(x)}`)
    .join(",")}}`;
}
