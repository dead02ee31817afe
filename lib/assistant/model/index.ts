/**
 * The model path: a chat model proposes operations through one tool call. Arguments are checked with zod and
 * applyOperations; invalid ones go back to the model with the errors (at most `maxRepairs` times) and are then
 * rejected. Model errors and timeouts fall back to the deterministic designer. The model is a `ModelClient` passed
 * in (convex/lib/openaiModel.ts adapts OpenAI-compatible servers), so this file does no I/O.
 */
import type { SchemaModel } from "../../schema/model";
import { applyOperations } from "../../schema/operations";
import { count } from "../../text";
import { designFromRequest, DEFAULT_MAX_REQUEST } from "../designer/index";
import { proposalArgsJsonSchema, proposalArgsSchema, zodErrors, type ProposalArgs } from "../operation-schemas";
import { finalizeProposal } from "../proposal";
import type { ChatTurn, Proposal, ProposalHooks, Usage } from "../types";
import { ModelTimeoutError, type ModelClient, type ModelMessage, type ModelTool } from "./client";
import { MAX_HISTORY_TURNS, schemaForPrompt, SYSTEM_PROMPT, TOOL_NAME } from "./prompt";

export interface ProposeWithModelInput extends ProposalHooks {
  request: string;
  schema: SchemaModel;
  /** Earlier turns, oldest first. @default [] */
  history?: ChatTurn[];
  /** The model; without one the designer answers (and `noModelReason` says why). */
  client?: ModelClient;
  /** @default "No model is configured, so the deterministic designer answered." */
  noModelReason?: string;
  /** Called with each text delta as it streams. */
  onDelta?: (text: string) => void;
  /** Repair rounds after an invalid tool call. @default 2 */
  maxRepairs?: number;
  /** @default 4000 */
  maxRequestLength?: number;
}

export type AssistantResult = Proposal & { usage?: Usage; attempts: number };

const PROPOSAL_TOOL: () => ModelTool = () => ({
  name: TOOL_NAME,
  description: "Propose typed changes to the Convex schema.",
  parameters: proposalArgsJsonSchema() as Record<string, unknown>,
});

/**
 * Answers a request with the model when a client is given, else with the designer. Never throws for model or
 * network problems: the result says what happened in `fallbackReason` / `errors`.
 */
export async function proposeWithModel(input: ProposeWithModelInput): Promise<AssistantResult> {
  const { request, schema, client } = input;
  const text = (request ?? "").trim();
  const designer = (reason?: string): AssistantResult => {
    const p = designFromRequest(text, schema, {
      history: (input.history ?? []).filter((t) => t.role === "user").map((t) => t.content),
      maxRequestLength: input.maxRequestLength,
      print: input.print,
      lint: input.lint,
    });
    return { ...p, ...(reason ? { fallbackReason: reason } : {}), attempts: 0 };
  };
  if (!client)
    return designer(input.noModelReason ?? "No model is configured, so the deterministic designer answered.");
  if (!text || text.length > (input.maxRequestLength ?? DEFAULT_MAX_REQUEST)) return designer();
  const usage: Usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  try {
    const messages: ModelMessage[] = [
      { role: "system", content: `${SYSTEM_PROMPT}\n\n${schemaForPrompt(schema)}` },
      ...(input.history ?? [])
        .slice(-MAX_HISTORY_TURNS)
        .map((t): ModelMessage => ({ role: t.role, content: t.content })),
      { role: "user", content: text },
    ];
    const tools = [PROPOSAL_TOOL()];
    const maxRepairs = input.maxRepairs ?? 2;
    let lastErrors: string[] = [];
    for (let attempt = 1; attempt <= maxRepairs + 1; attempt++) {
      const turn = await client.complete({ messages, tools, onDelta: input.onDelta });
      addUsage(usage, turn.usage);
      if (!turn.toolCall) {
        // A plain answer is a question back to the user: no operations.
        const question = turn.content.trim() || "Could you describe the change you want in more detail?";
        return {
          ...finalizeProposal(
            schema,
            { operations: [], explanation: question, questions: [question], confidence: 0.2, source: "model" },
            input,
          ),
          usage,
          attempts: attempt,
        };
      }
      const checked = checkArguments(turn.toolCall.arguments, schema);
      if (checked.ok) {
        const args = checked.args;
        const proposal = finalizeProposal(
          schema,
          {
            operations: args.operations,
            explanation: args.explanation || turn.content.trim(),
            assumptions: args.assumptions,
            questions: args.questions,
            confidence: args.confidence,
            source: "model",
          },
          input,
        );
        return { ...proposal, usage, attempts: attempt };
      }
      lastErrors = checked.errors;
      messages.push(
        { role: "assistant", content: turn.content || null, toolCalls: [turn.toolCall] },
        {
          role: "tool",
          toolCallId: turn.toolCall.id,
          content: `Invalid: ${checked.errors.join(" ")} Call ${TOOL_NAME} again with corrected operations.`,
        },
      );
    }
    return { ...rejected(schema, lastErrors, maxRepairs, input), usage, attempts: maxRepairs + 1 };
  } catch (error) {
    const reason =
      error instanceof ModelTimeoutError
        ? `${error.message}, so the deterministic designer answered.`
        : `The model request failed (${error instanceof Error ? error.message : String(error)}), so the deterministic designer answered.`;
    return { ...designer(reason), usage: usage.totalTokens ? usage : undefined };
  }
}

function addUsage(total: Usage, add: Usage | undefined): void {
  if (!add) return;
  total.promptTokens += add.promptTokens;
  total.completionTokens += add.completionTokens;
  total.totalTokens += add.totalTokens;
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
    return {
      ok: false,
      errors: applied.errors.map((e) =>
        e.index >= 0 ? `operations[${e.index}] (${e.operation.op}): ${e.message}` : e.message,
      ),
    };
  }
  return { ok: true, args: parsed.data };
}

function rejected(schema: SchemaModel, errors: string[], repairs: number, hooks: ProposalHooks): Proposal {
  const reason = `The model's operations were still invalid after ${count(repairs, "repair attempt")}: ${errors.join(" ")}`;
  const p = finalizeProposal(
    schema,
    { operations: [], explanation: reason, confidence: 0, source: "model", fallbackReason: reason },
    hooks,
  );
  return { ...p, valid: false, errors };
}
