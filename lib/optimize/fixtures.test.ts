/**
 * Golden fixtures: each folder under testdata/ is a project (convex/schema.ts and functions, optional
 * stats.json). `expected.txt` lists, by hand, every finding that must be reported; the test computes precision
 * and recall against it and requires both to be 1. `findings.golden.txt` and `analysis.golden.txt` pin the
 * exact messages and accesses; UPDATE_GOLDEN=1 rewrites those two (never expected.txt).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSchema } from "../schema";
import { expectGolden } from "../testing/golden";
import { FIXTURES_ROOT, runFixture } from "./testing/fixture";
import { adviseIndexes, analyzeProject, planCodemod } from "./index";
import { formatAccess, formatFinding } from "./format";

const ROOT = FIXTURES_ROOT;

const cases = readdirSync(ROOT).filter((n) => statSync(path.join(ROOT, n)).isDirectory());
const totals = { truePositives: 0, reported: 0, expected: 0 };

describe("optimizer fixtures", () => {
  for (const name of cases) {
    it(name, () => {
      const { dir, analysis, findings } = runFixture(name);
      expect(analysis.errors).toEqual([]);
      const expected = readFileSync(path.join(dir, "expected.txt"), "utf8")
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith("#"));
      const actual = findings.map((f) => `${f.loc?.file}:${f.loc?.line}:${f.loc?.column} ${f.code} ${f.severity}`);
      const falsePositives = actual.filter((a) => !expected.includes(a));
      const missed = expected.filter((e) => !actual.includes(e));
      totals.truePositives += actual.length - falsePositives.length;
      totals.reported += actual.length;
      totals.expected += expected.length;
      expect(falsePositives).toEqual([]);
      expect(missed).toEqual([]);
      // One place never gets "an existing index serves it" and "no index serves it" at once.
      const at = (codes: string[]) =>
        new Set(
          findings.filter((f) => codes.includes(f.code)).map((f) => `${f.loc?.file}:${f.loc?.line}:${f.loc?.column}`),
        );
      const served = at(["OPT101"]);
      expect([...at(["OPT107", "OPT108"])].filter((l) => served.has(l))).toEqual([]);
      expectGolden(path.join(dir, "findings.golden.txt"), findings.map(formatFinding).join("\n") + "\n");
      const accesses = analysis.accesses.map(formatAccess);
      const notAnalysed = analysis.notAnalysed.map(
        (n) => `not analysed ${n.loc.file}:${n.loc.line}:${n.loc.column} ${n.function ?? ""} ${n.reason}`,
      );
      expectGolden(path.join(dir, "analysis.golden.txt"), [...accesses, ...notAnalysed].join("\n") + "\n");
    });

    it(`${name}: codemod`, () => {
      const { dir, files, schema, analysis, stats } = runFixture(name);
      const plan = planCodemod({
        files,
        schema,
        schemaFile: "convex/schema.ts",
        analysis,
        advice: adviseIndexes(schema, analysis.accesses, stats),
      });
      expect(plan.errors).toEqual([]);
      expectGolden(path.join(dir, "codemod.golden.txt"), plan.diff || "(no change)\n");
      // The changed project parses and its analysis has no new findings at the rewritten places.
      const after = { ...files, ...plan.changed };
      const reparsed = parseSchema({ files: after, entry: "convex/schema.ts" });
      expect(reparsed.ok).toBe(true);
      if (!reparsed.ok) return;
      const again = analyzeProject({ files: after }, { schema: reparsed.schema });
      expect(again.errors).toEqual([]);
      expect(again.functions.length).toBe(analysis.functions.length);
    });
  }

  it("has precision and recall of 1 over all fixtures", () => {
    expect(totals.reported).toBeGreaterThan(0);
    expect(totals.truePositives / totals.reported).toBe(1);
    expect(totals.truePositives / totals.expected).toBe(1);
  });
});
