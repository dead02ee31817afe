/**
 * Convex components: reads `convex.config.ts` the way `npx convex deploy` does and loads every installed
 * component (nested ones too) as a convex-test component: its functions folder bundled like the app's, its schema,
 * and its path ("rateLimiter", "rateLimiter/batchWorker") under which convex-test resolves `components.x.*`.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type * as esbuild from "esbuild";
import {
  CONFIG_FILES,
  bundleEntries,
  externalsPlugin,
  importModules,
  listFunctions,
  listSources,
  nativeImport,
  type FunctionInfo,
} from "./loader.js";

/** One installed component instance, ready for `t.registerComponent(path, schema, modules)`. */
export interface LoadedComponent {
  /** Path of the instance: its name under the app, or "parent/child" for a component's own components. */
  path: string;
  /** The folder holding the component's convex.config.js, functions and schema. */
  dir: string;
  schema: unknown | null;
  modules: Record<string, () => Promise<unknown>>;
  functions: Map<string, FunctionInfo>;
}

/** What one convex.config file declares: the child components it installs. */
interface Definition {
  file: string;
  /** `defineComponent(name)`'s name; undefined for the app. */
  name?: string;
  children: Array<{ name: string; configFile: string }>;
}

// Guards against a component that (indirectly) installs itself.
const MAX_DEPTH = 10;

/** The definition file in `dir`, if any (TS first, as the Convex CLI looks). */
function configIn(dir: string): string | null {
  for (const name of CONFIG_FILES) if (existsSync(path.join(dir, name))) return path.join(dir, name);
  return null;
}

/**
 * Loads the components `functionsDir/convex.config.ts` installs, into `<outDir>/_components/`. Returns [] without
 * a convex.config file. Errors name the config file or component folder that failed.
 */
export async function loadComponents(functionsDir: string, outDir: string): Promise<LoadedComponent[]> {
  const appConfig = configIn(functionsDir);
  if (appConfig === null) return [];
  const reader = new DefinitionReader(path.join(outDir, "_components"));
  const out: LoadedComponent[] = [];
  const functionsByDir = new Map<string, Promise<Omit<LoadedComponent, "path">>>();
  const visit = async (configFile: string, prefix: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH)
      throw new Error(
        `Components nest more than ${MAX_DEPTH} levels deep at ${configFile} (does a component install itself?)`,
      );
    const def = await reader.read(configFile);
    for (const child of def.children) {
      const childPath = prefix ? `${prefix}/${child.name}` : child.name;
      const dir = path.dirname(child.configFile);
      // The same component installed twice shares its bundles; each instance gets its own tables.
      let loaded = functionsByDir.get(dir);
      if (!loaded) functionsByDir.set(dir, (loaded = reader.loadFunctions(dir)));
      out.push({ path: childPath, ...(await loaded) });
      await visit(child.configFile, childPath, depth + 1);
    }
  };
  await visit(appConfig, "", 0);
  const seen = new Set<string>();
  for (const c of out) {
    if (seen.has(c.path))
      throw new Error(
        `${appConfig}: two components are installed under the name "${c.path}"; pass a different \`name\` to app.use()`,
      );
    seen.add(c.path);
  }
  return out;
}

/** A component the app installs directly: what `_generated/api.d.ts` declares under `components`. */
export interface AppComponent {
  name: string;
  /** the component's folder */
  dir: string;
  /** the import of its convex.config in the app's convex.config, e.g. "@convex-dev/migrations/convex.config.js" */
  specifier: string;
}

/** The components `functionsDir/convex.config.ts` installs (not their own children); [] without a config file. */
export async function appComponents(functionsDir: string, outDir: string): Promise<AppComponent[]> {
  const appConfig = configIn(functionsDir);
  if (appConfig === null) return [];
  const reader = new DefinitionReader(path.join(outDir, "_components"));
  const def = await reader.read(appConfig);
  return def.children.map((c) => ({
    name: c.name,
    dir: path.dirname(c.configFile),
    specifier: reader.specifiers.get(c.configFile) ?? "",
  }));
}

/** Bundles and evaluates definition files and component folders, each once. */
class DefinitionReader {
  private readonly definitions = new Map<string, Promise<Definition>>();
  /** How each definition file was imported (`"@convex-dev/migrations/convex.config.js"`), as codegen names it. */
  readonly specifiers = new Map<string, string>();
  private builds = 0;

  constructor(private readonly outRoot: string) {}

  /** Evaluates a convex.config file, with each imported component definition replaced by a stand-in. */
  read(file: string): Promise<Definition> {
    let def = this.definitions.get(file);
    if (!def) this.definitions.set(file, (def = this.readNow(file)));
    return def;
  }

  private nextOutDir(): string {
    const dir = path.join(this.outRoot, String(this.builds++));
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  private async readNow(file: string): Promise<Definition> {
    const outDir = this.nextOutDir();
    const childFiles = new Map<string, string>();
    await bundleEntries(path.dirname(file), [path.basename(file)], outDir, [
      this.definitionPlugin(file, childFiles),
      externalsPlugin,
    ]);
    const out = path.join(outDir, `${path.basename(file).replace(/\.\w+$/, "")}.mjs`);
    let exported: Record<string, unknown>;
    try {
      exported = await nativeImport(pathToFileURL(out).href);
    } catch (e) {
      const message = (e as Error).message;
      // convex/server's use() says "only works in Convex runtime"; the real cause is what was passed to it.
      const hint = message.includes("componentDefinitionPath")
        ? ': app.use() was given something that is not an imported component definition (import it from "<package>/convex.config.js")'
        : "";
      throw new Error(`Loading ${file} failed: ${message}${hint}`);
    }
    const def = exported.default as
      | { _isRoot?: boolean; _name?: string; _childComponents?: Array<[string, { componentDefinitionPath?: string }]> }
      | undefined;
    if (!def || !Array.isArray(def._childComponents)) {
      throw new Error(`${file} must \`export default\` the result of defineApp() or defineComponent()`);
    }
    const children = def._childComponents.map(([name, stub]) => {
      const configFile = childFiles.get(stub.componentDefinitionPath ?? "");
      if (!configFile)
        throw new Error(
          `${file}: app.use() was given something that is not an imported component definition (import it from "<package>/convex.config.js")`,
        );
      return { name, configFile };
    });
    return { file, name: def._isRoot ? undefined : def._name, children };
  }

  /**
   * Like the Convex CLI's component plugin: an import of a `convex.config` file that sits in a component folder
   * becomes `{ componentDefinitionPath, defaultName }`, which is all `app.use()` reads from it.
   */
  private definitionPlugin(importer: string, childFiles: Map<string, string>): esbuild.Plugin {
    return {
      name: "component-definitions",
      setup: (build) => {
        build.onResolve({ filter: /convex\.config/ }, async (args) => {
          if (args.kind === "entry-point" || args.pluginData?.definition) return undefined;
          const resolved = await resolveConfig(build, args);
          if (resolved === null) {
            return {
              errors: [
                {
                  text: `Cannot find the component "${args.path}" imported by ${args.importer} (is its package installed?)`,
                },
              ],
            };
          }
          this.specifiers.set(resolved, args.path);
          return { path: resolved, namespace: "sa-component-definition" };
        });
        build.onLoad({ filter: /.*/, namespace: "sa-component-definition" }, async (args) => {
          const child = await this.read(args.path).catch((e: Error) => {
            throw new Error(`Loading the component at ${args.path} (used by ${importer}) failed: ${e.message}`);
          });
          if (child.name === undefined)
            throw new Error(`${args.path} defines an app, not a component (use defineComponent())`);
          const dir = path.dirname(args.path);
          childFiles.set(dir, args.path);
          return {
            contents: `export default ${JSON.stringify({ componentDefinitionPath: dir, defaultName: child.name })};`,
            loader: "js",
          };
        });
      },
    };
  }

  /** Bundles and imports a component folder's functions and schema (not its convex.config or _generated). */
  async loadFunctions(dir: string): Promise<Omit<LoadedComponent, "path">> {
    const sources = (await listSources(dir)).filter((s) => !/^convex\.config\.\w+$/.test(s));
    const outDir = this.nextOutDir();
    try {
      await bundleEntries(dir, sources, outDir, [externalsPlugin]);
      const { modules, loaded } = await importModules(dir, sources, outDir);
      const schema = (loaded.get("schema")?.default as object | undefined) ?? null;
      if (schema !== null && !("tables" in schema))
        throw new Error(`${path.join(dir, "schema")} must \`export default\` defineSchema(…)`);
      loaded.delete("schema");
      return { dir, schema, modules, functions: listFunctions(loaded) };
    } catch (e) {
      throw new Error(`Loading the component at ${dir} failed: ${(e as Error).message}`);
    }
  }
}

/** Resolves a config import to a definition file in a component folder, trying .js/.ts the way the CLI does. */
async function resolveConfig(build: esbuild.PluginBuild, args: esbuild.OnResolveArgs): Promise<string | null> {
  const ext = path.extname(args.path);
  const candidates = [args.path];
  if (ext === ".js") candidates.push(`${args.path.slice(0, -3)}.ts`);
  if (ext !== ".js" && ext !== ".ts") candidates.push(`${args.path}.js`, `${args.path}.ts`);
  for (const candidate of candidates) {
    const r = await build.resolve(candidate, {
      kind: args.kind,
      resolveDir: args.resolveDir,
      pluginData: { definition: true, inner: true },
    });
    if (r.errors.length === 0 && r.path && configIn(path.dirname(r.path)) !== null) return r.path;
  }
  return null;
}
