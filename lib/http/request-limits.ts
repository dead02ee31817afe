/**
 * Limits applied before any work is done on a request: body size while it streams in (so a huge body is cut off
 * after `max` bytes, before authentication completes) and a per-address allowance for unauthenticated attempts.
 * Used by the embedded backend's servers (backend/http-api.ts) and by the dashboard's proxy of the HTTP API
 * (app/api/schema/[...path]/route.ts). Pure web-standard code: the clock and the configured rate are passed in.
 */

/** A body longer than the limit; answered 413 PAYLOAD_TOO_LARGE. */
export class BodyTooLarge extends Error {
  constructor(readonly max: number) {
    super(`Request bodies are limited to ${max} bytes.`);
  }
}

/** The 413 answer body (the HTTP API's error shape). */
export function tooLargeBody(max: number): { error: { code: "PAYLOAD_TOO_LARGE"; message: string } } {
  return { error: { code: "PAYLOAD_TOO_LARGE", message: `Request bodies are limited to ${max} bytes.` } };
}

/** A declared Content-Length above `max` is refused before one byte is read. */
export function declaredTooLarge(contentLength: string | null | undefined, max: number): boolean {
  const n = Number(contentLength ?? "");
  return Number.isFinite(n) && n > max;
}

/** Reads chunks until the end, throwing BodyTooLarge as soon as more than `max` bytes have arrived. */
export async function collectLimited(chunks: AsyncIterable<Uint8Array>, max: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const c of chunks) {
    size += c.byteLength;
    if (size > max) throw new BodyTooLarge(max);
    parts.push(c);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/**
 * Per-minute allowance of unauthenticated attempts per address from its setting (the ANON_RATE_PER_MINUTE variable
 * in both servers): a number ≥ 0 (0 turns the limit off); 120 when unset, empty or not such a number.
 */
export function anonRateFrom(setting: string | undefined): number {
  const n = Number(setting);
  return setting !== undefined && setting !== "" && Number.isFinite(n) && n >= 0 ? n : 120;
}

/**
 * Token buckets by client address: each unauthenticated attempt (no credentials, or refused credentials) takes a
 * token; an address with none left is answered 429 RATE_LIMITED with Retry-After until its bucket refills.
 * Callers with valid credentials take nothing, so they are limited per token instead (convex/lib/rateLimit.ts).
 */
export class AddressLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** `perMinute` is read on every check (so a changed setting applies at once); `now` is the clock in ms. */
  constructor(
    private readonly perMinute: () => number,
    private readonly now: () => number,
  ) {}

  private bucket(address: string) {
    const rate = this.perMinute();
    const capacity = Math.max(1, Math.ceil(rate / 2));
    const t = this.now();
    const b = this.buckets.get(address) ?? { tokens: capacity, at: t };
    b.tokens = Math.min(capacity, b.tokens + ((t - b.at) * rate) / 60_000);
    b.at = t;
    this.buckets.set(address, b);
    if (this.buckets.size > 10_000) this.prune(capacity);
    return { b, rate };
  }

  /** Seconds until `address` may try again, or 0 when it has allowance left (checking takes nothing). */
  retryAfter(address: string): number {
    const { b, rate } = this.bucket(address);
    if (rate === 0 || b.tokens >= 1) return 0;
    return Math.max(1, Math.ceil(((1 - b.tokens) * 60_000) / rate / 1000));
  }

  /** Counts one unauthenticated attempt. */
  take(address: string): void {
    const { b, rate } = this.bucket(address);
    if (rate > 0) b.tokens = Math.max(0, b.tokens - 1);
  }

  /** Forgets full buckets (addresses that have been quiet long enough). */
  private prune(capacity: number): void {
    for (const [k, b] of this.buckets) if (b.tokens >= capacity) this.buckets.delete(k);
  }
}

/** The 429 answer body. */
export function rateLimitedBody(retryAfterSeconds: number): { error: { code: "RATE_LIMITED"; message: string } } {
  return {
    error: {
      code: "RATE_LIMITED",
      message: `Too many unauthenticated requests from this address; retry in ${retryAfterSeconds} s.`,
    },
  };
}

/** Whether a request carries credentials of the HTTP API (an API token or a bearer header). */
export function hasCredentials(headers: { get(name: string): string | null }): boolean {
  return Boolean(headers.get("x-api-key")?.trim() || headers.get("authorization")?.trim());
}

/** Statuses that mean the credentials were missing or refused. */
export function isAuthFailure(status: number): boolean {
  return status === 401;
}
