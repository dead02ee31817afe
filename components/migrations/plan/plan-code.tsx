import type { PlanSectionProps } from "./types";

/** The generated migration module. */
export function PlanCode({ stored }: PlanSectionProps) {
  return (
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
  );
}
