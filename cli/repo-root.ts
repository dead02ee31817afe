import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readPackageJson } from "./package-json";

/**
 * This repository's folder. Found by walking up to our package.json, since the CLI runs both from its sources and
 * from its bundle under node_modules/.cache, at different depths.
 */
export const REPO_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (existsSync(pkg) && readPackageJson(pkg).name === "schema-assistant") return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the schema-assistant package above ${from}`);
  }
}
