import { describe, expect, it } from "vitest";
import { formatSummary, runEval } from "./assistant-eval";
import { loadCases } from "./run-assistant-eval";
import { emptySchema } from "../lib/schema/model";
import { designFromRequest } from "../lib/assistant/designer/index";

// The eval set is written from a user's point of view (eval/assistant/*.json); these are the product goals.
// Latency is measured by `npx tsx bench/assistant.ts`, not here.
describe("assistant eval set (deterministic designer)", () => {
  it("meets the goals: valid schemas, recall of tables, relations and indexes, clarification", async () => {
    const cases = loadCases();
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(cases.filter((c) => c.ambiguous).length).toBeGreaterThanOrEqual(5);
    expect(cases.some((c) => c.turns.length > 1 && !c.ambiguous)).toBe(true);
    let tick = 0;
    const s = await runEval(
      cases,
      (request, schema, history) => designFromRequest(request, schema, { history }),
      () => tick++,
    );
    const report = formatSummary(s, true);
    expect(s.validShare, report).toBe(1);
    expect(s.tableRecall, report).toBeGreaterThanOrEqual(0.9);
    expect(s.relationRecall, report).toBeGreaterThanOrEqual(0.85);
    expect(s.indexRecall, report).toBeGreaterThanOrEqual(0.8);
    expect(s.clarified, report).toBeGreaterThanOrEqual(Math.max(4, s.ambiguousCases - 1));
  });

  it("designs schemas the linter has no warnings about", () => {
    const findings: string[] = [];
    for (const c of loadCases()) {
      let schema = emptySchema();
      for (const turn of c.turns) {
        const p = designFromRequest(turn, schema);
        schema = p.schema;
        for (const d of p.lint) if (d.severity !== "info") findings.push(`${c.id}: ${d.code} ${d.message}`);
      }
    }
    expect(findings).toEqual([]);
  });
});
