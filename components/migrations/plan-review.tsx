"use client";
import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { StoredPlan } from "@/convex/migrationPlanning";
import { candidateKey, describeStep, RISK_RULES, type PhaseName } from "@/lib/migrate";
import { errorText } from "@/components/ui/error-text";
import { statusWords } from "./status-words";

const SEVERITY: Record<string, string> = {
  error: "bg-red-100 text-red-700",
  warning: "bg-amber-100 text-amber-800",
  info: "bg-sky-100 text-sky-800",
};
const PHASE_HELP: Record<PhaseName, string> = {
  widen: "Schema accepts old and new documents",
  backfill: "Documents rewritten in journaled batches",
  narrow: "Old fields removed, target schema pushed",
};

/** The review of one plan: renames to confirm, values to choose, risks, phases, preflight, generated code, approvals. */
export function PlanReview({ planId }: { planId: Id<"migrationPlans"> }) {
  const detail = useQuery(api.migrations.get, { planId });
  const decideRename = useMutation(api.migrations.decideRename);
  const setDefault = useMutation(api.migrations.setDefault);
  const approve = useMutation(api.migrations.approve);
  const discard = useMutation(api.migrations.discard);
  const rerun = useMutation(api.migrations.rerunPreflight);
  const start = useMutation(api.migrationRuns.start);
  const restore = useMutation(api.migrationRuns.restoreBackup);
  const rollback = useMutation(api.migrationRuns.rollback);
  const [error, setError] = useState<string | null>(null);
  // The button whose work is under way (its label says so, the others wait) and what came of the last one.
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [batchSize, setBatchSize] = useState(500);
  if (!detail) return null;
  const stored = JSON.parse(detail.planJson) as StoredPlan;
  const { plan } = stored;
  const editable = detail.canApprove && (detail.status === "draft" || detail.status === "approved");
  const act = (key: string, fn: () => Promise<unknown>, done: string) => {
    setBusy(key);
    setOutcome(null);
    setError(null);
    return fn()
      .then(
        () => setOutcome(done),
        (err: unknown) => setError(errorText(err)),
      )
      .finally(() => setBusy(null));
  };
  /** A button's label while its work runs. */
  const label = (key: string, idle: string, working: string) => (busy === key ? working : idle);
  const preflight = detail.preflight;
  const onlyPreflightBlocks = detail.forceable && detail.blockers.length > 0;

  return (
    <section
      aria-label="Migration plan"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="plan-review"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-base font-semibold">Migration plan</h2>
        <span className="font-mono text-sm" data-testid="plan-semver">
          v{stored.fromSemver} → v{stored.toSemver}
        </span>
        <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-600">{plan.bump} bump</span>
        {plan.destructive && <span className="rounded bg-red-100 px-1.5 text-xs text-red-700">destructive</span>}
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs" data-testid="plan-status">
          {statusWords(detail.status)}
        </span>
        <span className="ml-auto text-xs text-slate-500" data-testid="plan-approvals">
          Approvals {detail.approvers.length}/{detail.required}
          {detail.approvers.length > 0 && `: ${detail.approvers.map((a) => a.name).join(", ")}`}
        </span>
      </div>

      {stored.candidates.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold">Possible renames</h3>
          <p className="text-xs text-slate-500">
            Nothing is renamed unless you confirm it; otherwise the old name is dropped and the new one added.
          </p>
          <ul className="mt-1 space-y-1 text-xs">
            {stored.candidates.map((c) => {
              const key = candidateKey(c);
              const decided = stored.renames[key];
              return (
                <li key={key} className="flex flex-wrap items-center gap-2 rounded border border-slate-200 px-2 py-1">
                  <span className="font-mono">{key}</span>
                  <span className="text-slate-500">
                    {Math.round(c.confidence * 100)}% · {c.reasons.join("; ")}
                  </span>
                  <span className="ml-auto">
                    {decided ? (decided === "rename" ? "rename confirmed" : "add + drop") : "undecided"}
                  </span>
                  {editable && (
                    <>
                      <button
                        type="button"
                        className="rounded border border-slate-300 px-2 hover:bg-slate-50"
                        disabled={busy !== null}
                        onClick={() =>
                          act(
                            `rename:${key}`,
                            () => decideRename({ planId, key, decision: "rename" }),
                            "Rename confirmed; the plan and its preflight are being redone.",
                          )
                        }
                      >
                        {label(`rename:${key}`, "Confirm rename", "Confirming…")}
                      </button>
                      <button
                        type="button"
                        className="rounded border border-slate-300 px-2 hover:bg-slate-50"
                        disabled={busy !== null}
                        onClick={() =>
                          act(
                            `adddrop:${key}`,
                            () => decideRename({ planId, key, decision: "addDrop" }),
                            "Kept as add + drop; the plan and its preflight are being redone.",
                          )
                        }
                      >
                        {label(`adddrop:${key}`, "Add + drop", "Saving…")}
                      </button>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}

      {(plan.decisions.length > 0 || Object.keys(stored.defaults).length > 0) && (
        <div>
          <h3 className="text-sm font-semibold">Values to backfill</h3>
          <ul className="mt-1 space-y-1 text-xs">
            {[
              ...plan.decisions.filter((d) => d.field).map((d) => `${d.table}.${d.field}`),
              ...Object.keys(stored.defaults),
            ].map((key) => (
              <li key={key} className="flex flex-wrap items-center gap-2">
                <span className="font-mono">{key}</span>
                {key in stored.defaults ? (
                  <span className="font-mono text-emerald-700">= {JSON.stringify(stored.defaults[key])}</span>
                ) : (
                  <span className="text-amber-700">needs a value</span>
                )}
                {editable && (
                  <>
                    <input
                      aria-label={`Value for ${key}`}
                      placeholder='JSON, e.g. "medium" or 0'
                      value={values[key] ?? ""}
                      onChange={(e) => setValues({ ...values, [key]: e.target.value })}
                      className="w-48 rounded border border-slate-300 px-1.5 py-0.5 font-mono"
                    />
                    <button
                      type="button"
                      className="rounded border border-slate-300 px-2 hover:bg-slate-50"
                      disabled={busy !== null}
                      onClick={() =>
                        act(
                          `default:${key}`,
                          () => setDefault({ planId, key, valueJson: values[key] ?? "" }),
                          `Value set for ${key}; the preflight is running again.`,
                        )
                      }
                    >
                      {label(`default:${key}`, "Set value", "Setting…")}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
          {plan.decisions
            .filter((d) => !d.field)
            .map((d) => (
              <p key={d.question} className="text-xs text-amber-700">
                {d.question}
              </p>
            ))}
        </div>
      )}

      <div>
        <h3 className="text-sm font-semibold">Risks</h3>
        {plan.risks.length === 0 ? (
          <p className="text-xs text-slate-500">None found.</p>
        ) : (
          <ul className="mt-1 space-y-1 text-xs" data-testid="plan-risks">
            {plan.risks.map((r, i) => (
              <li key={i} className="rounded border border-slate-200 px-2 py-1">
                <span className="font-mono font-semibold">{r.code}</span>{" "}
                <span className={`rounded px-1.5 ${SEVERITY[r.severity] ?? ""}`}>{r.severity}</span>{" "}
                <span className="font-mono text-slate-500">{r.path}</span>
                <p className="text-slate-700">{r.message}</p>
                <p className="text-slate-500">
                  Safe path: {r.fixes?.[0]?.description ?? RISK_RULES.find((x) => x.code === r.code)?.safePath}
                </p>
              </li>
            ))}
          </ul>
        )}
        {plan.warnings.length > 0 && (
          <ul className="mt-1 list-disc pl-4 text-xs text-amber-800">
            {plan.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
      </div>

      <div data-testid="plan-impact">
        <h3 className="text-sm font-semibold">Impact on functions</h3>
        {!detail.impact ? (
          <p className="text-xs text-slate-500">
            No analysis of this version&apos;s functions yet (upload the project&apos;s convex/ files to see which
            functions each change touches).
          </p>
        ) : detail.impact.every((i) => i.uses.length === 0) ? (
          <p className="text-xs text-slate-500">No analysed function reads, writes, filters or indexes what changes.</p>
        ) : (
          <ul className="mt-1 space-y-1 text-xs">
            {detail.impact
              .filter((i) => i.uses.length)
              .map((i) => (
                <li key={`${i.kind}:${i.path}`} className="rounded border border-slate-200 px-2 py-1">
                  <span className="font-mono font-semibold">{i.path}</span>{" "}
                  <span className="text-slate-500">{i.kind}</span>
                  <ul className="mt-0.5 space-y-0.5 pl-3">
                    {i.uses.map((u) => (
                      <li key={`${u.function}:${u.how}:${u.loc.file}:${u.loc.line}:${u.loc.column}`}>
                        <span className="font-mono">{u.function}</span> {u.how}{" "}
                        <span className="font-mono text-slate-500">
                          {u.loc.file}:{u.loc.line}
                        </span>{" "}
                        <span className="text-slate-500">({u.detail})</span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
          </ul>
        )}
      </div>

      <div className="grid gap-3 md:grid-cols-3" data-testid="plan-phases">
        {plan.phases.map((p, i) => (
          <div key={p.name} className="rounded border border-slate-200 p-2">
            <h4 className="text-sm font-semibold">
              {i + 1}. {p.name}
            </h4>
            <p className="text-[11px] text-slate-500">{PHASE_HELP[p.name]}</p>
            {p.steps.length === 0 ? (
              <p className="mt-1 text-xs text-slate-400">No steps</p>
            ) : (
              <ol className="mt-1 list-decimal space-y-0.5 pl-4 text-xs text-slate-700">
                {p.steps.map((s, j) => (
                  <li key={j}>{describeStep(s)}</li>
                ))}
              </ol>
            )}
          </div>
        ))}
      </div>

      <div data-testid="preflight">
        <div className="flex items-center gap-2">
          <h3 className="text-sm font-semibold">Preflight</h3>
          {!preflight || preflight.status === "running" ? (
            <span className="text-xs text-slate-500">checking every sandbox document…</span>
          ) : preflight.status === "failed" ? (
            <span className="text-xs text-red-700">{preflight.error}</span>
          ) : preflight.result?.ok ? (
            <span className="rounded bg-emerald-100 px-1.5 text-xs text-emerald-800" data-testid="preflight-status">
              passed: {preflight.result.checked} documents valid after the migration
            </span>
          ) : (
            <span className="rounded bg-red-100 px-1.5 text-xs text-red-700" data-testid="preflight-status">
              {preflight.result?.invalid} of {preflight.result?.checked} documents would be invalid
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

      <details>
        <summary className="cursor-pointer text-sm font-semibold">
          Generated migration code (@convex-dev/migrations)
        </summary>
        {stored.code ? (
          <pre
            className="mt-1 max-h-80 overflow-auto rounded bg-slate-950 p-3 text-[11px] text-slate-100"
            data-testid="plan-code"
          >
            {stored.code}
          </pre>
        ) : (
          <p className="text-xs text-amber-700">{stored.codeError}</p>
        )}
      </details>

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
      {outcome && !error && (
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
    </section>
  );
}
