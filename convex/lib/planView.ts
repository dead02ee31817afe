/** How the HTTP API shows a migration plan: the plan's data without intermediate schemas, a risk level and how it rolls back. */
import type { MigrationPlan } from "../../lib/migrate";

/** The plan as API clients see it (phases without their intermediate schemas). */
export function planView(p: MigrationPlan) {
  return {
    changes: p.changes,
    phases: p.phases.map((ph) => ({ name: ph.name, steps: ph.steps })),
    risks: p.risks.map((r) => ({ code: r.code, severity: r.severity, message: r.message, path: r.path })),
    warnings: p.warnings,
    decisions: p.decisions,
    safe: p.safe,
    destructive: p.destructive,
    reversible: p.reversible,
    bump: p.bump,
  };
}

/** high: deletes values or has an error-level risk; medium: needs a decision or has warnings; low otherwise. */
export function riskOf(p: MigrationPlan): "low" | "medium" | "high" {
  if (p.destructive || p.risks.some((r) => r.severity === "error")) return "high";
  if (!p.safe || p.risks.some((r) => r.severity === "warning")) return "medium";
  return "low";
}

/** One sentence on how a run of the plan is undone. */
export function rollbackOf(p: MigrationPlan): string {
  if (p.changes.length === 0) return "Nothing to roll back: the schemas are the same.";
  if (p.reversible && !p.destructive)
    return "Reversible from the schemas: roll back restores the previous schema and undoes backfills from the run's journal.";
  return "The run journals every document it changes or deletes; roll back replays the journal in reverse before restoring the previous schema.";
}
