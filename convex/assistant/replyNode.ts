"use node";
// The assistant edits schema.ts with the parser (a native addon) and may call a model: Node runtime.
import { storedFiles, storedModel } from "../../lib/stored/model";
import { v } from "convex/values";
import { designFromRequest, type Proposal, type Usage } from "../../lib/assistant";
import { DEFAULT_MODEL, runAssistant } from "../lib/openaiModel";
import { sampledStats } from "../lib/optimizerStats";
import {
  answerWithEngines,
  classifyIntent,
  finishDesign,
  grammarAnswer,
  type ProjectContext,
} from "../../lib/assistant/turn";
import { lintSchema } from "../../lib/lint";
import type { SchemaModel } from "../../lib/schema/model";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalAction } from "../_generated/server";
import { proposeOperations } from "../schemaVersions/proposalsNode";

/** Runs the assistant for one reply: the answer is a validated proposal, stored as a pending version. */
export const reply = internalAction({
  args: { replyId: v.id("messages"), userId: v.id("users") },
  handler: async (ctx, { replyId, userId }) => {
    try {
      const context = await ctx.runQuery(internal.assistant.conversations.replyContext, { replyId });
      const base = await ctx.runQuery(internal.schemaVersions.proposals.baseForProposal, {
        projectId: context.projectId,
      });
      const schema = storedModel.parse(base.modelJson, `schemaVersions ${base.versionId}`);
      const lint = (s: SchemaModel) => lintSchema(s);
      // Optimizer, lint, impact, code and off-topic messages are answered by their engine, without the model.
      const project: ProjectContext = {
        schema,
        files: {
          ...(base.filesJson ? storedFiles.parse(base.filesJson, `schemaVersions ${base.versionId} filesJson`) : {}),
          "convex/schema.ts": base.source,
        },
      };
      if (classifyIntent(context.request, schema).intent === "optimize")
        project.stats = await sampledStats(ctx, context.projectId, schema);
      const userHistory = context.history.filter((t) => t.role === "user").map((t) => t.content);
      const routed =
        answerWithEngines(context.request, project, { lint }) ??
        (process.env.OPENAI_API_KEY
          ? grammarAnswer(context.request, project, { lint, history: userHistory })
          : undefined);
      const apiKey = process.env.OPENAI_API_KEY;
      const stream = streamer((text) =>
        ctx.runMutation(internal.assistant.conversations.appendDelta, { replyId, text }),
      );
      const proposal: Proposal & { usage?: Usage } =
        routed ?? (await design(context, schema, apiKey, stream.push, lint));
      await stream.flush();
      let proposalVersionId: Id<"schemaVersions"> | undefined;
      const notes: string[] = [];
      if (proposal.valid && proposal.operations.length > 0) {
        const stored = await proposeOperations(ctx, {
          projectId: context.projectId,
          authorId: userId,
          operations: proposal.operations,
          summary: context.request.slice(0, 120),
          origin: "dashboard",
        });
        if (stored.ok) proposalVersionId = stored.versionId;
        else notes.push(`The change could not be applied to schema.ts: ${stored.errors.join(" ")}`);
      }
      await ctx.runMutation(internal.assistant.conversations.finishReply, {
        replyId,
        text: replyText(proposal, notes),
        status: "done",
        proposalJson: JSON.stringify(proposalSummary(proposal)),
        proposalVersionId,
        promptTokens: proposal.usage?.promptTokens,
        completionTokens: proposal.usage?.completionTokens,
      });
    } catch (err) {
      await ctx.runMutation(internal.assistant.conversations.finishReply, {
        replyId,
        text: `The assistant could not answer: ${err instanceof Error ? err.message : String(err)}`,
        status: "error",
      });
    }
  },
});

/** A design or change: the model when a key is set (it falls back to the designer), else the designer. */
async function design(
  context: { request: string; history: { role: "user" | "assistant"; content: string }[] },
  schema: SchemaModel,
  apiKey: string | undefined,
  onDelta: (text: string) => void,
  lint: (s: SchemaModel) => ReturnType<typeof lintSchema>,
): Promise<Proposal & { usage?: Usage }> {
  const proposed: Proposal & { usage?: Usage } = apiKey
    ? await runAssistant({
        request: context.request,
        schema,
        history: context.history,
        env: {
          apiKey,
          baseURL: process.env.OPENAI_BASE_URL || undefined,
          model: process.env.OPENAI_MODEL || undefined,
        },
        onDelta,
        lint,
      })
    : designFromRequest(context.request, schema, {
        history: context.history.filter((t) => t.role === "user").map((t) => t.content),
        lint,
      });
  const ran =
    proposed.source === "model"
      ? `model ${process.env.OPENAI_MODEL || DEFAULT_MODEL}`
      : `designer (deterministic${proposed.fallbackReason ? "; the model's answer was not used" : ", no model"})`;
  return { ...finishDesign(context.request, schema, proposed, ran), usage: proposed.usage };
}

/** The reply a person reads: the explanation, then what was assumed and what needs an answer, then what ran. */
function replyText(p: Proposal, notes: string[]): string {
  const parts = [p.explanation, ...notes];
  if (p.destructive)
    parts.push(
      `This change can lose or invalidate data (${p.destructiveReasons.join(" ")}); approving it creates a migration plan.`,
    );
  if (p.ran?.length) parts.push(`Ran: ${p.ran.join("; ")}.`);
  return parts.filter(Boolean).join("\n\n");
}

/** What the chat panel shows beside the reply; the full schema lives in the pending version. */
function proposalSummary(p: Proposal) {
  return {
    operations: p.operations,
    assumptions: p.assumptions,
    questions: p.questions,
    confidence: p.confidence,
    destructive: p.destructive,
    destructiveReasons: p.destructiveReasons,
    lint: p.lint.slice(0, 20),
    source: p.source,
    fallbackReason: p.fallbackReason,
    valid: p.valid,
    errors: p.errors,
    intent: p.intent,
    ran: p.ran,
    findings: p.findings?.slice(0, MAX_FINDINGS),
    ...(p.code ? { code: p.code } : {}),
  };
}

/** Findings kept with a reply (the rest are one CLI command away). */
const MAX_FINDINGS = 50;

/** Batches streamed text into a mutation at most every 200 ms, so every viewer sees the reply grow. */
function streamer(write: (text: string) => Promise<unknown>) {
  let buffer = "";
  let chain: Promise<unknown> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const drain = () => {
    timer = null;
    const text = buffer;
    buffer = "";
    if (text) chain = chain.then(() => write(text));
  };
  return {
    push(text: string) {
      buffer += text;
      timer ??= setTimeout(drain, 200);
    },
    async flush() {
      if (timer) clearTimeout(timer);
      drain();
      await chain;
    },
  };
}
