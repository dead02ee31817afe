/**
 * `schema-assistant analyze [dir]`: parses a project's Convex schema and prints a model summary, relationships,
 * lint findings (`file:line:col  CODE  severity: message`) and the health score.
 */
import path from "node:path";
import type { Command } from "commander";
import { readProjectFiles, type ProjectFiles } from "../project-files";
import { completeByEvaluation, evaluationModeFromEnv, type EvaluationMode } from "../schema-eval";
import { analyzeSchema, type SchemaCounts, type TableCounts } from "../../lib/analysis";
import type { HealthScore } from "../../lib/lint";
// The docs modules themselves, not lib/docs/index: that also loads the NLP task-context code (≈0.5 s to import).
import { describe as describeRelationship } from "../../lib/docs/markdown";
import type { DocRelationship } from "../../lib/docs/relationships";
import { parseSchema } from "../../lib/schema";
import type { Diagnostic, SchemaModel } from "../../lib/schema/model";
import { count, plural } from "../../lib/text";

/** Where output goes; commands take it so tests can capture it. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** `file:line:col  CODE  severity: message` (the path stands in when there is no location). */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.loc ? `${d.loc.file}:${d.loc.line}:${d.loc.column}` : (d.path ?? "-");
  return `${where}  ${d.code}  ${d.severity}: ${d.message}`;
}

/**
 * `warnings`: problems reading the project that did not stop it (e.g. an unreadable tsconfig.json). `notes`: which
 * tables were read by evaluating the schema (SA121), because static reading could not resolve them.
 */
export type Loaded =
  | { ok: true; project: ProjectFiles; model: SchemaModel; warnings: string[]; notes: Diagnostic[] }
  | { ok: false; message: string; errors: Diagnostic[]; warnings: string[] };

/**
 * Reads and parses the project in `dir`; failures come back as a message plus located errors. Where static reading
 * leaves something unresolved, the schema is evaluated (mode from SCHEMA_ASSISTANT_EVALUATE, default auto).
 */
export async function readSchema(dir: string, evaluate: EvaluationMode = evaluationModeFromEnv()): Promise<Loaded> {
  let project: ProjectFiles;
  try {
    project = await readProjectFiles(dir);
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e), errors: [], warnings: [] };
  }
  const parsed = parseSchema(project);
  if (!parsed.ok)
    return {
      ok: false,
      message: `cannot parse the schema of "${path.resolve(dir)}":`,
      errors: parsed.errors,
      warnings: project.warnings,
    };
  const read = await completeByEvaluation(parsed.schema, { ...project, root: path.resolve(dir) }, evaluate);
  return { ok: true, project, model: read.schema, warnings: project.warnings, notes: read.notes };
}

/**
 * `readSchema`, printing its warnings to stderr as `warning: …`, and a failure as `error: …` then one
 * `file:line:col  CODE  error: …` line each.
 */
export async function loadSchema(
  dir: string,
  io: Io,
): Promise<{ project: ProjectFiles; model: SchemaModel } | undefined> {
  const loaded = await readSchema(dir);
  for (const w of loaded.warnings) io.err(`warning: ${w}\n`);
  if (loaded.ok) {
    for (const n of loaded.notes) io.err(`${formatDiagnostic(n)}\n`);
    return loaded;
  }
  io.err(`error: ${loaded.message}\n`);
  for (const d of loaded.errors) io.err(`${formatDiagnostic(d)}\n`);
  return undefined;
}

/** The `--json` output: the shared analysis (lib/analysis) with the lint findings as `diagnostics`. */
export interface AnalyzeReport {
  ok: boolean;
  entry: string;
  summary: SchemaCounts;
  tables: TableCounts[];
  /** the references between tables, as many as `summary.relationships` (the count every view shows) */
  relationships: DocRelationship[];
  /** many-to-many through a join table: made of two references already counted, so not counted itself */
  joinTableRelationships: DocRelationship[];
  /** parser warnings (things it could not resolve statically) */
  warnings: Diagnostic[];
  diagnostics: Diagnostic[];
  healthScore: number;
  breakdown: HealthScore["breakdown"];
  /** Tables read by evaluating the schema with Convex (static reading could not resolve them). */
  readByEvaluation?: string[];
}

/** The analysis as data (the `--json` output). The health score counts parser warnings and lint findings. */
export function analyzeModel(model: SchemaModel): AnalyzeReport {
  const a = analyzeSchema(model);
  return {
    ok: true,
    entry: a.entry,
    summary: a.summary,
    tables: a.tables,
    relationships: a.relationships,
    joinTableRelationships: a.joinTableRelationships,
    warnings: a.warnings,
    diagnostics: a.lint,
    healthScore: a.healthScore,
    breakdown: a.breakdown,
  };
}

/** Human-readable report. */
export function formatReport(r: AnalyzeReport): string {
  const s = r.summary;
  const lines = [
    `Schema ${r.entry}: ${count(s.tables, "table")}, ${count(s.fields, "field")}, ${count(s.indexes, "index")}, ${s.searchIndexes} search, ${s.vectorIndexes} vector`,
    "",
  ];
  const width = Math.max(5, ...r.tables.map((t) => t.name.length));
  lines.push("Tables");
  const evaluated = new Set(r.readByEvaluation ?? []);
  for (const t of r.tables) {
    const extra = [
      t.searchIndexes ? `${t.searchIndexes} search` : "",
      t.vectorIndexes ? `${t.vectorIndexes} vector` : "",
    ]
      .filter(Boolean)
      .join(", ");
    const how = evaluated.has(t.name) ? "  [read by evaluation]" : "";
    lines.push(
      `  ${t.name.padEnd(width)}  ${String(t.fields).padStart(3)} ${plural(t.fields, "field").padEnd(6)}  ${String(t.indexes).padStart(2)} ${plural(t.indexes, "index")}${extra ? `  (${extra})` : ""}${how}`,
    );
  }
  const describe = (rel: DocRelationship) => `  ${describeRelationship(rel).replace(/[`*]/g, "")}`;
  lines.push("", `Relationships: ${count(r.relationships.length, "reference")} between tables`);
  lines.push(...r.relationships.map(describe));
  if (r.joinTableRelationships.length) {
    lines.push("", "Many-to-many through join tables (made of the references above, not counted again)");
    lines.push(...r.joinTableRelationships.map(describe));
  }
  if (r.warnings.length) {
    lines.push("", `Parser warnings (${r.warnings.length})`, ...r.warnings.map((d) => `  ${formatDiagnostic(d)}`));
  }
  const ofSeverity = (sev: string) => r.diagnostics.filter((d) => d.severity === sev).length;
  lines.push(
    "",
    `Findings (${count(ofSeverity("error"), "error")}, ${count(ofSeverity("warning"), "warning")}, ${ofSeverity("info")} info)`,
  );
  lines.push(...r.diagnostics.map((d) => `  ${formatDiagnostic(d)}`));
  lines.push("", `Health score: ${r.healthScore}/100`);
  for (const b of r.breakdown) lines.push(`  ${b.code.padEnd(28)} x${b.count}  -${b.cost}`);
  return lines.join("\n") + "\n";
}

export interface AnalyzeOptions {
  json?: boolean;
  strict?: boolean;
}

/** Runs `analyze` and returns the exit code: 1 on parse errors, or with `strict` on error-severity findings. */
export async function runAnalyze(dir: string, opts: AnalyzeOptions, io: Io = processIo): Promise<number> {
  const loaded = await readSchema(dir);
  for (const w of loaded.warnings) io.err(`warning: ${w}\n`);
  if (!loaded.ok) {
    io.err(`error: ${loaded.message}\n`);
    for (const d of loaded.errors) io.err(`${formatDiagnostic(d)}\n`);
    // Tools reading --json get the failure on stdout too.
    if (opts.json)
      io.out(JSON.stringify({ ok: false, message: loaded.message, errors: loaded.errors }, null, 2) + "\n");
    return 1;
  }
  for (const n of loaded.notes) io.err(`${formatDiagnostic(n)}\n`);
  const report = { ...analyzeModel(loaded.model), readByEvaluation: loaded.notes.map((n) => n.path ?? "") };
  io.out(opts.json ? JSON.stringify(report, null, 2) + "\n" : formatReport(report));
  const errors = report.diagnostics.filter((d) => d.severity === "error").length;
  if (opts.strict && errors) {
    io.err(`error: ${count(errors, "error-severity finding")} (--strict)\n`);
    return 1;
  }
  return 0;
}

export function register(program: Command): void {
  program
    .command("analyze")
    .description("summarize a project's Convex schema: tables, relationships, lint findings and health score")
    .argument("[dir]", "project folder (containing convex/schema.ts)", ".")
    .option("--json", "print the analysis as JSON")
    .option("--strict", "exit with code 1 when there are error-severity findings")
    .action(async (dir: string, opts: AnalyzeOptions) => {
      process.exitCode = await runAnalyze(dir, opts);
    });
}
