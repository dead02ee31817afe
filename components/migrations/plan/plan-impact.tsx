import type { PlanSectionProps } from "./types";

/** The functions each change touches, with file:line. */
export function PlanImpact({ detail }: PlanSectionProps) {
  return (
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
  );
}
