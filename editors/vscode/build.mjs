// Builds the extension into dist/: extension.js (the client, `vscode` external) and server.js (the language server
// with the engine bundled in). Native code cannot be bundled: oxc-parser's binding and esbuild for this platform are
// copied to dist/node_modules, which makes the .vsix platform-specific (`vsce package --target`).
// Usage: node editors/vscode/build.mjs [--vsix] — with --vsix also packages dist/ with @vscode/vsce.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const DIST = path.join(HERE, "dist");
const require = createRequire(path.join(ROOT, "package.json"));

/** VS Code's name for this machine's platform, and the oxc-parser binding package that goes with it. */
export function target() {
  const arch = process.arch;
  const plat = process.platform;
  const libc = plat === "linux" ? (process.report?.getReport()?.header?.glibcVersionRuntime ? "gnu" : "musl") : "";
  const vscodeTarget =
    plat === "linux"
      ? libc === "musl"
        ? `alpine-${arch}`
        : `linux-${arch}`
      : plat === "win32"
        ? `win32-${arch}`
        : `darwin-${arch}`;
  const binding = `@oxc-parser/binding-${plat}-${arch}${plat === "linux" ? `-${libc}` : plat === "win32" ? "-msvc" : ""}`;
  const esbuildBinary = `@esbuild/${plat === "linux" && libc === "musl" ? "linux" : plat}-${arch}`;
  return { vscodeTarget, binding, esbuildBinary };
}

export async function build() {
  rmSync(DIST, { recursive: true, force: true });
  const common = {
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: false,
    minify: true,
    logLevel: "warning",
    // ESM sources that read import.meta.url (oxc-parser's createRequire) get this file's URL in the CJS bundle.
    define: { "import.meta.url": "__importMetaUrl" },
    banner: { js: 'const __importMetaUrl = require("url").pathToFileURL(__filename).href;' },
  };
  await esbuild.build({
    ...common,
    entryPoints: [path.join(HERE, "src/extension.ts")],
    outfile: path.join(DIST, "extension.js"),
    external: ["vscode"],
  });
  await esbuild.build({
    ...common,
    entryPoints: [path.join(HERE, "src/server.ts")],
    outfile: path.join(DIST, "server.js"),
    external: ["@oxc-parser/*", "*.node", "esbuild"],
  });
  // Native parts ship as packages beside the bundle: the parser's binding, and esbuild (the server bundles a schema
  // to evaluate it when static reading stops) with its binary.
  const { binding, esbuildBinary } = target();
  const copy = (pkg, from, filter) => {
    const to = path.join(DIST, "node_modules", pkg);
    mkdirSync(path.dirname(to), { recursive: true });
    cpSync(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [from] })), to, { recursive: true, filter });
  };
  copy(binding, path.join(ROOT, "node_modules/oxc-parser"));
  copy("esbuild", ROOT, (src) => !src.includes(`${path.sep}esbuild${path.sep}bin`));
  copy(esbuildBinary, path.join(ROOT, "node_modules/esbuild"));
}

/** Packages dist/ as a .vsix for this platform; returns its path. */
export function packageVsix(out = path.join(HERE, "schema-assistant.vsix")) {
  if (existsSync(out)) rmSync(out);
  const vsce = path.join(ROOT, "node_modules/@vscode/vsce/vsce");
  execFileSync(
    process.execPath,
    [
      vsce,
      "package",
      "--no-dependencies",
      "--skip-license",
      "--allow-missing-repository",
      "--target",
      target().vscodeTarget,
      "--out",
      out,
    ],
    { cwd: HERE, stdio: "pipe" },
  );
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await build();
  console.log(
    `Built ${path.relative(process.cwd(), DIST)} (${JSON.parse(readFileSync(path.join(HERE, "package.json"), "utf8")).version}).`,
  );
  if (process.argv.includes("--vsix")) console.log(`Packaged ${path.relative(process.cwd(), packageVsix())}.`);
}
