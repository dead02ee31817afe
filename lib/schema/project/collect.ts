/**
 * Collects the files of a Convex project that the schema parser needs: every source file of the functions folder
 * (`convex/` or `convex.json`'s `functions`), skipping `_generated` and `node_modules`, plus files outside it that
 * those files import by relative path or through a tsconfig path alias (transitively). Keys are paths from the
 * project root, with "/". Reads through a ProjectFs, so it does no I/O of its own.
 */
import { matchAlias, type PathAlias } from "../paths";
import { dirname, joinPath, type ProjectFs } from "./reader";
import { readPathAliases } from "./tsconfig-paths";

export interface ProjectFiles {
  files: Record<string, string>;
  /** the schema file, e.g. "convex/schema.ts" */
  entry: string;
  /** the functions folder from the root, e.g. "convex" or "src/convex" (convex.json `functions`; "" for the root) */
  functionsDir: string;
  /** installed package modules the parser reads instead of its embedded definitions (specifier → file key) */
  packages: Record<string, string>;
  /** tsconfig path aliases of the functions folder, which the parser resolves imports with */
  aliases: PathAlias[];
  /** problems that do not stop reading (an unreadable tsconfig.json), for the caller to show as warnings */
  warnings: string[];
  /** major version of the installed "zod" when the project imports it (the parser needs it for convex-helpers' zid) */
  zodMajor?: 3 | 4;
}

// Package modules that define tables, and where their source sits in an installed package.
const PACKAGE_MODULES: Record<string, { pkg: string; candidates: string[] }> = {
  "@convex-dev/auth/server": {
    pkg: "@convex-dev/auth",
    candidates: [
      "dist/server/implementation/types.js",
      "dist/esm/server/implementation/types.js",
      "src/server/implementation/types.ts",
    ],
  },
};

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP_DIRS = new Set(["_generated", "node_modules"]);
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"'\n]+)["']/g;
const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".js", ".jsx", ".mjs", "/index.ts", "/index.js"];
/** How far above the root to look for node_modules. */
const MAX_PARENT_LEVELS = 8;

/** Reads a project's schema files; rejects with a clear message when the functions folder has no schema file. */
export async function collectProjectFiles(fs: ProjectFs): Promise<ProjectFiles> {
  const functionsDir = await functionsFolder(fs);
  let entry: string | undefined;
  for (const f of ["schema.ts", "schema.js", "schema.mts", "schema.mjs"]) {
    if (await fs.isFile(joinPath(functionsDir, f))) {
      entry = joinPath(functionsDir, f);
      break;
    }
  }
  if (!entry) {
    const expected = joinPath(functionsDir, "schema.ts");
    throw new Error(`No Convex schema found: "${fs.display?.(expected) ?? expected}" does not exist.`);
  }
  const warnings: string[] = [];
  let aliases: PathAlias[] = [];
  try {
    aliases = await readPathAliases(fs, functionsDir);
  } catch (e) {
    warnings.push(`${(e as Error).message}; import aliases are not resolved.`);
  }
  const files: Record<string, string> = {};
  for (const file of await listSources(fs, functionsDir)) files[file] = (await fs.readFile(file)) ?? "";
  // Follow imports that leave the functions folder ("../shared/constants", "@/lib/validators").
  const queue = Object.keys(files);
  while (queue.length) {
    const file = queue.pop()!;
    for (const spec of importsOf(files[file])) {
      let target: string | undefined;
      if (isRelative(spec)) target = await resolveImport(fs, joinPath(dirname(file), spec));
      else
        for (const p of matchAlias(spec, aliases)?.paths ?? [])
          if ((target = await resolveImport(fs, joinPath("", p)))) break;
      if (!target || target in files) continue;
      files[target] = (await fs.readFile(target)) ?? "";
      queue.push(target);
    }
  }
  const packages = await readPackages(fs, files);
  const zodMajor = /["']zod["']/.test(Object.values(files).join("\n")) ? await installedMajor(fs, "zod") : undefined;
  return {
    files,
    entry,
    functionsDir,
    packages,
    aliases,
    warnings,
    ...(zodMajor === 3 || zodMajor === 4 ? { zodMajor } : {}),
  };
}

/** "", "..", "../..": the root and the folders above it, where node_modules may be. */
function upwards(): string[] {
  return Array.from({ length: MAX_PARENT_LEVELS + 1 }, (_, i) => Array(i).fill("..").join("/"));
}

/** Installed sources of known table-defining packages the project imports (searched up from the root). */
async function readPackages(fs: ProjectFs, files: Record<string, string>): Promise<Record<string, string>> {
  const packages: Record<string, string> = {};
  const all = Object.values(files).join("\n");
  for (const [specifier, { pkg, candidates }] of Object.entries(PACKAGE_MODULES)) {
    if (!all.includes(`"${specifier}"`) && !all.includes(`'${specifier}'`)) continue;
    search: for (const dir of upwards()) {
      for (const c of candidates) {
        const key = joinPath(dir, `node_modules/${pkg}/${c}`);
        const text = await fs.readFile(key);
        if (text === undefined) continue;
        files[key] = text;
        packages[specifier] = key;
        break search;
      }
    }
  }
  return packages;
}

/** Major version of a package installed for the project (searched up from the root), if any. */
async function installedMajor(fs: ProjectFs, pkg: string): Promise<number | undefined> {
  for (const dir of upwards()) {
    const manifest = await fs.readFile(joinPath(dir, `node_modules/${pkg}/package.json`));
    if (manifest === undefined) continue;
    try {
      const major = Number.parseInt(String(JSON.parse(manifest).version), 10);
      return Number.isNaN(major) ? undefined : major;
    } catch {
      return undefined; // an unreadable manifest: the version stays unknown, as if not installed
    }
  }
  return undefined;
}

async function functionsFolder(fs: ProjectFs): Promise<string> {
  return functionsFolderOf(await fs.readFile("convex.json"));
}

/**
 * The functions folder, from the root with "/" and no trailing slash, given the text of convex.json (undefined when
 * there is none): its `functions`, else "convex", as the Convex CLI decides. The one place this is decided.
 */
export function functionsFolderOf(convexJson: string | undefined): string {
  try {
    const config = JSON.parse(convexJson ?? "{}");
    if (typeof config.functions === "string") return joinPath("", config.functions.replace(/\/+$/, ""));
  } catch {
    // an unreadable convex.json: the default folder
  }
  return "convex";
}

async function listSources(fs: ProjectFs, dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readDir(dir)) {
    if (entry.name.startsWith(".")) continue;
    const p = joinPath(dir, entry.name);
    if (entry.isDirectory) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...(await listSources(fs, p)));
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(p);
  }
  return out.sort();
}

function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => m[1]);
}

function isRelative(spec: string): boolean {
  return spec.startsWith("./") || spec.startsWith("../");
}

/** The source file an import (already joined to a root-relative path) names, inside the root, or undefined. */
async function resolveImport(fs: ProjectFs, base: string): Promise<string | undefined> {
  if (!base || base.startsWith("..")) return undefined;
  const stem = base.replace(/\.(m|c)?js$/, "");
  for (const candidate of [...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.slice(1).map((e) => stem + e)]) {
    if (!SOURCE.test(candidate) || candidate.split("/").includes("node_modules")) continue;
    if (await fs.isFile(candidate)) return candidate;
  }
  return undefined;
}
