"use client";
import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { useProject } from "@/components/projects/project-context";
import { errorText } from "@/components/ui/error-text";
import { statusWords } from "./status-words";
import { count } from "@/lib/text";

const STATUS: Record<string, string> = {
  running: "bg-sky-100 text-sky-800",
  paused: "bg-amber-100 text-amber-800",
  completed: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-700",
  cancelled: "bg-slate-100 text-slate-600",
  queued: "bg-slate-100 text-slate-600",
};

/** A run's live progress (done/total, phase), Pause / Resume / Cancel, and its log. Survives reloads: it is all stored. */
export function RunProgress({ runId }: { runId: Id<"migrationRuns"> }) {
  const project = useProject();
  const run = useQuery(api.migrations.runs.get, { runId });
  const pause = useMutation(api.migrations.runs.pause);
  const resume = useMutation(api.migrations.runs.resume);
  const cancel = useMutation(api.migrations.runs.cancel);
  const [error, setError] = useState<string | null>(null);
  // Which request is on its way (its button says so until the run document changes).
  const [busy, setBusy] = useState<string | null>(null);
  if (!run) return null;
  const pct = run.total > 0 ? Math.round((run.done / run.total) * 100) : run.status === "completed" ? 100 : 0;
  const canEdit = project.role !== "viewer";
  const act = (key: string, fn: () => Promise<unknown>) => {
    setBusy(key);
    return fn()
      .then(
        () => setError(null),
        (err: unknown) => setError(errorText(err)),
      )
      .finally(() => setBusy(null));
  };
  const seconds = ((run.finishedAt ?? Date.now()) - run.startedAt) / 1000;
  return (
    <section
      aria-label={run.kind === "rollback" ? "Rollback progress" : "Run progress"}
      className="rounded-lg border border-slate-200 bg-white p-4"
      data-testid="run-progress"
    >
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <h3 className="font-semibold">{run.kind === "rollback" ? "Rollback" : "Migration run"}</h3>
        <span className={`rounded-full px-2 py-0.5 text-xs ${STATUS[run.status] ?? ""}`} data-testid="run-status">
          {statusWords(run.status)}
        </span>
        <span className="text-xs text-slate-500">
          phase{" "}
          <span className="font-mono" data-testid="run-phase">
            {run.phase}
          </span>
        </span>
        <span className="text-xs text-slate-500" data-testid="run-count">
          {run.done.toLocaleString("en-US")} / {count(run.total, "document")}
        </span>
        {run.status === "completed" && seconds > 0 && run.done > 0 && (
          <span className="text-xs text-slate-500">{Math.round(run.done / seconds).toLocaleString()} docs/s</span>
        )}
        {canEdit && (
          <div className="ml-auto flex gap-2 text-xs">
            {run.status === "running" && (
              <button
                type="button"
                disabled={busy !== null}
                onClick={() => act("pause", () => pause({ runId }))}
                className="rounded-md border border-slate-300 px-2.5 py-1 hover:bg-slate-50"
              >
                {busy === "pause" ? "Pausing…" : "Pause"}
              </button>
            )}
            {run.status === "paused" && (
              <button
                type="button"
                disabled={busy !== null}
                onClick={() => act("resume", () => resume({ runId }))}
                className="rounded-md bg-sky-600 px-2.5 py-1 font-medium text-white hover:bg-sky-700"
              >
                {busy === "resume" ? "Resuming…" : "Resume"}
              </button>
            )}
            {run.kind === "apply" && (run.status === "running" || run.status === "paused") && (
              <button
                type="button"
                disabled={busy !== null}
                onClick={() =>
                  confirm("Cancel the run? The batches written so far are undone from the journal.") &&
                  act("cancel", () => cancel({ runId }))
                }
                className="rounded-md border border-red-300 px-2.5 py-1 text-red-700 hover:bg-red-50"
              >
                {busy === "cancel" ? "Cancelling…" : "Cancel"}
              </button>
            )}
          </div>
        )}
      </div>
      <div
        className="mt-3 h-2.5 overflow-hidden rounded-full bg-slate-100"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-label="Progress"
      >
        <div
          className={`h-full transition-all ${run.status === "failed" ? "bg-red-500" : run.kind === "rollback" ? "bg-purple-500" : "bg-emerald-500"}`}
          style={{ width: `${pct}%` }}
        />
      </div>
      {run.error && <p className="mt-2 text-xs text-red-700">{run.error}</p>}
      {error && <p className="mt-2 text-xs text-red-700">{error}</p>}
      <details className="mt-3" open={run.status !== "completed"}>
        <summary className="cursor-pointer text-xs text-slate-600">Log ({run.log.length})</summary>
        <ol
          className="mt-1 max-h-48 overflow-auto rounded bg-slate-950 p-2 font-mono text-[11px] leading-relaxed text-slate-200"
          data-testid="run-log"
        >
          {run.log.map((l) => (
            <li
              key={l._id}
              className={l.level === "error" ? "text-red-300" : l.level === "warn" ? "text-amber-300" : ""}
            >
              <span className="text-slate-500">{new Date(l.at).toLocaleTimeString()} </span>
              {l.message}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
