/**
 * The model path: an OpenAI-compatible chat model proposes operations through one tool call. Arguments are
 * checked with zod and applyOperations; invalid ones go back to the model with the errors (at most `maxRepairs`
 * times) and are then rejected. Timeouts and API errors fall back to the deterministic designer.
 * No Node I/O here: the SDK uses `fetch`, and the key is passed in.
 */
import OpenAI from "openai";
import type { ChatCompletionMessageParam, ChatCompletionMessageToolCall } from "openai/resources/chat/completions";
import type { SchemaModel } from "../../schema/model";
import { applyOperations } from "../../schema/operations";
import { designFromRequest, DEFAULT_MAX_REQUEST } from "../designer/index";
import { proposalArgsJsonSchema, proposalArgsSchema, zodErrors, type ProposalArgs } from "../operation-schemas";
import { finalizeProposal } from "../proposal";
import type { ChatTurn, Proposal, ProposalHooks, Usage } from "../types";
import { MAX_HISTORY_TURNS, schemaForPrompt, SYSTEM_PROMPT, TOOL_NAME } from "./prompt";

export interface ModelEnv {
  /** API key; without one the designer answers. */
  apiKey?: string;
  /** OpenAI-compatible endpoint, e.g. "http://127.0.0.1:8080/v1". @default OpenAI's */
  baseURL?: string;
  /** @default "gpt-4o-mini" */
  model?: string;
}

export interface RunAssistantInput extends ProposalHooks {
  request: string;
  schema: SchemaModel;
  /** Earlier turns, oldest first. @default [] */
  history?: ChatTurn[];
  env: ModelEnv;
  /** Whole-run budget including repairs. @default 60000 */
  timeoutMs?: number;
  /** Called with each text delta as it streams. */
  onDelta?: (text: string) => void;
  /** fetch to use (tests, proxies). @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Repair rounds after an invalid tool call. @default 2 */
  maxRepairs?: number;
  /** @default 4000 */
  maxRequestLength?: number;
}

export type AssistantResult = Proposal & { usage?: Usage; attempts: number };

export const DEFAULT_MODEL = "gpt-4o-mini";

/**
 * Answers a request with the model when a key is given, else with the designer. Never throws for model or
 * network problems: the result says what happened in `fallbackReason` / `errors`.
 */
export async function runAssistant(input: RunAssistantInput): Promise<AssistantResult> {
  const { request, schema, env } = input;
  const text = (request ?? "").trim();
  const designer = (reason?: string): AssistantResult => {
    const p = designFromRequest(text, schema, { history: (input.history ?? []).filter((t) => t.role === "user").map((t) => t.content), maxRequestLength: input.maxRequestLength, print: input.print, lint: input.lint });
    return { ...p, ...(reason ? { fallbackReason: reason } : {}), attempts: 0 };
  };
  if (!env.apiKey) return designer("No API key is configured, so the deterministic designer answered.");
  if (!text || text.length > (input.maxRequestLength ?? DEFAULT_MAX_REQUEST)) return designer();
  const timeoutMs = input.timeoutMs ?? 60_000;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const client = new OpenAI({ apiKey: env.apiKey, baseURL: env.baseURL, fetch: input.fetch, maxRetries: 0, timeout: timeoutMs });
  const usage: Usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  try {
    const messages: ChatCompletionMessageParam[] = [
      { role: "system", content: `${SYSTEM_PROMPT}\n\n${schemaForPrompt(schema)}` },
      ...(input.history ?? []).slice(-MAX_HISTORY_TURNS).map((t): ChatCompletionMessageParam => ({ role: t.role, content: t.content })),
      { role: "user", content: text },
    ];
    const maxRepairs = input.maxRepairs ?? 2;
    let lastErrors: string[] = [];
    for (let attempt = 1; attempt <= maxRepairs + 1; attempt++) {
      const turn = await streamTurn(client, env.model ?? DEFAULT_MODEL, messages, controller.signal, input.onDelta, usage);
      if (!turn.call) {
        // A plain answer is a question back to the user: no operations.
        const question = turn.content.trim() || "Could you describe the change you want in more detail?";
        return { ...finalizeProposal(schema, { operations: [], explanation: question, questions: [question], confidence: 0.2, source: "model" }, input), usage, attempts: attempt };
      }
      const checked = checkArguments(turn.call.function.arguments, schema);
      if (checked.ok) {
        const args = checked.args;
        const proposal = finalizeProposal(schema, {
          operations: args.operations,
          explanation: args.explanation || turn.content.trim(),
          assumptions: args.assumptions,
          questions: args.questions,
          confidence: args.confidence,
          source: "model",
        }, input);
        return { ...proposal, usage, attempts: attempt };
      }
      lastErrors = checked.errors;
      messages.push(
        { role: "assistant", content: turn.content || null, tool_calls: [turn.call] },
        { role: "tool", tool_call_id: turn.call.id, content: `Invalid: ${checked.errors.join(" ")} Call ${TOOL_NAME} again with corrected operations.` },
      );
    }
    return { ...rejected(schema, lastErrors, maxRepairs, input), usage, attempts: maxRepairs + 1 };
  } catch (error) {
    const reason = controller.signal.aborted
      ? `The model did not answer within ${timeoutMs} ms, so the deterministic designer answered.`
      : `The model request failed (${describeError(error)}), so the deterministic designer answered.`;
    return { ...designer(reason), usage: usage.totalTokens ? usage : undefined };
  } finally {
    clearTimeout(timer);
  }
}

type Checked = { ok: true; args: ProposalArgs } | { ok: false; errors: string[] };

/** JSON, then zod, then applyOperations: the first failing stage's errors. */
function checkArguments(raw: string, schema: SchemaModel): Checked {
  let json: unknown;
  try {
    json = JSON.parse(raw || "{}");
  } catch (e) {
    return { ok: false, errors: [`The tool arguments are not valid JSON (${(e as Error).message}).`] };
  }
  const parsed = proposalArgsSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  const applied = applyOperations(schema, parsed.data.operations);
  if (!applied.ok) {
    return { ok: false, errors: applied.errors.map((e) => (e.index >= 0 ? `operations[${e.index}] (${e.operation.op}): ${e.message}` : e.message)) };
  }
  return { ok: true, args: parsed.data };
}

function rejected(schema: SchemaModel, errors: string[], repairs: number, hooks: ProposalHooks): Proposal {
  const reason = `The model's operations were still invalid after ${repairs} repair ${repairs === 1 ? "attempt" : "attempts"}: ${errors.join(" ")}`;
  const p = finalizeProposal(schema, { operations: [], explanation: reason, confidence: 0, source: "model", fallbackReason: reason }, hooks);
  return { ...p, valid: false, errors };
}

interface Turn { content: string; call?: ChatCompletionMessageToolCall & { type: "function" } }

/** One streamed completion: text deltas go to `onDelta`, tool-call fragments are joined, usage is added up. */
async function streamTurn(client: OpenAI, model: string, messages: ChatCompletionMessageParam[], signal: AbortSignal, onDelta: ((t: string) => void) | undefined, usage: Usage): Promise<Turn> {
  const stream = await client.chat.completions.create({
    model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    tools: [{ type: "function", function: { name: TOOL_NAME, description: "Propose typed changes to the Convex schema.", parameters: proposalArgsJsonSchema() } }],
    tool_choice: "auto",
  }, { signal });
  let content = "";
  let call: Turn["call"];
  for await (const chunk of stream) {
    if (chunk.usage) {
      usage.promptTokens += chunk.usage.prompt_tokens ?? 0;
      usage.completionTokens += chunk.usage.completion_tokens ?? 0;
      usage.totalTokens += chunk.usage.total_tokens ?? 0;
    }
    const delta = chunk.choices[0]?.delta;
    if (!delta) continue;
    if (delta.content) {
      content += delta.content;
      onDelta?.(delta.content);
    }
    for (const tc of delta.tool_calls ?? []) {
      // Only the first call is used: the tool is meant to be called once per turn.
      if (tc.index !== 0) continue;
      call ??= { id: tc.id ?? "call_0", type: "function", function: { name: tc.function?.name ?? TOOL_NAME, arguments: "" } };
      if (tc.id) call.id = tc.id;
      call.function.arguments += tc.function?.arguments ?? "";
    }
  }
  return { content, call };
}

function describeError(error: unknown): string {
  if (error instanceof OpenAI.APIError) return `${error.status ?? "network"}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
