"use node";
// The assistant edits schema.ts with the parser (a native addon) and may call a model: Node runtime.
import { v } from "convex/values";
import { designFromRequest, type Proposal, type Usage } from "../lib/assistant";
import { runAssistant } from "./lib/openaiModel";
import { generateForRequest } from "../lib/assistant/codegen-intent";
import { lintSchema } from "../lib/lint";
import type { SchemaModel } from "../lib/schema/model";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { internalAction } from "./_generated/server";
import { proposeOperations } from "./proposalsNode";

/** Runs the assistant for one reply: the answer is a validated proposal, stored as a pending version. */
export const reply = internalAction({
  args: { replyId: v.id("messages"), userId: v.id("users") },
  handler: async (ctx, { replyId, userId }) => {
    try {
      const context = await ctx.runQuery(internal.conversations.replyContext, { replyId });
      const base = await ctx.runQuery(internal.proposals.baseForProposal, { projectId: context.projectId });
      const schema = JSON.parse(base.modelJson) as SchemaModel;
      const code = generateForRequest(context.request, schema);
      if (code) {
        await ctx.runMutation(internal.conversations.finishReply, { replyId, status: "done", ...codeReply(code) });
        return;
      }
      const lint = (s: SchemaModel) => lintSchema(s);
      const apiKey = process.env.OPENAI_API_KEY;
      const stream = streamer((text) => ctx.runMutation(internal.conversations.appendDelta, { replyId, text }));
      const proposal: Proposal & { usage?: Usage } = apiKey
        ? await runAssistant({
            request: context.request,
            schema,
            history: context.history,
            env: { apiKey, baseURL: process.env.OPENAI_BASE_URL || undefined, model: process.env.OPENAI_MODEL || undefined },
            onDelta: stream.push,
            lint,
          })
        : designFromRequest(context.request, schema, { history: context.history.filter((t) => t.role === "user").map((t) => t.content), lint });
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
      await ctx.runMutation(internal.conversations.finishReply, {
        replyId,
        text: replyText(proposal, notes),
        status: "done",
        proposalJson: JSON.stringify(proposalSummary(proposal)),
        proposalVersionId,
        promptTokens: proposal.usage?.promptTokens,
        completionTokens: proposal.usage?.completionTokens,
      });
    } catch (err) {
      await ctx.runMutation(internal.conversations.finishReply, {
        replyId,
        text: `The assistant could not answer: ${err instanceof Error ? err.message : String(err)}`,
        status: "error",
      });
    }
  },
});

/** A code request's answer: which functions were generated, and the files to copy or write with the CLI. */
function codeReply(code: NonNullable<ReturnType<typeof generateForRequest>>) {
  const lines = code.tables.map((t) => `- ${t.table} → convex/${t.module}.ts: ${t.functions.join(", ")}${t.owner ? ` (rows owned through "${t.owner}")` : ""}`);
  const notes = [...code.tables.flatMap((t) => t.notes), ...code.todos.map((t) => t.message)];
  const text = [
    `Generated Convex functions for ${code.tablesAsked.map((t) => `"${t}"`).join(", ")}:`,
    ...lines,
    ...(notes.length ? ["", "Notes:", ...notes.map((n) => `- ${n}`)] : []),
    "",
    `To write them into your project (with convex-test tests): schema-assistant generate . --tables ${code.tablesAsked.join(",")} --with-tests`,
  ].join("\n");
  return { text, proposalJson: JSON.stringify({ code: { files: code.files, tables: code.tablesAsked } }) };
}

/** The reply a person reads: the explanation, then what was assumed and what needs an answer. */
function replyText(p: Proposal, notes: string[]): string {
  const parts = [p.explanation, ...notes];
  if (p.destructive) parts.push(`This change can lose or invalidate data (${p.destructiveReasons.join(" ")}); approving it creates a migration plan.`);
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
  };
}

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
