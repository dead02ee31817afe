/**
 * Every diagnostic code of every stage, in one list: its stage, default severity and one-line summary. Built from
 * the stages' own rule lists (lint RULES, RISK_RULES, optimizer CHECKS) and code tables (SCHEMA_CODES,
 * OPTIMIZER_CODES, IMPORT_CODES), so a rule and its registry entry cannot drift. `registry.test.ts` checks that every
 * code written in lib/ is registered exactly once.
 */
import { IMPORT_CODES } from "../import/codes";
import { RULES } from "../lint/rules";
import { RISK_RULES } from "../migrate/risks";
import { OPTIMIZER_CODES } from "../optimize/codes";
import { CHECKS } from "../optimize/findings";
import { SCHEMA_CODES } from "../schema/codes";
import type { RuleInfo, Stage } from ".";

export interface CodeEntry extends RuleInfo {
  stage: Stage;
}

const fromTable = (stage: Stage, table: Record<string, Omit<RuleInfo, "code">>): CodeEntry[] =>
  Object.entries(table).map(([code, e]) => ({ code, stage, severity: e.severity, summary: e.summary }));

const fromRules = (stage: Stage, rules: readonly RuleInfo[]): CodeEntry[] =>
  rules.map((r) => ({ code: r.code, stage, severity: r.severity, summary: r.summary }));

/** Every code, grouped by stage in pipeline order. */
export const DIAGNOSTIC_CODES: readonly CodeEntry[] = [
  ...fromTable("schema", SCHEMA_CODES),
  ...fromRules("lint", RULES),
  ...fromRules("migrate", RISK_RULES),
  ...fromRules("optimize", CHECKS),
  ...fromTable("optimize", OPTIMIZER_CODES),
  ...fromTable("import", IMPORT_CODES),
];

/** The registry entry of a code, if it is one. */
export function codeInfo(code: string): CodeEntry | undefined {
  return DIAGNOSTIC_CODES.find((c) => c.code === code);
}
