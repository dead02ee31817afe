/** "is my schema OK", "review my schema": lint findings and the health score, with the fixes lint knows. */
import { count } from "../../text";
import { healthScore, lintSchema } from "../../lint";
import type { Proposal, ProposalHooks, TurnFinding } from "../types";
import { reportProposal, type ProjectContext } from "./context";

const SHOWN = 10;

export function lintAnswer(project: ProjectContext, hooks: ProposalHooks = {}): Proposal {
  const { schema } = project;
  const diagnostics = [...(hooks.lint ?? lintSchema)(schema), ...schema.warnings];
  const health = healthScore(schema, diagnostics);
  const ofSeverity = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  const tally = ["error", "warning", "info"]
    .map((s) => [ofSeverity(s), s] as const)
    .filter(([n]) => n > 0)
    .map(([n, s]) => count(n, s));
  const lines = [
    `Ran lint on ${count(schema.tables.length, "table")}: health score ${health.score}/100${tally.length ? ` (${tally.join(", ")})` : ", no findings"}.`,
  ];
  if (diagnostics.length === 0)
    lines.push("Nothing to fix: references are indexed, names follow Convex conventions and no limit is near.");
  for (const d of diagnostics.slice(0, SHOWN))
    lines.push(
      `- ${d.path ?? ""} ${d.code} (${d.severity}): ${d.message}${d.fixes?.length ? ` Fix: ${d.fixes[0].description}` : ""}`,
    );
  if (diagnostics.length > SHOWN)
    lines.push(`- … and ${diagnostics.length - SHOWN} more (schema-assistant analyze lists them all).`);
  if (health.breakdown.length)
    lines.push(
      `Biggest costs: ${health.breakdown
        .slice(0, 3)
        .map((b) => `${b.code} −${b.cost}`)
        .join(", ")}.`,
    );
  if (diagnostics.some((d) => d.fixes?.some((f) => f.operations?.length)))
    lines.push('Ask for a fix by name (e.g. "add an index on …") and I will propose it.');
  const findings: TurnFinding[] = diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.path ? { path: d.path } : {}),
    ...(d.loc ? { file: d.loc.file, line: d.loc.line } : {}),
  }));
  return reportProposal(
    project,
    "lint",
    lines.join("\n"),
    {
      ran: [`lint (${count(schema.tables.length, "table")})`, `health score: ${health.score}/100`],
      findings,
      confidence: 1,
    },
    hooks,
  );
}
