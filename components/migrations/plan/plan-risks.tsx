import { RISK_RULES } from "@/lib/migrate";
import type { PlanSectionProps } from "./types";

const SEVERITY: Record<string, string> = {
  error: "bg-red-100 text-red-700",
  warning: "bg-amber-100 text-amber-800",
  info: "bg-sky-100 text-sky-800",
};

/** Risks with their safe path, and the plan's warnings. */
export function PlanRisks({ stored }: PlanSectionProps) {
  const { plan } = stored;
  return (
    <div>
      <h3 className="text-sm font-semibold">Risks</h3>
      {plan.risks.length === 0 ? (
        <p className="text-xs text-slate-500">No risks found.</p>
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
  );
}
