/**
 * `schema-assistant import prisma|sql <file>`: turns a Prisma schema or PostgreSQL DDL into `convex/schema.ts`
 * (+ `convex/uniqueness.ts`), prints the mapping report, and optionally imports data (a pg_dump, or a folder of
 * CSV / JSONL / SQL files named after their tables) into a running backend (`--backend --admin-key`, resumable with
 * `--resume`) or into a snapshot ZIP for `npx convex import --replace-all` (`--zip`). Without a target the data is
 * read and checked in memory (a dry run) and the report says what would be written.
 */
import { existsSync, statSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { webcrypto } from "node:crypto";
import path from "node:path";
import type { Command } from "commander";
import {
  applyJsonShapes,
  emptyRowSet,
  inferJsonShapes,
  formatDataReport,
  formatSchemaReport,
  generatedFiles,
  importPrisma,
  importSql,
  MemorySink,
  readCsv,
  readJsonl,
  readSqlData,
  runDataImport,
  SnapshotSink,
  type ImportSink,
  type RowSet,
  type SchemaImportResult,
} from "../../lib/import";
import { validatorToCode } from "../../lib/schema/model";
import { BackendSink, ImportState } from "../import-backend";
import { processIo, type Io } from "./analyze";

export interface ImportCommandOptions {
  data?: string;
  out?: string;
  backend?: string;
  adminKey?: string;
  zip?: string;
  decimal?: "number" | "string";
  batch?: string;
  resume?: boolean;
  force?: boolean;
  inferJson?: boolean;
}

const DATA_FILE = /\.(csv|jsonl|ndjson|sql)$/i;

/** Reads data rows from a file or a folder of per-table files. */
async function readData(result: SchemaImportResult, target: string): Promise<RowSet> {
  const set = emptyRowSet();
  const files = statSync(target).isDirectory()
    ? (await readdir(target))
        .filter((f) => DATA_FILE.test(f))
        .sort()
        .map((f) => path.join(target, f))
    : [target];
  for (const file of files) {
    const text = await readFile(file, "utf8");
    const name = path.basename(file).replace(DATA_FILE, "");
    const shown = path.relative(process.cwd(), file) || file;
    if (/\.sql$/i.test(file)) readSqlData(result.plan, text, shown, set);
    else if (/\.csv$/i.test(file)) readCsv(result.plan, name, text, shown, set);
    else readJsonl(result.plan, name, text, shown, set);
  }
  return set;
}

/** Writes the generated files, refusing to overwrite existing ones unless `force`. */
async function writeOutputs(out: string, files: Record<string, string>, force: boolean, io: Io): Promise<boolean> {
  const clashes = Object.keys(files).filter((f) => existsSync(path.join(out, f)));
  if (clashes.length && !force) {
    io.err(
      `Refusing to overwrite ${clashes.map((f) => `"${path.join(out, f)}"`).join(", ")}: pass --force or choose another --out.\n`,
    );
    return false;
  }
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(out, rel)), { recursive: true });
    await writeFile(path.join(out, rel), text);
  }
  io.err(
    `Wrote ${Object.keys(files)
      .map((f) => path.join(out, f))
      .join(", ")}. Run \`npx convex codegen\` (or \`npx convex dev\`) there next.\n`,
  );
  return true;
}

// Internal ids for snapshot documents: 16 random bytes each, drawn from a pool (one syscall per 4,096 ids).
let pool = new Uint8Array(0);
let poolAt = 0;
function randomBytes(): Uint8Array {
  if (poolAt + 16 > pool.length) {
    pool = webcrypto.getRandomValues(new Uint8Array(65536));
    poolAt = 0;
  }
  poolAt += 16;
  return pool.slice(poolAt - 16, poolAt);
}

/** Runs the command; returns the exit code. */
export async function runImport(
  kind: string,
  file: string,
  opts: ImportCommandOptions,
  io: Io = processIo,
): Promise<number> {
  if (kind !== "prisma" && kind !== "sql") return (io.err(`Unknown source "${kind}": use "prisma" or "sql".\n`), 2);
  if (!existsSync(file)) return (io.err(`No such file: "${file}".\n`), 2);
  if (opts.backend && !opts.adminKey) return (io.err("--backend needs --admin-key.\n"), 2);
  if (opts.backend && opts.zip) return (io.err("Choose one target: --backend or --zip.\n"), 2);
  if (opts.decimal && opts.decimal !== "number" && opts.decimal !== "string")
    return (io.err(`--decimal must be "number" or "string", not "${opts.decimal}".\n`), 2);
  const source = await readFile(file, "utf8");
  // A full pg_dump carries its own data: use it when no --data is given.
  const inlineData = kind === "sql" && !opts.data && /^\s*(COPY\s[^;]*FROM\s+stdin|INSERT\s+INTO)/im.test(source);
  const withData = Boolean(opts.data) || inlineData;
  const options = { file: path.basename(file), decimalAs: opts.decimal, legacyIds: withData };
  const result = kind === "prisma" ? importPrisma(source, options) : importSql(source, options);
  io.out(formatSchemaReport(result));
  if (!result.ok) return (io.err("Import stopped: fix the errors above.\n"), 1);
  const rows = withData
    ? opts.data
      ? await readData(result, opts.data)
      : readSqlData(result.plan, source, path.basename(file))
    : undefined;
  if (rows) {
    // JSON columns are v.any(); the data shows their shape.
    const shapes = inferJsonShapes(result, rows);
    if (shapes.length) {
      io.out(`\nJSON shapes inferred from the data${opts.inferJson ? " (applied)" : " (apply with --infer-json)"}:\n`);
      for (const sh of shapes)
        io.out(`  ${sh.table}.${sh.field} (${sh.samples} values): ${validatorToCode(sh.validator)}\n`);
      if (opts.inferJson) applyJsonShapes(result, shapes);
    }
  }
  if (!(await writeOutputs(opts.out ?? ".", generatedFiles(result), Boolean(opts.force), io))) return 1;
  if (!rows) return 0;

  const batchSize = opts.batch ? Math.max(1, Number(opts.batch)) : 100;
  let sink: ImportSink;
  let state: ImportState | undefined;
  if (opts.backend) {
    const backend = new BackendSink(opts.backend, opts.adminKey!);
    sink = backend;
    const tables = result.schema.tables
      .filter((t) => rows.rows.has(result.layouts.find((l) => l.plan.name === t.name)!.plan.source))
      .map((t) => t.name);
    const { missing, nonEmpty } = await backend.preflight(tables);
    if (missing.length) {
      return (
        io.err(
          `The backend's schema has no table ${missing.map((t) => `"${t}"`).join(", ")}: start it on "${opts.out ?? "."}" (which now holds the imported schema) or push that schema first.\n`,
        ),
        1
      );
    }
    if (nonEmpty.length && !opts.resume)
      io.err(`Note: ${nonEmpty.map((t) => `"${t}"`).join(", ")} already hold documents; the import adds to them.\n`);
    state = await ImportState.open(
      path.join(opts.out ?? ".", ".schema-assistant", "import-state"),
      Boolean(opts.resume),
    );
    if (state.done) return (io.err("The previous import finished; nothing to resume.\n"), 0);
  } else if (opts.zip) {
    sink = new SnapshotSink({ tables: result.schema.tables.map((t) => t.name), randomBytes });
  } else {
    sink = new MemorySink();
    io.err("No --backend or --zip given: checking the data in memory only (dry run).\n");
  }
  try {
    const report = await runDataImport(result, rows, sink, {
      batchSize,
      now: () => Date.now(),
      idMap: state,
      resume: state?.checkpoint,
      onCheckpoint: state ? (c) => state.save(c) : undefined,
    });
    io.out(formatDataReport(report, rows.diagnostics));
    await state?.finish();
  } catch (e) {
    const where = state?.checkpoint
      ? ` after ${state.checkpoint.phase} "${state.checkpoint.table}" row ${state.checkpoint.offset}`
      : "";
    io.err(
      `Data import failed${where}: ${(e as Error).message}\n${state ? "Run the same command with --resume to continue.\n" : ""}`,
    );
    return 1;
  }
  if (opts.zip && sink instanceof SnapshotSink) {
    await writeFile(opts.zip, sink.toZip());
    io.err(
      `Wrote ${opts.zip}: load it with \`npx convex import --replace-all ${opts.zip}\` (ids and references are kept; the deployment's tables are replaced).\n`,
    );
  }
  return 0;
}

export function register(program: Command): void {
  program
    .command("import")
    .description("import a Prisma schema or PostgreSQL DDL (and optionally data) into a Convex schema")
    .argument("<kind>", "prisma | sql")
    .argument("<file>", "schema.prisma, or a .sql schema / pg_dump")
    .option("--data <path>", "data: a pg_dump/.sql file, or a folder of <table>.csv / .jsonl / .sql files")
    .option("--out <dir>", "where convex/schema.ts and convex/uniqueness.ts are written", ".")
    .option("--backend <url>", "import the data into this running backend (needs --admin-key)")
    .option("--admin-key <key>", "admin key of the backend")
    .option("--zip <file>", "write the data as a snapshot ZIP for `npx convex import`")
    .option("--decimal <as>", "store NUMERIC/Decimal as number (default) or string")
    .option("--batch <n>", "documents per write batch", "100")
    .option("--resume", "continue an interrupted --backend import from its checkpoint")
    .option("--force", "overwrite existing generated files")
    .option("--infer-json", "type JSON columns with the shape their imported values have, instead of v.any()")
    .action(async (kind: string, file: string, opts: ImportCommandOptions) => {
      process.exitCode = await runImport(kind, file, opts);
    });
}
