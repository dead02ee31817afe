/**
 * Optimizer fixtures for tests: each folder under lib/optimize/testdata/ is a project (convex/schema.ts and its
 * functions, optional stats.json). Test code only (it reads files).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseSchema } from "../../schema";
import { analyzeProject, checkOptimizations } from "../index";
import type { DataStats } from "../types";

export const FIXTURES_ROOT = path.join(import.meta.dirname, "..", "testdata");

/** Every file below `dir`, keyed by its path relative to `base` with forward slashes. */
export function readTree(dir: string, base = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir)) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) readTree(abs, base, out);
    else out[path.relative(base, abs).split(path.sep).join("/")] = readFileSync(abs, "utf8");
  }
  return out;
}

/** Runs the optimizer over a fixture project (its files are keyed "convex/…"). */
export function runFixture(name: string) {
  const dir = path.join(FIXTURES_ROOT, name);
  const files = readTree(path.join(dir, "convex"), dir);
  const parsed = parseSchema({ files, entry: "convex/schema.ts" });
  if (!parsed.ok) throw new Error(`${name}: ${parsed.errors.map((e) => e.message).join("; ")}`);
  const statsFile = path.join(dir, "stats.json");
  const stats: DataStats | undefined = existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, "utf8")) : undefined;
  const analysis = analyzeProject({ files }, { schema: parsed.schema });
  const findings = checkOptimizations({ schema: parsed.schema, analysis, stats });
  return { dir, files, schema: parsed.schema, analysis, findings, stats };
}
