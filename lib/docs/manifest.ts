/** `schema-manifest.json`: what the docs were generated from, so drift can be detected without re-reading them. */
import type { SchemaModel } from "../schema/model";
import type { DocRelationship } from "./relationships";
import { sha256 } from "./sha256";

export const MANIFEST_FILE = "schema-manifest.json";

export interface SchemaManifest {
  format: "schema-assistant/manifest@1";
  schemaVersion: string;
  generatedAt: string;
  entry: string;
  source: { sha256: string; normalization: string };
  /** hash of the model without source locations: equal when only formatting or comments-without-meaning changed */
  modelSha256: string;
  counts: {
    tables: number;
    fields: number;
    indexes: number;
    searchIndexes: number;
    vectorIndexes: number;
    relationships: number;
  };
  /** sha256 of every other generated file */
  files: Record<string, string>;
}

const NORMALIZATION =
  "utf-8, BOM removed, CRLF/CR → LF, trailing whitespace removed, files sorted by path and joined with '// file: <path>' headers";

/**
 * Normalizes schema source so the hash ignores line endings and trailing whitespace. Several files are sorted
 * by path and each opened by a `// file: <path>` line.
 */
export function normalizeSource(source: string | Record<string, string>): string {
  const one = (text: string) =>
    text
      .replace(/^\uFEFF/, "")
      .replace(/\r\n?/g, "\n")
      .split("\n")
      .map((l) => l.replace(/[ \t]+$/, ""))
      .join("\n")
      .replace(/\n+$/, "") + "\n";
  if (typeof source === "string") return one(source);
  return Object.keys(source)
    .sort()
    .map((path) => `// file: ${path}\n${one(source[path])}`)
    .join("");
}

/** Stable JSON: object keys sorted, `loc` dropped. */
export function canonicalModel(model: SchemaModel): string {
  return JSON.stringify(model, (key, value: unknown) => {
    if (key === "loc") return undefined;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return value;
  });
}

export function buildManifest(
  model: SchemaModel,
  rels: DocRelationship[],
  input: { source: string | Record<string, string>; generatedAt: string; version: string },
  files: Record<string, string>,
): SchemaManifest {
  const fileHashes: Record<string, string> = {};
  for (const name of Object.keys(files).sort()) fileHashes[name] = sha256(files[name]);
  return {
    format: "schema-assistant/manifest@1",
    schemaVersion: input.version,
    generatedAt: input.generatedAt,
    entry: model.entry ?? "convex/schema.ts",
    source: { sha256: sha256(normalizeSource(input.source)), normalization: NORMALIZATION },
    modelSha256: sha256(canonicalModel({ ...model, warnings: [] })),
    counts: {
      tables: model.tables.length,
      fields: model.tables.reduce((n, t) => n + t.fields.length, 0),
      indexes: model.tables.reduce((n, t) => n + t.indexes.length, 0),
      searchIndexes: model.tables.reduce((n, t) => n + t.searchIndexes.length, 0),
      vectorIndexes: model.tables.reduce((n, t) => n + t.vectorIndexes.length, 0),
      relationships: rels.length,
    },
    files: fileHashes,
  };
}
