/**
 * Test support (Node only, not part of the pure engine): the schema fixture projects in this folder, read the way
 * the CLI reads a project. Golden comparison is lib/testing/golden.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { collectProjectFiles, type ProjectFiles, type ProjectFs } from "../project";

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
  return collectProjectFiles(folderFs(path.join(FIXTURES_DIR, name)));
}

/** The fixture folder as the project reader sees it (the CLI's adapter is cli/project-files.ts). */
function folderFs(root: string): ProjectFs {
  const abs = (p: string) => path.resolve(root, p);
  const isFile = (p: string) => statSync(abs(p), { throwIfNoEntry: false })?.isFile() ?? false;
  return {
    readFile: async (p) => (isFile(p) ? readFileSync(abs(p), "utf8") : undefined),
    isFile: async (p) => isFile(p),
    readDir: async (p) => (existsSync(abs(p)) ? readdirSync(abs(p), { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory() })) : []),
  };
}

