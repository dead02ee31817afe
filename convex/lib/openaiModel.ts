/**
 * The OpenAI-compatible adapter of the assistant's ModelClient (lib/assistant/model/client.ts), and `runAssistant`,
 * which answers with the model when a key is configured. Works with any server that speaks the chat completions API
 * with tools and streaming (OpenAI, Ollama, LM Studio, vLLM: set OPENAI_BASE_URL). Uses `fetch` only, so it runs in
 * Convex actions, the CLI and tests alike.
 */
import OpenAI from "openai";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { proposeWithModel, type AssistantResult, type ProposeWithModelInput } from "../../lib/assistant/model/index";
import { ModelTimeoutError, type ModelClient, type ModelMessage } from "../../lib/assistant/model/client";
import type { Usage } from "../../lib/assistant/types";

export interface ModelEnv {
  /** API key; without one the designer answers. */
  apiKey?: string;
  /** OpenAI-compatible endpoint, e.g. "http://127.0.0.1:11434/v1". @default OpenAI's */
  baseURL?: string;
  /** @default "gpt-4o-mini" */
  model?: string;
}

export const DEFAULT_MODEL = "gpt-4o-mini";

export interface OpenAIClientOptions extends ModelEnv {
  apiKey: string;
  /** Budget for every completion of this client together (a run with its repairs), from creation. @default 60000 */
  timeoutMs?: number;
  /** fetch to use (tests, proxies). @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** The model settings from the environment (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL). */
export function modelEnvFromProcess(env: Record<string, string | undefined> = process.env): ModelEnv {
  return {
    apiKey: env.OPENAI_API_KEY || undefined,
    baseURL: env.OPENAI_BASE_URL || undefined,
    model: env.OPENAI_MODEL || undefined,
  };
}

/** A ModelClient over an OpenAI-compatible server, with one deadline for all of its completions. */
export function createOpenAIClient(options: OpenAIClientOptions): ModelClient {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    fetch: options.fetch,
    maxRetries: 0,
    timeout: timeoutMs,
  });
  return {
    async complete({ messages, tools, onDelta }) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new ModelTimeoutError(timeoutMs);
      const signal = AbortSignal.timeout(remaining);
      try {
        const stream = await client.chat.completions.create(
          {
            model: options.model ?? DEFAULT_MODEL,
            messages: messages.map(toOpenAI),
            stream: true,
            stream_options: { include_usage: true },
            tools: tools.map((t) => ({ type: "function" as const, function: t })),
            tool_choice: "auto",
          },
          { signal },
        );
        let content = "";
        let call: { id: string; name: string; arguments: string } | undefined;
        const usage: Usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
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
            call ??= { id: tc.id ?? "call_0", name: tc.function?.name ?? tools[0]?.name ?? "", arguments: "" };
            if (tc.id) call.id = tc.id;
            call.arguments += tc.function?.arguments ?? "";
          }
        }
        return { content, toolCall: call, usage: usage.totalTokens ? usage : undefined };
      } catch (error) {
        if (signal.aborted) throw new ModelTimeoutError(timeoutMs);
        if (error instanceof OpenAI.APIError) throw new Error(`${error.status ?? "network"}: ${error.message}`);
        throw error;
      }
    },
  };
}

function toOpenAI(m: ModelMessage): ChatCompletionMessageParam {
  if (m.role === "tool") return { role: "tool", tool_call_id: m.toolCallId, content: m.content };
  if (m.role === "assistant") {
    return {
      role: "assistant",
      content: m.content,
      ...(m.toolCalls?.length
        ? {
            tool_calls: m.toolCalls.map((c) => ({
              id: c.id,
              type: "function" as const,
              function: { name: c.name, arguments: c.arguments },
            })),
          }
        : {}),
    };
  }
  return { role: m.role, content: m.content };
}

export interface RunAssistantInput extends Omit<ProposeWithModelInput, "client" | "noModelReason"> {
  env: ModelEnv;
  /** Whole-run budget including repairs. @default 60000 */
  timeoutMs?: number;
  /** fetch to use (tests, proxies). @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** Answers with the configured model, or with the deterministic designer when no key is set. */
export function runAssistant(input: RunAssistantInput): Promise<AssistantResult> {
  const { env, timeoutMs, fetch, ...rest } = input;
  const client = env.apiKey ? createOpenAIClient({ ...env, apiKey: env.apiKey, timeoutMs, fetch }) : undefined;
  return proposeWithModel({
    ...rest,
    client,
    noModelReason: "No API key is configured, so the deterministic designer answered.",
  });
}

export type { AssistantResult };
