/**
 * Runs the assistant eval set and prints the scores:
 *   npx tsx eval/run-assistant-eval.ts [--verbose] [--model]
 * `--model` uses the model path (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL); default is the designer.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { designFromRequest } from "../lib/assistant";
import { runAssistant } from "../convex/lib/openaiModel";
import { formatSummary, runEval, type Assistant, type EvalCase } from "./assistant-eval";

/** Every case of eval/assistant/*.json, in file order. */
export function loadCases(dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "assistant")): EvalCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as EvalCase[]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const verbose = process.argv.includes("--verbose");
  const useModel = process.argv.includes("--model");
  const assistant: Assistant = useModel
    ? (request, schema, history) =>
        runAssistant({
          request,
          schema,
          history: history.map((content) => ({ role: "user" as const, content })),
          env: {
            apiKey: process.env.OPENAI_API_KEY,
            baseURL: process.env.OPENAI_BASE_URL,
            model: process.env.OPENAI_MODEL,
          },
          timeoutMs: 60_000,
        })
    : (request, schema, history) => designFromRequest(request, schema, { history });
  const summary = await runEval(loadCases(), assistant, () => performance.now());
  process.stdout.write(`${formatSummary(summary, verbose)}\n`);
}
