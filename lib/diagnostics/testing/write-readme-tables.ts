/**
 * Checks or rewrites the stages' README codes tables from the registry:
 * `npx tsx lib/diagnostics/testing/write-readme-tables.ts` lists the READMEs that differ (exit 1 when any does);
 * with `--write` it rewrites them.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { README_TABLES, withCodesTable } from "../readme-tables";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const write = process.argv.includes("--write");
let stale = 0;
for (const { file, stage } of README_TABLES) {
  const abs = path.join(ROOT, file);
  const text = readFileSync(abs, "utf8");
  const next = withCodesTable(text, stage, file);
  if (next === text) continue;
  stale++;
  if (write) writeFileSync(abs, next);
  console.log(`${write ? "wrote" : "differs"}: ${file} (${stage} codes)`);
}
if (stale && !write) process.exitCode = 1;
