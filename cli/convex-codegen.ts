/**
 * Writes `convex/_generated` offline with the `convex` package's own code generator, so the files are the ones
 * `npx convex codegen` / `npx convex dev` write (that command needs a deployment; this one does not).
 *
 * The generator ships inside the convex package (dist/esm/cli), but its modules import packages that only
 * convex's bundled CLI carries; it is bundled here once per convex version (cached in node_modules/.cache) with
 * those replaced by stand-ins (see `uninstalledAsStandIns`).
 *
 * Without convex.config.ts this runs Convex's `doCodegen` (what `npx convex codegen --system-udfs` runs). With
 * one, it writes what `npx convex dev` writes for the app after a push: the same data model and server files, and
 * an api.d.ts whose `components` name each installed component's `ComponentApi` — the push analysis Convex
 * reads those names from is replaced by reading convex.config.ts here.
 */
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire, isBuiltin } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { appComponents } from "../backend/components.js";
import { CONFIG_FILES, functionsDirOf } from "../backend/loader.js";
import { packageVersion } from "./package-json";
import { REPO_ROOT } from "./repo-root";

/** The generator's entry points (a subset of convex/dist/esm/cli). */
interface ConvexGenerator {
  doCodegen(ctx: unknown, functionsDir: string, typeCheckMode: "disable", opts: object): Promise<void>;
  readProjectConfig(ctx: unknown): Promise<{ projectConfig: ProjectConfig }>;
  usesComponentApiImports(config: ProjectConfig): boolean;
  usesTypeScriptCodegen(config: ProjectConfig): boolean;
  dynamicDataModelDTS(): string;
  noSchemaDataModelDTS(): string;
  serverCodegen(o: { useTypeScript: false; envVars: unknown[] }): { JS: string; DTS: string };
  componentApiJs(): string;
  componentApiDTS(
    ctx: unknown,
    startPush: unknown,
    root: unknown,
    dir: unknown,
    map: Map<string, unknown>,
    o: object,
  ): Promise<string>;
  format(source: string, options: { parser: string; pluginSearchDirs: false }): Promise<string>;
  nodeFs: Record<string, (...args: unknown[]) => unknown>;
}
interface ProjectConfig {
  codegen: { staticApi?: boolean };
}

export interface CodegenResult {
  /** the _generated folder */
  dir: string;
  /** files written (names in _generated), in order */
  written: string[];
  /** the convex package version whose generator ran */
  convexVersion: string;
}

/** The convex package the project uses (its own install first, else the one Schema Assistant runs on). */
export function convexPackageDir(projectDir: string): string {
  for (const from of [path.join(path.resolve(projectDir), "package.json"), path.join(REPO_ROOT, "package.json")]) {
    try {
      const entry = createRequire(from).resolve("convex/server");
      return entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`));
    } catch {
      // not installed there
    }
  }
  throw new Error("the convex package is not installed (npm install convex)");
}

const GENERATOR_MODULES = `
export { doCodegen } from "./cli/lib/codegen.js";
export { readProjectConfig, usesComponentApiImports, usesTypeScriptCodegen } from "./cli/lib/config.js";
export { dynamicDataModelDTS, noSchemaDataModelDTS } from "./cli/codegen_templates/dataModel.js";
export { serverCodegen } from "./cli/codegen_templates/server.js";
export { componentApiJs, componentApiDTS } from "./cli/codegen_templates/component_api.js";
export { nodeFs } from "./bundler/fs.js";
export { format } from "prettier";
`;

const loaded = new Map<string, Promise<ConvexGenerator>>();

/** Bundles (once per convex version, cached under node_modules/.cache) and imports the generator. */
export function loadGenerator(convexDir: string): Promise<ConvexGenerator> {
  let p = loaded.get(convexDir);
  if (!p) loaded.set(convexDir, (p = bundleGenerator(convexDir)));
  return p;
}

async function bundleGenerator(convexDir: string): Promise<ConvexGenerator> {
  const version = packageVersion(path.join(convexDir, "package.json"));
  const key = createHash("sha256").update(`${convexDir}\0${version}`).digest("hex").slice(0, 12);
  const cacheDir = path.join(REPO_ROOT, "node_modules/.cache/schema-assistant");
  const file = path.join(cacheDir, `convex-codegen-${version}-${key}.mjs`);
  if (!existsSync(file)) {
    const esbuild = await import("esbuild");
    const esmDir = path.join(convexDir, "dist/esm");
    const result = await esbuild.build({
      stdin: { contents: GENERATOR_MODULES, resolveDir: esmDir, loader: "js" },
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      write: false,
      logLevel: "silent",
      banner: {
        js: 'import { createRequire as __cgRequire } from "node:module"; const require = __cgRequire(import.meta.url);',
      },
      plugins: [uninstalledAsStandIns(esmDir)],
    });
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}`;
    writeFileSync(tmp, result.outputFiles[0].text);
    renameSync(tmp, file);
  }
  return (await import(pathToFileURL(file).href)) as ConvexGenerator;
}

/**
 * The packages codegen really uses load from node_modules (zod through its v3 API, which Convex's config schema
 * is written against). Every other package the CLI modules import — bundled into convex's CLI, so not installed, or
 * installed at another major (chalk) — becomes a permissive stand-in: any export, property or call result is the
 * stand-in again, and a call with a string returns the string (`chalkStderr.gray("x")` is "x"). Codegen only logs
 * through them. The export names are read from the import statements of convex's own modules.
 */
const REAL_PACKAGES: Record<string, string> = { prettier: "prettier", zod: "zod/v3" };

const STAND_IN = (names: string[]) => `const stub = new Proxy(() => {}, {
  get: (_, k) => (k === Symbol.toPrimitive ? () => "" : stub),
  apply: (_, __, args) => (typeof args[0] === "string" ? args[0] : stub),
});
const names = ${JSON.stringify(names)};
module.exports = new Proxy(() => {}, {
  get: (_, k) => (k === "__esModule" ? false : k === Symbol.toPrimitive ? () => "" : stub),
  apply: (_, __, args) => (typeof args[0] === "string" ? args[0] : stub),
  ownKeys: () => names,
  getOwnPropertyDescriptor: (_, k) => (names.includes(k) ? { value: stub, enumerable: true, configurable: true, writable: true } : undefined),
});`;

/** Named imports per package in convex's modules (`import { a, b as c } from "pkg"` → pkg: [a, b]). */
function importedNames(esmDir: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const files = readdirSync(esmDir, { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile() && e.name.endsWith(".js"),
  );
  for (const f of files) {
    const text = readFileSync(path.join(f.parentPath, f.name), "utf8");
    for (const m of text.matchAll(/import\s+(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*"([^".][^"]*)"/g)) {
      const set = out.get(m[2]) ?? new Set<string>();
      for (const part of m[1].split(",")) {
        const name = part
          .trim()
          .replace(/^type\s+/, "")
          .split(/\s+as\s+/)[0]
          .trim();
        if (name) set.add(name);
      }
      out.set(m[2], set);
    }
  }
  return out;
}

function uninstalledAsStandIns(esmDir: string) {
  const names = importedNames(esmDir);
  return {
    name: "uninstalled-stand-ins",
    setup(build: import("esbuild").PluginBuild) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (isBuiltin(args.path)) return undefined;
        if (Object.hasOwn(REAL_PACKAGES, args.path)) return { path: REAL_PACKAGES[args.path], external: true };
        return { path: args.path, namespace: "stand-in" };
      });
      build.onLoad({ filter: /.*/, namespace: "stand-in" }, (args) => ({
        contents: STAND_IN([...(names.get(args.path) ?? [])]),
        loader: "js",
      }));
    },
  };
}

/**
 * A Convex CLI context over the project folder: relative paths (convex.json, package.json) resolve in
 * `projectDir`, and a crash is a thrown error carrying the CLI's message.
 */
function projectContext(gen: ConvexGenerator, projectDir: string) {
  const abs = (p: unknown) => (typeof p === "string" && !path.isAbsolute(p) ? path.join(projectDir, p) : p);
  const fs = new Proxy(gen.nodeFs, {
    get(target, key) {
      const fn = target[key as string];
      if (typeof fn !== "function") return fn;
      return (first: unknown, ...rest: unknown[]) => {
        // A project without package.json is still a project (Convex reads it only to spot create-react-app).
        if (key === "readUtf8File" && first === "package.json" && !existsSync(path.join(projectDir, "package.json")))
          return "{}";
        return fn.call(target, abs(first), ...rest);
      };
    },
  });
  return {
    fs,
    crash: async (args: { printedMessage?: string | null }) => {
      throw new Error(args.printedMessage ?? "convex codegen failed");
    },
    registerCleanup: () => "",
    removeCleanup: () => null,
    bigBrainAuth: () => null,
  };
}

const configIn = (dir: string) => CONFIG_FILES.map((f) => path.join(dir, f)).find((f) => existsSync(f));

/** Writes `<functions folder>/_generated` for the project in `projectDir`. Throws naming what failed. */
export async function generateConvexCode(projectDir: string): Promise<CodegenResult> {
  const root = path.resolve(projectDir);
  const functionsDir = functionsDirOf(root);
  if (!existsSync(functionsDir)) throw new Error(`no Convex functions folder at ${functionsDir}`);
  const convexDir = convexPackageDir(root);
  const convexVersion = packageVersion(path.join(convexDir, "package.json"));
  const gen = await loadGenerator(convexDir);
  const ctx = projectContext(gen, root);
  const dir = path.join(functionsDir, "_generated");
  const before = snapshot(dir);
  if (configIn(functionsDir)) await componentAppCodegen(gen, ctx, functionsDir);
  else await gen.doCodegen(ctx, functionsDir, "disable", {});
  const after = snapshot(dir);
  const written = Object.keys(after)
    .filter((f) => after[f] !== before[f])
    .sort();
  return { dir, written, convexVersion };
}

/**
 * The `_generated` files that differ from what codegen writes now (stale, missing or extra), nothing written: the
 * project's functions folder is generated in a temporary copy (its node_modules linked, for convex.config.ts).
 */
export async function staleGeneratedFiles(projectDir: string): Promise<string[]> {
  const root = path.resolve(projectDir);
  const functionsDir = functionsDirOf(root);
  if (!existsSync(functionsDir)) throw new Error(`no Convex functions folder at ${functionsDir}`);
  const copy = mkdtempSync(path.join(os.tmpdir(), "sa-codegen-check-"));
  try {
    const rel = path.relative(root, functionsDir);
    cpSync(functionsDir, path.join(copy, rel), {
      recursive: true,
      filter: (p) => !/[\\/](node_modules|_generated)([\\/]|$)/.test(p.slice(functionsDir.length)),
    });
    for (const f of ["package.json", "convex.json"])
      if (existsSync(path.join(root, f))) cpSync(path.join(root, f), path.join(copy, f));
    if (existsSync(path.join(root, "node_modules")))
      symlinkSync(path.join(root, "node_modules"), path.join(copy, "node_modules"), "dir");
    await generateConvexCode(copy);
    const want = snapshot(path.join(copy, rel, "_generated"));
    const have = snapshot(path.join(functionsDir, "_generated"));
    return [...new Set([...Object.keys(want), ...Object.keys(have)])].filter((f) => want[f] !== have[f]).sort();
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true }))
    if (e.isFile()) out[e.name] = readFileSync(path.join(dir, e.name), "utf8");
  return out;
}

/** What `npx convex dev` writes into the app's _generated when convex.config.ts installs components. */
async function componentAppCodegen(
  gen: ConvexGenerator,
  ctx: ReturnType<typeof projectContext>,
  functionsDir: string,
): Promise<void> {
  const { projectConfig } = await gen.readProjectConfig(ctx);
  if (gen.usesTypeScriptCodegen(projectConfig))
    throw new Error(
      'convex.json asks for TypeScript codegen (codegen.fileType "ts"), which is not supported offline with components',
    );
  const work = mkdtempSync(path.join(os.tmpdir(), "sa-codegen-"));
  let children: Awaited<ReturnType<typeof appComponents>>;
  try {
    children = await appComponents(functionsDir, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const rootComponent = {
    isRoot: true,
    path: functionsDir,
    definitionPath: configIn(functionsDir)!,
    isRootWithoutConfig: false,
  };
  const componentsMap = new Map<string, unknown>();
  const childComponents = children.map((c) => {
    const rel = path.relative(functionsDir, c.dir).split(path.sep).join("/");
    componentsMap.set(path.normalize(c.dir), {
      ...rootComponent,
      isRoot: false,
      path: c.dir,
      importSpecifier: c.specifier.replace(/\/convex\.config.*$/, ""),
    });
    return { name: c.name, path: rel };
  });
  // The one part of the push analysis api.d.ts reads.
  const startPush = { analysis: { "": { definition: { childComponents, envVars: [] } } } };
  const hasSchema = ["schema.ts", "schema.js"].some((f) => existsSync(path.join(functionsDir, f)));
  const server = gen.serverCodegen({ useTypeScript: false, envVars: [] });
  const files: Record<string, string> = {
    "dataModel.d.ts": hasSchema ? gen.dynamicDataModelDTS() : gen.noSchemaDataModelDTS(),
    "server.js": server.JS,
    "server.d.ts": server.DTS,
    "api.js": gen.componentApiJs(),
    "api.d.ts": await gen.componentApiDTS(ctx, startPush, rootComponent, rootComponent, componentsMap, {
      staticApi: projectConfig.codegen.staticApi,
      useComponentApiImports: gen.usesComponentApiImports(projectConfig as never),
    }),
  };
  const out = path.join(functionsDir, "_generated");
  mkdirSync(out, { recursive: true });
  for (const [name, source] of Object.entries(files)) {
    const text = await gen.format(source, { parser: "typescript", pluginSearchDirs: false });
    const target = path.join(out, name);
    if (existsSync(target) && readFileSync(target, "utf8") === text) continue;
    writeFileSync(target, text);
  }
  // As Convex does: what it did not write goes (except the `ai` folder it keeps).
  for (const e of readdirSync(out))
    if (!(e in files) && e !== "ai") rmSync(path.join(out, e), { recursive: true, force: true });
}
