/**
 * Loads a Convex project's functions folder: bundles every module with esbuild, imports the bundles, and lists
 * the schema, auth config, crons, HTTP router and each registered function with its kind and visibility.
 */
import { promises as fsp, readFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire, isBuiltin } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { functionsFolderOf } from "../lib/schema/project/collect.js";
import { loadComponents, type LoadedComponent } from "./components.js";

/** Kinds of registered Convex functions. */
export type FunctionKind = "query" | "mutation" | "action" | "httpAction";

/** One function found in the project. */
export interface FunctionInfo {
  /** Canonical path "dir/file:export". */
  path: string;
  kind: FunctionKind;
  visibility: "public" | "internal";
}

/** One configured auth provider from auth.config.ts. */
export type AuthProviderConfig =
  | { type: "customJwt"; issuer: string; jwks: string; algorithm?: string; applicationID?: string }
  | { type?: undefined; domain: string; applicationID: string };

/** A cron job from crons.ts. */
export interface CronSpec {
  name: string;
  path: string;
  args: Record<string, unknown>;
  schedule: Record<string, unknown> & { type: string };
}

/** A loaded project, ready for `convexTest(schema, modules)`. */
export interface LoadedProject {
  functionsDir: string;
  schema: unknown | null;
  /** The schema as Convex pushes it (`schema.export()` parsed), or null without schema.ts. */
  schemaJson: ExportedSchema | null;
  authProviders: AuthProviderConfig[];
  modules: Record<string, () => Promise<unknown>>;
  functions: Map<string, FunctionInfo>;
  hasHttp: boolean;
  crons: CronSpec[];
  /** Components installed by convex.config.ts (nested ones too), in registration order. */
  components: LoadedComponent[];
  /** Temporary folder holding the bundles; remove with `disposeProject`. */
  outDir: string;
}

/** `JSON.parse(schema.export())`. */
export interface ExportedSchema {
  schemaValidation: boolean;
  tables: Array<{
    tableName: string;
    documentType: unknown;
    indexes: Array<{ indexDescriptor: string; fields: string[] }>;
  }>;
}

const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === "string");

/** Whether a parsed `schema.export()` has the keys and lists the backend reads (its tables, their indexes). */
function isExportedSchema(x: unknown): x is ExportedSchema {
  if (!x || typeof x !== "object" || !("schemaValidation" in x) || !("tables" in x)) return false;
  if (typeof x.schemaValidation !== "boolean" || !Array.isArray(x.tables)) return false;
  return x.tables.every(
    (t: unknown) =>
      !!t &&
      typeof t === "object" &&
      "tableName" in t &&
      typeof t.tableName === "string" &&
      "indexes" in t &&
      Array.isArray(t.indexes) &&
      t.indexes.every(
        (i: unknown) =>
          !!i &&
          typeof i === "object" &&
          "indexDescriptor" in i &&
          typeof i.indexDescriptor === "string" &&
          "fields" in i &&
          isStringArray(i.fields),
      ),
  );
}

/** `JSON.parse(schema.export())`, checked; the error names where the schema comes from. */
export function parseExportedSchema(text: string, from: string): ExportedSchema {
  const parsed: unknown = JSON.parse(text);
  if (!isExportedSchema(parsed)) throw new Error(`${from}: schema.export() did not give { schemaValidation, tables }`);
  return parsed;
}

const backendDir = path.dirname(fileURLToPath(import.meta.url));
/** `import()` through a CommonJS helper, so test runners do not transform the bundles. */
export const nativeImport = createRequire(import.meta.url)("./native-import.cjs") as (
  u: string,
) => Promise<Record<string, unknown>>;

/** The functions folder of a project: `functions` from convex.json, else `convex/`. */
export function functionsDirOf(projectDir: string): string {
  const cfg = path.join(projectDir, "convex.json");
  return path.resolve(projectDir, functionsFolderOf(existsSync(cfg) ? readFileSync(cfg, "utf8") : undefined));
}

/** Names of a component (or app) definition file, in the order the Convex CLI looks for them. */
export const CONFIG_FILES = ["convex.config.ts", "convex.config.js", "convex.config.mts", "convex.config.mjs"];

/**
 * Entry points, chosen the way `npx convex deploy` chooses them (bundler/index.ts): JS/TS files, no dotfiles or
 * `#` temp files, nothing under _generated/ or a component folder, at most one dot in the name (so `*.test.ts`,
 * `test.setup.ts` are skipped), no spaces; plus schema.ts and auth.config.ts, which Convex reads separately.
 */
export async function listSources(dir: string, rel = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fsp.readdir(path.join(dir, rel), { withFileTypes: true })) {
    const base = entry.name;
    if (base.startsWith(".") || base.startsWith("#") || base === "node_modules") continue;
    const r = rel ? `${rel}/${base}` : base;
    if (entry.isDirectory()) {
      // A folder with its own convex.config is a component: loaded as one (components.ts), not as app modules.
      const isComponent = CONFIG_FILES.some((f) => existsSync(path.join(dir, r, f)));
      if (r !== "_generated" && !isComponent) out.push(...(await listSources(dir, r)));
      continue;
    }
    if (!/\.(ts|tsx|js|jsx|mjs|cjs)$/.test(base) || base.endsWith(".d.ts") || r.includes(" ")) continue;
    const special = rel === "" && /^(schema|auth\.config)\.(ts|js)$/.test(base);
    if (special || (base.match(/\./g) ?? []).length <= 1) out.push(r);
  }
  return out;
}

export const externalsPlugin: esbuild.Plugin = {
  name: "absolute-externals",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.inner || isBuiltin(args.path)) return undefined;
      // `convex` always comes from this backend's install, so functions and the engine share one copy.
      const fromSelf = args.path === "convex" || args.path.startsWith("convex/");
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: fromSelf ? backendDir : args.resolveDir,
        pluginData: { inner: true },
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      if (!resolved.path.includes(`${path.sep}node_modules${path.sep}`)) return { path: resolved.path };
      return { path: pathToFileURL(resolved.path).href, external: true };
    });
  },
};

// Stand-ins for `npx convex codegen` output, used only when the project has no convex/_generated files.
const GENERATED: Record<string, string> = {
  server: `export { queryGeneric as query, mutationGeneric as mutation, actionGeneric as action, internalQueryGeneric as internalQuery, internalMutationGeneric as internalMutation, internalActionGeneric as internalAction, httpActionGeneric as httpAction } from "convex/server";`,
  api: `import { anyApi, componentsGeneric } from "convex/server"; export const api = anyApi; export const internal = anyApi; export const components = componentsGeneric();`,
  dataModel: `export {};`,
};

const generatedPlugin = (functionsDir: string): esbuild.Plugin => ({
  name: "missing-generated",
  setup(build) {
    build.onResolve({ filter: /_generated\/(server|api|dataModel)(\.js)?$/ }, (args) => {
      const target = path.resolve(args.resolveDir, args.path).replace(/\.js$/, "");
      if (path.dirname(target) !== path.join(functionsDir, "_generated")) return undefined;
      if (["", ".js", ".ts", ".mjs"].some((ext) => existsSync(target + ext))) return undefined;
      return { path: path.basename(target), namespace: "sa-generated" };
    });
    build.onLoad({ filter: /.*/, namespace: "sa-generated" }, (args) => ({
      contents: GENERATED[args.path],
      loader: "js",
      resolveDir: backendDir,
    }));
  },
});

/** A fresh folder for one build: under `buildDir` (the backend uses `<dataDir>/.build`) or the OS temp dir. */
function makeOutDir(buildDir?: string): string {
  if (buildDir) mkdirSync(buildDir, { recursive: true, mode: 0o700 });
  return mkdtempSync(path.join(buildDir ?? os.tmpdir(), "sa-backend-"));
}

/** Bundles and imports a project's functions. Throws with esbuild's file:line:col messages on a build error. */
export async function loadProject(projectDir: string, options: { buildDir?: string } = {}): Promise<LoadedProject> {
  const functionsDir = functionsDirOf(projectDir);
  if (!existsSync(functionsDir)) throw new Error(`No Convex functions folder at ${functionsDir}`);
  const sources = await listSources(functionsDir);
  const outDir = makeOutDir(options.buildDir);
  try {
    await bundleEntries(functionsDir, sources, outDir, [generatedPlugin(functionsDir), externalsPlugin]);
  } catch (e) {
    rmSync(outDir, { recursive: true, force: true });
    throw e;
  }
  const project = await importBundles(functionsDir, sources, outDir);
  try {
    project.components = await loadComponents(functionsDir, outDir);
  } catch (e) {
    rmSync(outDir, { recursive: true, force: true });
    throw e;
  }
  return project;
}

/**
 * Bundles `sources` (paths relative to `dir`) into `outDir` as `<source without extension>.mjs` ESM files.
 * Throws with esbuild's file:line:col messages on a build error.
 */
export async function bundleEntries(
  dir: string,
  sources: string[],
  outDir: string,
  plugins: esbuild.Plugin[],
): Promise<void> {
  try {
    await esbuild.build({
      entryPoints: sources.map((s) => ({ in: path.join(dir, s), out: s.replace(/\.\w+$/, "") })),
      outdir: outDir,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      outExtension: { ".js": ".mjs" },
      chunkNames: "_chunks/[name]-[hash]",
      plugins,
      banner: {
        js: 'import { createRequire as __saCreateRequire } from "node:module"; const require = __saCreateRequire(import.meta.url);',
      },
      logLevel: "silent",
      sourcemap: "inline",
    });
  } catch (e) {
    const failure = e as { errors?: esbuild.Message[] };
    if (failure.errors) {
      const lines = failure.errors.map((m) =>
        m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ${m.text}` : m.text,
      );
      throw new Error(`Bundling ${dir} failed:\n${lines.join("\n")}`);
    }
    throw e;
  }
}

/**
 * Imports the bundles `bundleEntries` wrote, as a convex-test module map plus the exports of each module (keyed
 * by its path without extension). Throws naming the source file whose bundle failed to load.
 */
export async function importModules(
  dir: string,
  sources: string[],
  outDir: string,
): Promise<{ modules: Record<string, () => Promise<unknown>>; loaded: Map<string, Record<string, unknown>> }> {
  const modules: Record<string, () => Promise<unknown>> = {};
  const loaded = new Map<string, Record<string, unknown>>();
  // Import in parallel: shared dependencies load once, and cold starts of big projects are I/O bound.
  const results = await Promise.allSettled(
    sources.map((s) => nativeImport(pathToFileURL(path.join(outDir, `${s.replace(/\.\w+$/, "")}.mjs`)).href)),
  );
  for (const [i, s] of sources.entries()) {
    const noExt = s.replace(/\.\w+$/, "");
    const r = results[i];
    if (r.status === "rejected") throw new Error(`Loading ${path.join(dir, s)} failed: ${(r.reason as Error).message}`);
    loaded.set(noExt, r.value);
    modules[`./${noExt}.mjs`] = async () => r.value;
  }
  // convex-test finds the modules root from a key containing "_generated"; _generated itself is bundled into users.
  modules["./_generated/__root.mjs"] = async () => ({});
  return { modules, loaded };
}

async function importBundles(functionsDir: string, sources: string[], outDir: string): Promise<LoadedProject> {
  let imported: Awaited<ReturnType<typeof importModules>>;
  try {
    imported = await importModules(functionsDir, sources, outDir);
  } catch (e) {
    rmSync(outDir, { recursive: true, force: true });
    throw e;
  }
  const { modules, loaded } = imported;
  const schemaModule = loaded.get("schema");
  const schema = (schemaModule?.default as { export?: () => string } | undefined) ?? null;
  const auth = loaded.get("auth.config")?.default as { providers?: AuthProviderConfig[] } | undefined;
  return {
    functionsDir,
    schema,
    schemaJson: schema?.export ? parseExportedSchema(schema.export(), `${functionsDir}/schema`) : null,
    authProviders: auth?.providers ?? [],
    modules,
    functions: listFunctions(loaded),
    hasHttp: Boolean(loaded.get("http")?.default),
    crons: listCrons(loaded.get("crons")?.default),
    components: [],
    outDir,
  };
}

/** The registered Convex functions among the exports of imported modules (keyed "module" without extension). */
export function listFunctions(loaded: Map<string, Record<string, unknown>>): Map<string, FunctionInfo> {
  const out = new Map<string, FunctionInfo>();
  for (const [mod, exports] of loaded) {
    if (mod.startsWith("_generated/") || mod === "schema" || mod === "auth.config" || mod === "crons") continue;
    for (const [name, value] of Object.entries(exports)) {
      if (!value || (typeof value !== "function" && typeof value !== "object")) continue;
      const f = value as Record<string, unknown>;
      const kind: FunctionKind | null = f.isQuery
        ? "query"
        : f.isMutation
          ? "mutation"
          : f.isAction
            ? "action"
            : f.isHttp
              ? "httpAction"
              : null;
      if (!kind) continue;
      const p = `${mod}:${name}`;
      out.set(p, { path: p, kind, visibility: f.isInternal ? "internal" : "public" });
    }
  }
  return out;
}

function listCrons(crons: unknown): CronSpec[] {
  const jobs = (
    crons as { crons?: Record<string, { name: string; args: unknown[]; schedule: CronSpec["schedule"] }> } | undefined
  )?.crons;
  if (!jobs) return [];
  return Object.entries(jobs).map(([name, job]) => ({
    name,
    path: canonicalPath(job.name),
    args: (job.args?.[0] as Record<string, unknown>) ?? {},
    schedule: job.schedule,
  }));
}

/** A project with no functions and no schema: what serves while the first load of a watched folder fails. */
export function emptyProject(functionsDir: string, buildDir?: string): LoadedProject {
  const outDir = makeOutDir(buildDir);
  return {
    functionsDir,
    schema: null,
    schemaJson: null,
    authProviders: [],
    modules: { "./_generated/__root.mjs": async () => ({}) },
    functions: new Map(),
    hasHttp: false,
    crons: [],
    components: [],
    outDir,
  };
}

/** "messages" → "messages:default", "dir/file.js:fn" → "dir/file:fn". */
export function canonicalPath(udfPath: string): string {
  const [mod, fn] = udfPath.split(":");
  const m = mod.replace(/\.(js|ts|mjs|jsx|tsx)$/, "");
  return `${m}:${fn ?? "default"}`;
}

/** Removes the temporary bundle folder. */
export function disposeProject(project: LoadedProject): void {
  rmSync(project.outDir, { recursive: true, force: true });
}
