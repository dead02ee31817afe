/**
 * The packages generated code imports that the project does not declare, with the versions Schema Assistant's
 * generated code is tested against (this repository's own package.json).
 */
import { isBuiltin } from "node:module";
import { type PackageJson, packageVersion, parsePackageJson, readPackageJson } from "./package-json";
import { REPO_ROOT } from "./repo-root";

export interface NeededPackage {
  name: string;
  /** version range, e.g. "^4.6.7" */
  spec: string;
  /** imported only by test files: a devDependency */
  dev: boolean;
}

const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

/** "@faker-js/faker/locale/en" → "@faker-js/faker", "convex/server" → "convex". */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Bare packages imported by `files` (path → source); `dev` when only test files import them. */
export function importedPackages(files: Record<string, string>): Map<string, { dev: boolean }> {
  const out = new Map<string, { dev: boolean }>();
  for (const [file, source] of Object.entries(files)) {
    for (const m of source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']([^"'./][^"']*)["']/g)) {
      if (isBuiltin(m[1])) continue;
      const name = packageOf(m[1]);
      const dev = TEST_FILE.test(file);
      out.set(name, { dev: (out.get(name)?.dev ?? true) && dev });
    }
  }
  return out;
}

/** Our own declared range for a package (what generated code is tested with), else the installed version. */
function testedSpec(name: string, ours: PackageJson): string {
  const declared = ours.dependencies?.[name] ?? ours.devDependencies?.[name];
  if (declared) return declared;
  try {
    return `^${packageVersion(`${REPO_ROOT}/node_modules/${name}/package.json`)}`;
  } catch {
    return "latest";
  }
}

/** What `files` import that `project` (its package.json) does not declare in any dependency section. */
export function missingPackages(files: Record<string, string>, project: PackageJson): NeededPackage[] {
  const ours = readPackageJson(`${REPO_ROOT}/package.json`);
  const declared = new Set(
    [project.dependencies, project.devDependencies, project.peerDependencies, project.optionalDependencies].flatMap(
      (d) => Object.keys(d ?? {}),
    ),
  );
  return [...importedPackages(files)]
    .filter(([name]) => !declared.has(name))
    .map(([name, { dev }]) => ({ name, spec: testedSpec(name, ours), dev }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** package.json text with the packages added (sections sorted as npm keeps them, indentation preserved). */
export function addToPackageJson(text: string, needed: NeededPackage[]): string {
  const pkg: Record<string, unknown> = { ...parsePackageJson(text, "package.json") };
  for (const p of needed) {
    const key = p.dev ? "devDependencies" : "dependencies";
    const section = { ...((pkg[key] as Record<string, string>) ?? {}), [p.name]: p.spec };
    pkg[key] = Object.fromEntries(Object.entries(section).sort(([a], [b]) => a.localeCompare(b)));
  }
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? "  ";
  return JSON.stringify(pkg, null, indent) + (text.endsWith("\n") ? "\n" : "");
}

export type PackageManager = "npm" | "pnpm" | "yarn" | "bun";

/** The install command for the packages, e.g. `npm install zod@^4.6.7 && npm install -D vitest@^4.1.12`. */
export function installCommand(needed: NeededPackage[], pm: PackageManager): string {
  const add = pm === "npm" ? "npm install" : `${pm} add`;
  const quote = (p: NeededPackage) =>
    /^[\w.^~@/-]+$/.test(`${p.name}@${p.spec}`) ? `${p.name}@${p.spec}` : `'${p.name}@${p.spec}'`;
  const runtime = needed.filter((p) => !p.dev).map(quote);
  const dev = needed.filter((p) => p.dev).map(quote);
  return [runtime.length ? `${add} ${runtime.join(" ")}` : "", dev.length ? `${add} -D ${dev.join(" ")}` : ""]
    .filter(Boolean)
    .join(" && ");
}
