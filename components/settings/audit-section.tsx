"use client";
import { useQuery } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import { useProject } from "@/components/projects/project-context";
import { actionLabel } from "./audit-labels";
import { inputClass, Section } from "./section";

type Source = "dashboard" | "cli" | "api" | "system";

/** The project's audit log with filters (editors and owners). */
export function AuditSection() {
  const project = useProject();
  const [action, setAction] = useState("");
  const [source, setSource] = useState<Source | "">("");
  const rows = useQuery(api.projects.audit.list, {
    projectId: project._id,
    action: action || undefined,
    source: source || undefined,
    limit: 200,
  });
  return (
    <Section title="Audit log" description="Every write: who, what, when and from where." wide>
      <div className="flex flex-wrap gap-2 text-sm">
        <input
          aria-label="Filter by action"
          placeholder="Action starts with, e.g. member."
          className={inputClass}
          value={action}
          onChange={(e) => setAction(e.target.value)}
        />
        <select
          aria-label="Filter by source"
          className={inputClass}
          value={source}
          onChange={(e) => setSource(e.target.value as Source | "")}
        >
          <option value="">All sources</option>
          <option value="dashboard">dashboard</option>
          <option value="cli">cli</option>
          <option value="api">api</option>
          <option value="system">system</option>
        </select>
      </div>
      <div className="max-h-96 overflow-auto">
        <table className="w-full text-left text-xs" aria-label="Audit log">
          <thead className="sticky top-0 bg-white text-slate-500">
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>Action</th>
              <th>Target</th>
              <th>From</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {(rows ?? []).map((r) => (
              <tr key={r._id} className="border-t border-slate-100 align-top">
                <td className="whitespace-nowrap pr-2">{new Date(r.at).toLocaleString()}</td>
                <td className="pr-2">{r.actorName}</td>
                <td className="pr-2" title={r.action}>
                  {actionLabel(r.action)}
                </td>
                <td className="max-w-40 truncate pr-2" title={r.target}>
                  {r.targetLabel ?? r.target}
                </td>
                <td className="pr-2">{r.source}</td>
                <td className="max-w-64 truncate font-mono" title={r.details}>
                  {r.details}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows?.length === 0 && <p className="py-2 text-xs text-slate-500">No entries match.</p>}
      </div>
    </Section>
  );
}
