// The CLI runs from an esbuild bundle of cli/main.ts (one chunk per command), not from TypeScript compiled on every
// start. `npm install` builds it (the `prepare` script); a start finds it stale when any bundled source changed
// (mtime) and rebuilds it first, so editing cli/ or lib/ never runs old code.
//
// Builds go to a fresh folder and a pointer file is swapped in by rename, so concurrent starts never read a
// half-written bundle. Packages stay external (native addons such as oxc-parser load from node_modules).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const CACHE = path.join(ROOT, "node_modules/.cache/schema-assistant/cli");
const POINTER = path.join(CACHE, "current.json");
/** Builds older than this are deleted (a running command imports its chunks when it starts, so an hour is ample). */
const KEEP_OLD_MS = 3600_000;

/** The bundle's entry file when every source it was built from is unchanged, else undefined. */
export function freshBundle() {
  let pointer;
  try {
    pointer = JSON.parse(readFileSync(POINTER, "utf8"));
  } catch {
    return undefined;
  }
  for (const [file, mtimeMs] of Object.entries(pointer.inputs)) {
    if (statSync(path.join(ROOT, file), { throwIfNoEntry: false })?.mtimeMs !== mtimeMs) return undefined;
  }
  const entry = path.join(CACHE, pointer.dir, "main.mjs");
  return existsSync(entry) ? entry : undefined;
}

/** Bundles cli/main.ts into a new build folder, points the cache at it and returns its entry file. */
export async function buildBundle() {
  const esbuild = await import("esbuild");
  const dir = `build-${Date.now().toString(36)}-${process.pid}`;
  const outdir = path.join(CACHE, dir);
  const result = await esbuild.build({
    entryPoints: { main: path.join(ROOT, "cli/main.ts") },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    outExtension: { ".js": ".mjs" },
    chunkNames: "[name]-[hash]",
    // Bundled sources that call require() (createRequire users) keep working in ESM.
    banner: {
      js: 'import { createRequire as __saCreateRequire } from "node:module"; const require = __saCreateRequire(import.meta.url);',
    },
    metafile: true,
    logLevel: "silent",
  });
  // backend/loader.ts loads this helper beside itself at run time.
  writeFileSync(path.join(outdir, "native-import.cjs"), readFileSync(path.join(ROOT, "backend/native-import.cjs")));
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    const abs = path.resolve(process.cwd(), file);
    inputs[path.relative(ROOT, abs)] = statSync(abs).mtimeMs;
  }
  const tmp = `${POINTER}.${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ dir, inputs }));
  renameSync(tmp, POINTER);
  removeOldBuilds(dir);
  return path.join(outdir, "main.mjs");
}

function removeOldBuilds(current) {
  for (const name of readdirSync(CACHE)) {
    if (!name.startsWith("build-") || name === current) continue;
    const p = path.join(CACHE, name);
    if (Date.now() - statSync(p).mtimeMs > KEEP_OLD_MS) rmSync(p, { recursive: true, force: true });
  }
}

/** The entry to import: the fresh bundle, or a new one. */
export async function bundleEntry() {
  const fresh = freshBundle();
  if (fresh) return fresh;
  mkdirSync(CACHE, { recursive: true });
  return buildBundle();
}

export const toUrl = (file) => pathToFileURL(file).href;

// `node bin/cli-bundle.mjs` (the `prepare` script): build now.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(CACHE, { recursive: true });
  const entry = await buildBundle();
  process.stdout.write(`schema-assistant CLI bundled: ${path.relative(ROOT, entry)}\n`);
}
