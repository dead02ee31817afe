"use client";
import { useState } from "react";
import type { DataSummary, ImportProblem, ImportReport } from "@/convex/projects/importNode";
import { count, plural } from "@/lib/text";

function where(p: { file?: string; line?: number; column?: number }): string {
  return p.file ? `${p.file}:${p.line ?? "?"}${p.column ? `:${p.column}` : ""}` : "";
}

function ProblemList({
  items,
  tone,
  testId,
}: {
  items: ImportProblem[];
  tone: "red" | "amber" | "slate";
  testId: string;
}) {
  const colors = { red: "text-red-800", amber: "text-amber-900", slate: "text-slate-700" }[tone];
  return (
    <ul className={`space-y-1 font-mono text-xs ${colors}`} data-testid={testId}>
      {items.map((d, i) => (
        <li key={i} className="leading-relaxed">
          {where(d) && <span className="mr-1.5 rounded bg-white/70 px-1 text-slate-500">{where(d)}</span>}
          <span className="mr-1.5 font-semibold">{d.code}</span>
          <span className="font-sans">{d.message}</span>
        </li>
      ))}
    </ul>
  );
}

function Count({ n, label, tone }: { n: number; label: string; tone: string }) {
  return (
    <span className={`whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ${tone}`}>
      {n} {label}
    </span>
  );
}

/** The mapping report of an import: errors and lossy mappings with their lines, the table mapping, generated files. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const errors = report.diagnostics.filter((d) => d.severity === "error");
  const warnings = report.diagnostics.filter((d) => d.severity === "warning");
  const notes = report.diagnostics.filter((d) => d.severity === "info");
  const [file, setFile] = useState("convex/schema.ts");
  // schema.ts first, then the helpers it comes with.
  const files = Object.keys(report.files).sort(
    (x, y) => Number(y === "convex/schema.ts") - Number(x === "convex/schema.ts") || x.localeCompare(y),
  );
  return (
    <section
      aria-label="Import report"
      data-testid="import-report"
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-4"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="mr-2 text-sm font-semibold text-slate-900">Mapping report</h2>
        <Count
          n={report.tables.length}
          label={`${plural(report.tables.length, "table")} mapped`}
          tone="bg-emerald-50 text-emerald-800"
        />
        {errors.length > 0 && (
          <Count n={errors.length} label={plural(errors.length, "error")} tone="bg-red-50 text-red-800" />
        )}
        <Count n={warnings.length} label="lossy / unsupported" tone="bg-amber-50 text-amber-900" />
        <Count n={notes.length} label={plural(notes.length, "note")} tone="bg-slate-100 text-slate-700" />
      </div>
      {errors.length > 0 && (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3">
          <p className="mb-1.5 text-sm font-medium text-red-800">
            The source has errors. Nothing can be created until they are fixed.
          </p>
          <ProblemList items={errors} tone="red" testId="import-errors" />
        </div>
      )}
      {warnings.length > 0 && (
        <div className="rounded-lg border border-amber-200 bg-amber-50 p-3">
          <p className="mb-1.5 text-sm font-medium text-amber-900">Lossy mappings and unsupported constructs</p>
          <ProblemList items={warnings} tone="amber" testId="import-warnings" />
        </div>
      )}
      {report.tables.length > 0 && (
        <div>
          <h3 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">Tables</h3>
          <div className="divide-y divide-slate-100 rounded-lg border border-slate-200" data-testid="import-mapping">
            {report.tables.map((t) => (
              <details key={t.table} className="group px-3 py-2">
                <summary className="flex cursor-pointer items-center gap-2 text-sm">
                  <span className="font-mono text-slate-500">{t.source}</span>
                  <span className="text-slate-400">→</span>
                  <span className="font-mono font-medium text-slate-900">{t.table}</span>
                  <span className="ml-auto text-xs text-slate-500">{count(t.fields.length, "field")}</span>
                </summary>
                <table className="mt-2 w-full text-left font-mono text-xs">
                  <tbody>
                    {t.fields.map((f) => (
                      <tr key={f.field} className="align-top">
                        <td className="w-1/4 py-0.5 pr-2 text-slate-500">{f.source}</td>
                        <td className="w-1/4 py-0.5 pr-2 text-slate-900">
                          {f.field}
                          {f.optional ? "?" : ""}
                        </td>
                        <td className="break-all py-0.5 text-brand-700">{f.type}</td>
                      </tr>
                    ))}
                    {t.legacyId && (
                      <tr>
                        <td className="py-0.5 pr-2 text-slate-500">{t.legacyId}</td>
                        <td colSpan={2} className="py-0.5 font-sans text-slate-600">
                          → _id (old value kept in legacyId)
                        </td>
                      </tr>
                    )}
                  </tbody>
                </table>
              </details>
            ))}
          </div>
        </div>
      )}
      {notes.length > 0 && (
        <details className="rounded-lg border border-slate-200 px-3 py-2">
          <summary className="cursor-pointer text-sm text-slate-700">
            Notes ({notes.length}): defaults, renames, time zones…
          </summary>
          <div className="mt-2 max-h-64 overflow-auto">
            <ProblemList items={notes} tone="slate" testId="import-notes" />
          </div>
        </details>
      )}
      {report.data && <DataReport data={report.data} />}
      {report.jsonShapes && report.jsonShapes.length > 0 && (
        <div className="rounded-lg border border-slate-200 p-3" data-testid="import-json-shapes">
          <p className="mb-1.5 text-sm font-medium text-slate-800">
            JSON shapes seen in the data{" "}
            {report.jsonShapes[0].applied
              ? "(used in schema.ts)"
              : "(not applied: tick “Type JSON columns” to use them)"}
          </p>
          <ul className="space-y-1 font-mono text-xs">
            {report.jsonShapes.map((sh) => (
              <li key={`${sh.table}.${sh.field}`}>
                <span className="text-slate-900">
                  {sh.table}.{sh.field}
                </span>
                <span className="mx-1.5 font-sans text-slate-500">({sh.samples} values)</span>
                <span className="break-all text-brand-700">{sh.type}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {files.length > 0 && (
        <div>
          <div role="tablist" aria-label="Generated files" className="mb-1.5 flex flex-wrap gap-1">
            {files.map((f) => (
              <button
                key={f}
                type="button"
                role="tab"
                aria-selected={file === f}
                onClick={() => setFile(f)}
                className={`rounded px-2 py-1 font-mono text-xs ${file === f ? "bg-slate-800 text-white" : "bg-slate-100 text-slate-700"}`}
              >
                {f.replace(/^convex\//, "")}
              </button>
            ))}
          </div>
          <pre
            data-testid="generated-file"
            className="max-h-96 overflow-auto rounded-lg bg-slate-900 p-3 text-xs leading-relaxed text-slate-100"
          >
            {report.files[file] ?? ""}
          </pre>
        </div>
      )}
    </section>
  );
}

function DataReport({ data }: { data: DataSummary }) {
  const problems = [
    ...data.readProblems.map((p) => ({ place: where(p), code: p.code, text: p.message, skipped: false })),
    ...data.problems.map((p) => ({
      place: p.file ? `${p.file}:${p.line ?? "?"}` : "",
      code: p.code,
      text: `${p.table} key ${p.key}: ${p.message}`,
      skipped: p.skipped,
    })),
  ];
  return (
    <div>
      <h3 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">Data</h3>
      <table className="w-full text-right text-sm" data-testid="import-data">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="py-1 text-left font-medium">table</th>
            <th className="font-medium">read</th>
            <th className="font-medium">written</th>
            <th className="font-medium">skipped</th>
            <th className="font-medium">patched</th>
          </tr>
        </thead>
        <tbody className="font-mono text-xs">
          {data.tables.map((t) => (
            <tr key={t.table} className="border-t border-slate-100">
              <td className="py-1 text-left text-slate-900">{t.table}</td>
              <td>{t.read}</td>
              <td className="text-emerald-700">{t.written}</td>
              <td className={t.skipped ? "text-red-700" : "text-slate-400"}>{t.skipped}</td>
              <td className="text-slate-500">{t.patched}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {problems.length > 0 && (
        <div className="mt-2 rounded-lg border border-slate-200 bg-slate-50 p-3">
          <p className="mb-1.5 text-sm font-medium text-slate-800">
            Row problems ({data.problemCount + data.readProblems.length}
            {data.problemCount > data.problems.length ? `, first ${data.problems.length} shown` : ""})
          </p>
          <ul
            className="max-h-64 space-y-1 overflow-auto font-mono text-xs text-slate-700"
            data-testid="import-row-problems"
          >
            {problems.map((p, i) => (
              <li key={i}>
                {p.place && <span className="mr-1.5 text-slate-500">{p.place}</span>}
                <span className="mr-1.5 font-semibold">{p.code}</span>
                <span className="font-sans">{p.text}</span>
                {p.skipped && (
                  <span className="ml-1.5 rounded bg-red-100 px-1 font-sans text-red-800">row skipped</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
