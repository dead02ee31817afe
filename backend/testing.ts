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
    if (Date.now() > end)
      throw new Error(`Timed out waiting for ${what}; last value ${JSON.stringify(v)?.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The password test accounts use (long enough for local sign-in's rule). */
export const TEST_PASSWORD = "correct horse battery staple";

/**
 * Signs a test user in on a running backend through local sign-in: creates the account (the first one on a fresh
 * backend, or any with open sign-up) or, when it exists, signs in with TEST_PASSWORD.
 */
export async function localSignIn(
  url: string,
  user: { name?: string; email: string; password?: string },
): Promise<{ token: string; expiresAt: number; sessionId: string }> {
  const body = {
    name: user.name ?? user.email.split("@")[0],
    email: user.email,
    password: user.password ?? TEST_PASSWORD,
  };
  const post = (path: string) =>
    fetch(`${url}/local-auth/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  let res = await post("sign-up");
  if (res.status === 409) res = await post("sign-in");
  if (!res.ok) throw new Error(`local sign-in of ${user.email} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { token: string; expiresAt: number; sessionId: string };
}
