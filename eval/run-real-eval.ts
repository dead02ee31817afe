/**
 * The real-app eval (eval/README.md): design requests mined from public Convex apps' READMEs and change requests
 * over their real schemas.
 *   npx tsx eval/run-real-eval.ts [--set dev|test] [--model] [--verbose] [--only design|change] [--kind KIND] [--designer PATH]
 *     [--half a|b]
 * --model answers through the model path (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL; any OpenAI-compatible
 * server); default is the deterministic designer. --verbose lists each failed case, on the dev set only: nobody
 * tunes on the test set's failures. --kind runs only change requests of one kind (addRelation, offTopic, …).
 * --designer loads designFromRequest from another checkout (baselines).
 * --half a|b keeps only the dev apps whose sha256(repo) is even (a) or odd (b), by repository so that one app's
 * requests stay together: tune while reading half a's failures, judge each rule by its effect on half b.
 * --set fresh-a|fresh-b|fresh-c|fresh-d (or --changes-file PATH) runs change requests written apart from the reader
 * (eval/real/fresh-changes-{a,b,c,d}.json, eval/README.md "Fresh wordings"): a, c and d are for tuning, b is the holdout,
 * so --verbose refuses b. --by-kind prints "applied exactly" per kind (counts only, allowed on every set).
 * --set fresh runs the fresh design holdout (eval/real/fresh.json, eval/README.md "Fresh design holdout"): design
 * requests only, from apps in none of the other lists; --verbose refuses it.
 * --set tune runs the second design tuning set (eval/real/tune-designs.json, eval/README.md "Design tuning set"):
 * design requests only, from apps in none of the other lists; for tuning, so --verbose is allowed.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Proposal } from "../lib/assistant/types";
import type { SchemaModel } from "../lib/schema/model";
import type { EvalSet } from "./real/cases";
import { formatSummary, runRealEval, type Assistant } from "./real/score";

const DIR = path.dirname(fileURLToPath(import.meta.url));

export function loadSet(name: "dev" | "test"): EvalSet {
  return JSON.parse(readFileSync(path.join(DIR, "real", `${name}.json`), "utf8")) as EvalSet;
}

/** The files of the fresh change requests (eval/README.md, "Fresh wordings"). */
export const FRESH_FILES = {
  "fresh-a": path.join(DIR, "real", "fresh-changes-a.json"),
  "fresh-b": path.join(DIR, "real", "fresh-changes-b.json"),
  "fresh-c": path.join(DIR, "real", "fresh-changes-c.json"),
  "fresh-d": path.join(DIR, "real", "fresh-changes-d.json"),
} as const;

/** The fresh design holdout (eval/README.md, "Fresh design holdout"). */
export const FRESH_DESIGN_FILE = path.join(DIR, "real", "fresh.json");

/** The second design tuning set (eval/README.md, "Design tuning set"). */
export const TUNE_DESIGN_FILE = path.join(DIR, "real", "tune-designs.json");

/**
 * A set read from a file (a fresh change-request file, or any file of the same shape); its `set` may be
 * "fresh-a" / "fresh-b" besides "dev" / "test".
 */
export function loadSetFile(file: string): EvalSet {
  return JSON.parse(readFileSync(file, "utf8")) as EvalSet;
}

/** True when `set` (read from `file`) is the fresh holdout, whose failures are not for reading. */
export function isHoldout(set: EvalSet, file?: string): boolean {
  return (
    (set.set as string) === "test" ||
    (set.set as string) === "fresh-b" ||
    (set.set as string) === "fresh" ||
    (file !== undefined && path.resolve(file) === path.resolve(FRESH_FILES["fresh-b"]))
  );
}

/** "applied exactly" (and the no-operation kinds) per kind, counts only; two-change requests also on their own line. */
export function byKindLines(change: Array<{ id: string; category: string; ok: boolean }>): string[] {
  const by = new Map<string, [number, number]>();
  const bump = (k: string, ok: boolean): void => {
    const r = by.get(k) ?? [0, 0];
    by.set(k, [r[0] + (ok ? 1 : 0), r[1] + 1]);
  };
  for (const c of change) {
    bump(c.category, c.ok);
    if (c.id.includes("&")) bump("(two changes in one message)", c.ok);
  }
  return ["by kind:", ...[...by].map(([k, [h, t]]) => `  ${k.padEnd(30)} ${h}/${t} (${((h / t) * 100).toFixed(1)}%)`)];
}

/** "a" when sha256(repo)'s last byte is even, "b" when odd. */
export function halfOf(repo: string): "a" | "b" {
  const digest = createHash("sha256").update(repo).digest();
  return (digest[digest.length - 1] ?? 0) % 2 === 0 ? "a" : "b";
}

/** The set restricted to one half of its apps (by repository). */
export function keepHalf(set: EvalSet, half: "a" | "b"): EvalSet {
  const keep = (repo: string): boolean => halfOf(repo) === half;
  return {
    ...set,
    apps: Object.fromEntries(Object.entries(set.apps).filter(([repo]) => keep(repo))),
    design: set.design.filter((c) => keep(c.repo)),
    change: set.change.filter((c) => keep(c.repo)),
  };
}

type Design = (request: string, schema: SchemaModel, options?: { history?: string[] }) => Proposal;

async function main(argv: string[]): Promise<void> {
  const arg = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const changesFile = arg("--changes-file");
  const setArg = arg("--set");
  if (changesFile && setArg) throw new Error("--changes-file and --set are exclusive.");
  const setName = setArg ?? "dev";
  if (!changesFile && !["dev", "test", "fresh-a", "fresh-b", "fresh-c", "fresh-d", "fresh", "tune"].includes(setName))
    throw new Error(`--set must be dev, test, fresh-a, fresh-b, fresh-c, fresh-d, fresh or tune, not "${setName}".`);
  const file =
    changesFile ??
    (setName === "fresh-a" || setName === "fresh-b" || setName === "fresh-c" || setName === "fresh-d"
      ? FRESH_FILES[setName]
      : setName === "fresh"
        ? FRESH_DESIGN_FILE
        : setName === "tune"
          ? TUNE_DESIGN_FILE
          : undefined);
  const loaded = file !== undefined ? loadSetFile(file) : loadSet(setName as "dev" | "test");
  const verbose = argv.includes("--verbose");
  if (verbose && isHoldout(loaded, file))
    throw new Error(
      `--verbose lists failures; it refuses the holdout sets (test, fresh-b, fresh): their failures are not for tuning.`,
    );
  const half = arg("--half");
  if (half !== undefined && half !== "a" && half !== "b") throw new Error(`--half must be a or b, not "${half}".`);
  if (half && loaded.set !== "dev") throw new Error("--half splits the dev set only.");
  let assistant: Assistant;
  if (argv.includes("--model")) {
    const { runAssistant } = await import("../convex/lib/openaiModel");
    const env = {
      apiKey: process.env.OPENAI_API_KEY ?? "not-needed",
      baseURL: process.env.OPENAI_BASE_URL,
      model: process.env.OPENAI_MODEL,
    };
    assistant = (request, schema) =>
      runAssistant({ request, schema, env, timeoutMs: Number(process.env.EVAL_TIMEOUT_MS ?? 120_000) });
  } else {
    const from = arg("--designer");
    const mod = (await import(from ? pathToFileURL(path.resolve(from)).href : "../lib/assistant/designer/index")) as {
      designFromRequest: Design;
    };
    assistant = (request, schema) => mod.designFromRequest(request, schema, { history: [] });
  }
  // The fresh design holdout and the design tuning set have design requests only.
  const only =
    loaded.set === "fresh" || loaded.set === "tune" ? "design" : (arg("--only") as "design" | "change" | undefined);
  const started = performance.now();
  const summary = await runRealEval(half ? keepHalf(loaded, half) : loaded, assistant, { only, kind: arg("--kind") });
  const kinds = argv.includes("--by-kind") ? `\n${byKindLines(summary.change).join("\n")}` : "";
  process.stdout.write(
    `${formatSummary(summary, verbose)}${kinds}\n(${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
