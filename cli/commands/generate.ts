/**
 * `schema-assistant generate [dir]`: generates Convex functions, validators (and optionally zod schemas, a seed
 * mutation and convex-test files) from the project's schema, and prints what it wrote and skipped.
 *
 * Hand edits are never overwritten: generated files carry a content hash in their header; a file whose body no
 * longer matches it is merged with the generator's change when the previous generated version (kept under
 * `.schema-assistant/generated/`) allows a clean patch, and otherwise left alone and reported as a conflict.
 * Files Schema Assistant did not write are never touched.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import type { CodegenOptions, CodegenResult, DeleteStrategy, WritePlan } from "../../lib/codegen";
import { generateCode, planWrites, storePath, STORE_DIR, STORE_SUFFIX } from "../../lib/codegen";
import {
  addToPackageJson,
  installCommand,
  missingPackages,
  type NeededPackage,
  type PackageManager,
} from "../generate-deps";
import { parsePackageJson } from "../package-json";
import { applyOperationsToSource } from "../../lib/schema";
import { count } from "../../lib/text";
import { loadSchema, processIo, type Io } from "./analyze";

export interface GenerateFlags {
  tables?: string;
  out?: string;
  folder?: string;
  withTests?: boolean;
  seed?: boolean;
  zod?: boolean;
  onDelete?: string;
  dryRun?: boolean;
  json?: boolean;
  /** print the install command for missing packages instead of adding them to package.json */
  printInstall?: boolean;
  /**
   * add the indexes the generated code needs to the schema file, so it queries them instead of scanning (default;
   * `--no-add-indexes` keeps the schema as it is and the code scans where no index starts with the field)
   */
  addIndexes?: boolean;
}

const STRATEGIES: DeleteStrategy[] = ["refuse", "cascade", "detach"];

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Project paths of every previously generated file (stored copies, and copies from before they had a suffix). */
async function storedPaths(root: string): Promise<string[]> {
  const base = path.join(root, STORE_DIR);
  const entries = await readdir(base, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(base, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .map((p) => (p.endsWith(STORE_SUFFIX) ? p.slice(0, -STORE_SUFFIX.length) : p));
}

/** A copy stored by earlier versions under the file's own name (`….test.ts`, run by vitest): read once, then removed. */
const legacyStorePath = (p: string) => `${STORE_DIR}/${p}`;

/** Reads what the plan needs, plans the writes and performs them (unless `dryRun`). */
export async function writeGenerated(
  outDir: string,
  files: Record<string, string>,
  dryRun: boolean,
): Promise<WritePlan> {
  const existing: Record<string, string | undefined> = {};
  const previous: Record<string, string | undefined> = {};
  for (const p of new Set([...Object.keys(files), ...(await storedPaths(outDir))])) {
    existing[p] = await readIfExists(path.join(outDir, p));
    previous[p] =
      (await readIfExists(path.join(outDir, storePath(p)))) ??
      (await readIfExists(path.join(outDir, legacyStorePath(p))));
  }
  const plan = planWrites(files, existing, previous);
  if (!dryRun) {
    for (const [p, content] of Object.entries(plan.writes)) {
      await mkdir(path.dirname(path.join(outDir, p)), { recursive: true });
      await writeFile(path.join(outDir, p), content);
    }
    // Move every legacy copy under the suffixed name, so none is left for vitest or tsc to pick up.
    for (const p of Object.keys(previous)) {
      const legacy = path.join(outDir, legacyStorePath(p));
      if (previous[p] === undefined || !existsSync(legacy)) continue;
      if (!existsSync(path.join(outDir, storePath(p)))) await writeFile(path.join(outDir, storePath(p)), previous[p]!);
      await rm(legacy);
    }
  }
  return plan;
}

function printReport(result: CodegenResult, plan: WritePlan, dryRun: boolean, io: Io): void {
  const verb = dryRun ? "would be " : "";
  for (const e of plan.entries)
    io.out(
      `${e.action.padEnd(9)} ${e.path}${e.action === "create" || e.action === "update" || e.action === "unchanged" ? "" : `  (${e.message})`}\n`,
    );
  for (const s of plan.stale) io.out(`stale     ${s}  (generated before, no longer produced: not deleted)\n`);
  for (const t of result.tables) {
    for (const n of t.notes) io.out(`note      ${t.table}: ${n}\n`);
  }
  for (const t of result.todos) io.out(`todo      ${t.path}: ${t.message}\n`);
  for (const t of result.skipped)
    if (!t.reason.startsWith("not in"))
      io.out(`skipped   ${t.table}: ${t.reason}; name it in --tables to generate it\n`);
  const n = (a: string) => plan.entries.filter((e) => e.action === a).length;
  const skipped = n("kept") + n("conflict") + n("foreign");
  io.out(
    `${n("create")} ${verb}created, ${n("update")} ${verb}updated, ${n("merged")} ${verb}merged, ${n("unchanged")} unchanged, ${skipped} skipped; ${count(result.todos.length, "todo")}.\n`,
  );
}

/** Runs the command; returns the exit code. */
export async function runGenerate(dir: string, flags: GenerateFlags, io: Io = processIo): Promise<number> {
  if (flags.onDelete && !STRATEGIES.includes(flags.onDelete as DeleteStrategy)) {
    io.err(`error: --on-delete must be one of ${STRATEGIES.join(", ")}, got "${flags.onDelete}".\n`);
    return 1;
  }
  const loaded = await loadSchema(dir, io);
  if (!loaded) return 1;
  for (const w of loaded.model.warnings)
    io.err(`warning: ${w.loc ? `${w.loc.file}:${w.loc.line}:${w.loc.column}  ` : ""}${w.code}: ${w.message}\n`);
  const options: CodegenOptions = {
    tables: flags.tables
      ? flags.tables
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean)
      : undefined,
    folder: flags.folder,
    withTests: flags.withTests,
    withSeed: flags.seed,
    zod: flags.zod,
    onDelete: flags.onDelete as DeleteStrategy | undefined,
    addIndexes: flags.addIndexes ?? true,
  };
  let result: CodegenResult;
  try {
    result = generateCode(loaded.model, options);
  } catch (e) {
    io.err(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  if (result.indexes.length) {
    // The generated code queries these indexes: they go into the schema file with it.
    const { entry, files, aliases, packages } = loaded.project;
    const edited = applyOperationsToSource(files[entry] ?? "", result.indexes, entry, files, { aliases, packages });
    if (!edited.ok) {
      for (const d of edited.errors) io.err(`error: ${d.message}\n`);
      return 1;
    }
    // With --out, the project is left as it is: the schema with the indexes goes beside the generated code.
    const target = path.join(path.resolve(flags.out ?? dir), entry);
    if (!flags.dryRun) {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, edited.source);
    }
    for (const op of result.indexes)
      if (op.op === "addIndex")
        io.err(
          `${flags.dryRun ? "would add" : "added"} index ${op.table}.${op.index.name} (${op.index.fields.join(", ")}) to ${entry}\n`,
        );
  }
  const plan = await writeGenerated(path.resolve(flags.out ?? dir), result.files, Boolean(flags.dryRun));
  const packages = await declarePackages(path.resolve(dir), result.files, flags);
  if (flags.json)
    io.out(
      `${JSON.stringify({ entries: plan.entries, stale: plan.stale, tables: result.tables, todos: result.todos, skipped: result.skipped, packages }, null, 2)}\n`,
    );
  else {
    printReport(result, plan, Boolean(flags.dryRun), io);
    printPackages(packages, io);
  }
  return 0;
}

interface PackagesReport {
  needed: NeededPackage[];
  /** true when they were written into package.json */
  added: boolean;
  /** the command that installs them */
  command: string;
  /** why package.json was not changed, when it was not */
  reason?: string;
}

/**
 * The generated code's imports the project does not declare: added to its package.json (unless --print-install,
 * --dry-run, or there is no package.json), with the install command to run.
 */
async function declarePackages(
  dir: string,
  files: Record<string, string>,
  flags: GenerateFlags,
): Promise<PackagesReport> {
  const pkgFile = path.join(dir, "package.json");
  const text = await readIfExists(pkgFile);
  let project: Parameters<typeof missingPackages>[1] = {};
  if (text !== undefined) {
    project = parsePackageJson(text, pkgFile);
  }
  const needed = missingPackages(files, project);
  const pm: PackageManager = existsSync(path.join(dir, "pnpm-lock.yaml"))
    ? "pnpm"
    : existsSync(path.join(dir, "yarn.lock"))
      ? "yarn"
      : existsSync(path.join(dir, "bun.lockb")) || existsSync(path.join(dir, "bun.lock"))
        ? "bun"
        : "npm";
  const report: PackagesReport = { needed, added: false, command: installCommand(needed, pm) };
  if (needed.length === 0) return report;
  if (text === undefined) return { ...report, reason: `no package.json in ${dir}` };
  if (flags.printInstall) return { ...report, reason: "--print-install" };
  if (flags.dryRun) return { ...report, reason: "--dry-run" };
  await writeFile(pkgFile, addToPackageJson(text, needed));
  return { ...report, added: true, command: pm === "npm" ? "npm install" : `${pm} install` };
}

function printPackages(r: PackagesReport, io: Io): void {
  if (r.needed.length === 0) return;
  const list = r.needed.map((p) => `${p.name}@${p.spec}${p.dev ? " (dev)" : ""}`).join(", ");
  if (r.added) io.out(`package.json: added ${list}; run \`${r.command}\` to install them.\n`);
  else
    io.out(`The generated code imports packages the project does not declare (${r.reason}): ${list}\n  ${r.command}\n`);
}

export function register(program: Command): void {
  program
    .command("generate")
    .description("Generate Convex functions, validators, zod schemas, seed data and tests from the schema")
    .argument("[dir]", "project folder (with convex/schema.ts)", ".")
    .option("--tables <names>", "only these tables (comma-separated)")
    .option("--out <dir>", "write into this folder instead of the project folder")
    .option("--folder <name>", "folder under convex/ for the per-table function files")
    .option("--with-tests", "also write convex-test files (convex/<table>.test.ts)")
    .option("--seed", "also write the seed mutation (convex/seed.ts)")
    .option("--zod", "also write zod form schemas (convex/validators/<table>.zod.ts)")
    .option("--on-delete <strategy>", "what remove does to dependants: refuse, cascade or detach", "refuse")
    .option(
      "--no-add-indexes",
      "keep convex/schema.ts as it is: the code scans where it needs an index the schema lacks",
    )
    .option("--dry-run", "print what would be written without writing")
    .option("--json", "print the result as JSON")
    .option(
      "--print-install",
      "print the install command for packages the generated code needs instead of adding them to package.json",
    )
    .action(async (dir: string, flags: GenerateFlags) => {
      process.exitCode = await runGenerate(dir, flags);
    });
}
