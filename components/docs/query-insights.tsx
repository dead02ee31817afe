"use client";
import { useAction, useMutation, useQuery } from "convex/react";
import { useEffect, useState } from "react";
import { api } from "@/convex/_generated/api";
import { useProject } from "@/components/projects/project-context";
import { Spinner } from "@/components/ui/spinner";
import { count } from "@/lib/text";

/** Optimizer findings with file:line, index advice with documents read before/after, and unanalysed code. */
export function QueryInsights() {
  const project = useProject();
  const report = useQuery(api.optimizer.reports.current, { projectId: project._id });
  const propose = useAction(api.schemaVersions.proposalsNode.fromOperations);
  const refresh = useMutation(api.optimizer.reports.refresh);
  const [proposed, setProposed] = useState<Record<string, string>>({});
  // The sandbox's data changed since the statistics were taken (sample data, an import, a migration run): re-run.
  const stale = report?.stale ?? false;
  useEffect(() => {
    if (stale) void refresh({ projectId: project._id }).catch(() => undefined);
  }, [stale, refresh, project._id]);
  if (report === undefined)
    return (
      <div className="mt-6">
        <Spinner label="Loading query insights…" />
      </div>
    );
  if (report === null || report.functionCount === 0) {
    return (
      <p className="mt-6 max-w-2xl text-sm text-slate-600">
        No Convex functions to analyse. Upload the project folder as a zip (with its <code>convex/</code> functions) to
        see which queries scan tables and which indexes would help.
      </p>
    );
  }
  return (
    <div className="mt-6 grid gap-6 xl:grid-cols-2">
      <div className="text-xs text-slate-500 xl:col-span-2" data-testid="insights-data">
        {stale ? (
          <Spinner label="Updating with the sandbox's current data…" />
        ) : report.documents > 0 ? (
          `Estimates from the sandbox's ${count(report.documents, "document")} (Migrations → Sandbox data).`
        ) : (
          "No sandbox data: estimates come from the code alone. Generate sample data under Migrations for figures."
        )}
      </div>
      <section aria-label="Index advice" className="space-y-2">
        <h2 className="font-semibold">Index advice</h2>
        {report.advice.length === 0 && <p className="text-sm text-slate-600">Every query is served by an index.</p>}
        {report.advice.map((a) => {
          const key = `${a.table}.${a.index.name}`;
          return (
            <article
              key={key}
              className="rounded-lg border border-slate-200 bg-white p-3 text-sm"
              data-testid="index-advice"
            >
              <p>
                <span className="font-medium">{a.action === "add" ? "Add" : "Use"}</span> index{" "}
                <code className="rounded bg-slate-100 px-1">{a.index.name}</code> on{" "}
                <code className="rounded bg-slate-100 px-1">{a.table}</code> ({a.index.fields.join(", ")})
              </p>
              {a.before !== undefined && a.after !== undefined && (
                <p className="mt-1 text-xs text-slate-600">
                  Documents read: {a.before.toLocaleString("en-US")} → {a.after.toLocaleString("en-US")} per call set
                </p>
              )}
              <ul className="mt-1 text-xs text-slate-500">
                {a.patterns.map((p, i) => (
                  <li key={i}>
                    <span className="font-mono">{p.function}</span> at {p.loc.file}:{p.loc.line}
                  </li>
                ))}
              </ul>
              {a.notes.map((n) => (
                <p key={n} className="mt-1 text-xs text-amber-700">
                  {n}
                </p>
              ))}
              {a.action === "add" &&
                project.role !== "viewer" &&
                (proposed[key] ? (
                  <p className="mt-2 text-xs text-emerald-700">{proposed[key]}</p>
                ) : (
                  <button
                    type="button"
                    className="mt-2 rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
                    onClick={async () => {
                      const r = await propose({
                        projectId: project._id,
                        operations: a.operations,
                        summary: `Add index ${a.table}.${a.index.name} (optimizer)`,
                      });
                      setProposed((p) => ({
                        ...p,
                        [key]: r.ok ? "Proposed: review it in Diagram or Chat." : r.errors.join(" "),
                      }));
                    }}
                  >
                    Propose this index
                  </button>
                ))}
            </article>
          );
        })}
      </section>
      <section aria-label="Query findings" className="space-y-2">
        <h2 className="font-semibold">Findings ({report.findings.length})</h2>
        <ul className="space-y-2">
          {report.findings.map((f, i) => (
            <li key={i} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
              <div className="flex flex-wrap gap-2 text-xs">
                <span className="font-mono text-slate-500">{f.code}</span>
                {f.loc && (
                  <span className="font-mono text-slate-400">
                    {f.loc.file}:{f.loc.line}:{f.loc.column}
                  </span>
                )}
                {f.functions?.map((fn) => (
                  <span key={fn} className="rounded bg-slate-100 px-1 font-mono">
                    {fn}
                  </span>
                ))}
              </div>
              <p className="mt-1">{f.message}</p>
            </li>
          ))}
        </ul>
        {report.notAnalysed.length > 0 && (
          <details className="text-xs text-slate-600">
            <summary className="cursor-pointer">{count(report.notAnalysed.length, "place")} not analysed</summary>
            <ul className="mt-1 space-y-0.5">
              {report.notAnalysed.map((n, i) => (
                <li key={i}>
                  {n.loc.file}:{n.loc.line}: {n.reason}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
    </div>
  );
}
