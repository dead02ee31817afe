/**
 * The schema oracle: Convex's own `schema.export()` (the schema bundled straight from disk with esbuild and run)
 * against our static reading alone, and against static + evaluated reading (cli/schema-eval). Shared by the oracle
 * test over schemas that npm packages ship (`schema-oracle.real.test.ts`, corpus in eval/oracle-corpus) and by
 * `npx tsx eval/schema-oracle.ts <corpus>` over a folder of projects. Test and eval tooling only: it runs the code.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { hasUnresolved, toConvexExport } from "../lib/schema/evaluated";
import { parseSchema } from "../lib/schema/parse";
import { collectProjectFiles, joinPath, type ProjectFiles } from "../lib/schema/project";
import { parsePackageJson } from "./package-json";
import { nodeProjectFs } from "./project-files";
import { REPO_ROOT } from "./repo-root";
import { completeByEvaluation } from "./schema-eval";

/** One schema to check: a project folder, or a package folder whose schema sits in `functionsDir`. */
export interface OracleCase {
  name: string;
  root: string;
  /** The folder holding schema.ts/js, from the root; default: what convex.json says, else "convex". */
  functionsDir?: string;
  /** The compiled JavaScript copy of a schema the package also ships as TypeScript (counted apart). */
  compiledCopy?: boolean;
}

export interface OracleRow {
  name: string;
  compiledCopy?: boolean;
  /** "no-schema": nothing to read; "no-truth": Convex's export could not be obtained; "static-failed": syntax etc. */
  outcome: "no-schema" | "no-truth" | "static-failed" | "compared";
  entry?: string;
  tables?: number;
  staticExact?: boolean;
  /** Static reading left a value unresolved (an unknown library or helper): evaluation is what reads it. */
  staticUnresolved?: boolean;
  combinedExact?: boolean;
  evaluatedTables?: number;
  detail?: string;
}

/** Canonical JSON of a `schema.export()`: sorted keys, staged lists defaulted, so only meaning is compared. */
export function canonicalExport(exported: unknown): string {
  const norm = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(norm);
    if (!x || typeof x !== "object") return x;
    const o = x as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .filter((k) => k !== "stagedDocumentType" && o[k] !== undefined)
        .sort()
        .map((k) => [k, norm(o[k])]),
    );
  };
  const e = structuredClone(exported) as { tables: Record<string, unknown>[] };
  // convex-ents' definitions export no staged lists; Convex reads a missing list as empty.
  for (const t of e.tables)
    for (const k of ["stagedDbIndexes", "stagedSearchIndexes", "stagedVectorIndexes"]) t[k] ??= [];
  return JSON.stringify(norm(e));
}

// Runs in a worker thread: imports the bundle and posts what Convex would push (a worker can be stopped mid-loop).
const TRUTH_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
import(workerData).then(
  (m) => {
    if (typeof m.default?.export !== "function") throw new Error("the default export is not a defineSchema(...) value");
    parentPort.postMessage({ ok: true, json: m.default.export() });
  },
).catch((e) => parentPort.postMessage({ ok: false, error: String(e && e.message || e) }));
`;

/**
 * Convex's own export of the schema at `entry` (absolute): bundled from disk as `npx convex deploy` does, and run
 * in a worker thread that is stopped after `timeoutMs` (a schema may loop forever).
 */
export async function convexExport(root: string, entry: string, outFile: string, timeoutMs = 20_000): Promise<unknown> {
  const { build } = await import("esbuild");
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "silent",
    absWorkingDir: root,
    nodePaths: [path.join(REPO_ROOT, "node_modules")],
  });
  await writeFile(outFile, out.outputFiles[0].text);
  const worker = new Worker(TRUTH_WORKER, { eval: true, workerData: pathToFileURL(outFile).href, stdout: true });
  try {
    const json = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`running the schema took longer than ${timeoutMs} ms`)),
        timeoutMs,
      );
      worker.once("message", (m: { ok: boolean; json?: string; error?: string }) => {
        clearTimeout(timer);
        if (m.ok) resolve(m.json!);
        else reject(new Error(m.error));
      });
      worker.once("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      worker.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`the schema ended its thread (exit code ${code}) before exporting`));
      });
    });
    return JSON.parse(json);
  } finally {
    await worker.terminate();
  }
}

/** The case's files as the CLI reads a project (a package's schema folder read as the functions folder). */
export function readCase(c: OracleCase): Promise<ProjectFiles> {
  const fs = nodeProjectFs(c.root);
  if (c.functionsDir === undefined) return collectProjectFiles(fs);
  const config = JSON.stringify({ functions: c.functionsDir });
  return collectProjectFiles({
    ...fs,
    readFile: (p) => (p === "convex.json" ? Promise.resolve(config) : fs.readFile(p)),
  });
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `…${a.slice(Math.max(0, i - 60), i + 60)}… vs …${b.slice(Math.max(0, i - 60), i + 60)}…`;
}

/** Reads one case statically and with evaluation, and compares both with Convex's export. */
export async function compareCase(c: OracleCase, tmpDir: string): Promise<OracleRow> {
  const row = await compare(c, tmpDir);
  return c.compiledCopy ? { ...row, compiledCopy: true } : row;
}

async function compare(c: OracleCase, tmpDir: string): Promise<OracleRow> {
  const name = c.name;
  let project: ProjectFiles;
  try {
    project = await readCase(c);
  } catch (e) {
    return { name, outcome: "no-schema", detail: (e as Error).message };
  }
  const entry = project.entry;
  let truth: string;
  let tables: number;
  try {
    const out = path.join(tmpDir, `${name.replace(/[^\w.-]+/g, "_")}.mjs`);
    const exported = await convexExport(c.root, path.join(c.root, entry), out);
    tables = (exported as { tables: unknown[] }).tables.length;
    truth = canonicalExport(exported);
  } catch (e) {
    const first = (e as { errors?: Array<{ text: string }> }).errors?.[0]?.text;
    return { name, entry, outcome: "no-truth", detail: (first ?? (e as Error).message.split("\n")[0]).slice(0, 200) };
  }
  const parsed = parseSchema(project);
  if (!parsed.ok) return { name, entry, tables, outcome: "static-failed", detail: parsed.errors[0]?.message };
  const staticJson = canonicalExport(toConvexExport(parsed.schema));
  const read = await completeByEvaluation(parsed.schema, { ...project, root: c.root }, "auto");
  const combinedJson = canonicalExport(toConvexExport(read.schema));
  const staticExact = staticJson === truth;
  const combinedExact = combinedJson === truth;
  const unresolved = parsed.schema.warnings.filter((w) => w.severity === "warning").map((w) => w.message);
  return {
    name,
    entry,
    tables,
    outcome: "compared",
    staticExact,
    staticUnresolved: hasUnresolved(parsed.schema),
    combinedExact,
    evaluatedTables: read.evaluatedTables.length,
    detail: !combinedExact
      ? firstDifference(combinedJson, truth)
      : !staticExact
        ? `${firstDifference(staticJson, truth)}${unresolved.length ? `\n      ${unresolved[0]}` : ""}`
        : undefined,
  };
}

/** Runs `compareCase` over the cases, `concurrency` at a time, in the cases' order. */
export async function runOracle(cases: OracleCase[], tmpDir: string, concurrency = 4): Promise<OracleRow[]> {
  const rows: OracleRow[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      rows[i] = await compareCase(cases[i], tmpDir);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, cases.length) }, worker));
  return rows;
}

/** A row the oracle counts as wrong: combined reading not exact, or static reading silently not exact. */
export function isWrong(r: OracleRow): boolean {
  return r.outcome !== "compared" || !r.combinedExact || (!r.staticUnresolved && !r.staticExact);
}

/** The summary lines and one line per wrong row (every row with `verbose`). */
export function oracleReport(rows: OracleRow[], verbose = false): string[] {
  const copies = rows.filter((r) => r.compiledCopy);
  const lines = summary(rows.filter((r) => !r.compiledCopy));
  if (copies.length)
    lines.push(...summary(copies).map((l, i) => `${i === 0 ? "compiled JavaScript copies of these: " : "  "}${l}`));
  for (const r of rows)
    if (verbose || isWrong(r))
      lines.push(
        `  ${r.name}: ${r.outcome}${r.outcome === "compared" ? ` static=${r.staticExact} combined=${r.combinedExact} unresolved=${r.staticUnresolved} evaluated=${r.evaluatedTables}` : ""}${r.detail ? `\n      ${r.detail}` : ""}`,
      );
  return lines;
}

function summary(rows: OracleRow[]): string[] {
  const compared = rows.filter((r) => r.outcome === "compared");
  const resolved = compared.filter((r) => !r.staticUnresolved);
  const count = (xs: OracleRow[], f: (r: OracleRow) => boolean | undefined) => xs.filter(f).length;
  return [
    `schemas: ${rows.length}; Convex's export obtained: ${rows.length - count(rows, (r) => r.outcome === "no-schema" || r.outcome === "no-truth")}; static parse failed (syntax etc.): ${count(rows, (r) => r.outcome === "static-failed")}`,
    `static + evaluated reading exact: ${count(compared, (r) => r.combinedExact)}/${compared.length} (${compared.reduce((s, r) => s + (r.tables ?? 0), 0)} tables)`,
    `static reading alone exact: ${count(compared, (r) => r.staticExact)}/${compared.length}; on schemas it read with nothing unresolved: ${count(resolved, (r) => r.staticExact)}/${resolved.length}`,
    `schemas where evaluation changed tables: ${count(compared, (r) => (r.evaluatedTables ?? 0) > 0)} (${compared.reduce((s, r) => s + (r.evaluatedTables ?? 0), 0)} tables)`,
  ];
}

const SCHEMA_FILE = /^schema\.(ts|mts|js|mjs)$/;
const DEFAULT_EXPORT = /\bexport\s+default\b|\bas\s+default\s*\}/;
const SKIP = new Set(["node_modules", "_generated", "test", "tests", "__tests__"]);

/**
 * The Convex schemas a package ships: every `schema.ts` or `schema.js` whose text defines a schema with
 * `defineSchema(` as its default export. When the package ships TypeScript schemas, its JavaScript ones are their
 * compiled copies (`compiledCopy`); of ESM and CommonJS builds of one folder, the ESM one. A component's schema
 * folder (`src/component/`) is read the way `npx convex dev` reads a component: as its own functions folder.
 */
export async function packageSchemas(packageDir: string, packageName: string): Promise<OracleCase[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(path.join(packageDir, dir), { withFileTypes: true }).catch(() => [])) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP.has(e.name) && !e.name.startsWith(".")) await walk(rel);
      } else if (SCHEMA_FILE.test(e.name)) {
        const text = await readFile(path.join(packageDir, rel), "utf8");
        if (/\bdefineSchema\s*\(/.test(text) && DEFAULT_EXPORT.test(text)) found.push(rel);
      }
    }
  };
  await walk("");
  const ts = found.filter((f) => /\.m?ts$/.test(f));
  const js = found.filter(
    (f) => /\.m?js$/.test(f) && (!/\/commonjs\//.test(f) || !found.includes(f.replace("/commonjs/", "/esm/"))),
  );
  const asCase = (f: string, compiledCopy: boolean): OracleCase => ({
    name: `${packageName}/${f}`,
    root: packageDir,
    functionsDir: joinPath("", path.posix.dirname(f)),
    ...(compiledCopy ? { compiledCopy } : {}),
  });
  return [...ts.sort().map((f) => asCase(f, false)), ...js.sort().map((f) => asCase(f, ts.length > 0))];
}

/** Every schema shipped by the packages a corpus folder's package.json depends on (installed in its node_modules). */
export async function corpusSchemas(corpus: string): Promise<OracleCase[]> {
  const corpusDir = path.resolve(corpus);
  const manifestFile = path.join(corpusDir, "package.json");
  const manifest = parsePackageJson(await readFile(manifestFile, "utf8"), manifestFile);
  const cases: OracleCase[] = [];
  for (const name of Object.keys(manifest.dependencies ?? {}).sort()) {
    const dir = path.join(corpusDir, "node_modules", name);
    if (!(await stat(dir).catch(() => undefined))?.isDirectory()) continue;
    cases.push(...(await packageSchemas(dir, name)));
  }
  return cases;
}

/** The corpus of real schemas that npm packages ship: eval/oracle-corpus (package.json and lockfile, exact versions). */
export const NPM_CORPUS = path.join(REPO_ROOT, "eval", "oracle-corpus");
const STAMP = ".schema-oracle-lock";

/**
 * Installs the corpus's packages from its lockfile when they are missing or the lockfile changed (the registry is
 * the only network use; `.npmrc` there skips install scripts and peer dependencies: `convex` is pinned by an
 * override to this repository's version). Returns what it did, for the test's output.
 */
export async function ensureCorpusInstalled(corpusDir = NPM_CORPUS): Promise<"installed" | "up to date"> {
  const lock = await readFile(path.join(corpusDir, "package-lock.json"), "utf8");
  const want = createHash("sha256").update(lock).digest("hex");
  const stampFile = path.join(corpusDir, "node_modules", STAMP);
  if ((await readFile(stampFile, "utf8").catch(() => "")) === want) return "up to date";
  // Under `npm test` the environment carries the outer project's npm settings (npm_config_local_prefix=<repo>):
  // the corpus's install must see only its own folder and .npmrc.
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^npm_/i.test(k)) delete env[k];
  await new Promise<void>((resolve, reject) =>
    execFile(
      "npm",
      ["install", "--prefix", corpusDir, "--no-audit", "--no-fund", "--no-save"],
      { cwd: corpusDir, env, timeout: 10 * 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`npm install in ${corpusDir} failed: ${stderr.trim() || error.message}`)) : resolve(),
    ),
  );
  await writeFile(stampFile, want);
  return "installed";
}
