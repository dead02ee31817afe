/**
 * Test support (Node only, not part of the pure engine): the schema fixture projects in this folder, read the way
 * the CLI reads a project, and golden-file comparison with UPDATE_GOLDEN=1 rewriting.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readProjectFiles, type ProjectFiles } from "../../../cli/project-files";

export const FIXTURES_DIR = path.dirname(fileURLToPath(import.meta.url));

/** Names of the fixture projects (folders with a convex/ folder), sorted. */
export function schemaFixtures(): string[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(FIXTURES_DIR, d.name, "convex")))
    .map((d) => d.name)
    .sort();
}

/** The project files of one fixture, as `parseSchema` takes them. */
export function readFixture(name: string): Promise<ProjectFiles> {
  return readProjectFiles(path.join(FIXTURES_DIR, name));
}

/**
 * Compares `actual` with a golden file (JSON values are pretty-printed). With UPDATE_GOLDEN=1 the file is
 * rewritten instead. Returns the expected text for the caller to assert on.
 */
export function golden(file: string, actual: unknown): { expected: string; actual: string } {
  const text = typeof actual === "string" ? actual : JSON.stringify(actual, null, 2) + "\n";
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) writeFileSync(file, text);
  return { expected: readFileSync(file, "utf8"), actual: text };
}
