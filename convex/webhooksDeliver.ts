import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalAction } from "./_generated/server";
import { decryptText, hmacSha256Hex } from "./lib/crypto";

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
export async function verifySignature(secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): Promise<boolean> {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || !parts.v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = await hmacSha256Hex(secret, `${t}.${body}`);
  if (expected.length !== parts.v1.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ parts.v1.charCodeAt(i);
  return diff === 0;
}

/** Sends one delivery attempt (10 s timeout); any 2xx is success. */
export const deliver = internalAction({
  args: { deliveryId: v.id("webhookDeliveries") },
  handler: async (ctx, { deliveryId }): Promise<void> => {
    const d = await ctx.runQuery(internal.webhooks.forDelivery, { deliveryId });
    if (!d) return;
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      // Plain-text secrets (stored before encryption) pass through decryptText unchanged.
      const secret = await decryptText(d.secret);
      const res = await fetch(d.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", [SIGNATURE_HEADER]: await signPayload(secret, d.payload, timestamp), "X-Schema-Assistant-Event": d.event },
        body: d.payload,
        signal: AbortSignal.timeout(10_000),
      });
      await ctx.runMutation(internal.webhooks.recordAttempt, { deliveryId, ok: res.ok, statusCode: res.status, error: res.ok ? undefined : `HTTP ${res.status}` });
    } catch (err) {
      await ctx.runMutation(internal.webhooks.recordAttempt, { deliveryId, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  },
});
