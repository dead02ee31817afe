"use client";
import { useMutation, useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import { useProject } from "@/components/projects/project-context";
import { Spinner } from "@/components/ui/spinner";
import { PlanReview } from "./plan-review";
import { RunProgress } from "./run-progress";
import { SandboxPanel } from "./sandbox-panel";
import { VersionHistory } from "./version-history";

/** The Migrations page: sandbox data, the plan under review with its run, and the version history with rollbacks. */
export function MigrationsView() {
  const project = useProject();
  const plans = useQuery(api.migrations.plans.list, { projectId: project._id });
  const setSecond = useMutation(api.migrations.plans.setRequireSecondApprover);
  const focus =
    plans?.find(
      (p) => p.status === "draft" || p.status === "approved" || p.status === "running" || p.status === "failed",
    ) ?? plans?.find((p) => p.run !== null);
  const settings = project.settings;
  return (
    <div className="mx-auto max-w-6xl space-y-5 p-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-semibold">Migrations</h1>
        {project.role === "owner" && (
          <label className="ml-auto flex items-center gap-1.5 text-xs text-slate-600">
            <input
              type="checkbox"
              checked={settings?.requireSecondApprover ?? false}
              onChange={(e) => void setSecond({ projectId: project._id, value: e.target.checked })}
            />
            Require a second approver
          </label>
        )}
      </div>
      <SandboxPanel />
      {plans === undefined ? (
        <Spinner label="Loading plans…" />
      ) : focus ? (
        <>
          {focus.run && <RunProgress key={focus.run._id} runId={focus.run._id} />}
          <PlanReview key={focus._id} planId={focus._id} />
        </>
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-500">
          No migration waiting. Approving a change that rewrites or narrows stored data creates a plan here.
        </p>
      )}
      <VersionHistory />
    </div>
  );
}
