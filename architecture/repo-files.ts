/** Reads the repository's own source files for the architecture check (paths relative to the root, with "/"). */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const SKIP = new Set([
  "node_modules",
  ".next",
  ".data",
  ".git",
  "test-results",
  "playwright-report",
  "_generated",
  "out",
  "dist",
]);
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;

export function readRepoSources(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(e.name) || e.name.startsWith(".")) continue;
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (SOURCE.test(e.name) && !e.name.endsWith(".d.ts"))
        files[path.relative(root, abs).split(path.sep).join("/")] = readFileSync(abs, "utf8");
    }
  };
  walk(root);
  return files;
}
