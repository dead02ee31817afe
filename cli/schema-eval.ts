/**
 * Evaluated reading, the fallback where static reading stops: bundles the project's schema the way the Convex CLI
 * does (esbuild, the project's own node_modules) and runs `schema.export()` in a child Node process with a time and
 * memory limit. Only ever on the user's own machine (CLI, backend, language server); code that arrives over the
 * network is never run.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Plugin } from "esbuild";
import { fromConvexExport, hasUnresolved, mergeEvaluated, type MergedReading } from "../lib/schema/evaluated";
import type { Diagnostic, SchemaModel } from "../lib/schema/model";
import { matchAlias, type PathAlias } from "../lib/schema/paths";
import { dirname, joinPath } from "../lib/schema/project";
import { REPO_ROOT } from "./repo-root";

export interface EvaluateInput {
  /** Source files by path from the project root (as lib/schema/project collects them). */
  files: Record<string, string>;
  entry: string;
  aliases?: PathAlias[];
  /** The project's folder: packages resolve from its node_modules (and this tool's own as a last resort). */
  root: string;
  /** @default 15000 */
  timeoutMs?: number;
  /** Heap limit of the child process. @default 512 */
  maxMemoryMb?: number;
}

export type EvaluateResult = { ok: true; json: unknown } | { ok: false; error: Diagnostic };

const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".js", ".jsx", ".mjs", "/index.ts", "/index.js"];

/** Runs the schema and returns its `export()` JSON, or a located SA120 warning naming what failed. */
export async function evaluateSchema(input: EvaluateInput): Promise<EvaluateResult> {
  let code: string;
  try {
    // Loaded here, not at the top: most schemas never need evaluating, and esbuild costs every CLI start ≈70 ms.
    const { build } = await import("esbuild");
    const out = await build({
      entryPoints: [`project:${input.entry}`],
      bundle: true,
      platform: "node",
      format: "esm",
      write: false,
      logLevel: "silent",
      sourcemap: "inline",
      absWorkingDir: input.root,
      nodePaths: [path.join(REPO_ROOT, "node_modules")],
      plugins: [projectFiles(input)],
    });
    code = out.outputFiles[0].text;
  } catch (e) {
    const first = (
      e as { errors?: Array<{ text: string; location?: { file: string; line: number; column: number } | null }> }
    ).errors?.[0];
    const loc = first?.location
      ? {
          file: first.location.file.replace(/^project:/, ""),
          line: first.location.line,
          column: first.location.column + 1,
        }
      : undefined;
    return fail(
      `The schema could not be bundled for evaluation: ${first?.text ?? (e as Error).message}${loc ? "" : "."}`,
      loc,
    );
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "sa-schema-eval-"));
  try {
    const file = path.join(dir, "schema.mjs");
    await writeFile(file, code);
    return await runExport(file, input);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The collected files as an esbuild namespace: relative and aliased imports stay in memory, packages go to disk. */
function projectFiles(input: EvaluateInput): Plugin {
  const find = (base: string) => {
    const stem = base.replace(/\.(m|c)?js$/, "");
    return [...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.slice(1).map((e) => stem + e)].find(
      (c) => c in input.files,
    );
  };
  return {
    name: "project-files",
    setup(b) {
      b.onResolve({ filter: /^project:/ }, (a) => ({ path: a.path.slice("project:".length), namespace: "project" }));
      b.onResolve({ filter: /.*/, namespace: "project" }, (a) => {
        const fromDir = dirname(a.importer);
        const target = a.path.startsWith(".")
          ? find(joinPath(fromDir, a.path))
          : (matchAlias(a.path, input.aliases ?? [])?.paths ?? []).map((p) => find(joinPath("", p))).find(Boolean);
        if (target) return { path: target, namespace: "project" };
        if (a.path.startsWith(".")) return { errors: [{ text: `Cannot find "${a.path}" imported by ${a.importer}` }] };
        return undefined; // a package: esbuild resolves it from the project's folder
      });
      b.onLoad({ filter: /.*/, namespace: "project" }, (a) => ({
        contents: input.files[a.path],
        loader: /\.(tsx|jsx)$/.test(a.path) ? "tsx" : /\.m?js$/.test(a.path) ? "js" : "ts",
        resolveDir: path.join(input.root, dirname(a.path)),
      }));
    },
  };
}

// Runs in the child: imports the bundle and prints what Convex would push.
const RUNNER = `
const mod = await import(process.argv[1]);
const schema = mod.default;
if (!schema || typeof schema.export !== "function") throw new Error("the default export is not a defineSchema(...) value");
process.stdout.write(schema.export());
`;

function runExport(file: string, input: EvaluateInput): Promise<EvaluateResult> {
  const timeoutMs = input.timeoutMs ?? 15_000;
  const args = [
    `--max-old-space-size=${input.maxMemoryMb ?? 512}`,
    "--enable-source-maps",
    "--input-type=module",
    "-e",
    RUNNER,
    `file://${file}`,
  ];
  return new Promise((resolve) => {
    // No inherited environment: the schema runs as it would on Convex, and sees none of this shell's secrets.
    execFile(
      process.execPath,
      args,
      {
        encoding: "utf8",
        cwd: input.root,
        env: { PATH: process.env.PATH ?? "", NODE_ENV: "production" },
        timeout: timeoutMs,
        killSignal: "SIGKILL",
        maxBuffer: 256 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) {
          if (error.killed || error.signal === "SIGKILL")
            return resolve(
              fail(`Evaluating the schema took longer than ${timeoutMs} ms (or ran out of memory) and was stopped.`),
            );
          return resolve(
            fail(`Evaluating the schema threw: ${firstError(stderr) ?? error.message}`, thrownAt(stderr, input.files)),
          );
        }
        try {
          resolve({ ok: true, json: JSON.parse(stdout) });
        } catch (e) {
          resolve(fail(`Evaluating the schema printed something that is not schema JSON (${(e as Error).message}).`));
        }
      },
    );
  });
}

/** The thrown error's message line from a child's stderr (Node prints the source line and a caret first). */
function firstError(stderr: string): string | undefined {
  return stderr
    .split("\n")
    .find((l) => /^\w*Error\b|^Uncaught /.test(l.trim()))
    ?.trim();
}

/** The first stack frame in one of the project's files (the bundle's source map names them "project:<path>"). */
function thrownAt(stderr: string, files: Record<string, string>): Diagnostic["loc"] {
  for (const m of stderr.matchAll(/project:([^\s:()]+):(\d+):(\d+)/g)) {
    if (m[1] in files) return { file: m[1], line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

function fail(message: string, loc?: Diagnostic["loc"]): EvaluateResult {
  return { ok: false, error: { code: "SA120", severity: "warning", message, ...(loc ? { loc } : {}) } };
}

export type EvaluationMode = "auto" | "always" | "never";

/** The mode from SCHEMA_ASSISTANT_EVALUATE (auto, always, never); auto when unset. */
export function evaluationModeFromEnv(env: Record<string, string | undefined> = process.env): EvaluationMode {
  const v = env.SCHEMA_ASSISTANT_EVALUATE?.trim().toLowerCase();
  if (!v) return "auto";
  if (v === "auto" || v === "always" || v === "never") return v;
  throw new Error(`SCHEMA_ASSISTANT_EVALUATE must be auto, always or never, not "${env.SCHEMA_ASSISTANT_EVALUATE}".`);
}

/**
 * The static model, completed by evaluation when it left something unresolved (mode "auto"), always ("always") or
 * never. A failed evaluation keeps the static model and adds its SA120 warning.
 */
export async function completeByEvaluation(
  model: SchemaModel,
  input: EvaluateInput,
  mode: EvaluationMode = "auto",
): Promise<MergedReading & { evaluated: boolean }> {
  const unchanged = (m: SchemaModel) => ({ schema: m, evaluatedTables: [], notes: [], evaluated: false });
  if (mode === "never" || (mode === "auto" && !hasUnresolved(model))) return unchanged(model);
  const r = await evaluateSchema(input);
  if (!r.ok) return unchanged({ ...model, warnings: [...model.warnings, r.error] });
  try {
    return { ...mergeEvaluated(model, fromConvexExport(r.json)), evaluated: true };
  } catch (e) {
    const error: Diagnostic = {
      code: "SA120",
      severity: "warning",
      message: `Evaluating the schema gave an unexpected result: ${(e as Error).message}`,
    };
    return unchanged({ ...model, warnings: [...model.warnings, error] });
  }
}
