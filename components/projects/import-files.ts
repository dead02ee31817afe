import { strFromU8, unzipSync } from "fflate";

/** Data files the importer reads: pg_dump / INSERT scripts, and CSV or JSON Lines named after their table. */
export const DATA_FILE = /\.(sql|csv|jsonl|ndjson)$/i;
/** The whole upload goes to one action call, whose arguments are limited (Convex: 16 MiB); keep a margin. */
export const MAX_DATA_BYTES = 12_000_000;

export type TextFile = { path: string; content: string };

/** Reads chosen data files; a .zip contributes its .sql/.csv/.jsonl entries (folders kept in the path). */
export async function readDataFiles(files: File[]): Promise<{ files: TextFile[]; skipped: string[] }> {
  const out: TextFile[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    if (/\.zip$/i.test(file.name)) {
      const entries = unzipSync(new Uint8Array(await file.arrayBuffer()), {
        filter: (f) => !f.name.endsWith("/") && !f.name.startsWith("__MACOSX/"),
      });
      for (const [path, bytes] of Object.entries(entries)) {
        if (DATA_FILE.test(path)) out.push({ path, content: strFromU8(bytes) });
        else skipped.push(`${file.name}/${path}`);
      }
    } else if (DATA_FILE.test(file.name)) {
      out.push({ path: file.name, content: await file.text() });
    } else skipped.push(file.name);
  }
  const bytes = out.reduce((n, f) => n + f.content.length, 0);
  if (bytes > MAX_DATA_BYTES) {
    throw new Error(
      `The data files hold ${(bytes / 1e6).toFixed(1)} MB; the dashboard imports up to ${MAX_DATA_BYTES / 1e6} MB. Use \`schema-assistant import --data\` for larger dumps.`,
    );
  }
  return { files: out, skipped };
}

/** Guesses the source kind from a file name or its text. */
export function guessKind(name: string, text: string): "prisma" | "sql" {
  if (/\.prisma$/i.test(name)) return "prisma";
  if (/\.sql$/i.test(name)) return "sql";
  return /^\s*(model|datasource|generator|enum)\s+\w+\s*\{/m.test(text) ? "prisma" : "sql";
}
