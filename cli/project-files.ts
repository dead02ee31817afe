/**
 * Reads the files of a Convex project that the schema parser needs: every source file of the functions folder
 * (`convex/` or `convex.json`'s `functions`), skipping `_generated` and `node_modules`, plus files outside it that
 * those files import by relative path or through a tsconfig path alias (transitively). Paths are relative to the
 * project root, with "/".
 */
import { statSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { matchAlias, type PathAlias } from "../lib/schema/paths";
import { readPathAliases } from "./tsconfig-paths";

export interface ProjectFiles {
  files: Record<string, string>;
  /** the schema file, e.g. "convex/schema.ts" */
  entry: string;
  /** installed package modules the parser reads instead of its embedded definitions (specifier → file key) */
  packages: Record<string, string>;
  /** tsconfig path aliases of the functions folder (cli/tsconfig-paths.ts), which the parser resolves imports with */
  aliases: PathAlias[];
  /** problems that do not stop reading (an unreadable tsconfig.json), for the command to print as warnings */
  warnings: string[];
  /** major version of the installed "zod" when the project imports it (the parser needs it for convex-helpers' zid) */
  zodMajor?: 3 | 4;
}

// Package modules that define tables, and where their source sits in an installed package.
const PACKAGE_MODULES: Record<string, { pkg: string; candidates: string[] }> = {
  "@convex-dev/auth/server": {
    pkg: "@convex-dev/auth",
    candidates: ["dist/server/implementation/types.js", "dist/esm/server/implementation/types.js", "src/server/implementation/types.ts"],
  },
};

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP_DIRS = new Set(["_generated", "node_modules"]);
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"'\n]+)["']/g;
const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".js", ".jsx", ".mjs", "/index.ts", "/index.js"];

/** Reads a project's schema files; rejects with a clear message when `<dir>/convex/schema.ts` does not exist. */
export async function readProjectFiles(dir: string): Promise<ProjectFiles> {
  const root = path.resolve(dir);
  const functionsDir = await functionsFolder(root);
  const entryAbs = ["schema.ts", "schema.js", "schema.mts", "schema.mjs"].map((f) => path.join(root, functionsDir, f)).find(isFile);
  if (!entryAbs) {
    throw new Error(`No Convex schema found: "${path.join(root, functionsDir, "schema.ts")}" does not exist.`);
  }
  const warnings: string[] = [];
  let aliases: PathAlias[] = [];
  try {
    aliases = await readPathAliases(root, functionsDir);
  } catch (e) {
    warnings.push(`${(e as Error).message}; import aliases are not resolved.`);
  }
  const files: Record<string, string> = {};
  for (const abs of await listSources(path.join(root, functionsDir))) files[rel(root, abs)] = await readFile(abs, "utf8");
  // Follow imports that leave the functions folder ("../shared/constants", "@/lib/validators").
  const queue = Object.keys(files);
  while (queue.length) {
    const file = queue.pop()!;
    for (const spec of importsOf(files[file])) {
      const target = isRelative(spec)
        ? resolveImport(root, path.join(root, path.dirname(file)), spec)
        : (matchAlias(spec, aliases)?.paths ?? []).map((p) => resolveImport(root, root, p)).find(Boolean);
      if (!target) continue;
      const key = rel(root, target);
      if (key in files) continue;
      files[key] = await readFile(target, "utf8");
      queue.push(key);
    }
  }
  const packages = await readPackages(root, files);
  const zodMajor = /["']zod["']/.test(Object.values(files).join("\n")) ? await installedMajor(root, "zod") : undefined;
  return { files, entry: rel(root, entryAbs), packages, aliases, warnings, ...(zodMajor === 3 || zodMajor === 4 ? { zodMajor } : {}) };
}

/** Installed sources of known table-defining packages the project imports (searched up from the root). */
async function readPackages(root: string, files: Record<string, string>): Promise<Record<string, string>> {
  const packages: Record<string, string> = {};
  const all = Object.values(files).join("\n");
  for (const [specifier, { pkg, candidates }] of Object.entries(PACKAGE_MODULES)) {
    if (!all.includes(`"${specifier}"`) && !all.includes(`'${specifier}'`)) continue;
    for (let dir = root; ; dir = path.dirname(dir)) {
      const found = candidates.map((c) => path.join(dir, "node_modules", pkg, c)).find(isFile);
      if (found) {
        const key = rel(root, found);
        files[key] = await readFile(found, "utf8");
        packages[specifier] = key;
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  return packages;
}

/** Major version of a package installed for the project (searched up from the root), if any. */
async function installedMajor(root: string, pkg: string): Promise<number | undefined> {
  for (let dir = root; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "node_modules", pkg, "package.json");
    if (isFile(manifest)) {
      try {
        const major = Number.parseInt(String(JSON.parse(await readFile(manifest, "utf8")).version), 10);
        return Number.isNaN(major) ? undefined : major;
      } catch {
        return undefined; // an unreadable manifest: the version stays unknown, as if not installed
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

async function functionsFolder(root: string): Promise<string> {
  try {
    const config = JSON.parse(await readFile(path.join(root, "convex.json"), "utf8"));
    if (typeof config.functions === "string") return config.functions.replace(/\/+$/, "");
  } catch {
    // no convex.json or no "functions": the default folder
  }
  return "convex";
}

async function listSources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...(await listSources(abs)));
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(abs);
  }
  return out.sort();
}

function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => m[1]);
}

function isRelative(spec: string): boolean {
  return spec.startsWith("./") || spec.startsWith("../");
}

/** Absolute path of a relative import (or an alias target, from the root) inside the project root, or undefined. */
function resolveImport(root: string, fromDir: string, spec: string): string | undefined {
  const base = path.resolve(fromDir, spec);
  if (!base.startsWith(root + path.sep)) return undefined;
  const stem = base.replace(/\.(m|c)?js$/, "");
  for (const candidate of [...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.slice(1).map((e) => stem + e)]) {
    if (!SOURCE.test(candidate) || candidate.includes(`${path.sep}node_modules${path.sep}`)) continue;
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function rel(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join("/");
}
