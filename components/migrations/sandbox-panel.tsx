"use client";
import { useAction, useConvex, useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import { useProject } from "@/components/projects/project-context";
import { buildExportZip, readExportZip, type ExportDoc } from "./export-zip";
import { errorText } from "@/components/ui/error-text";
import { count } from "@/lib/text";

/** The project's sandbox data: counts per table, generate sample data, upload and download a Convex export ZIP. */
export function SandboxPanel() {
  const project = useProject();
  const convex = useConvex();
  const counts = useQuery(api.migrations.sandbox.summary, { projectId: project._id });
  const generate = useAction(api.migrations.sandbox.generateSample);
  const importBatch = useMutation(api.migrations.sandbox.importBatch);
  const [perTable, setPerTable] = useState(100);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const canEdit = project.role !== "viewer";
  const total = counts?.reduce((n, c) => n + c.count, 0) ?? 0;

  const run = async (label: string, fn: () => Promise<string>) => {
    setBusy(label);
    setMessage(null);
    try {
      setMessage(await fn());
    } catch (err) {
      setMessage(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const download = () =>
    run("Preparing export…", async () => {
      const tables = await convex.query(api.migrations.sandbox.tables, { projectId: project._id });
      const out: Record<string, ExportDoc[]> = {};
      for (const table of tables) {
        out[table] = [];
        for (let cursor: string | null = null; ; ) {
          const page: { docs: ExportDoc[]; cursor: string | null } = await convex.query(
            api.migrations.sandbox.exportPage,
            {
              projectId: project._id,
              table,
              cursor,
              numItems: 2000,
            },
          );
          out[table].push(...page.docs);
          if (page.cursor === null) break;
          cursor = page.cursor;
        }
      }
      const blob = new Blob([buildExportZip(out) as BlobPart], { type: "application/zip" });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = `${project.name.replace(/[^A-Za-z0-9]+/g, "-")}-sandbox.zip`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      return `Exported ${count(
        Object.values(out).reduce((n, d) => n + d.length, 0),
        "document",
      )}.`;
    });

  const upload = (file: File) =>
    run("Uploading…", async () => {
      const tables = readExportZip(new Uint8Array(await file.arrayBuffer()));
      let n = 0;
      for (const [table, docs] of Object.entries(tables)) {
        for (let i = 0; i < docs.length; i += 500)
          n += await importBatch({ projectId: project._id, table, docs: docs.slice(i, i + 500), first: i === 0 });
      }
      return `Imported ${count(n, "document")} into ${count(Object.keys(tables).length, "table")}.`;
    });

  return (
    <section aria-label="Sandbox data" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-sm font-semibold">Sandbox data</h2>
        <span className="text-xs text-slate-500" data-testid="sandbox-total">
          {count(total, "document")}
        </span>
        <div className="ml-auto flex flex-wrap items-center gap-2 text-xs">
          {canEdit && (
            <>
              <label className="flex items-center gap-1 text-slate-600">
                Per table
                <input
                  type="number"
                  min={1}
                  max={20000}
                  value={perTable}
                  onChange={(e) => setPerTable(Number(e.target.value))}
                  className="w-20 rounded border border-slate-300 px-1.5 py-0.5"
                  aria-label="Documents per table"
                />
              </label>
              <button
                type="button"
                disabled={busy !== null}
                onClick={() =>
                  run(
                    "Generating…",
                    async () => `Generated ${count(await generate({ projectId: project._id, perTable }), "document")}.`,
                  )
                }
                className="rounded-md border border-slate-300 px-2.5 py-1 hover:bg-slate-50 disabled:opacity-50"
              >
                Generate sample data
              </button>
              <label className="cursor-pointer rounded-md border border-slate-300 px-2.5 py-1 hover:bg-slate-50">
                Upload export ZIP
                <input
                  type="file"
                  accept=".zip"
                  className="hidden"
                  aria-label="Upload export ZIP"
                  onChange={(e) => e.target.files?.[0] && upload(e.target.files[0])}
                />
              </label>
            </>
          )}
          <button
            type="button"
            disabled={busy !== null}
            onClick={download}
            className="rounded-md border border-slate-300 px-2.5 py-1 hover:bg-slate-50 disabled:opacity-50"
          >
            Download export ZIP
          </button>
        </div>
      </div>
      {counts && counts.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-1.5 text-xs">
          {counts.map((c) => (
            <li key={c.table} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-600">
              {c.table} {c.count}
            </li>
          ))}
        </ul>
      )}
      {(busy || message) && (
        <p className="mt-2 text-xs text-slate-600" role="status">
          {busy ?? message}
        </p>
      )}
    </section>
  );
}
