import { ConvexError, v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation, mutation } from "../_generated/server";
import { audit, requireMember } from "../lib/access";
import { decryptText, encryptText, envKeyRing, needsRotation } from "../lib/crypto";

const DAY = 86_400_000;
/** Conversations deleted per transaction; the purge reschedules itself until done. */
const BATCH = 50;

/** Sets how many days conversations are kept after their last message (owners only); null keeps them forever. */
export const setRetention = mutation({
  args: { projectId: v.id("projects"), retentionDays: v.union(v.number(), v.null()) },
  handler: async (ctx, { projectId, retentionDays }) => {
    const { user, project } = await requireMember(ctx, projectId, "owner");
    if (retentionDays !== null && !(Number.isInteger(retentionDays) && retentionDays >= 1 && retentionDays <= 3650)) {
      throw new ConvexError({ code: "INVALID", message: "Retention is a whole number of days from 1 to 3650." });
    }
    await ctx.db.patch(projectId, {
      settings: { ...project.settings, retentionDays: retentionDays ?? undefined },
      updatedAt: Date.now(),
    });
    await audit(ctx, { projectId, actorId: user._id, action: "project.retention", details: { retentionDays } });
  },
});

/**
 * Deletes conversations (and their messages) idle for longer than their project's retention period. Run daily by
 * convex/crons.ts; each run handles a batch and schedules the next one.
 */
export const purgeExpired = internalMutation({
  args: {},
  handler: async (ctx): Promise<{ deleted: number }> => {
    const now = Date.now();
    let deleted = 0;
    for await (const project of ctx.db.query("projects")) {
      const days = project.settings?.retentionDays;
      if (!days) continue;
      const old = await ctx.db
        .query("conversations")
        .withIndex("by_project", (q) => q.eq("projectId", project._id).lt("updatedAt", now - days * DAY))
        .take(BATCH - deleted);
      for (const c of old) {
        const messages = await ctx.db
          .query("messages")
          .withIndex("by_conversation", (q) => q.eq("conversationId", c._id))
          .collect();
        for (const m of messages) await ctx.db.delete(m._id);
        await ctx.db.delete(c._id);
      }
      if (old.length)
        await audit(ctx, {
          projectId: project._id,
          action: "conversation.purge",
          details: { count: old.length, retentionDays: days },
          source: "system",
        });
      deleted += old.length;
      if (deleted >= BATCH) {
        await ctx.scheduler.runAfter(0, internal.privacy.retention.purgeExpired, {});
        break;
      }
    }
    return { deleted };
  },
});

/**
 * Key rotation: re-encrypts what users wrote — message text and proposals, conversation titles, version summaries —
 * and webhook secrets not under the current MESSAGE_KEYS key (or still in plain text, as rows written before they
 * were encrypted), a page at a time. Run after putting a new key first in MESSAGE_KEYS; old keys can be removed once
 * the chain's last step (webhooks.rotateSecrets) reports `done`.
 */
export const rotateMessageKeys = internalMutation({
  args: { cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, { cursor }): Promise<{ rotated: number; done: boolean }> => {
    const ring = envKeyRing();
    if (!ring) throw new Error("MESSAGE_KEYS is not set; there is no key to rotate to.");
    const page = await ctx.db.query("messages").paginate({ cursor: cursor ?? null, numItems: 200 });
    let rotated = 0;
    for (const m of page.page) {
      const proposal = m.proposalJson !== undefined && needsRotation(m.proposalJson, ring);
      if (!needsRotation(m.text, ring) && !proposal) continue;
      await ctx.db.patch(m._id, {
        text: needsRotation(m.text, ring) ? await encryptText(await decryptText(m.text, ring), ring) : m.text,
        ...(proposal ? { proposalJson: await encryptText(await decryptText(m.proposalJson!, ring), ring) } : {}),
      });
      rotated++;
    }
    if (!page.isDone)
      await ctx.scheduler.runAfter(0, internal.privacy.retention.rotateMessageKeys, { cursor: page.continueCursor });
    else await ctx.scheduler.runAfter(0, internal.privacy.retention.rotateTitles, {});
    return { rotated, done: page.isDone };
  },
});

/** The titles' part of the rotation. */
export const rotateTitles = internalMutation({
  args: { cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, { cursor }): Promise<{ rotated: number; done: boolean }> => {
    const ring = envKeyRing();
    if (!ring) return { rotated: 0, done: true };
    const page = await ctx.db.query("conversations").paginate({ cursor: cursor ?? null, numItems: 200 });
    let rotated = 0;
    for (const c of page.page) {
      if (c.title === "New conversation" || !needsRotation(c.title, ring)) continue;
      await ctx.db.patch(c._id, { title: await encryptText(await decryptText(c.title, ring), ring) });
      rotated++;
    }
    if (!page.isDone)
      await ctx.scheduler.runAfter(0, internal.privacy.retention.rotateTitles, { cursor: page.continueCursor });
    else await ctx.scheduler.runAfter(0, internal.privacy.retention.rotateSummaries, {});
    return { rotated, done: page.isDone };
  },
});

/** The version summaries' part of the rotation (they quote the request that led to the version). */
export const rotateSummaries = internalMutation({
  args: { cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, { cursor }): Promise<{ rotated: number; done: boolean }> => {
    const ring = envKeyRing();
    if (!ring) return { rotated: 0, done: true };
    const page = await ctx.db.query("schemaVersions").paginate({ cursor: cursor ?? null, numItems: 25 });
    let rotated = 0;
    for (const ver of page.page) {
      if (!needsRotation(ver.summary, ring)) continue;
      await ctx.db.patch(ver._id, { summary: await encryptText(await decryptText(ver.summary, ring), ring) });
      rotated++;
    }
    if (!page.isDone)
      await ctx.scheduler.runAfter(0, internal.privacy.retention.rotateSummaries, { cursor: page.continueCursor });
    else await ctx.scheduler.runAfter(0, internal.webhooks.webhooks.rotateSecrets, {});
    return { rotated, done: page.isDone };
  },
});
