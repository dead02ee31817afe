/**
 * `schema-assistant docs [dir]`: writes living documentation for a project's schema (SCHEMA.md, schema.dbml,
 * relationship-analysis.md, schema-ai-context.json, schema-manifest.json), atomically; `--check` fails when the
 * docs on disk no longer match the schema.
 */
import { existsSync, statSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { checkDocsDrift, generateDocs, MANIFEST_FILE, schemaSourceFiles } from "../../lib/docs";
import { count } from "../../lib/text";
import { loadSchema, processIo, type Io } from "./analyze";

export interface DocsOptions {
  out?: string;
  check?: boolean;
  schemaVersion?: string;
  /** ISO time written to the manifest; defaults to now (tests pass a fixed one) */
  now?: string;
}

/** The regular files directly inside `dir` (missing folder → none). */
async function readDocsDir(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isFile() && !e.name.startsWith(".")) out[e.name] = await readFile(path.join(dir, e.name), "utf8");
  }
  return out;
}

/** The schema version recorded in an existing manifest, if any. */
function manifestVersion(onDisk: Record<string, string>): string | undefined {
  try {
    const m: unknown = JSON.parse(onDisk[MANIFEST_FILE] ?? "");
    return m && typeof m === "object" && "schemaVersion" in m && typeof m.schemaVersion === "string"
      ? m.schemaVersion
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes `files` into `outDir` with no partial output: everything is written to a temp folder beside `outDir`
 * first; a new `outDir` is then one rename, an existing one gets each file renamed in (other files are kept).
 * On any failure the temp folder is removed and `outDir` is untouched.
 */
export async function writeDocsAtomically(outDir: string, files: Record<string, string>): Promise<void> {
  const parent = path.dirname(path.resolve(outDir));
  await mkdir(parent, { recursive: true });
  const tmp = await mkdtemp(path.join(parent, `.${path.basename(outDir)}.tmp-`));
  try {
    await chmod(tmp, 0o755); // mkdtemp makes it private; the docs folder should not be
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(tmp, name), text);
    if (!existsSync(outDir)) {
      await rename(tmp, outDir);
      return;
    }
    if (!statSync(outDir).isDirectory()) throw new Error(`"${outDir}" exists and is not a folder.`);
    for (const name of Object.keys(files)) await rename(path.join(tmp, name), path.join(outDir, name));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Runs `docs`; returns the exit code (1 on parse errors, write errors, or drift under `--check`). */
export async function runDocs(dir: string, opts: DocsOptions, io: Io = processIo): Promise<number> {
  const loaded = await loadSchema(dir, io);
  if (!loaded) return 1;
  const outDir = path.resolve(opts.out ?? path.join(dir, "docs", "schema"));
  const onDisk = await readDocsDir(outDir);
  const version = opts.schemaVersion ?? manifestVersion(onDisk) ?? "1";
  const source = schemaSourceFiles(loaded.project.files, loaded.project.entry);
  const docs = generateDocs(loaded.model, { source, generatedAt: opts.now ?? new Date().toISOString(), version });
  const relative = path.relative(process.cwd(), outDir);
  const rel = relative.startsWith("..") ? outDir : relative || ".";

  if (opts.check) {
    const drift = checkDocsDrift(docs, onDisk);
    if (drift.ok) {
      io.out(`Docs in ${rel} are up to date.\n`);
      return 0;
    }
    io.out(`Docs in ${rel} do not match the schema (${count(drift.changes.length, "change")}):\n`);
    for (const c of drift.changes) io.out(`  ${c.kind.padEnd(7)}  ${c.file}  ${c.summary}\n`);
    io.err("error: docs are out of date; run `schema-assistant docs` to regenerate them\n");
    return 1;
  }

  try {
    await writeDocsAtomically(outDir, docs);
  } catch (e) {
    io.err(`error: could not write docs to "${outDir}": ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  io.out(`Wrote ${Object.keys(docs).length} files to ${rel}:\n`);
  for (const name of Object.keys(docs)) io.out(`  ${name}\n`);
  return 0;
}

export function register(program: Command): void {
  program
    .command("docs")
    .description(
      "generate schema documentation (Markdown + Mermaid, DBML, AI context, manifest); --check detects drift",
    )
    .argument("[dir]", "project folder (containing convex/schema.ts)", ".")
    .option("--out <dir>", "output folder (default: <dir>/docs/schema)")
    .option("--check", "exit with code 1 when the docs on disk no longer match the schema")
    .option(
      "--schema-version <version>",
      "version label written to the manifest (default: the existing manifest's, else 1)",
    )
    .action(async (dir: string, opts: DocsOptions) => {
      process.exitCode = await runDocs(dir, { out: opts.out, check: opts.check, schemaVersion: opts.schemaVersion });
    });
}
