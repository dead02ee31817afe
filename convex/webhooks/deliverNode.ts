"use node";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalAction } from "../_generated/server";
import { decryptText, hmacSha256Hex } from "../lib/crypto";
import { guardedPost, RefusedTarget, resolvePublic } from "../lib/guardedFetch";
import { checkTargetUrl } from "../lib/webhookTarget";

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as Stripe does. */
export const SIGNATURE_HEADER = "X-Schema-Assistant-Signature";

/** The signature header value for a body at a time (seconds). */
export async function signPayload(secret: string, body: string, timestamp: number): Promise<string> {
  return `t=${timestamp},v1=${await hmacSha256Hex(secret, `${timestamp}.${body}`)}`;
}

/**
 * Verifies a signature header for receivers: the HMAC must match and the timestamp be within `toleranceSeconds`
 * of `now` (replays of old payloads fail).
 */
export async function verifySignature(
  secret: string,
  body: string,
  header: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): Promise<boolean> {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || !parts.v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = await hmacSha256Hex(secret, `${t}.${body}`);
  if (expected.length !== parts.v1.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ parts.v1.charCodeAt(i);
  return diff === 0;
}

/**
 * Sends one delivery attempt (10 s timeout) to the webhook's checked, pinned address; any 2xx is success. A refused
 * target or a redirect ends the delivery as failed (retrying cannot help); other failures retry with backoff.
 */
export const deliver = internalAction({
  args: { deliveryId: v.id("webhookDeliveries") },
  handler: async (ctx, { deliveryId }): Promise<void> => {
    const d = await ctx.runQuery(internal.webhooks.webhooks.forDelivery, { deliveryId });
    if (!d) return;
    const timestamp = Math.floor(Date.now() / 1000);
    // Plain-text secrets (stored before encryption) pass through decryptText unchanged.
    const secret = await decryptText(d.secret);
    const headers = {
      "Content-Type": "application/json",
      [SIGNATURE_HEADER]: await signPayload(secret, d.payload, timestamp),
      "X-Schema-Assistant-Event": d.event,
    };
    const r = await guardedPost(d.url, headers, d.payload);
    await ctx.runMutation(
      internal.webhooks.webhooks.recordAttempt,
      r.ok
        ? { deliveryId, ok: true, statusCode: r.status }
        : { deliveryId, ok: false, statusCode: r.status, error: r.error, final: r.final },
    );
  },
});

/**
 * Resolves a new webhook's host once it is created (mutations cannot use DNS) and disables the webhook when the
 * name leads to a loopback, private, link-local or multicast address. A name that does not resolve yet is left
 * alone: every delivery resolves and checks again.
 */
export const checkTarget = internalAction({
  args: { webhookId: v.id("webhooks"), url: v.string() },
  handler: async (ctx, { webhookId, url }): Promise<void> => {
    const check = checkTargetUrl(url);
    let reason = check.ok ? null : check.message;
    if (check.ok) {
      try {
        await resolvePublic(check.url.hostname.replace(/^\[|\]$/g, ""));
      } catch (err) {
        if (err instanceof RefusedTarget) reason = err.message;
      }
    }
    if (reason) await ctx.runMutation(internal.webhooks.webhooks.disable, { webhookId, reason });
  },
});
