"use node";
/**
 * Outbound requests to user-chosen URLs (webhooks) that cannot be turned against the deployment's own network:
 * the host name is resolved once, every address it resolves to must be a public unicast address
 * (convex/lib/webhookTarget.ts), and the connection goes to exactly those checked addresses — the lookup is the
 * connection's own, so a DNS answer that changes between check and connect (rebinding) is never used. Redirects
 * are not followed: the 3xx is the result.
 */
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import { Agent, fetch as undiciFetch } from "undici";
import { allowPrivateTargets, checkTargetUrl, forbiddenAddressReason } from "./webhookTarget";

/** A target the guard refused; its message names the address and range. */
export class RefusedTarget extends Error {}

/** Resolves `host` and returns its addresses, or throws RefusedTarget when any of them may not be called. */
export async function resolvePublic(host: string, allowPrivate = allowPrivateTargets()): Promise<dns.LookupAddress[]> {
  const addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
  if (!allowPrivate) {
    for (const a of addresses) {
      const reason = forbiddenAddressReason(a.address);
      if (reason) throw new RefusedTarget(`${host} resolves to ${reason}.`);
    }
  }
  return addresses;
}

/** net/tls `lookup` that answers only with checked addresses. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return ((
    hostname: string,
    options: dns.LookupOptions,
    callback: (err: Error | null, address: string | dns.LookupAddress[], family?: number) => void,
  ) => {
    resolvePublic(hostname, allowPrivate).then(
      (addresses) => {
        const wanted =
          options.family === 4 || options.family === 6
            ? addresses.filter((a) => a.family === options.family)
            : addresses;
        if (wanted.length === 0)
          return callback(
            Object.assign(new Error(`${hostname} has no IPv${options.family} address.`), { code: "ENOTFOUND" }),
            "",
          );
        if (options.all) callback(null, wanted);
        else callback(null, wanted[0].address, wanted[0].family);
      },
      (err: Error) => callback(err, ""),
    );
  }) as LookupFunction;
}

/**
 * Node's own fetch when it is undici 6 like this package (Node 20), so it accepts the dispatcher; undici's fetch
 * otherwise (e.g. a Node 18 action runtime, whose fetch is undici 5).
 */
function fetchFor(): typeof fetch {
  return process.versions.undici?.split(".")[0] === "6" ? fetch : (undiciFetch as unknown as typeof fetch);
}

export type GuardedResult =
  | { ok: true; status: number }
  | { ok: false; status?: number; error: string; final: boolean };

/**
 * POSTs `body` to a checked URL. `final` says whether retrying can help: refused targets and redirects are final,
 * network errors and 5xx are not.
 */
export async function guardedPost(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs = 10_000,
): Promise<GuardedResult> {
  const allowPrivate = allowPrivateTargets();
  const check = checkTargetUrl(rawUrl, allowPrivate);
  if (!check.ok) return { ok: false, error: `Refused: ${check.message}`, final: true };
  const agent = new Agent({ connect: { lookup: guardedLookup(allowPrivate) } });
  try {
    const res = await fetchFor()(check.url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      dispatcher: agent,
    } as RequestInit);
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 300 && res.status < 400) {
      return {
        ok: false,
        status: res.status,
        error: `HTTP ${res.status}: redirects are not followed${res.headers.get("location") ? ` (Location: ${res.headers.get("location")!.slice(0, 200)})` : ""}.`,
        final: true,
      };
    }
    return res.ok
      ? { ok: true, status: res.status }
      : { ok: false, status: res.status, error: `HTTP ${res.status}`, final: false };
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause;
    if (cause instanceof RefusedTarget) return { ok: false, error: `Refused: ${cause.message}`, final: true };
    const message = cause instanceof Error ? cause.message : err instanceof Error ? err.message : String(err);
    return { ok: false, error: message, final: false };
  } finally {
    void agent.close().catch(() => undefined);
  }
}
