/** Helpers for tests that drive a running embedded backend. */

export interface UntilOptions {
  /** Named in the timeout error. @default "the condition" */
  what?: string;
  /** @default 10_000 */
  timeoutMs?: number;
  /** @default 50 */
  intervalMs?: number;
}

/** Reads until `ok` holds for the value read, and returns it; throws with the last value when time runs out. */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, options: UntilOptions = {}): Promise<T> {
  const { what = "the condition", timeoutMs = 10_000, intervalMs = 50 } = options;
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}; last value ${JSON.stringify(v)?.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
