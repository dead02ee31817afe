/**
 * Reads a Convex export ZIP (`npx convex export` layout: `<table>/documents.jsonl`) as documents by table, for
 * the preflight and for statistics (counts, fields present) that feed the planner's risk checks.
 */
import { readFile } from "node:fs/promises";
import { jsonToConvex } from "convex/values";
import { strFromU8, unzipSync } from "fflate";
import { z } from "zod";
import type { Doc, DocumentsByTable, MigrationStats } from "../lib/migrate";
import { storedShape } from "../lib/stored";

/** One line of an export ZIP's `documents.jsonl`: a document (an object of Convex values). */
const exportedDoc = storedShape<Doc>("exported document", 1, z.record(z.string(), z.unknown()));

export interface ExportData {
  /** Table name → documents (Convex values: bigint, ArrayBuffer decoded). */
  tables: Map<string, Doc[]>;
}

/** Parses an export ZIP; a malformed line is reported as `file:line`. */
export function parseExportZip(zip: Uint8Array, name = "export.zip"): ExportData {
  const tables = new Map<string, Doc[]>();
  const entries = unzipSync(zip, { filter: (f) => /^[^/_][^/]*\/documents\.jsonl$/.test(f.name) });
  for (const [file, bytes] of Object.entries(entries)) {
    const table = file.slice(0, file.indexOf("/"));
    const docs: Doc[] = [];
    strFromU8(bytes)
      .split("\n")
      .forEach((line, i) => {
        if (!line.trim()) return;
        try {
          docs.push(exportedDoc.check(jsonToConvex(JSON.parse(line)), `${name}:${file}:${i + 1}`));
        } catch (e) {
          throw new Error(`${name}:${file}:${i + 1}: ${(e as Error).message}`);
        }
      });
    tables.set(table, docs);
  }
  return { tables };
}

export async function readExportZip(file: string): Promise<ExportData> {
  return parseExportZip(new Uint8Array(await readFile(file)), file);
}

/** The export as the preflight's input. */
export function exportDocuments(data: ExportData): DocumentsByTable {
  return [...data.tables.entries()];
}

/** Counts per table and per top-level field, for the planner's risk checks (MR101, MR102, MR106). */
export function exportStats(data: ExportData): MigrationStats {
  const stats: MigrationStats = { tables: {} };
  for (const [table, docs] of data.tables) {
    const present: Record<string, number> = {};
    for (const d of docs)
      for (const k of Object.keys(d)) if (d[k] !== undefined && !k.startsWith("_")) present[k] = (present[k] ?? 0) + 1;
    stats.tables[table] = { count: docs.length, present };
  }
  return stats;
}
