"use client";
import { useAction, useMutation } from "convex/react";
import Link from "next/link";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { DiffView } from "@/components/proposals/diff-view";
import { useProject } from "@/components/projects/project-context";
import { Badge } from "@/components/ui/badge";
import { errorText } from "@/components/ui/error-text";
import { count } from "@/lib/text";
import { type ProposalInfo, storedReply } from "@/lib/stored/reply";

interface VersionInfo {
  _id: Id<"schemaVersions">;
  status: string;
  /** Set when approving created a migration plan that must run before the version becomes current. */
  planStatus?: string;
  /** Pending, but the project's schema changed since it was proposed: it cannot be approved any more. */
  outdated?: boolean;
  semver: string;
  parentSemver?: string;
  source: string;
  parentSource: string;
}

/** Assumptions, questions, confidence, lint and the diff of a proposal, with Approve / Reject while pending. */
export function ProposalCard({ proposalJson, version }: { proposalJson: string; version: VersionInfo | null }) {
  const p = storedReply.parse(proposalJson, "messages.proposalJson");
  const project = useProject();
  const approve = useMutation(api.schemaVersions.proposals.approve);
  const reject = useMutation(api.schemaVersions.proposals.reject);
  const rebase = useAction(api.schemaVersions.proposalsNode.rebase);
  const [error, setError] = useState<string | null>(null);
  const [rebased, setRebased] = useState(false);
  const rebaseOnCurrent = (versionId: Id<"schemaVersions">) =>
    act(async () => {
      const r = await rebase({ versionId });
      if (r.ok) setRebased(true);
      else setError(r.errors.join(" "));
    });
  const act = (fn: () => Promise<unknown>) => fn().catch((err: unknown) => setError(errorText(err)));
  const pct = Math.round(p.confidence * 100);
  if (p.operations.length === 0 && p.intent && !["design", "change"].includes(p.intent)) return <ReportCard p={p} />;
  return (
    <div className="mt-2 space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-xs" data-testid="proposal">
      <div className="flex flex-wrap items-center gap-2">
        <span className="whitespace-nowrap font-medium text-slate-700">{count(p.operations.length, "change")}</span>
        {version && (
          <span className="whitespace-nowrap font-mono text-slate-500">
            v{version.parentSemver} → v{version.semver}
          </span>
        )}
        <span className="flex shrink-0 items-center gap-1 text-slate-500" title="confidence">
          <span className="inline-block h-1.5 w-16 overflow-hidden rounded bg-slate-200">
            <span className="block h-full bg-brand-500" style={{ width: `${pct}%` }} />
          </span>
          {pct}%
        </span>
        <Badge shape="tag">{p.source === "model" ? "AI model" : "designer"}</Badge>
        {p.destructive && (
          <Badge shape="tag" tone="red">
            destructive
          </Badge>
        )}
        {version && (
          <Badge
            className="ml-auto"
            tone={version.status === "pending" ? "amber" : version.status === "rejected" ? "red" : "emerald"}
            data-testid="proposal-status"
          >
            {statusLabel(version, rebased)}
          </Badge>
        )}
      </div>
      {p.fallbackReason && <p className="text-amber-700">{p.fallbackReason}</p>}
      <Findings findings={p.findings} />
      {p.assumptions.length > 0 && (
        <div>
          <p className="font-medium text-slate-700">Assumptions</p>
          <ul className="list-disc pl-4 text-slate-600">
            {p.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </div>
      )}
      {p.questions.length > 0 && (
        <div>
          <p className="font-medium text-slate-700">Questions</p>
          <ul className="list-disc pl-4 text-slate-600">
            {p.questions.map((q) => (
              <li key={q}>{q}</li>
            ))}
          </ul>
        </div>
      )}
      {p.lint.length > 0 && (
        <details>
          <summary className="cursor-pointer text-slate-600">
            {count(p.lint.length, "lint finding")} on the result
          </summary>
          <ul className="mt-1 space-y-0.5 text-slate-600">
            {p.lint.map((l, i) => (
              <li key={i}>
                <span className="font-mono">{l.code}</span> {l.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {version && <DiffView before={version.parentSource} after={version.source} />}
      {error && <p className="text-red-700">{error}</p>}
      {version?.planStatus && (
        <p className="rounded-md bg-sky-50 px-2 py-1.5 text-sky-800" data-testid="proposal-plan">
          Approved: this change migrates existing documents, so it runs as a plan first ({version.planStatus}).{" "}
          <Link href={`/projects/${project._id}/migrations`} className="font-medium underline">
            Review and run it in Migrations
          </Link>
        </p>
      )}
      {version?.status === "pending" && version.outdated && (
        <p className="rounded-md bg-amber-50 px-2 py-1.5 text-amber-800" data-testid="proposal-outdated">
          Overtaken: this was proposed on v{version.parentSemver}, and v{project.version?.semver} is current now. Rebase
          it to apply the same changes on v{project.version?.semver} and review them again.
        </p>
      )}
      {rebased && (
        <p className="rounded-md bg-sky-50 px-2 py-1.5 text-sky-800">
          Rebased on v{project.version?.semver}:{" "}
          <Link href={`/projects/${project._id}/diagram`} className="font-medium underline">
            review and approve the new proposal in Diagram
          </Link>
        </p>
      )}
      {version?.status === "pending" && !version.planStatus && project.role !== "viewer" && (
        <div className="flex gap-2">
          {version.outdated && (
            <button
              type="button"
              onClick={() => rebaseOnCurrent(version._id)}
              className="rounded-md bg-amber-600 px-2.5 py-1 font-medium text-white hover:bg-amber-700"
            >
              Rebase on current
            </button>
          )}
          {!version.outdated && (
            <button
              type="button"
              onClick={() => act(() => approve({ versionId: version._id }))}
              className="rounded-md bg-emerald-600 px-2.5 py-1 font-medium text-white hover:bg-emerald-700"
            >
              Approve
            </button>
          )}
          <button
            type="button"
            onClick={() => act(() => reject({ versionId: version._id }))}
            className="rounded-md border border-slate-300 px-2.5 py-1 hover:bg-slate-50"
          >
            Reject
          </button>
        </div>
      )}
    </div>
  );
}

/** The proposal's state in words: approved while current; a superseded one may have been approved or rebased. */
function statusLabel(version: VersionInfo, rebased: boolean): string {
  if (version.status === "current") return "approved";
  if (version.status === "superseded") return rebased ? "rebased" : "superseded";
  if (version.status === "rolledBack") return "rolled back";
  if (version.planStatus) return "migration planned";
  return version.outdated ? "overtaken" : version.status;
}

/** An answer that changes nothing (optimizer, lint, impact, explanation): what it found. */
function ReportCard({ p }: { p: ProposalInfo }) {
  // The reply's text already says what ran; the card lists what was found, with places.
  if (!p.findings?.length && !p.questions.length) return null;
  return (
    <div className="mt-2 space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-xs" data-testid="report">
      <Findings findings={p.findings} open />
      {p.questions.length > 0 && (
        <div>
          <p className="font-medium text-slate-700">Questions</p>
          <ul className="list-disc pl-4 text-slate-600">
            {p.questions.map((q) => (
              <li key={q}>{q}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** Findings with their place: file:line for code, the schema path otherwise. */
function Findings({ findings, open = false }: { findings?: ProposalInfo["findings"]; open?: boolean }) {
  if (!findings?.length) return null;
  return (
    <details open={open}>
      <summary className="cursor-pointer text-slate-600">{count(findings.length, "finding")}</summary>
      <ul className="mt-1 space-y-0.5 text-slate-600" data-testid="findings">
        {findings.map((f, i) => (
          <li key={i}>
            <span className="font-mono">{f.file ? `${f.file}${f.line ? `:${f.line}` : ""}` : f.path}</span>
            {f.code && <span className="ml-1 font-mono text-slate-400">{f.code}</span>} {f.message}
            {f.functions?.length ? <span className="text-slate-400"> [{f.functions.join(", ")}]</span> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
