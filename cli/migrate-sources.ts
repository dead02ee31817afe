/**
 * Where the two schemas of `schema-assistant migrate` come from: a git revision of the project (default HEAD),
 * a single schema file, or the working tree.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { parseSchema, parseSchemaSource } from "../lib/schema/parse";
import { emptySchema, type SchemaModel } from "../lib/schema/model";
import { readProjectFiles } from "./project-files";
import { completeByEvaluation, evaluationModeFromEnv } from "./schema-eval";
import { readPathAliases } from "./tsconfig-paths";

const run = promisify(execFile);

export interface LoadedSchema {
  model: SchemaModel;
  /** Where it came from, for messages. */
  label: string;
  /** The entry file's text, to restore exactly when this schema is deployed again. */
  entrySource?: string;
  entry: string;
}

function failParse(
  label: string,
  errors: { message: string; loc?: { file: string; line: number; column: number } }[],
): never {
  const lines = errors.map((e) => `  ${e.loc ? `${e.loc.file}:${e.loc.line}:${e.loc.column}: ` : ""}${e.message}`);
  throw new Error(`Cannot parse the schema of ${label}:\n${lines.join("\n")}`);
}

/** The working tree's schema (all files it imports). */
export async function schemaFromDir(dir: string): Promise<LoadedSchema> {
  const project = await readProjectFiles(dir);
  const r = parseSchema(project);
  if (!r.ok) failParse(`"${path.resolve(dir)}"`, r.errors);
  // Both sides of a plan are read the same way: evaluated where static reading stops (see schemaFromGit).
  const read = await completeByEvaluation(r.schema, { ...project, root: path.resolve(dir) }, evaluationModeFromEnv());
  return { model: read.schema, label: "working tree", entrySource: project.files[project.entry], entry: project.entry };
}

/** One schema file on its own. */
export async function schemaFromFile(file: string): Promise<LoadedSchema> {
  const source = await readFile(file, "utf8");
  const r = parseSchemaSource(source, file);
  if (!r.ok) failParse(`"${file}"`, r.errors);
  return { model: r.schema, label: file, entrySource: source, entry: file };
}

/**
 * The project's schema at a git revision: every file of the functions folder at `ref` is read with `git show`.
 * A revision without a schema gives the empty schema (a new project).
 */
export async function schemaFromGit(dir: string, ref: string, entry = "convex/schema.ts"): Promise<LoadedSchema> {
  const root = path.resolve(dir);
  let top: string;
  try {
    top = (await run("git", ["-C", root, "rev-parse", "--show-toplevel"])).stdout.trim();
  } catch {
    throw new Error(`"${root}" is not inside a git repository: pass --from FILE instead of --git.`);
  }
  const prefix = path.relative(top, root).split(path.sep).filter(Boolean).join("/");
  const folder = path.posix.dirname(entry);
  const at = (p: string) => (prefix ? `${prefix}/${p}` : p);
  let listing: string;
  try {
    listing = (
      await run("git", ["-C", top, "ls-tree", "-r", "--name-only", ref, "--", at(folder)], { maxBuffer: 64 << 20 })
    ).stdout;
  } catch (e) {
    throw new Error(`Unknown git revision "${ref}": ${(e as Error).message.split("\n")[0]}`);
  }
  const files: Record<string, string> = {};
  for (const p of listing.split("\n").filter((l) => /\.(ts|tsx|js|mjs|mts)$/.test(l) && !l.includes("/_generated/"))) {
    const rel = prefix ? p.slice(prefix.length + 1) : p;
    files[rel] = (await run("git", ["-C", top, "show", `${ref}:${p}`], { maxBuffer: 64 << 20 })).stdout;
  }
  if (!(entry in files)) return { model: emptySchema(), label: `git ${ref} (no ${entry})`, entry };
  // Aliases come from the working tree's tsconfig (it rarely changes); an unreadable one leaves aliased imports
  // unresolved, which the parser reports as missing modules.
  const aliases = await readPathAliases(root, folder).catch(() => []);
  const r = parseSchema({ files, entry, aliases });
  if (!r.ok) failParse(`git ${ref}`, r.errors);
  // The revision's files are bundled from memory; its packages resolve from the working tree's node_modules.
  const read = await completeByEvaluation(r.schema, { files, entry, aliases, root }, evaluationModeFromEnv());
  return { model: read.schema, label: `git ${ref}`, entrySource: files[entry], entry };
}
