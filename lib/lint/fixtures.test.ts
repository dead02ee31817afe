import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../schema/model";
import { parseSchema } from "../schema";
import { readFixture, schemaFixtures } from "../schema/testdata/fixtures";
import { expectGolden } from "../testing/golden";
import { healthScore, lintSchema } from "./index";

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), "testdata", "schema-fixtures");

/** One line per finding, the way `schema-assistant analyze` prints it. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.loc ? `${d.loc.file}:${d.loc.line}:${d.loc.column}` : (d.path ?? "");
  return `${where}  ${d.severity}  ${d.code}  ${d.message}`;
}

// Lint over the parser's fixture projects (lib/schema/testdata, read only); goldens live beside the lint fixtures.
describe("lint over schema fixture projects (golden)", () => {
  for (const name of schemaFixtures()) {
    it(name, async () => {
      const project = await readFixture(name);
      const parsed = parseSchema(project);
      let text: string;
      if (!parsed.ok) {
        text = ["parse errors:", ...parsed.errors.map(formatDiagnostic)].join("\n") + "\n";
      } else {
        const diagnostics = lintSchema(parsed.schema);
        const health = healthScore(parsed.schema, [...parsed.schema.warnings, ...diagnostics]);
        // Every finding on a parsed schema carries a location from the model.
        expect(diagnostics.filter((d) => !d.loc)).toEqual([]);
        text =
          [
            ...diagnostics.map(formatDiagnostic),
            `health ${health.score}`,
            ...health.breakdown.map((b) => `  ${b.code} x${b.count} -${b.cost}`),
          ].join("\n") + "\n";
      }
      expectGolden(path.join(OUT, `${name}.golden.txt`), text);
    });
  }
});
