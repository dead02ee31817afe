/**
 * Schema lint: pure checks over a `SchemaModel` that find Convex limit violations, missing indexes, redundant
 * indexes, risky types and naming drift. Each rule lives in `rules/<name>.ts` with a stable code.
 */
import type { Diagnostic, SchemaModel, Severity } from "../schema/model";
import { RULES } from "./rules";
import type { LintOptions, LintRule } from "./types";

export { CONVEX_LIMITS, RESERVED_INDEX_NAMES } from "./limits";
import { healthScore, type HealthScore } from "./health";
export { healthScore, HEALTH_WEIGHTS } from "./health";
export type { HealthBreakdown, HealthScore } from "./health";
export type { LintOptions, LintRule } from "./types";
export { RULES };

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

// Code-point order, so output is the same under every locale.
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Orders diagnostics by severity (errors first), then path, then code, then message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    RANK[a.severity] - RANK[b.severity] ||
    cmp(a.path ?? "", b.path ?? "") ||
    cmp(a.code, b.code) ||
    cmp(a.message, b.message)
  );
}

/**
 * Runs every lint rule over `model` and returns the findings sorted by severity, then path.
 * `options.rules` turns rules off (`"off"`) or overrides their severity by code.
 */
export function lintSchema(model: SchemaModel, options: LintOptions = {}): Diagnostic[] {
  const resolved = { maxNesting: options.maxNesting ?? 3, includeDependencies: options.includeDependencies ?? false };
  // Tables a library creates (authTables, convex-ents join tables): paths start with the table's name.
  const libraryTables = new Set(model.tables.filter((t) => t.generatedBy).map((t) => t.name));
  const fromLibrary = (d: Diagnostic) =>
    d.loc?.file.includes("node_modules/") || libraryTables.has((d.path ?? "").split(".")[0]);
  const out: Diagnostic[] = [];
  for (const rule of RULES) {
    const setting = options.rules?.[rule.code];
    if (setting === "off") continue;
    for (const d of rule.check(model, resolved)) {
      if (!options.includeDependencies && fromLibrary(d)) continue;
      out.push(setting ? { ...d, severity: setting } : d);
    }
  }
  return out.sort(compareDiagnostics);
}

/**
 * The health score every surface shows (CLI, dashboard, HTTP API): parser warnings plus lint findings,
 * weighted as documented in `health.ts`.
 */
export function schemaHealth(
  model: SchemaModel,
  options: LintOptions = {},
): HealthScore & { diagnostics: Diagnostic[] } {
  const diagnostics = [...model.warnings, ...lintSchema(model, options)];
  return { ...healthScore(model, diagnostics), diagnostics };
}

/** The rule with a given code, for `--explain` style output. */
export function findRule(code: string): LintRule | undefined {
  return RULES.find((r) => r.code === code);
}
