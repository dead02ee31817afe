"use client";
import { useMutation } from "convex/react";
import { api } from "@/convex/_generated/api";
import { count } from "@/lib/text";
import type { PlanSectionProps } from "./types";

/** The preflight over every sandbox document: its verdict, the invalid groups, and a re-run. */
export function PreflightSection({ planId, detail, editable, work }: PlanSectionProps) {
  const rerun = useMutation(api.migrations.plans.rerunPreflight);
  const { act, label, busy } = work;
  const preflight = detail.preflight;
  return (
    <div data-testid="preflight">
      <div className="flex items-center gap-2">
        <h3 className="text-sm font-semibold">Preflight</h3>
        {!preflight || preflight.status === "running" ? (
          <span className="text-xs text-slate-500">checking every sandbox document…</span>
        ) : preflight.status === "failed" ? (
          <span className="text-xs text-red-700">{preflight.error}</span>
        ) : preflight.result?.ok ? (
          <span className="rounded bg-emerald-100 px-1.5 text-xs text-emerald-800" data-testid="preflight-status">
            passed: {count(preflight.result.checked, "document")} valid after the migration
          </span>
        ) : (
          <span className="rounded bg-red-100 px-1.5 text-xs text-red-700" data-testid="preflight-status">
            {preflight.result?.invalid.toLocaleString("en-US")} of {count(preflight.result?.checked ?? 0, "document")}{" "}
            would be invalid
          </span>
        )}
        {editable && preflight?.status !== "running" && (
          <button
            type="button"
            className="ml-auto rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
            disabled={busy !== null}
            onClick={() => act("preflight", () => rerun({ planId }), "Preflight started.")}
          >
            {label("preflight", "Re-run preflight", "Starting…")}
          </button>
        )}
      </div>
      {preflight?.result && preflight.result.groups.length > 0 && (
        <table className="mt-1 w-full text-left text-xs">
          <thead className="text-slate-500">
            <tr>
              <th>Table</th>
              <th>Field</th>
              <th>Error</th>
              <th>Documents</th>
              <th>Samples</th>
            </tr>
          </thead>
          <tbody>
            {preflight.result.groups.map((g) => (
              <tr
                key={`${g.table}.${g.field}.${g.code}`}
                className="border-t border-slate-100 align-top"
                title={g.example}
              >
                <td className="font-mono">{g.table}</td>
                <td className="font-mono">{g.field}</td>
                <td>{g.code}</td>
                <td>{g.count}</td>
                <td className="font-mono text-slate-500">{g.samples.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
