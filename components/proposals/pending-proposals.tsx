"use client";
import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { useProject } from "@/components/projects/project-context";
import { ErrorBox } from "@/components/ui/empty-state";
import { DiffView } from "./diff-view";
import { errorText } from "@/components/ui/error-text";

/** Pending schema versions with their diff, and Approve / Reject for editors. Live for every teammate. */
export function PendingProposals({ previewId, onPreview }: { previewId?: Id<"schemaVersions"> | null; onPreview?: (id: Id<"schemaVersions"> | null) => void }) {
  const project = useProject();
  const pending = useQuery(api.proposals.pending, { projectId: project._id });
  const approve = useMutation(api.proposals.approve);
  const reject = useMutation(api.proposals.reject);
  const [error, setError] = useState<string | null>(null);
  const canApprove = project.role !== "viewer";
  if (!pending || pending.length === 0) return null;

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      onPreview?.(null);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <section aria-label="Pending changes" className="space-y-3">
      <h2 className="text-sm font-semibold">Pending changes</h2>
      {error && <ErrorBox>{error}</ErrorBox>}
      {pending.map((p) => (
        <article key={p._id} className={`rounded-lg border bg-white p-3 ${previewId === p._id ? "border-brand-500" : "border-slate-200"}`} data-testid="pending-proposal">
          <div className="flex flex-wrap items-center gap-2 text-xs">
            <span className="font-mono font-semibold">v{p.parentSemver} → v{p.semver}</span>
            <span className="min-w-0 flex-1 truncate text-slate-700">{p.summary}</span>
            <span className="text-slate-500">{p.authorName}</span>
          </div>
          <div className="mt-2">
            <DiffView before={p.parentSource} after={p.source} />
          </div>
          <div className="mt-2 flex gap-2">
            {onPreview && (
              <button type="button" className="rounded-md border border-slate-300 px-2.5 py-1 text-xs hover:bg-slate-50" onClick={() => onPreview(previewId === p._id ? null : p._id)}>
                {previewId === p._id ? "Hide on diagram" : "Show on diagram"}
              </button>
            )}
            {canApprove && (
              <>
                <button type="button" className="rounded-md bg-emerald-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-emerald-700" onClick={() => act(() => approve({ versionId: p._id }))}>
                  Approve
                </button>
                <button type="button" className="rounded-md border border-slate-300 px-2.5 py-1 text-xs hover:bg-slate-50" onClick={() => act(() => reject({ versionId: p._id }))}>
                  Reject
                </button>
              </>
            )}
          </div>
        </article>
      ))}
    </section>
  );
}
