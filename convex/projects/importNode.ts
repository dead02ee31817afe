"use node";
// Importing a Prisma schema or PostgreSQL DDL (and its data) as a new project. @mrleebo/prisma-ast reads a config
// file when it loads and pgsql-ast-parser is large, so this runs in the Node runtime.
import { createHash } from "node:crypto";
import { convexToJson, v } from "convex/values";
import {
  applyJsonShapes,
  emptyRowSet,
  inferJsonShapes,
  formatSchemaReport,
  generatedFiles,
  importPrisma,
  importSql,
  MemorySink,
  readCsv,
  readJsonl,
  readSqlData,
  runDataImport,
  type Doc,
  type RowSet,
  type SchemaImportResult,
} from "../../lib/import";
import { parseSchema } from "../../lib/schema";
import { validatorToCode, type Diagnostic } from "../../lib/schema/model";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { action } from "../_generated/server";
import { SCHEMA_ENTRY } from "../lib/projectFiles";

/** Convex documents are limited to 1 MB; the generated helper files must fit beside the schema. */
const MAX_FILES_JSON = 800_000;
/** Documents per sandbox insert, and a byte budget per batch (mutation arguments are limited to 8 MiB). */
const BATCH_DOCS = 200;
const BATCH_BYTES = 2_000_000;
/** Row problems returned to the browser (the counts always cover all of them). */
const MAX_PROBLEMS = 500;

const kindArg = v.union(v.literal("prisma"), v.literal("sql"));
const fileArg = v.object({ path: v.string(), content: v.string() });

/** One line of the mapping: a source table and where each column went. */
export type MappedTable = {
  source: string;
  table: string;
  fields: { source: string; field: string; type: string; optional: boolean }[];
  legacyId?: string;
};
export type ImportProblem = {
  code: string;
  severity: "error" | "warning" | "info";
  message: string;
  file?: string;
  line?: number;
  column?: number;
};
export type DataTableCounts = {
  table: string;
  source: string;
  read: number;
  written: number;
  skipped: number;
  patched: number;
};
export type DataProblem = {
  code: string;
  table: string;
  key: string;
  file?: string;
  line?: number;
  message: string;
  skipped: boolean;
};
export type DataSummary = {
  tables: DataTableCounts[];
  problems: DataProblem[];
  problemCount: number;
  readProblems: ImportProblem[];
};
/** The shape of a JSON column (typed `v.any()`) seen in its imported values; `applied` when schema.ts uses it. */
export type JsonShapeView = { table: string; field: string; type: string; samples: number; applied: boolean };

/** What preview and create return: the mapping, every diagnostic, the generated files and (with data) the row counts. */
export type ImportReport = {
  ok: boolean;
  tables: MappedTable[];
  diagnostics: ImportProblem[];
  /** The CLI's text report (for copying). */
  text: string;
  /** Generated files: convex/schema.ts, and uniqueness.ts / defaults.ts / importCleanup.ts when needed. */
  files: Record<string, string>;
  data?: DataSummary;
  jsonShapes?: JsonShapeView[];
};

export type ImportCreateResult =
  | { ok: true; projectId: Id<"projects">; report: ImportReport }
  | { ok: false; errors: ImportProblem[]; report?: ImportReport };

/**
 * Maps a Prisma schema or SQL DDL to Convex and, with data files, checks the rows in memory (a dry run).
 * Nothing is saved.
 */
export const preview = action({
  args: {
    kind: kindArg,
    source: v.string(),
    fileName: v.optional(v.string()),
    dataFiles: v.optional(v.array(fileArg)),
    inferJson: v.optional(v.boolean()),
  },
  handler: async (ctx, args): Promise<ImportReport> => {
    await ctx.runQuery(api.team.users.current, {});
    const run = await runImport(args.kind, args.source, args.dataFiles ?? [], args);
    return run.report;
  },
});

/**
 * Creates a project from a Prisma schema or SQL DDL: schema.ts printed from the mapped model, the generated helper
 * files beside it, and the data rows in the project's sandbox (dependency order, references rewritten to the new
 * documents' `_id`s). Source errors come back located and nothing is saved.
 */
export const create = action({
  args: {
    name: v.string(),
    description: v.optional(v.string()),
    kind: kindArg,
    source: v.string(),
    /** The uploaded file's name, used in located messages (default schema.prisma / schema.sql). */
    fileName: v.optional(v.string()),
    dataFiles: v.optional(v.array(fileArg)),
    /** Type JSON columns with the shape of their imported values instead of `v.any()`. */
    inferJson: v.optional(v.boolean()),
  },
  handler: async (ctx, args): Promise<ImportCreateResult> => {
    const user = await ctx.runQuery(api.team.users.current, {});
    const name = args.name.trim();
    if (!name) return { ok: false, errors: [problem("IMP-NAME", "A project needs a name.")] };
    const run = await runImport(args.kind, args.source, args.dataFiles ?? [], args);
    const { report } = run;
    if (!report.ok || !run.result)
      return { ok: false, errors: report.diagnostics.filter((d) => d.severity === "error"), report };
    const schemaSource = report.files[SCHEMA_ENTRY];
    // Parse the printed schema, so the stored model's locations point into the stored source.
    const parsed = parseSchema({ files: { [SCHEMA_ENTRY]: schemaSource }, entry: SCHEMA_ENTRY });
    if (!parsed.ok) {
      const first = parsed.errors[0];
      return {
        ok: false,
        errors: [
          problem(
            "IMP-PRINT",
            `The generated schema.ts does not parse (${first?.message ?? "unknown error"}); please report this.`,
          ),
        ],
        report,
      };
    }
    const { [SCHEMA_ENTRY]: _schema, ...helpers } = report.files;
    const filesJson = Object.keys(helpers).length ? JSON.stringify(helpers) : undefined;
    if (filesJson && filesJson.length > MAX_FILES_JSON) {
      return {
        ok: false,
        errors: [problem("IMP-TOO-LARGE", `The generated helper files are over ${MAX_FILES_JSON / 1000} kB.`)],
        report,
      };
    }
    const projectId: Id<"projects"> = await ctx.runMutation(internal.projects.projects.insertParsed, {
      userId: user._id,
      name,
      description: args.description ?? `Imported from ${args.kind === "prisma" ? "a Prisma schema" : "SQL"}.`,
      schemaSource,
      filesJson,
      modelJson: JSON.stringify(parsed.schema),
      sourceHash: createHash("sha256").update(schemaSource).digest("hex"),
    });
    if (run.sink) {
      try {
        for (const [table, docs] of run.sink.tables) {
          for (const batch of batches([...docs].map(([id, doc]) => ({ ...doc, _id: id })))) {
            await ctx.runMutation(internal.migrations.sandbox.insertBatch, { projectId, table, docs: batch });
          }
        }
      } catch (e) {
        // Never leave a project with part of its data: remove it (sandbox included) and say why.
        await ctx.runMutation(api.projects.projects.remove, { projectId });
        return {
          ok: false,
          errors: [
            problem("IMP-WRITE", `Writing the data failed, so the project was not kept: ${(e as Error).message}`),
          ],
          report,
        };
      }
    }
    // Kept with the project (without the generated files, which are its schema version's files).
    await ctx.runMutation(internal.projects.importReports.record, {
      projectId,
      kind: args.kind,
      fileName: args.fileName?.trim() || (args.kind === "prisma" ? "schema.prisma" : "schema.sql"),
      userId: user._id,
      reportJson: JSON.stringify({ ...report, files: {} }),
    });
    return { ok: true, projectId, report };
  },
});

type Run = { report: ImportReport; result?: SchemaImportResult; sink?: MemorySink };

/** The whole import in memory: schema mapping, then (when there are data files or inline pg_dump data) the rows. */
async function runImport(
  kind: "prisma" | "sql",
  source: string,
  dataFiles: { path: string; content: string }[],
  { fileName, inferJson }: { fileName?: string; inferJson?: boolean },
): Promise<Run> {
  const file = fileName?.trim() || (kind === "prisma" ? "schema.prisma" : "schema.sql");
  // A full pg_dump carries its own data: use it when no data file is given (as the CLI does).
  const inline =
    kind === "sql" && dataFiles.length === 0 && /^\s*(COPY\s[^;]*FROM\s+stdin|INSERT\s+INTO)/im.test(source);
  const withData = dataFiles.length > 0 || inline;
  const options = { file, legacyIds: withData };
  let result: SchemaImportResult;
  try {
    result = kind === "prisma" ? importPrisma(source, options) : importSql(source, options);
  } catch (e) {
    // The engine reports source errors as diagnostics; anything thrown is a bug, but still nothing is saved.
    const report: ImportReport = {
      ok: false,
      tables: [],
      diagnostics: [problem("IMP-INTERNAL", `The importer failed: ${(e as Error).message}`)],
      text: "",
      files: {},
    };
    return { report };
  }
  if (!result.ok || !withData) return { report: baseReport(result), result };
  const rows = inline ? readSqlData(result.plan, source, file) : readData(result, dataFiles);
  // JSON columns are v.any(); their values show a shape, applied to schema.ts when asked.
  const shapes = inferJsonShapes(result, rows);
  if (inferJson) applyJsonShapes(result, shapes);
  const report = baseReport(result);
  report.jsonShapes = shapes.map((sh) => ({
    table: sh.table,
    field: sh.field,
    type: validatorToCode(sh.validator),
    samples: sh.samples,
    applied: Boolean(inferJson),
  }));
  const sink = new MemorySink();
  // Refuse what Convex would refuse ("$" field names in JSON values, …) row by row, before anything is written.
  sink.reject = (_table, doc) => {
    try {
      convexToJson(doc);
      return undefined;
    } catch (e) {
      return `not a valid Convex value: ${(e as Error).message}`;
    }
  };
  const data = await runDataImport(result, rows, sink, { batchSize: 1000, now: () => Date.now() });
  report.data = {
    tables: data.tables,
    problems: data.problems.slice(0, MAX_PROBLEMS),
    problemCount: data.problems.length,
    readProblems: rows.diagnostics.map(fromDiagnostic),
  };
  return { report, result, sink };
}

/** Data files: a .sql dump (COPY / INSERT), or per-table .csv / .jsonl files named after their table. */
function readData(result: SchemaImportResult, files: { path: string; content: string }[]): RowSet {
  const set = emptyRowSet();
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const base = f.path.replace(/^.*\//, "");
    const table = base.replace(/\.(csv|jsonl|ndjson|sql)$/i, "");
    if (/\.sql$/i.test(base)) readSqlData(result.plan, f.content, f.path, set);
    else if (/\.csv$/i.test(base)) readCsv(result.plan, table, f.content, f.path, set);
    else if (/\.(jsonl|ndjson)$/i.test(base)) readJsonl(result.plan, table, f.content, f.path, set);
    else
      set.diagnostics.push({
        code: "DATA-FILE-KIND",
        severity: "warning",
        message: `"${f.path}" is not a .sql, .csv or .jsonl file; it was ignored.`,
        loc: { file: f.path, line: 1, column: 1 },
      });
  }
  return set;
}

function baseReport(result: SchemaImportResult): ImportReport {
  const tables: MappedTable[] = result.layouts.map((l) => {
    const model = result.schema.tables.find((t) => t.name === l.plan.name);
    return {
      source: l.plan.origin !== l.plan.source ? `${l.plan.source} (${l.plan.origin})` : l.plan.source,
      table: l.plan.name,
      fields: l.fields.map((f) => {
        const field = model?.fields.find((x) => x.name === f.field);
        return {
          source: f.kind === "value" ? f.column.source : f.fk.columns.join(", "),
          field: f.field,
          type: field ? validatorToCode(field.validator) : "?",
          optional: f.optional,
        };
      }),
      legacyId: l.legacyId?.source,
    };
  });
  return {
    ok: result.ok,
    tables,
    diagnostics: result.diagnostics.map(fromDiagnostic),
    text: formatSchemaReport(result),
    files: result.ok ? generatedFiles(result) : {},
  };
}

function fromDiagnostic(d: Diagnostic): ImportProblem {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    file: d.loc?.file,
    line: d.loc?.line,
    column: d.loc?.column,
  };
}

function problem(code: string, message: string): ImportProblem {
  return { code, severity: "error", message };
}

/** Splits documents into insert batches by count and by serialised size. */
function batches(docs: Doc[]): Doc[][] {
  const out: Doc[][] = [];
  let current: Doc[] = [];
  let bytes = 0;
  for (const doc of docs) {
    const size = JSON.stringify(doc, (_k, val) =>
      typeof val === "bigint" ? val.toString() : val instanceof ArrayBuffer ? "x".repeat(val.byteLength) : val,
    ).length;
    if (current.length && (current.length >= BATCH_DOCS || bytes + size > BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(doc);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}
