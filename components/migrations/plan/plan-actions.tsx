"use client";
import { useMutation } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { PlanSectionProps } from "./types";

/** Blockers, what came of the last button, recovery after a failed run, and approve / start / discard. */
export function PlanActions({ planId, detail, editable, work }: PlanSectionProps) {
  const approve = useMutation(api.migrations.plans.approve);
  const discard = useMutation(api.migrations.plans.discard);
  const start = useMutation(api.migrations.runs.start);
  const restore = useMutation(api.migrations.runs.restoreBackup);
  const rollback = useMutation(api.migrations.runs.rollback);
  const [batchSize, setBatchSize] = useState(500);
  const { act, label, busy, error, outcome } = work;
  const onlyPreflightBlocks = detail.forceable && detail.blockers.length > 0;
  return (
    <>
      {detail.blockers.length > 0 && detail.status !== "running" && (
        <ul className="list-disc pl-4 text-xs text-amber-800" data-testid="plan-blockers">
          {detail.blockers.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      )}
      {error && (
        <p className="text-xs text-red-700" role="alert">
          {error}
        </p>
      )}
      {/* Once the plan is applied, the run above says how it went: "Migration started." is old news. */}
      {outcome && !error && detail.status !== "applied" && (
        <p className="text-xs text-emerald-700" role="status" data-testid="plan-outcome">
          {outcome}
        </p>
      )}
      {detail.status === "failed" && detail.canApprove && (
        <div className="flex flex-wrap gap-2 text-sm">
          <button
            type="button"
            className="rounded-md bg-purple-600 px-3 py-1.5 font-medium text-white hover:bg-purple-700"
            disabled={busy !== null}
            onClick={() => act("rollback", () => rollback({ planId }), "Rollback started.")}
          >
            {label("rollback", "Roll back from the journal", "Starting rollback…")}
          </button>
          <button
            type="button"
            className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
            disabled={busy !== null}
            onClick={() =>
              confirm("Replace the affected tables with the backup taken before the run?") &&
              act("restore", () => restore({ planId }), "Restoring the backup.")
            }
          >
            {label("restore", "Restore backup", "Restoring…")}
          </button>
        </div>
      )}
      {editable && (
        <div className="flex flex-wrap gap-2 text-sm">
          {!detail.youApproved && (
            <button
              type="button"
              className="rounded-md bg-emerald-600 px-3 py-1.5 font-medium text-white hover:bg-emerald-700"
              disabled={busy !== null}
              onClick={() => act("approve", () => approve({ planId }), "Plan approved.")}
            >
              {label("approve", "Approve plan", "Approving…")}
            </button>
          )}
          <button
            type="button"
            disabled={detail.blockers.length > 0 || busy !== null}
            className="rounded-md bg-sky-600 px-3 py-1.5 font-medium text-white hover:bg-sky-700 disabled:opacity-40"
            onClick={() => act("start", () => start({ planId, batchSize }), "Migration started.")}
          >
            {label("start", "Start migration", "Starting…")}
          </button>
          <label className="flex items-center gap-1 text-xs text-slate-600">
            Batch size
            <input
              type="number"
              min={10}
              max={2000}
              value={batchSize}
              onChange={(e) => setBatchSize(Number(e.target.value))}
              aria-label="Batch size"
              className="w-20 rounded border border-slate-300 px-1.5 py-0.5"
            />
          </label>
          {onlyPreflightBlocks && (
            <button
              type="button"
              className="rounded-md border border-red-300 px-3 py-1.5 text-red-700 hover:bg-red-50"
              disabled={busy !== null}
              onClick={() =>
                confirm("Run although the preflight found invalid documents?") &&
                act("force", () => start({ planId, force: true, batchSize }), "Migration started (forced).")
              }
            >
              {label("force", "Force run", "Starting…")}
            </button>
          )}
          <button
            type="button"
            className="ml-auto rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
            disabled={busy !== null}
            onClick={() => act("discard", () => discard({ planId }), "Plan discarded.")}
          >
            {label("discard", "Discard plan", "Discarding…")}
          </button>
        </div>
      )}
    </>
  );
}
