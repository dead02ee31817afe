/** Convex export ZIPs in the browser: `<table>/documents.jsonl`, values in Convex's JSON encoding (fflate). */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { convexToJson, jsonToConvex, type Value } from "convex/values";
import { z } from "zod";
import { storedShape } from "../../lib/stored";

export type ExportDoc = Record<string, unknown>;

/** Builds an export ZIP from documents per table (tables and documents in the given order). */
export function buildExportZip(tables: Record<string, ExportDoc[]>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [table, docs] of Object.entries(tables)) {
    files[`${table}/documents.jsonl`] = strToU8(
      docs.map((d) => JSON.stringify(convexToJson(d as Value))).join("\n") + (docs.length ? "\n" : ""),
    );
  }
  return zipSync(files, { level: 6 });
}

/** One document of an export ZIP's `documents.jsonl`: an object (Convex values inside). */
const exportDoc = storedShape<ExportDoc>("exported document", 1, z.record(z.string(), z.unknown()));

/** Reads an export ZIP; errors name the file and line. System tables (`_tables`, `_storage`, ...) are skipped. */
export function readExportZip(data: Uint8Array): Record<string, ExportDoc[]> {
  const out: Record<string, ExportDoc[]> = {};
  const files = unzipSync(data);
  for (const [path, bytes] of Object.entries(files)) {
    const m = /^(?:[^/]+\/)*?([A-Za-z][A-Za-z0-9_]*)\/documents\.jsonl$/.exec(path);
    if (!m) continue;
    const lines = strFromU8(bytes).split("\n");
    const docs: ExportDoc[] = [];
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      try {
        docs.push(exportDoc.check(jsonToConvex(JSON.parse(line)), `${path}:${i + 1}`));
      } catch (err) {
        throw new Error(`${path}:${i + 1}: not a JSON document (${err instanceof Error ? err.message : String(err)})`);
      }
    });
    out[m[1]] = docs;
  }
  if (Object.keys(out).length === 0)
    throw new Error("No <table>/documents.jsonl files in this ZIP; is it a Convex export?");
  return out;
}
