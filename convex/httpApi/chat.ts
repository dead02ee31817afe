import { v } from "convex/values";
import type { ProposalInfo } from "../../lib/stored/reply";
import { internalMutation, internalQuery } from "../_generated/server";
import { insertTurn } from "../assistant/conversations";
import { audit } from "../lib/access";
import { encryptText, envKeyRing } from "../lib/crypto";

/**
 * Stores an API chat turn (the token's project and creator; role checked by the HTTP layer): a new or existing
 * conversation of that project, the user's message and a pending reply. Returns null for a conversation of
 * another project, so ids cannot be probed.
 */
export const start = internalMutation({
  args: {
    projectId: v.id("projects"),
    userId: v.id("users"),
    tokenId: v.id("apiTokens"),
    message: v.string(),
    conversationId: v.optional(v.string()),
  },
  handler: async (ctx, args) => {
    const now = Date.now();
    const ring = envKeyRing();
    let conversationId =
      args.conversationId === undefined ? null : ctx.db.normalizeId("conversations", args.conversationId);
    if (args.conversationId !== undefined) {
      const existing = conversationId ? await ctx.db.get(conversationId) : null;
      if (!existing || existing.projectId !== args.projectId) return null;
      await ctx.db.patch(existing._id, { updatedAt: now });
    } else {
      conversationId = await ctx.db.insert("conversations", {
        projectId: args.projectId,
        title: await encryptText(args.message.slice(0, 60), ring),
        createdBy: args.userId,
        createdAt: now,
        updatedAt: now,
      });
    }
    const { userMessageId, replyId } = await insertTurn(ctx, {
      conversationId: conversationId!,
      projectId: args.projectId,
      authorId: args.userId,
      text: args.message,
      now,
      ring,
    });
    await audit(ctx, {
      projectId: args.projectId,
      actorId: args.userId,
      action: "message.send",
      target: userMessageId,
      details: { tokenId: args.tokenId },
      source: "api",
    });
    return { conversationId: conversationId!, replyId };
  },
});

/** The finished reply with its proposal and the proposed schema.ts. */
export const result = internalQuery({
  args: { replyId: v.id("messages") },
  handler: async (ctx, { replyId }) => {
    const reply = await ctx.db.get(replyId);
    if (!reply) return null;
    const version = reply.proposalVersionId ? await ctx.db.get(reply.proposalVersionId) : null;
    return {
      text: reply.text,
      status: reply.status,
      proposalJson: reply.proposalJson,
      versionSource: version?.source,
      versionId: version?._id,
    };
  },
});

/**
 * Optional fields of the chat response (added after the original contract): what the message asked for, what ran,
 * the findings with file:line, the proposed operations and generated files. Absent when the reply has none.
 */
export function chatExtras(p: Partial<ProposalInfo>): Record<string, unknown> {
  return {
    ...(p.intent ? { intent: p.intent } : {}),
    ...(p.ran?.length ? { ran: p.ran } : {}),
    ...(p.findings?.length ? { findings: p.findings } : {}),
    ...(p.operations?.length ? { operations: p.operations } : {}),
    ...(p.code?.files ? { generatedFiles: p.code.files } : {}),
  };
}
