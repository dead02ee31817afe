"use client";
import { useAction, useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { useProject } from "@/components/projects/project-context";
import { ErrorBox } from "@/components/ui/empty-state";
import { DiffView } from "./diff-view";
import { errorText } from "@/components/ui/error-text";

/** Pending schema versions with their diff, and Approve / Reject for editors. Live for every teammate. */
export function PendingProposals({
  previewId,
  onPreview,
}: {
  previewId?: Id<"schemaVersions"> | null;
  onPreview?: (id: Id<"schemaVersions"> | null) => void;
}) {
  const project = useProject();
  const pending = useQuery(api.schemaVersions.proposals.pending, { projectId: project._id });
  const approve = useMutation(api.schemaVersions.proposals.approve);
  const reject = useMutation(api.schemaVersions.proposals.reject);
  const rebase = useAction(api.schemaVersions.proposalsNode.rebase);
  const [error, setError] = useState<string | null>(null);
  // Which button's work is under way ("approve:<id>" …), and what came of the last one.
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const canApprove = project.role !== "viewer";
  // The last outcome stays in view when it emptied the list (approving the only proposal).
  if (!pending || pending.length === 0)
    return done ? (
      <p role="status" className="text-xs text-emerald-700">
        {done}
      </p>
    ) : null;

  const act = async (key: string, fn: () => Promise<unknown>, outcome: string) => {
    setError(null);
    setDone(null);
    setBusy(key);
    try {
      const r = await fn();
      const failed =
        r && typeof r === "object" && "ok" in r && r.ok === false
          ? (r as unknown as { errors: string[] }).errors
          : null;
      if (failed) setError(failed.join(" "));
      else {
        setDone(outcome);
        onPreview?.(null);
      }
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };
  const button = "rounded-md px-2.5 py-1 text-xs disabled:cursor-wait disabled:opacity-60";

  return (
    <section aria-label="Pending changes" className="space-y-3">
      <h2 className="text-sm font-semibold">Pending changes</h2>
      {error && <ErrorBox>{error}</ErrorBox>}
      {done && (
        <p role="status" className="text-xs text-emerald-700">
          {done}
        </p>
      )}
      {pending.map((p) => (
        <article
          key={p._id}
          className={`rounded-lg border bg-white p-3 ${previewId === p._id ? "border-brand-500" : "border-slate-200"}`}
          data-testid="pending-proposal"
        >
          <div className="flex flex-wrap items-center gap-2 text-xs">
            <span className="font-mono font-semibold">
              v{p.parentSemver} → v{p.semver}
            </span>
            <span className="min-w-0 flex-1 truncate text-slate-700">{p.summary}</span>
            <span className="text-slate-500">{p.authorName}</span>
          </div>
          <div className="mt-2">
            <DiffView before={p.parentSource} after={p.source} />
          </div>
          {p.overtaken && (
            <p
              className="mt-2 rounded-md bg-amber-50 px-2.5 py-1.5 text-xs text-amber-900"
              data-testid="proposal-overtaken"
            >
              Overtaken: this was proposed on v{p.parentSemver}, and v{p.currentSemver} is current now. Rebase it to
              apply the same changes on v{p.currentSemver} and review them again.
            </p>
          )}
          <div className="mt-2 flex gap-2">
            {onPreview && (
              <button
                type="button"
                className="rounded-md border border-slate-300 px-2.5 py-1 text-xs hover:bg-slate-50"
                onClick={() => onPreview(previewId === p._id ? null : p._id)}
              >
                {previewId === p._id ? "Hide on diagram" : "Show on diagram"}
              </button>
            )}
            {canApprove && (
              <>
                {p.overtaken ? (
                  <button
                    type="button"
                    disabled={busy !== null}
                    className={`${button} bg-amber-600 font-medium text-white hover:bg-amber-700`}
                    onClick={() =>
                      act(
                        `rebase:${p._id}`,
                        () => rebase({ versionId: p._id }),
                        `Rebased on v${p.currentSemver}: review the new proposal below.`,
                      )
                    }
                  >
                    {busy === `rebase:${p._id}` ? "Rebasing…" : "Rebase on current"}
                  </button>
                ) : (
                  <button
                    type="button"
                    disabled={busy !== null}
                    className={`${button} bg-emerald-600 font-medium text-white hover:bg-emerald-700`}
                    onClick={() =>
                      act(`approve:${p._id}`, () => approve({ versionId: p._id }), `Approved v${p.semver}.`)
                    }
                  >
                    {busy === `approve:${p._id}` ? "Approving…" : "Approve"}
                  </button>
                )}
                <button
                  type="button"
                  disabled={busy !== null}
                  className={`${button} border border-slate-300 hover:bg-slate-50`}
                  onClick={() => act(`reject:${p._id}`, () => reject({ versionId: p._id }), `Rejected v${p.semver}.`)}
                >
                  {busy === `reject:${p._id}` ? "Rejecting…" : "Reject"}
                </button>
              </>
            )}
          </div>
        </article>
      ))}
    </section>
  );
}
