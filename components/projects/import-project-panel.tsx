"use client";
import { useAction } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { ImportProblem, ImportReport } from "@/convex/importNode";
import { ButtonLink, buttonClass } from "@/components/ui/button-link";
import { ErrorBox } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { guessKind, readDataFiles, type TextFile } from "./import-files";
import { ImportReportView } from "./import-report";

type Kind = "prisma" | "sql";

const PLACEHOLDER: Record<Kind, string> = {
  prisma:
    "model User {\n  id    String @id @default(cuid())\n  email String @unique\n  posts Post[]\n}\n\nmodel Post {\n  id       Int    @id @default(autoincrement())\n  title    String\n  author   User   @relation(fields: [authorId], references: [id])\n  authorId String\n}",
  sql: "CREATE TABLE users (\n  id bigserial PRIMARY KEY,\n  email text NOT NULL UNIQUE\n);\n\n-- or paste a whole pg_dump: its COPY / INSERT data is imported too",
};

/**
 * The "Import Prisma / SQL" tab: a schema.prisma or SQL file (pasted or uploaded) and optional data files; the
 * mapping report is previewed before anything is saved, then the project is created with its data in the sandbox.
 */
export function ImportProjectPanel({ name }: { name: string }) {
  const preview = useAction(api.importNode.preview);
  const create = useAction(api.importNode.create);
  const [kind, setKind] = useState<Kind>("prisma");
  const [source, setSource] = useState("");
  const [sourceName, setSourceName] = useState("");
  const [dataFiles, setDataFiles] = useState<TextFile[]>([]);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [created, setCreated] = useState<Id<"projects"> | null>(null);
  const [errors, setErrors] = useState<ImportProblem[]>([]);
  const [busy, setBusy] = useState<"" | "preview" | "create" | "read">("");
  const [inferJson, setInferJson] = useState(false);

  function changed() {
    setReport(null);
    setCreated(null);
    setErrors([]);
  }

  async function chooseSource(file: File | undefined) {
    if (!file) return;
    const text = await file.text();
    setSource(text);
    setSourceName(file.name);
    setKind(guessKind(file.name, text));
    changed();
  }

  async function chooseData(list: FileList | null) {
    changed();
    setBusy("read");
    try {
      const read = await readDataFiles(Array.from(list ?? []));
      setDataFiles(read.files);
      setSkipped(read.skipped);
    } catch (e) {
      setDataFiles([]);
      setErrors([{ code: "DATA-FILES", severity: "error", message: e instanceof Error ? e.message : String(e) }]);
    } finally {
      setBusy("");
    }
  }

  async function run(which: "preview" | "create") {
    setBusy(which);
    setErrors([]);
    try {
      const args = {
        kind,
        source,
        fileName: sourceName || undefined,
        dataFiles: dataFiles.length ? dataFiles : undefined,
        inferJson,
      };
      if (which === "preview") {
        setReport(await preview(args));
        return;
      }
      if (!name.trim()) {
        setErrors([{ code: "IMP-NAME", severity: "error", message: "Give the project a name first." }]);
        return;
      }
      const result = await create({ ...args, name });
      if (result.ok) {
        setReport(result.report);
        setCreated(result.projectId);
      } else {
        // Source errors are in the report already; show the others (name, size) above it.
        const shown = new Set(result.report?.diagnostics.map((d) => `${d.code}:${d.message}`));
        if (result.report) setReport(result.report);
        setErrors(result.errors.filter((e) => !shown.has(`${e.code}:${e.message}`)));
      }
    } catch (e) {
      setErrors([{ code: "IMP-FAILED", severity: "error", message: e instanceof Error ? e.message : String(e) }]);
    } finally {
      setBusy("");
    }
  }

  const canCreate = Boolean(report?.ok) && !created && busy === "";
  return (
    <div className="space-y-5">
      <fieldset className="flex flex-wrap items-center gap-4 text-sm">
        <legend className="sr-only">Source kind</legend>
        {(["prisma", "sql"] as const).map((k) => (
          <label key={k} className="inline-flex items-center gap-1.5">
            <input
              type="radio"
              name="import-kind"
              value={k}
              checked={kind === k}
              onChange={() => {
                setKind(k);
                changed();
              }}
            />
            {k === "prisma" ? "Prisma schema" : "PostgreSQL DDL or pg_dump"}
          </label>
        ))}
      </fieldset>
      <div>
        <div className="flex items-end justify-between gap-3">
          <label htmlFor="import-source" className="block text-sm font-medium">
            {kind === "prisma" ? "schema.prisma" : "SQL schema"}
            {sourceName && <span className="ml-2 font-normal text-slate-500">from {sourceName}</span>}
          </label>
          <label className="text-sm text-brand-700">
            <span className="cursor-pointer underline">Upload a file</span>
            <input
              type="file"
              aria-label="Upload schema file"
              accept=".prisma,.sql,.txt"
              className="sr-only"
              onChange={(e) => void chooseSource(e.target.files?.[0])}
            />
          </label>
        </div>
        <textarea
          id="import-source"
          rows={14}
          spellCheck={false}
          value={source}
          placeholder={PLACEHOLDER[kind]}
          onChange={(e) => {
            setSource(e.target.value);
            changed();
          }}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs focus:border-brand-500 focus:outline-none"
        />
      </div>
      <div>
        <label htmlFor="import-data" className="block text-sm font-medium">
          Data (optional)
        </label>
        <p className="text-xs text-slate-500">
          A pg_dump or INSERT script (.sql), or one CSV / JSON Lines file per table named after it (users.csv,
          orders.jsonl) — several files or a .zip of them.
        </p>
        <input
          id="import-data"
          type="file"
          multiple
          accept=".sql,.csv,.jsonl,.ndjson,.zip"
          className="mt-1 block text-sm"
          onChange={(e) => void chooseData(e.target.files)}
        />
        {busy === "read" && <Spinner label="Reading files…" />}
        {dataFiles.length > 0 && (
          <p className="mt-1 text-xs text-slate-600" data-testid="import-data-files">
            {dataFiles.length} data file{dataFiles.length === 1 ? "" : "s"}: {dataFiles.map((f) => f.path).join(", ")}
          </p>
        )}
        {skipped.length > 0 && (
          <p className="mt-1 text-xs text-amber-800">Ignored (not .sql/.csv/.jsonl): {skipped.join(", ")}</p>
        )}
        {/* JSON shapes come from the data: a data file, or the COPY / INSERT part of a pasted pg_dump. */}
        {(dataFiles.length > 0 || kind === "sql") && (
          <label className="mt-2 flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={inferJson}
              onChange={(e) => {
                setInferJson(e.target.checked);
                changed();
              }}
            />
            Type JSON columns with the shape of their data (instead of <code className="text-xs">v.any()</code>)
          </label>
        )}
      </div>
      {errors.length > 0 && (
        <ErrorBox title="The import could not be created. Nothing was saved.">
          <ul className="mt-1 space-y-1 font-mono text-xs" data-testid="schema-errors">
            {errors.map((p, i) => (
              <li key={i}>
                {p.file ? `${p.file}:${p.line ?? "?"}:${p.column ?? "?"}: ` : ""}
                {p.message}
              </li>
            ))}
          </ul>
        </ErrorBox>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className={buttonClass("secondary")}
          disabled={!source.trim() || busy !== ""}
          onClick={() => void run("preview")}
        >
          {busy === "preview" ? "Mapping…" : "Preview mapping"}
        </button>
        <button
          type="button"
          className={buttonClass()}
          disabled={!canCreate}
          onClick={() => void run("create")}
          title={report ? undefined : "Preview the mapping first"}
        >
          {busy === "create" ? "Importing…" : "Create project"}
        </button>
        {!report && source.trim() && (
          <span className="text-xs text-slate-500">Preview the mapping to review it before creating.</span>
        )}
      </div>
      {created && (
        <div
          role="status"
          className="flex flex-wrap items-center gap-3 rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900"
        >
          <span>
            Project created with {report?.tables.length ?? 0} tables
            {report?.data
              ? ` and ${report.data.tables.reduce((n, t) => n + t.written, 0)} documents in its sandbox`
              : ""}
            .
          </span>
          <ButtonLink href={`/projects/${created}`}>Open project</ButtonLink>
        </div>
      )}
      {report && <ImportReportView report={report} />}
    </div>
  );
}
