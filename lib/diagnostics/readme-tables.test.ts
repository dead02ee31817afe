import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { codesTable, README_TABLES, withCodesTable } from "./readme-tables";
import { DIAGNOSTIC_CODES } from "./registry";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("README codes tables", () => {
  it("each stage's README holds exactly the table the registry generates (rewrite: write-readme-tables.ts --write)", () => {
    for (const { file, stage } of README_TABLES) {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      expect(text, file).toBe(withCodesTable(text, stage, file));
    }
  });

  it("lists every registered code once across the tables", () => {
    const listed = README_TABLES.flatMap(({ stage }) => [...codesTable(stage).matchAll(/^\| `([^`]+)` \|/gm)]).map(
      (m) => m[1],
    );
    expect(listed.sort()).toEqual(DIAGNOSTIC_CODES.map((c) => c.code).sort());
  });

  it("replaces only the text between the markers, and names a README without them", () => {
    const readme = "# Lint\n\nintro\n<!-- codes:lint -->\n| old |\n<!-- /codes:lint -->\n\nafter\n";
    const next = withCodesTable(readme, "lint", "x.md");
    expect(next.startsWith("# Lint\n\nintro\n<!-- codes:lint -->\n| Code | Severity | What it finds |\n")).toBe(true);
    expect(next.endsWith("|\n<!-- /codes:lint -->\n\nafter\n")).toBe(true);
    expect(next).not.toContain("| old |");
    expect(withCodesTable(next, "lint", "x.md")).toBe(next);
    expect(() => withCodesTable("# no markers\n", "migrate", "lib/migrate/README.md")).toThrow(
      'lib/migrate/README.md: no "<!-- codes:migrate -->"',
    );
  });
});
