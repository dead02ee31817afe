/**
 * The schema half of an import: source text → plan → SchemaModel, report and generated files.
 */
import type { Diagnostic, SchemaModel } from "../schema/model";
import { validatorToCode } from "../schema/model";
import { printSchema } from "../schema/print";
import { count } from "../text";
import { renderLegacyCleanup, renderUniquenessHelpers } from "./codegen";
import { renderDefaults } from "./defaults";
import { finalizePlan, type FinalizeOptions, type TableLayout, type UniqueCheck } from "./finalize";
import type { ImportPlan, SchemaImportOptions } from "./plan";
import { prismaToPlan } from "./prisma";
import { sqlToPlan } from "./sql";

export interface SchemaImportResult {
  ok: boolean;
  schema: SchemaModel;
  plan: ImportPlan;
  layouts: TableLayout[];
  uniqueChecks: UniqueCheck[];
  /** Every note, lossy mapping (warning) and unsupported construct, in source order per kind. */
  diagnostics: Diagnostic[];
}

export type ImportOptions = SchemaImportOptions & FinalizeOptions;

/** Imports a Prisma schema. `ok` is false when the source has errors (syntax, unknown references). */
export function importPrisma(source: string, options: ImportOptions = {}): SchemaImportResult {
  return finish(prismaToPlan(source, options), options);
}

/** Imports PostgreSQL DDL (a schema file or a pg_dump). */
export function importSql(source: string, options: ImportOptions = {}): SchemaImportResult {
  return finish(sqlToPlan(source, options), options);
}

function finish(plan: ImportPlan, options: FinalizeOptions): SchemaImportResult {
  const f = finalizePlan(plan, options);
  return {
    ok: !f.diagnostics.some((d) => d.severity === "error"),
    schema: f.schema,
    plan,
    layouts: f.layouts,
    uniqueChecks: f.uniqueChecks,
    diagnostics: sortDiagnostics(f.diagnostics),
  };
}

/** Source order: by file, line, column; diagnostics without a place last. Stable otherwise. */
function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) =>
    d.loc ? ([d.loc.file, d.loc.line, d.loc.column] as const) : (["\uffff", 0, 0] as const);
  return ds
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const [fa, la, ca] = key(a.d);
      const [fb, lb, cb] = key(b.d);
      return fa < fb ? -1 : fa > fb ? 1 : la - lb || ca - cb || a.i - b.i;
    })
    .map((x) => x.d);
}

/**
 * Generated files, relative to the output folder: `convex/schema.ts`, `convex/uniqueness.ts` (when there are unique
 * constraints), `convex/defaults.ts` (when columns had defaults) and `convex/importCleanup.ts` (when old keys are
 * kept in `legacyId`).
 */
export function generatedFiles(
  result: SchemaImportResult,
  print: (s: SchemaModel) => string = printSchema,
): Record<string, string> {
  const files: Record<string, string> = { "convex/schema.ts": print(result.schema) };
  const helpers = renderUniquenessHelpers(result.uniqueChecks);
  if (helpers) files["convex/uniqueness.ts"] = helpers;
  const defaults = renderDefaults(result.layouts);
  if (defaults) files["convex/defaults.ts"] = defaults;
  const cleanup = renderLegacyCleanup(result.layouts.filter((l) => l.legacyId).map((l) => l.plan.name));
  if (cleanup) files["convex/importCleanup.ts"] = cleanup;
  return files;
}

/** Notes repeat per field: one line per code when it occurs more than 3 times, with the places it concerns. */
function groupNotes(notes: Diagnostic[]): string[] {
  const byCode = new Map<string, Diagnostic[]>();
  for (const d of notes) byCode.set(d.code, [...(byCode.get(d.code) ?? []), d]);
  const out: string[] = [];
  for (const [code, ds] of byCode) {
    if (ds.length <= 3) for (const d of ds) out.push(`  ${where(d)}${code} ${d.message}`);
    else {
      const paths = [...new Set(ds.map((d) => d.path ?? where(d)))];
      const shown = paths.length > 12 ? [...paths.slice(0, 12), `… ${paths.length - 12} more`] : paths;
      out.push(`  ${code} ×${ds.length} (${shown.join(", ")}), e.g. ${ds[0].message}`);
    }
  }
  return out;
}

function where(d: Diagnostic): string {
  return d.loc ? `${d.loc.file}:${d.loc.line}:${d.loc.column}: ` : "";
}

/** The human report: name mapping, then lossy mappings, unsupported constructs and notes. */
export function formatSchemaReport(result: SchemaImportResult): string {
  const out: string[] = [`Mapped ${count(result.schema.tables.length, "table")}:`];
  for (const l of result.layouts) {
    const t = l.plan;
    out.push(`  ${t.source}${t.origin !== t.source ? ` (${t.origin})` : ""} → ${t.name}`);
    for (const f of l.fields) {
      const src = f.kind === "value" ? f.column.source : f.fk.columns.join(", ");
      const table = result.schema.tables.find((x) => x.name === t.name);
      const v = table?.fields.find((x) => x.name === f.field);
      out.push(`    ${src} → ${f.field}: ${v ? validatorToCode(v.validator) : "?"}${f.optional ? " (optional)" : ""}`);
    }
    if (l.legacyId) out.push(`    ${l.legacyId.source} → _id (old value in legacyId)`);
  }
  const groups: [string, (d: Diagnostic) => boolean][] = [
    ["Errors", (d) => d.severity === "error"],
    ["Lossy or unsupported (warnings)", (d) => d.severity === "warning"],
  ];
  for (const [title, pick] of groups) {
    const ds = result.diagnostics.filter(pick);
    if (ds.length === 0) continue;
    out.push("", `${title} (${ds.length}):`);
    for (const d of ds) out.push(`  ${where(d)}${d.code} ${d.message}`);
  }
  const notes = result.diagnostics.filter((d) => d.severity === "info");
  if (notes.length) out.push("", `Notes (${notes.length}):`, ...groupNotes(notes));
  return out.join("\n") + "\n";
}
