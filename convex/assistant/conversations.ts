import { ConvexError, v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import {
  internalMutation,
  internalQuery,
  type MutationCtx,
  mutation,
  query,
  type QueryCtx,
} from "../_generated/server";
import { audit, requireMember } from "../lib/access";
import { decryptText, encryptText, envKeyRing } from "../lib/crypto";

/** Longest message accepted; the assistant explains the limit instead of failing. */
export const MAX_MESSAGE_LENGTH = 4000;

/** A project's conversations, most recently active first. */
export const list = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    await requireMember(ctx, projectId);
    const rows = await ctx.db
      .query("conversations")
      .withIndex("by_project", (q) => q.eq("projectId", projectId))
      .order("desc")
      .take(100);
    const ring = envKeyRing();
    return await Promise.all(rows.map(async (c) => ({ ...c, title: await decryptText(c.title, ring) })));
  },
});

/** Starts a conversation on a project. */
export const create = mutation({
  args: { projectId: v.id("projects"), title: v.optional(v.string()) },
  handler: async (ctx, { projectId, title }) => {
    const { user } = await requireMember(ctx, projectId, "editor");
    const now = Date.now();
    const id = await ctx.db.insert("conversations", {
      projectId,
      title: title?.trim() ? await encryptText(title.trim()) : "New conversation",
      createdBy: user._id,
      createdAt: now,
      updatedAt: now,
    });
    await audit(ctx, { projectId, actorId: user._id, action: "conversation.create", target: id });
    return id;
  },
});

/** The messages of a conversation, oldest first, with author names. */
export const messages = query({
  args: { conversationId: v.id("conversations") },
  handler: async (ctx, { conversationId }) => {
    const conversation = await ctx.db.get(conversationId);
    if (!conversation) throw new ConvexError({ code: "NOT_FOUND", message: "Conversation not found." });
    await requireMember(ctx, conversation.projectId, "viewer", "Conversation not found.");
    const rows = await ctx.db
      .query("messages")
      .withIndex("by_conversation", (q) => q.eq("conversationId", conversationId))
      .take(500);
    const names = new Map<Id<"users">, string>();
    for (const m of rows) {
      if (m.authorId && !names.has(m.authorId))
        names.set(m.authorId, (await ctx.db.get(m.authorId))?.name ?? "Unknown");
    }
    const ring = envKeyRing();
    return await Promise.all(
      rows.map(async (m) => ({
        ...m,
        text: await decryptText(m.text, ring),
        proposalJson: m.proposalJson === undefined ? undefined : await decryptText(m.proposalJson, ring),
        authorName: m.authorId ? names.get(m.authorId) : "Assistant",
        version: m.proposalVersionId ? await versionView(ctx, m.proposalVersionId) : null,
      })),
    );
  },
});

/**
 * The two messages of a turn: the user's (encrypted at rest with `ring`) and the assistant's pending reply right
 * after it, which the reply streams into. Shared by the dashboard chat and POST /api/schema/chat.
 */
export async function insertTurn(
  ctx: MutationCtx,
  turn: {
    conversationId: Id<"conversations">;
    projectId: Id<"projects">;
    authorId: Id<"users">;
    text: string;
    now: number;
    ring: ReturnType<typeof envKeyRing>;
  },
): Promise<{ userMessageId: Id<"messages">; replyId: Id<"messages"> }> {
  const base = { conversationId: turn.conversationId, projectId: turn.projectId };
  const userMessageId = await ctx.db.insert("messages", {
    ...base,
    role: "user",
    authorId: turn.authorId,
    text: await encryptText(turn.text, turn.ring),
    status: "done",
    createdAt: turn.now,
  });
  const replyId = await ctx.db.insert("messages", {
    ...base,
    role: "assistant",
    text: "",
    status: "pending",
    createdAt: turn.now + 1,
  });
  return { userMessageId, replyId };
}

/**
 * Stores the user's message and a pending assistant reply, then schedules the assistant. The reply streams into
 * that message, so every viewer of the conversation sees it grow.
 */
export const send = mutation({
  args: { conversationId: v.id("conversations"), text: v.string() },
  handler: async (ctx, { conversationId, text }) => {
    const conversation = await ctx.db.get(conversationId);
    if (!conversation) throw new ConvexError({ code: "NOT_FOUND", message: "Conversation not found." });
    const { user } = await requireMember(ctx, conversation.projectId, "editor", "Conversation not found.");
    const trimmed = text.trim();
    if (!trimmed) throw new ConvexError({ code: "INVALID", message: "Write a message first." });
    if (trimmed.length > MAX_MESSAGE_LENGTH) {
      throw new ConvexError({
        code: "TOO_LARGE",
        message: `Messages are limited to ${MAX_MESSAGE_LENGTH} characters; split the request into smaller steps.`,
      });
    }
    const now = Date.now();
    // Message text (and the title taken from it) is encrypted at rest when MESSAGE_KEYS is set.
    const ring = envKeyRing();
    const { userMessageId, replyId } = await insertTurn(ctx, {
      conversationId,
      projectId: conversation.projectId,
      authorId: user._id,
      text: trimmed,
      now,
      ring,
    });
    const title =
      conversation.title === "New conversation" ? await encryptText(trimmed.slice(0, 60), ring) : conversation.title;
    await ctx.db.patch(conversationId, { updatedAt: now, title });
    await ctx.scheduler.runAfter(0, internal.assistant.replyNode.reply, { replyId, userId: user._id });
    await audit(ctx, {
      projectId: conversation.projectId,
      actorId: user._id,
      action: "message.send",
      target: userMessageId,
    });
    return { userMessageId, replyId };
  },
});

/** Everything the assistant needs for one reply: the request, earlier turns and the current schema. */
export const replyContext = internalQuery({
  args: { replyId: v.id("messages") },
  handler: async (ctx, { replyId }) => {
    const reply = await ctx.db.get(replyId);
    if (!reply) throw new Error(`Message ${replyId} not found.`);
    const turns = await ctx.db
      .query("messages")
      .withIndex("by_conversation", (q) => q.eq("conversationId", reply.conversationId))
      .take(200);
    const before = turns.filter((m) => m.createdAt < reply.createdAt && m.status === "done");
    const request = before.filter((m) => m.role === "user").at(-1);
    const ring = envKeyRing();
    return {
      projectId: reply.projectId,
      conversationId: reply.conversationId,
      request: request ? await decryptText(request.text, ring) : "",
      history: await Promise.all(
        before.slice(0, -1).map(async (m) => ({ role: m.role, content: await decryptText(m.text, ring) })),
      ),
    };
  },
});

/** Appends streamed text to a reply. */
export const appendDelta = internalMutation({
  args: { replyId: v.id("messages"), text: v.string() },
  handler: async (ctx, { replyId, text }) => {
    const reply = await ctx.db.get(replyId);
    if (!reply || reply.status === "done" || reply.status === "error") return;
    const ring = envKeyRing();
    await ctx.db.patch(replyId, {
      text: await encryptText((await decryptText(reply.text, ring)) + text, ring),
      status: "streaming",
    });
  },
});

/** Completes a reply with its final text, proposal and token use. */
export const finishReply = internalMutation({
  args: {
    replyId: v.id("messages"),
    text: v.string(),
    status: v.union(v.literal("done"), v.literal("error")),
    proposalJson: v.optional(v.string()),
    proposalVersionId: v.optional(v.id("schemaVersions")),
    promptTokens: v.optional(v.number()),
    completionTokens: v.optional(v.number()),
  },
  handler: async (ctx, { replyId, promptTokens, completionTokens, ...fields }) => {
    const reply = await ctx.db.get(replyId);
    if (!reply) return;
    // The proposal quotes the request (questions, assumptions): encrypted like the text.
    const ring = envKeyRing();
    await ctx.db.patch(replyId, {
      ...fields,
      text: await encryptText(fields.text, ring),
      proposalJson: fields.proposalJson === undefined ? undefined : await encryptText(fields.proposalJson, ring),
    });
    if (promptTokens || completionTokens) {
      const conversation = await ctx.db.get(reply.conversationId);
      if (conversation) {
        await ctx.db.patch(conversation._id, {
          promptTokens: (conversation.promptTokens ?? 0) + (promptTokens ?? 0),
          completionTokens: (conversation.completionTokens ?? 0) + (completionTokens ?? 0),
        });
      }
    }
  },
});

/** The proposed version behind a reply: its status now, and both sources for the diff. */
async function versionView(ctx: QueryCtx, versionId: Id<"schemaVersions">) {
  const version = await ctx.db.get(versionId);
  if (!version) return null;
  const parent = version.parentVersionId ? await ctx.db.get(version.parentVersionId) : null;
  // An approved change that must migrate data stays pending until its plan has run.
  const plan =
    version.status === "pending"
      ? (
          await ctx.db
            .query("migrationPlans")
            .withIndex("by_project", (q) => q.eq("projectId", version.projectId))
            .order("desc")
            .take(50)
        ).find((p) => p.toVersionId === versionId)
      : undefined;
  // A pending proposal made on an older version can no longer be approved (approve answers STALE): say so up front.
  const project = version.status === "pending" && !plan ? await ctx.db.get(version.projectId) : null;
  return {
    planStatus: plan?.status,
    outdated: project ? project.currentVersionId !== version.parentVersionId : false,
    _id: version._id,
    status: version.status,
    semver: version.semver,
    parentSemver: parent?.semver,
    source: version.source,
    parentSource: parent?.source ?? "",
    modelJson: version.modelJson,
  };
}
