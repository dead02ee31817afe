/**
 * Risk codes. Each rule lives in its own file with a stable code (MR1xx, never reused).
 */
import type { RuleInfo } from "../../diagnostics";
import type { Diagnostic } from "../../schema/model";
import type { Change, ChangeKind, ChangeOf } from "../changes";
import { changePath } from "../changes";
import MR101 from "./MR101";
import MR102 from "./MR102";
import MR103 from "./MR103";
import MR104 from "./MR104";
import MR105 from "./MR105";
import MR106 from "./MR106";
import MR107 from "./MR107";
import MR108 from "./MR108";
import MR109 from "./MR109";
import MR110 from "./MR110";
import MR111 from "./MR111";
import type { RiskContext, RiskRule } from "./types";

export type { MigrationStats, RiskContext, RiskRule, TableStats } from "./types";

/** A rule seen through the common change type; it only fires on changes of its own kinds. */
export interface AnyRiskRule extends RuleInfo {
  kinds: readonly string[];
  safePath: string;
  applies(c: Change, ctx: RiskContext): boolean;
  message(c: Change): string;
}

function erase<K extends ChangeKind>(r: RiskRule<K>): AnyRiskRule {
  const kinds: readonly string[] = r.kinds;
  const is = (c: Change): c is ChangeOf<K> => kinds.includes(c.kind);
  return {
    code: r.code,
    severity: r.severity,
    summary: r.summary,
    kinds,
    safePath: r.safePath,
    applies: (c, ctx) => is(c) && r.applies(c, ctx),
    message: (c) => (is(c) ? r.message(c) : ""),
  };
}

/** All rules, in code order. */
export const RISK_RULES: AnyRiskRule[] = [
  erase(MR101),
  erase(MR102),
  erase(MR103),
  erase(MR104),
  erase(MR105),
  erase(MR106),
  erase(MR107),
  erase(MR108),
  erase(MR109),
  erase(MR110),
  erase(MR111),
];

/** Risks of a list of changes as diagnostics with a path and the safe path as a fix. */
export function assessRisks(changes: Change[], ctx: RiskContext = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const change of changes) {
    for (const rule of RISK_RULES) {
      if (!rule.kinds.includes(change.kind) || !rule.applies(change, ctx)) continue;
      out.push({
        code: rule.code,
        severity: rule.severity,
        message: rule.message(change),
        path: changePath(change),
        fixes: [{ description: rule.safePath }],
      });
    }
  }
  return out;
}
