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
import { fromConvexExport, type ExportedTable } from "../../lib/schema/evaluated";
import type { Table } from "../../lib/schema/model";
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

/**
 * Bundles `<projectDir>/convex/schema.ts` (packages from this repository's node_modules; `@convex-dev/auth/server`
 * stood in by the parser's embedded source, as the oracle test does) and runs `export()` in a child process.
 */
export async function executeSchema(projectDir: string, workDir: string, timeoutMs = 20_000): Promise<ExportedTable[]> {
  const entry = ["convex/schema.ts", "convex/schema.js", "convex/schema/index.ts"]
    .map((p) => path.join(projectDir, p))
    .find(existsSync);
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
          b.onLoad({ filter: /.*/, namespace: "stand-in" }, () => ({
            contents: authModuleSource(),
            loader: "ts",
            resolveDir: ROOT,
          }));
        },
      },
    ],
  });
  mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, "schema.mjs");
  writeFileSync(file, out.outputFiles[0].text);
  const script = `const m = await import(${JSON.stringify("file://" + file)}); process.stdout.write(m.default.export());`;
  const json = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: workDir,
    timeout: timeoutMs,
    maxBuffer: 64 << 20,
    stdio: ["ignore", "pipe", "pipe"],
  }).toString();
  return (JSON.parse(json) as { tables: ExportedTable[] }).tables;
}

/** Truth from an executed schema, tables in the schema's order. */
export function truthFromExport(repo: string, commit: string, dir: string, tables: ExportedTable[]): AppTruth {
  const read = fromConvexExport({ tables, schemaValidation: true }).tables;
  // An index's explicit trailing _creationTime is implied by Convex; the eval compares the fields people choose.
  for (const t of read) for (const i of t.indexes) i.fields = i.fields.filter((f) => f !== "_creationTime");
  return { repo, commit, dir, truthSource: "convex-export", tables: read };
}

/** Reads a truth file written by the miner. */
export function readTruth(file: string): AppTruth {
  return JSON.parse(readFileSync(file, "utf8")) as AppTruth;
}
