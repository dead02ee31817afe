"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import { useProject } from "@/components/projects/project-context";
import { Spinner } from "@/components/ui/spinner";

const STATUS_STYLE: Record<string, string> = {
  current: "bg-emerald-100 text-emerald-800",
  pending: "bg-amber-100 text-amber-800",
  superseded: "bg-slate-100 text-slate-600",
  rejected: "bg-red-100 text-red-700",
  rolledBack: "bg-purple-100 text-purple-800",
};

/** The timeline of schema versions: semver, author, time, summary, status. */
export function VersionHistory() {
  const project = useProject();
  const versions = useQuery(api.versions.list, { projectId: project._id });
  if (versions === undefined) return <div className="p-6"><Spinner label="Loading history…" /></div>;
  return (
    <div className="p-6">
      <h2 className="text-base font-semibold">Schema history</h2>
      <ol className="mt-4 space-y-3" aria-label="Schema versions">
        {versions.map((ver) => (
          <li key={ver._id} className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3">
            <span className="font-mono text-sm font-semibold">v{ver.semver}</span>
            <span className={`rounded-full px-2 py-0.5 text-xs ${STATUS_STYLE[ver.status] ?? ""}`}>{ver.status}</span>
            <span className="min-w-0 flex-1 truncate text-sm text-slate-700">{ver.summary}</span>
            <span className="text-xs text-slate-500">
              {ver.author} · {new Date(ver.createdAt).toLocaleString()}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
