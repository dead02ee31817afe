/**
 * `schema-assistant optimize [dir]`: analyses a project's Convex functions against its schema and prints
 * findings (`file:line:col CODE message`), index advice with documents read before/after when statistics or
 * measurements are available, and measured query patterns ranked by waste. `--auto` plans index additions and
 * provably equivalent filter → withIndex rewrites as a unified diff; `--yes` writes them.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { parseSchema } from "../../lib/schema";
import type { SchemaModel } from "../../lib/schema/model";
import {
  adviseIndexes,
  analyzeProject,
  checkOptimizations,
  compareMeasurements,
  formatFinding,
  functionTableMap,
  planCodemod,
  rankMeasurements,
  statsFromSamples,
  type Analysis,
  type CodemodPlan,
  type DataStats,
  type Finding,
  type IndexAdvice,
  type MeasuredComparison,
  type MeasuredPattern,
  type Measurement,
} from "../../lib/optimize";
import { readProjectFiles, type ProjectFiles } from "../project-files";
import { z } from "zod";
import { storedShape } from "../../lib/stored";

/** `--stats <file>`: documents per table and, optionally, per-field distinct counts or selectivity. */
const dataStatsFile = storedShape<DataStats>(
  "data statistics",
  1,
  z.looseObject({
    tables: z.record(
      z.string(),
      z.looseObject({
        documents: z.number(),
        fields: z
          .record(z.string(), z.looseObject({ distinct: z.number().optional(), selectivity: z.number().optional() }))
          .optional(),
      }),
    ),
  }),
);

export interface OptimizeOptions {
  auto?: boolean;
  yes?: boolean;
  json?: boolean;
  backend?: string;
  adminKey?: string;
  /** A DataStats JSON file. */
  stats?: string;
  /** A measurements JSON file (`{ measurements: [...] }` or an array), instead of or besides the backend's. */
  measurements?: string;
  /** Earlier measurements to compare the current ones against. */
  baseline?: string;
  /** Write the measurements read (e.g. from --backend) to this file, for a later --baseline. */
  saveMeasurements?: string;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export interface OptimizeReport {
  findings: Finding[];
  advice: IndexAdvice[];
  notAnalysed: Analysis["notAnalysed"];
  functions: number;
  accesses: number;
  tableMap: ReturnType<typeof functionTableMap>;
  measured?: MeasuredPattern[];
  comparison?: MeasuredComparison;
  codemod?: Pick<CodemodPlan, "operations" | "rewrites" | "skipped" | "diff" | "errors"> & { written: string[] };
}

/** Runs the command; returns the exit code (0 ok, 1 failure). */
export async function runOptimize(dir: string, opts: OptimizeOptions, io: Io = processIo): Promise<number> {
  let project: ProjectFiles;
  try {
    project = await readProjectFiles(dir);
  } catch (e) {
    io.err(`error: ${(e as Error).message}\n`);
    return 1;
  }
  const { files, entry, aliases, functionsDir } = project;
  for (const w of project.warnings) io.err(`warning: ${w}\n`);
  const parsed = parseSchema(project);
  if (!parsed.ok) {
    io.err(`error: cannot parse the schema of "${path.resolve(dir)}":\n`);
    for (const d of parsed.errors)
      io.err(`${d.loc ? `${d.loc.file}:${d.loc.line}:${d.loc.column}` : ""} ${d.code} ${d.message}\n`);
    return 1;
  }
  const schema = parsed.schema;
  const analysis = analyzeProject({ files, aliases, functionsDir }, { schema });
  for (const e of analysis.errors) io.err(`${formatFinding(e)}\n`);
  let stats: DataStats | undefined;
  let measurements: Measurement[] | undefined;
  try {
    if (opts.stats) stats = dataStatsFile.parse(await readFile(opts.stats, "utf8"), opts.stats);
    if (opts.measurements) measurements = measurementRows(JSON.parse(await readFile(opts.measurements, "utf8")));
    if (opts.backend) {
      const fromBackend = await readBackend(opts.backend, opts.adminKey, schema);
      stats ??= fromBackend.stats;
      measurements = [...(measurements ?? []), ...fromBackend.measurements];
    }
  } catch (e) {
    io.err(`error: ${(e as Error).message}\n`);
    return 1;
  }
  const findings = checkOptimizations({ schema, analysis, stats });
  const advice = adviseIndexes(schema, analysis.accesses, stats);
  const report: OptimizeReport = {
    findings,
    advice,
    notAnalysed: analysis.notAnalysed,
    functions: analysis.functions.length,
    accesses: analysis.accesses.length,
    tableMap: functionTableMap(analysis.accesses, analysis.functions),
  };
  if (measurements) report.measured = rankMeasurements(measurements, findings);
  if (measurements && opts.saveMeasurements)
    await writeFile(opts.saveMeasurements, `${JSON.stringify({ measurements }, null, 2)}\n`);
  if (measurements && opts.baseline)
    report.comparison = compareMeasurements(
      measurementRows(JSON.parse(await readFile(opts.baseline, "utf8"))),
      measurements,
    );
  if (opts.auto) {
    const plan = planCodemod({ files, schema, schemaFile: entry, analysis, advice, aliases });
    const written = opts.yes && plan.errors.length === 0 ? await writeChanged(dir, plan.changed) : [];
    report.codemod = {
      operations: plan.operations,
      rewrites: plan.rewrites,
      skipped: plan.skipped,
      diff: plan.diff,
      errors: plan.errors,
      written,
    };
  }
  if (opts.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else printText(report, opts, io);
  return report.codemod?.errors.length ? 1 : 0;
}

function printText(r: OptimizeReport, opts: OptimizeOptions, io: Io): void {
  for (const f of r.findings)
    io.out(`${f.loc ? `${f.loc.file}:${f.loc.line}:${f.loc.column}` : (f.path ?? "-")} ${f.code} ${f.message}\n`);
  if (!r.findings.length) io.out("No findings.\n");
  if (r.advice.length) {
    io.out("\nIndex advice:\n");
    for (const a of r.advice) io.out(`${adviceLine(a)}\n`);
  }
  if (r.measured?.length) {
    io.out("\nMeasured query patterns (by documents read but not returned):\n");
    for (const m of r.measured) {
      const codes = m.findings.map((f) => f.code).join(",");
      io.out(
        `  ${m.function} ${m.table} ${m.index ?? "full scan"}: ${m.scanned} scanned, ${m.returned} returned in ${m.calls} calls (waste ${m.waste})${codes ? ` ${codes}` : ""}\n`,
      );
    }
  }
  if (r.comparison) {
    io.out(
      `\nMeasured change (documents scanned per call): ${round(r.comparison.scannedBefore)} → ${round(r.comparison.scannedAfter)}\n`,
    );
    for (const c of r.comparison.changes) {
      io.out(
        `  ${c.function} ${c.table}: ${c.indexBefore ?? "full scan"} → ${c.indexAfter ?? "full scan"}, ${fmt(c.scannedBefore)} → ${fmt(c.scannedAfter)} scanned per call\n`,
      );
    }
  }
  io.err(
    `Analysed ${r.functions} functions, ${r.accesses} database accesses; ${r.notAnalysed.length} places not analysed.\n`,
  );
  for (const n of r.notAnalysed) io.err(`  not analysed: ${n.loc.file}:${n.loc.line}:${n.loc.column} ${n.reason}\n`);
  if (!r.codemod) return;
  for (const e of r.codemod.errors) io.err(`error: ${e.message}\n`);
  io.out(r.codemod.diff ? `\n${r.codemod.diff}` : "\nNothing to change automatically.\n");
  for (const s of r.codemod.skipped)
    io.err(`  not rewritten: ${s.loc.file}:${s.loc.line}:${s.loc.column} ${s.reason}\n`);
  if (r.codemod.written.length) io.err(`Wrote ${r.codemod.written.join(", ")}.\n`);
  else if (r.codemod.diff && !opts.yes) io.err("Dry run: pass --yes to write these changes.\n");
}

function adviceLine(a: IndexAdvice): string {
  const fns = [...new Set(a.patterns.map((p) => p.function))].join(", ");
  const est =
    a.before !== undefined && a.after !== undefined ? ` (documents read per call: ${a.before} → ${a.after})` : "";
  const what =
    a.action === "add"
      ? `add ${a.table}.${a.index.name} [${a.index.fields.join(", ")}]${a.index.staged ? " staged" : ""}`
      : `use ${a.table}.${a.index.name}`;
  const notes = a.notes.map((n) => `\n    note: ${n}`).join("");
  return `  ${what} for ${fns}${est}${notes}`;
}

function round(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

function fmt(x: number | undefined): string {
  return x === undefined ? "-" : round(x);
}

function measurementRows(json: unknown): Measurement[] {
  const rows = Array.isArray(json) ? json : (json as { measurements?: unknown }).measurements;
  if (!Array.isArray(rows)) throw new Error("Measurements must be an array or { measurements: [...] }.");
  return rows as Measurement[];
}

/** Reads table sizes, document samples (for field selectivity) and measurements from the admin API (also for `chat --backend`). */
export async function readBackend(
  url: string,
  adminKey: string | undefined,
  schema: SchemaModel,
): Promise<{ stats: DataStats; measurements: Measurement[] }> {
  if (!adminKey) throw new Error("--backend needs --admin-key.");
  const get = async (p: string): Promise<unknown> => {
    const res = await fetch(new URL(`/api/admin${p}`, url), { headers: { authorization: `Convex ${adminKey}` } });
    if (!res.ok) throw new Error(`GET ${url}/api/admin${p} failed with ${res.status}: ${await res.text()}`);
    return await res.json();
  };
  const tables = ((await get("/tables")) as { tables: { name: string; count: number }[] }).tables;
  const samples: Record<string, { count: number; documents: Record<string, unknown>[] }> = {};
  for (const t of tables) {
    if (!schema.tables.some((s) => s.name === t.name)) continue;
    const docs = t.count
      ? (
          (await get(`/tables/${encodeURIComponent(t.name)}/documents?limit=1000`)) as {
            page: Record<string, unknown>[];
          }
        ).page
      : [];
    samples[t.name] = { count: t.count, documents: docs };
  }
  const measurements = measurementRows(await get("/measurements"));
  return { stats: statsFromSamples(samples), measurements };
}

/** Writes each changed file atomically (temp file, then rename); returns the paths written. */
async function writeChanged(dir: string, changed: Record<string, string>): Promise<string[]> {
  const written: string[] = [];
  for (const [file, text] of Object.entries(changed)) {
    const abs = path.join(dir, file);
    const tmp = `${abs}.schema-assistant.tmp`;
    await writeFile(tmp, text);
    await rename(tmp, abs);
    written.push(file);
  }
  return written;
}

export function register(program: Command): void {
  program
    .command("optimize")
    .description("Find slow query patterns in convex/ functions, advise indexes and apply safe fixes.")
    .argument("[dir]", "project folder", ".")
    .option("--auto", "plan index additions and filter → withIndex rewrites; prints a unified diff")
    .option("--yes", "with --auto: write the changes")
    .option("--json", "print the report as JSON")
    .option("--backend <url>", "read table sizes, field samples and measurements from a running backend")
    .option("--admin-key <key>", "admin key for --backend")
    .option("--stats <file>", "data statistics JSON ({ tables: { name: { documents, fields } } })")
    .option("--measurements <file>", "measurements JSON (as GET /api/admin/measurements returns)")
    .option("--baseline <file>", "earlier measurements to compare the current ones against")
    .option("--save-measurements <file>", "write the measurements read to a file (for a later --baseline)")
    .action(async (dir: string, opts: OptimizeOptions) => {
      process.exitCode = await runOptimize(dir, opts);
    });
}
