"use client";
import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { useProject } from "@/components/projects/project-context";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Spinner } from "@/components/ui/spinner";
import { count, plural } from "@/lib/text";
import { VersionDownload } from "./version-download";
import { errorText } from "@/components/ui/error-text";
import { statusWords } from "./status-words";

const STATUS_TONE: Record<string, BadgeTone> = {
  current: "emerald",
  pending: "amber",
  superseded: "slate",
  rejected: "red",
  rolledBack: "purple",
};

/** What a rollback will do (from the run's journal), with the confirm button. */
function RollbackConfirm({
  planId,
  versionId,
  onDone,
}: {
  planId: Id<"migrationPlans"> | null;
  versionId: Id<"schemaVersions">;
  onDone: () => void;
}) {
  const preview = useQuery(api.migrations.runs.rollbackPreview, planId ? { planId } : "skip");
  const rollback = useMutation(api.migrations.runs.rollback);
  const rollbackSchema = useMutation(api.migrations.plans.rollbackSchemaOnly);
  const [error, setError] = useState<string | null>(null);
  const go = () =>
    (planId ? rollback({ planId }) : rollbackSchema({ versionId })).then(onDone, (err: unknown) =>
      setError(errorText(err)),
    );
  return (
    <div className="w-full rounded border border-purple-200 bg-purple-50 p-3 text-xs" data-testid="rollback-preview">
      {planId === null ? (
        <p>
          This version changed no data: rolling back makes the previous version current again; no document is touched.
        </p>
      ) : !preview ? (
        <Spinner label="Reading the journal…" />
      ) : (
        <>
          <p className="font-medium">
            Roll back v{preview.from} → v{preview.to}: restores{" "}
            <span data-testid="rollback-docs">{preview.documents}</span> {plural(preview.documents, "document")} from{" "}
            {count(preview.batches, "journaled batch")}
            {preview.restored > 0 && `, re-inserts ${preview.restored} deleted`}
            {preview.removed > 0 && `, removes ${preview.removed} inserted`}.
          </p>
          {preview.fields.length > 0 && (
            <ul className="mt-1 flex flex-wrap gap-1.5">
              {preview.fields.map((f) => (
                <li key={f.field} className="rounded bg-white px-1.5 font-mono">
                  {f.field} ×{f.count}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {error && <p className="mt-1 text-red-700">{error}</p>}
      <div className="mt-2 flex gap-2">
        <button
          type="button"
          onClick={go}
          className="rounded-md bg-purple-600 px-2.5 py-1 font-medium text-white hover:bg-purple-700"
        >
          Confirm rollback
        </button>
        <button
          type="button"
          onClick={onDone}
          className="rounded-md border border-slate-300 bg-white px-2.5 py-1 hover:bg-slate-50"
        >
          Keep this version
        </button>
      </div>
    </div>
  );
}

/** The timeline of schema versions: semver, author, time, summary, status, migration, and Rollback for the current one. */
export function VersionHistory() {
  const project = useProject();
  const versions = useQuery(api.migrations.plans.history, { projectId: project._id });
  const [confirming, setConfirming] = useState<Id<"schemaVersions"> | null>(null);
  if (versions === undefined) return <Spinner label="Loading history…" />;
  return (
    <section aria-label="Schema history">
      <h2 className="text-base font-semibold">Schema history</h2>
      <ol className="mt-3 space-y-2" aria-label="Schema versions">
        {versions.map((ver) => (
          <li
            key={ver._id}
            className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3"
            data-testid="version-row"
          >
            {/* Sibling proposals share a semver (each is "the next" of the same parent); the number tells them apart. */}
            <span className="font-mono text-sm font-semibold">v{ver.semver}</span>
            <span className="font-mono text-xs text-slate-500" title="Version number">
              #{ver.number}
            </span>
            <Badge tone={STATUS_TONE[ver.overtaken ? "superseded" : ver.status]} data-testid="version-status">
              {ver.overtaken ? "overtaken" : statusWords(ver.status)}
            </Badge>
            {ver.plan && <Badge shape="tag">migration {statusWords(ver.plan.status)}</Badge>}
            <span className="min-w-0 flex-1 truncate text-sm text-slate-700">{ver.summary}</span>
            <span className="text-xs text-slate-500">
              {ver.author} · {new Date(ver.createdAt).toLocaleString()}
            </span>
            <VersionDownload versionId={ver._id} semver={ver.semver} hasPlan={ver.plan !== null} />
            {ver.canRollback && project.role !== "viewer" && confirming !== ver._id && (
              <button
                type="button"
                onClick={() => setConfirming(ver._id)}
                className="rounded-md border border-purple-300 px-2.5 py-1 text-xs text-purple-800 hover:bg-purple-50"
              >
                Rollback
              </button>
            )}
            {confirming === ver._id && (
              <RollbackConfirm planId={ver.plan?._id ?? null} versionId={ver._id} onDone={() => setConfirming(null)} />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
