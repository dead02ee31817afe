"use client";
import type { FunctionReturnType } from "convex/server";
import type { api } from "@/convex/_generated/api";

type Analysis = NonNullable<FunctionReturnType<typeof api.schemaVersions.analyses.current>>;

const SEVERITY: Record<string, string> = {
  error: "bg-red-100 text-red-800",
  warning: "bg-amber-100 text-amber-800",
  info: "bg-sky-100 text-sky-800",
};

/** The health score with its breakdown, and every finding with its location and suggested fix. */
export function LintFindings({ analysis }: { analysis: Analysis }) {
  const color =
    analysis.healthScore >= 80 ? "text-emerald-600" : analysis.healthScore >= 50 ? "text-amber-600" : "text-red-600";
  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-[16rem_1fr]">
      <section className="rounded-lg border border-slate-200 bg-white p-5" aria-label="Health score">
        <p className="text-sm text-slate-600">Health score</p>
        <p className={`text-5xl font-semibold ${color}`} data-testid="health-score">
          {analysis.healthScore}
        </p>
        <ul className="mt-4 space-y-1 text-xs text-slate-600">
          {analysis.breakdown.map((b) => (
            <li key={b.code} className="flex justify-between gap-2">
              <span className="font-mono">
                {b.code} ×{b.count}
              </span>
              <span>−{b.cost}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Lint findings">
        {analysis.diagnostics.length === 0 ? (
          <p className="text-sm text-slate-600">No findings: this schema follows every rule.</p>
        ) : (
          <ul className="space-y-2">
            {analysis.diagnostics.map((d, i) => (
              <li key={i} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className={`rounded px-1.5 py-0.5 text-xs ${SEVERITY[d.severity]}`}>{d.severity}</span>
                  <span className="font-mono text-xs text-slate-500">{d.code}</span>
                  {d.loc && (
                    <span className="font-mono text-xs text-slate-400">
                      {d.loc.file}:{d.loc.line}:{d.loc.column}
                    </span>
                  )}
                </div>
                <p className="mt-1 text-slate-800">{d.message}</p>
                {d.fixes?.map((f, j) => (
                  <p key={j} className="mt-1 text-xs text-emerald-700">
                    Fix: {f.description}
                  </p>
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
