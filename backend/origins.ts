/**
 * Which web origins may call the backend from a browser: the dashboard's and those the owner lists in
 * ALLOWED_ORIGINS. Others get no CORS headers, their state-changing requests are refused and their WebSockets
 * are closed, so a page open in the user's browser cannot act on the backend.
 */
import type { IncomingMessage } from "node:http";

/** Parses "https://a.example, http://localhost:3000" into normalised origins; throws on anything else. */
export function parseOrigins(text: string | undefined): string[] {
  const out: string[] = [];
  for (const raw of (text ?? "").split(",")) {
    const s = raw.trim();
    if (!s) continue;
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      throw new Error(`ALLOWED_ORIGINS: "${s}" is not an origin such as https://schema.example.com`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new Error(`ALLOWED_ORIGINS: "${s}" must start with http:// or https://`);
    out.push(url.origin);
  }
  return out;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The allowed origins; a loopback origin also allows its other loopback spellings (localhost vs 127.0.0.1). */
export class OriginPolicy {
  private readonly allowed = new Set<string>();

  constructor(origins: string[]) {
    for (const o of origins) {
      const url = new URL(o);
      this.allowed.add(url.origin);
      if (LOOPBACK.has(url.hostname))
        for (const h of LOOPBACK) this.allowed.add(`${url.protocol}//${h}${url.port ? `:${url.port}` : ""}`);
    }
  }

  list(): string[] {
    return [...this.allowed];
  }

  /** Whether a request may proceed: requests without an Origin header are not from a web page's script. */
  allows(origin: string | undefined): boolean {
    return origin === undefined || this.allowed.has(origin);
  }

  /** CORS headers for a response to `req`: empty unless its origin is allowed. */
  headers(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    if (!origin || !this.allowed.has(origin)) return {};
    return {
      "Access-Control-Allow-Origin": origin,
      "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
      "Access-Control-Allow-Headers": "Content-Type, Authorization, Convex-Client",
      "Access-Control-Max-Age": "86400",
      Vary: "Origin",
    };
  }
}
