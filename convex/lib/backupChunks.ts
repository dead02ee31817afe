/**
 * Migration backups are kept in chunks (`migrationBackups.docsJson`): one row per step instead of one per document,
 * so backing up 20,000 documents is 20 inserts, not 20,000. A chunk is JSON text (lib/valueJson keeps int64 and
 * bytes), one string value for the database to carry instead of a thousand documents to convert, check and size,
 * and stays well inside Convex's limit on a document (1 MiB, up to 3 bytes per character).
 */
import { parseValues, stringifyValues } from "./valueJson";

/** Documents per chunk, at most. */
export const CHUNK_DOCUMENTS = 1000;
/** Approximate characters per chunk, at most (a single larger document gets a chunk of its own). */
export const CHUNK_BYTES = 256 * 1024;

/** Approximate size of a Convex value in bytes (strings by length, as Convex counts them within a few percent). */
export function approximateSize(value: unknown): number {
  if (value === null || value === undefined) return 1;
  switch (typeof value) {
    case "string":
      return value.length + 2;
    case "number":
    case "bigint":
      return 8;
    case "boolean":
      return 1;
    case "object": {
      if (value instanceof ArrayBuffer) return value.byteLength;
      let n = 2;
      if (Array.isArray(value)) for (const v of value) n += approximateSize(v);
      else for (const k in value) n += k.length + 2 + approximateSize((value as Record<string, unknown>)[k]);
      return n;
    }
    default:
      return 1;
  }
}

/** Splits documents into chunks of at most CHUNK_DOCUMENTS and (unless one document alone is larger) CHUNK_BYTES. */
export function chunkDocuments<T>(docs: T[], maxDocs = CHUNK_DOCUMENTS, maxBytes = CHUNK_BYTES): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let bytes = 0;
  for (const doc of docs) {
    const size = approximateSize(doc);
    if (chunk.length > 0 && (chunk.length >= maxDocs || bytes + size > maxBytes)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(doc);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** A chunk as stored (`migrationBackups.docsJson`). */
export const chunkText = (docs: Record<string, unknown>[]): string => stringifyValues(docs);

/** The documents of a stored chunk. */
export const chunkDocs = (text: string): Record<string, unknown>[] => parseValues<Record<string, unknown>[]>(text);
