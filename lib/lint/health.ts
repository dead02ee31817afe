/**
 * Schema health score: 100 minus the cost of the findings, so teams can track one figure across versions.
 *
 * Weights (documented, stable): each finding costs 10 points when it is an error, 3 when a warning and 1 when
 * info. One rule (code) costs at most 30 / 12 / 4 points respectively (its highest severity decides the cap),
 * so one noisy rule cannot sink the score on its own. The score is never below 0 and is an integer.
 */
import type { Diagnostic, SchemaModel, Severity } from "../schema/model";

export const HEALTH_WEIGHTS: Readonly<Record<Severity, { cost: number; cap: number }>> = {
  error: { cost: 10, cap: 30 },
  warning: { cost: 3, cap: 12 },
  info: { cost: 1, cap: 4 },
};

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface HealthBreakdown {
  code: string;
  severity: Severity;
  count: number;
  /** points taken off the score by this code (after the cap) */
  cost: number;
}

export interface HealthScore {
  score: number;
  breakdown: HealthBreakdown[];
}

/**
 * Scores a schema from its diagnostics (lint findings plus parser warnings, as the caller chooses).
 * An empty schema with no diagnostics scores 100. Breakdown rows are sorted by cost, then code.
 */
export function healthScore(model: SchemaModel, diagnostics: readonly Diagnostic[]): HealthScore {
  const byCode = new Map<string, { severity: Severity; count: number; raw: number }>();
  for (const d of diagnostics) {
    const row = byCode.get(d.code) ?? { severity: d.severity, count: 0, raw: 0 };
    row.count++;
    row.raw += HEALTH_WEIGHTS[d.severity].cost;
    if (RANK[d.severity] < RANK[row.severity]) row.severity = d.severity;
    byCode.set(d.code, row);
  }
  const breakdown: HealthBreakdown[] = [...byCode].map(([code, r]) => ({
    code,
    severity: r.severity,
    count: r.count,
    cost: Math.min(r.raw, HEALTH_WEIGHTS[r.severity].cap),
  }));
  breakdown.sort((a, b) => b.cost - a.cost || a.code.localeCompare(b.code));
  const total = breakdown.reduce((s, b) => s + b.cost, 0);
  // `model` is part of the signature so future weights can scale with schema size without an API change.
  void model;
  return { score: Math.max(0, 100 - total), breakdown };
}
