/**
 * What the assistant needs from a language model, without naming a vendor or doing I/O: one streamed completion
 * with tools. The OpenAI-compatible adapter (convex/lib/openaiModel.ts) implements it; tests pass fakes.
 */
import type { Usage } from "../types";

export interface ModelToolCall {
  id: string;
  name: string;
  /** JSON text, as the model wrote it (it may be invalid). */
  arguments: string;
}

export type ModelMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string | null; toolCalls?: ModelToolCall[] }
  | { role: "tool"; toolCallId: string; content: string };

export interface ModelTool {
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
}

/** One completion: its text and the first tool call, if any. */
export interface ModelTurn {
  content: string;
  toolCall?: ModelToolCall;
  usage?: Usage;
}

export interface ModelClient {
  /** Streams one completion; text deltas go to `onDelta`. Throws on network and API errors. */
  complete(request: {
    messages: ModelMessage[];
    tools: ModelTool[];
    onDelta?: (text: string) => void;
  }): Promise<ModelTurn>;
}

/** Thrown by a client whose time budget ran out; the assistant then says so and lets the designer answer. */
export class ModelTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The model did not answer within ${timeoutMs} ms`);
    this.name = "ModelTimeoutError";
  }
}
