/**
 * Ground truth of a mined Convex app: its `convex/schema.ts` executed with the real `convex` package (esbuild
 * bundle + `schema.export()`), turned into the compact JSON the eval stores (lib/schema model shapes).
 * Test/eval tooling only: it runs the mined project's code, in a child process with a time limit.
 */
import { execFileSync } from "node:child_process";
import { build } from "esbuild";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Field, Table, Validator } from "../../lib/schema/model";
import { authModuleSource } from "../../lib/schema/parse/known";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** What the eval keeps of an app: tables in lib/schema shapes, without source locations. */
export interface AppTruth {
  repo: string;
  commit: string;
  /** Folder of the project inside the repository ("" for the root). */
  dir: string;
  /** "convex-export": executed with `convex`; "static-parser": the project's parser (execution impossible). */
  truthSource: "convex-export" | "static-parser";
  tables: Table[];
}

type ExportValidator = { type: string; tableName?: string; value?: unknown; keys?: ExportValidator; values?: { fieldType: ExportValidator } };
type ExportObject = Record<string, { fieldType: ExportValidator; optional: boolean }>;
interface ExportTable {
  tableName: string;
  indexes: Array<{ indexDescriptor: string; fields: string[] }>;
  searchIndexes: Array<{ indexDescriptor: string; searchField: string; filterFields: string[] }>;
  vectorIndexes?: Array<{ indexDescriptor: string; vectorField: string; dimensions: number; filterFields: string[] }>;
  documentType: ExportValidator | null;
}

/** Convex's export JSON of one validator → our Validator. */
export function fromExport(v: ExportValidator): Validator {
  switch (v.type) {
    case "id":
      return { kind: "id", table: v.tableName ?? "" };
    case "bigint":
      return { kind: "int64" };
    case "number":
    case "string":
    case "boolean":
    case "null":
    case "bytes":
    case "any":
      return { kind: v.type } as Validator;
    case "literal": {
      const value = v.value as string | number | boolean | { $integer: string };
      if (typeof value === "object" && value && "$integer" in value) {
        const n = new BigInt64Array(Buffer.from(value.$integer, "base64").buffer.slice(0, 8))[0];
        return { kind: "literal", value: n.toString(), bigint: true };
      }
      return { kind: "literal", value: value as string | number | boolean };
    }
    case "array":
      return { kind: "array", element: fromExport(v.value as ExportValidator) };
    case "object":
      return { kind: "object", fields: fieldsOf(v.value as ExportObject) };
    case "record":
      return { kind: "record", key: fromExport(v.keys as ExportValidator), value: fromExport((v.values as { fieldType: ExportValidator }).fieldType) };
    case "union":
      return { kind: "union", members: (v.value as ExportValidator[]).map(fromExport) };
    default:
      throw new Error(`Unknown validator type "${v.type}" in Convex's export.`);
  }
}

function fieldsOf(o: ExportObject): Field[] {
  return Object.entries(o).map(([name, f]) => ({ name, validator: fromExport(f.fieldType), optional: f.optional }));
}

/** One exported table → our Table (a union document keeps its merged fields and variants). */
export function tableFromExport(t: ExportTable): Table {
  const table: Table = {
    name: t.tableName,
    fields: [],
    indexes: t.indexes.map((i) => ({ name: i.indexDescriptor, fields: i.fields.filter((f) => f !== "_creationTime") })),
    searchIndexes: t.searchIndexes.map((i) => ({ name: i.indexDescriptor, searchField: i.searchField, filterFields: i.filterFields })),
    vectorIndexes: (t.vectorIndexes ?? []).map((i) => ({ name: i.indexDescriptor, vectorField: i.vectorField, dimensions: i.dimensions, filterFields: i.filterFields })),
  };
  const doc = t.documentType;
  if (!doc || doc.type === "any") table.anyDocument = true;
  else if (doc.type === "object") table.fields = fieldsOf(doc.value as ExportObject);
  else if (doc.type === "union") {
    const variants = (doc.value as ExportValidator[]).filter((m) => m.type === "object").map((m) => fieldsOf(m.value as ExportObject));
    table.variants = variants;
    const seen = new Map<string, Field>();
    for (const vs of variants) for (const f of vs) if (!seen.has(f.name)) seen.set(f.name, { ...f, optional: f.optional || !variants.every((o) => o.some((g) => g.name === f.name && !g.optional)) });
    table.fields = [...seen.values()];
  }
  return table;
}

/**
 * Bundles `<projectDir>/convex/schema.ts` (packages from this repository's node_modules; `@convex-dev/auth/server`
 * stood in by the parser's embedded source, as the oracle test does) and runs `export()` in a child process.
 */
export async function executeSchema(projectDir: string, workDir: string, timeoutMs = 20_000): Promise<ExportTable[]> {
  const entry = ["convex/schema.ts", "convex/schema.js", "convex/schema/index.ts"].map((p) => path.join(projectDir, p)).find(existsSync);
  if (!entry) throw new Error(`No convex/schema.ts under ${projectDir}.`);
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "silent",
    nodePaths: [path.join(ROOT, "node_modules")],
    plugins: [
      {
        name: "convex-auth-stand-in",
        setup(b) {
          b.onResolve({ filter: /^@convex-dev\/auth\/server$/ }, () => ({ path: "auth", namespace: "stand-in" }));
          b.onLoad({ filter: /.*/, namespace: "stand-in" }, () => ({ contents: authModuleSource(), loader: "ts", resolveDir: ROOT }));
        },
      },
    ],
  });
  mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, "schema.mjs");
  writeFileSync(file, out.outputFiles[0].text);
  const script = `const m = await import(${JSON.stringify("file://" + file)}); process.stdout.write(m.default.export());`;
  const json = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: workDir, timeout: timeoutMs, maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "pipe"] }).toString();
  return (JSON.parse(json) as { tables: ExportTable[] }).tables;
}

/** Truth from an executed schema, tables in the schema's order. */
export function truthFromExport(repo: string, commit: string, dir: string, tables: ExportTable[]): AppTruth {
  return { repo, commit, dir, truthSource: "convex-export", tables: tables.map(tableFromExport) };
}

/** Reads a truth file written by the miner. */
export function readTruth(file: string): AppTruth {
  return JSON.parse(readFileSync(file, "utf8")) as AppTruth;
}
