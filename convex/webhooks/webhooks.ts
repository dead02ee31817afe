import { ConvexError, v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalMutation, internalQuery, mutation, query, type MutationCtx } from "../_generated/server";
import { audit, requireMember } from "../lib/access";
import { decryptText, encryptText, envKeyRing, needsRotation, randomSecret } from "../lib/crypto";
import { checkTargetUrl } from "../lib/webhookTarget";

/** Events a webhook can subscribe to. */
export const WEBHOOK_EVENTS = [
  "analysis.completed",
  "migration.started",
  "migration.completed",
  "migration.failed",
  "migration.rolledBack",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Attempts before a delivery is marked failed; waits grow 10 s, 20 s, 40 s, … */
export const MAX_ATTEMPTS = 6;
export const backoffMs = (attempt: number) => 10_000 * 2 ** (attempt - 1);

/**
 * Adds a webhook (owners only). The signing secret is returned once. Only https URLs to public addresses
 * (convex/lib/webhookTarget.ts); the host name is resolved and checked right after (webhooksDeliver.checkTarget).
 */
export const create = mutation({
  args: { projectId: v.id("projects"), url: v.string(), events: v.array(v.string()) },
  handler: async (ctx, { projectId, url, events }) => {
    const { user } = await requireMember(ctx, projectId, "owner");
    const check = checkTargetUrl(url);
    if (!check.ok) throw new ConvexError({ code: "INVALID", message: check.message });
    const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
    if (unknown.length || events.length === 0) {
      throw new ConvexError({
        code: "INVALID",
        message: `Choose events among ${WEBHOOK_EVENTS.join(", ")}${unknown.length ? `; unknown: "${unknown.join('", "')}"` : ""}.`,
      });
    }
    const secret = randomSecret("whsec_");
    // Encrypted at rest like message text; only the delivery action decrypts it.
    const stored = await encryptText(secret);
    const webhookId = await ctx.db.insert("webhooks", {
      projectId,
      url,
      events,
      secret: stored,
      active: true,
      createdBy: user._id,
      createdAt: Date.now(),
    });
    await ctx.scheduler.runAfter(0, internal.webhooks.deliverNode.checkTarget, { webhookId, url });
    await audit(ctx, {
      projectId,
      actorId: user._id,
      action: "webhook.create",
      target: webhookId,
      details: { url, events },
    });
    return { webhookId, secret };
  },
});

/** Turns a webhook off, saying why (its target resolved to an address it may not call). */
export const disable = internalMutation({
  args: { webhookId: v.id("webhooks"), reason: v.string() },
  handler: async (ctx, { webhookId, reason }) => {
    const hook = await ctx.db.get(webhookId);
    if (!hook) return;
    await ctx.db.patch(webhookId, { active: false, disabledReason: reason });
    await audit(ctx, {
      projectId: hook.projectId,
      action: "webhook.disable",
      target: webhookId,
      details: { url: hook.url, reason },
      source: "system",
    });
  },
});

/** A project's webhooks without secrets (owners only). */
export const list = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    await requireMember(ctx, projectId, "owner");
    const rows = await ctx.db
      .query("webhooks")
      .withIndex("by_project", (q) => q.eq("projectId", projectId))
      .collect();
    return rows.map(({ secret: _secret, ...rest }) => rest);
  },
});

/** Deletes a webhook (owners only); its delivery log stays for the record. */
export const remove = mutation({
  args: { webhookId: v.id("webhooks") },
  handler: async (ctx, { webhookId }) => {
    const hook = await ctx.db.get(webhookId);
    if (!hook) throw new ConvexError({ code: "NOT_FOUND", message: "Webhook not found." });
    const { user } = await requireMember(ctx, hook.projectId, "owner", "Webhook not found.");
    await ctx.db.delete(webhookId);
    await audit(ctx, {
      projectId: hook.projectId,
      actorId: user._id,
      action: "webhook.delete",
      target: webhookId,
      details: { url: hook.url },
    });
  },
});

/** The delivery log, newest first (owners only). */
export const deliveries = query({
  args: { projectId: v.id("projects"), limit: v.optional(v.number()) },
  handler: async (ctx, { projectId, limit }) => {
    await requireMember(ctx, projectId, "owner");
    const rows = await ctx.db
      .query("webhookDeliveries")
      .withIndex("by_project", (q) => q.eq("projectId", projectId))
      .order("desc")
      .take(Math.min(limit ?? 50, 200));
    return rows.map(({ payload: _payload, ...rest }) => rest);
  },
});

/**
 * Queues an event for every active webhook of the project that subscribes to it. Call from any mutation, e.g.
 * `await emitWebhookEvent(ctx, projectId, "migration.completed", { runId })`.
 */
export async function emitWebhookEvent(
  ctx: MutationCtx,
  projectId: Id<"projects">,
  event: WebhookEvent,
  data: Record<string, unknown>,
): Promise<void> {
  const hooks = await ctx.db
    .query("webhooks")
    .withIndex("by_project", (q) => q.eq("projectId", projectId))
    .collect();
  const now = Date.now();
  for (const hook of hooks) {
    if (!hook.active || !hook.events.includes(event)) continue;
    const id = await ctx.db.insert("webhookDeliveries", {
      projectId,
      webhookId: hook._id,
      event,
      status: "pending",
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      payload: JSON.stringify({ event, projectId, occurredAt: now, data }),
    });
    await ctx.scheduler.runAfter(0, internal.webhooks.deliverNode.deliver, { deliveryId: id });
  }
}

/** `emitWebhookEvent` for actions and other modules. */
export const emit = internalMutation({
  args: { projectId: v.id("projects"), event: v.string(), data: v.any() },
  handler: async (ctx, { projectId, event, data }): Promise<void> => {
    if (!(WEBHOOK_EVENTS as readonly string[]).includes(event)) throw new Error(`Unknown webhook event "${event}".`);
    await emitWebhookEvent(ctx, projectId, event as WebhookEvent, data ?? {});
  },
});

/**
 * Re-encrypts webhook secrets under the current MESSAGE_KEYS key, including rows stored before secrets were
 * encrypted (plain text). The last part of the key rotation (retention.rotateMessageKeys → rotateTitles → here).
 */
export const rotateSecrets = internalMutation({
  args: { cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, { cursor }): Promise<{ rotated: number; done: boolean }> => {
    const ring = envKeyRing();
    if (!ring) return { rotated: 0, done: true };
    const page = await ctx.db.query("webhooks").paginate({ cursor: cursor ?? null, numItems: 200 });
    let rotated = 0;
    for (const hook of page.page) {
      if (!needsRotation(hook.secret, ring)) continue;
      await ctx.db.patch(hook._id, { secret: await encryptText(await decryptText(hook.secret, ring), ring) });
      rotated++;
    }
    if (!page.isDone)
      await ctx.scheduler.runAfter(0, internal.webhooks.webhooks.rotateSecrets, { cursor: page.continueCursor });
    return { rotated, done: page.isDone };
  },
});

/** What one attempt needs; `secret` is as stored (encrypted), for the delivery action to decrypt. */
export const forDelivery = internalQuery({
  args: { deliveryId: v.id("webhookDeliveries") },
  handler: async (
    ctx,
    { deliveryId },
  ): Promise<{ url: string; secret: string; payload: string; attempts: number; event: string } | null> => {
    const delivery = await ctx.db.get(deliveryId);
    const hook = delivery ? await ctx.db.get(delivery.webhookId) : null;
    if (!delivery || !hook || delivery.status !== "pending") return null;
    return {
      url: hook.url,
      secret: hook.secret,
      payload: delivery.payload,
      attempts: delivery.attempts,
      event: delivery.event,
    };
  },
});

/** Records one attempt; schedules the next with backoff or marks the delivery failed (at once when `final`). */
export const recordAttempt = internalMutation({
  args: {
    deliveryId: v.id("webhookDeliveries"),
    ok: v.boolean(),
    statusCode: v.optional(v.number()),
    error: v.optional(v.string()),
    final: v.optional(v.boolean()),
  },
  handler: async (ctx, { deliveryId, ok, statusCode, error, final }): Promise<void> => {
    const delivery = await ctx.db.get(deliveryId);
    if (!delivery) return;
    const attempts = delivery.attempts + 1;
    const now = Date.now();
    if (ok) {
      await ctx.db.patch(deliveryId, {
        status: "delivered",
        attempts,
        lastStatusCode: statusCode,
        lastError: undefined,
        nextAttemptAt: undefined,
        updatedAt: now,
      });
    } else if (final || attempts >= MAX_ATTEMPTS) {
      await ctx.db.patch(deliveryId, {
        status: "failed",
        attempts,
        lastStatusCode: statusCode,
        lastError: error,
        nextAttemptAt: undefined,
        updatedAt: now,
      });
    } else {
      const wait = backoffMs(attempts);
      await ctx.db.patch(deliveryId, {
        attempts,
        lastStatusCode: statusCode,
        lastError: error,
        nextAttemptAt: now + wait,
        updatedAt: now,
      });
      await ctx.scheduler.runAfter(wait, internal.webhooks.deliverNode.deliver, { deliveryId });
    }
  },
});
