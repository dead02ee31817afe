import { describeStep, type PhaseName } from "@/lib/migrate";
import type { PlanSectionProps } from "./types";

const PHASE_HELP: Record<PhaseName, string> = {
  widen: "Schema accepts old and new documents",
  backfill: "Documents rewritten in journaled batches",
  narrow: "Old fields removed, target schema pushed",
};

/** The three phases and their steps. */
export function PlanPhases({ stored }: PlanSectionProps) {
  const { plan } = stored;
  return (
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
  );
}
