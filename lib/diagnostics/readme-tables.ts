/**
 * The codes tables of the stages' READMEs, generated from the registry (`DIAGNOSTIC_CODES`): each README holds its
 * stage's table between `<!-- codes:<stage> -->` and `<!-- /codes:<stage> -->`; text outside the markers is the
 * README's own. `readme-tables.test.ts` fails when a table differs from what the registry generates;
 * `npx tsx lib/diagnostics/testing/write-readme-tables.ts --write` rewrites them. Pure: callers read and write files.
 */
import type { Stage } from ".";
import { DIAGNOSTIC_CODES } from "./registry";

/** Which README (path from the repository root) holds which stage's codes. */
export const README_TABLES: ReadonlyArray<{ file: string; stage: Stage }> = [
  { file: "lib/schema/README.md", stage: "schema" },
  { file: "lib/lint/README.md", stage: "lint" },
  { file: "lib/migrate/README.md", stage: "migrate" },
  { file: "lib/optimize/README.md", stage: "optimize" },
  { file: "lib/import/README.md", stage: "import" },
];

const start = (stage: Stage) => `<!-- codes:${stage} -->`;
const end = (stage: Stage) => `<!-- /codes:${stage} -->`;

/** The markdown table of a stage's codes, in registry order: code, default severity, summary. */
export function codesTable(stage: Stage): string {
  const rows = DIAGNOSTIC_CODES.filter((c) => c.stage === stage).map(
    (c) => `| \`${c.code}\` | ${c.severity} | ${c.summary.replaceAll("|", "\\|")} |`,
  );
  return ["| Code | Severity | What it finds |", "| --- | --- | --- |", ...rows].join("\n");
}

/**
 * `readme` with the text between the stage's markers replaced by the generated table; an error names `file` when
 * the markers are missing or out of order.
 */
export function withCodesTable(readme: string, stage: Stage, file: string): string {
  const a = readme.indexOf(start(stage));
  const b = readme.indexOf(end(stage));
  if (a < 0 || b < a) throw new Error(`${file}: no "${start(stage)}" … "${end(stage)}" markers for the codes table`);
  return `${readme.slice(0, a)}${start(stage)}\n${codesTable(stage)}\n${readme.slice(b)}`;
}
