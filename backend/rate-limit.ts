/**
 * Fixed-window counters for the local sign-in routes (per address, per account). In memory: a restart forgets
 * them, which only ever gives an attacker one more window.
 */
export interface Limit {
  /** Attempts allowed per window. */
  max: number;
  windowMs: number;
}

interface Window {
  start: number;
  count: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one attempt under `key`; returns how long to wait when the limit is already reached. */
  take(key: string, limit: Limit): { ok: true } | { ok: false; retryAfterMs: number } {
    const now = this.now();
    this.prune(now, limit.windowMs);
    let w = this.windows.get(key);
    if (!w || now - w.start >= limit.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= limit.max) return { ok: false, retryAfterMs: w.start + limit.windowMs - now };
    w.count++;
    return { ok: true };
  }

  /** Whether `key` is at its limit, without counting an attempt. */
  blocked(key: string, limit: Limit): number | null {
    const w = this.windows.get(key);
    const now = this.now();
    if (!w || now - w.start >= limit.windowMs || w.count < limit.max) return null;
    return w.start + limit.windowMs - now;
  }

  /** Forgets `key` (a successful sign-in clears the account's failures). */
  reset(key: string): void {
    this.windows.delete(key);
  }

  /** Keeps the map small under a flood of distinct keys. */
  private prune(now: number, windowMs: number): void {
    if (this.windows.size < 10_000) return;
    for (const [k, w] of this.windows) if (now - w.start >= windowMs) this.windows.delete(k);
  }
}
