/**
 * The HTTP API (convex/http.ts) on the dashboard's origin: requests are forwarded to the Convex site URL, read per
 * request (not at build time), so one build works against the embedded backend and a cloud deployment alike.
 * Limits come before any work: an address out of unauthenticated attempts gets 429, and a body is read only up
 * to MAX_BODY bytes (413 at the first byte past it). The answer keeps the headers clients act on.
 */
import {
  AddressLimiter,
  anonRateFrom,
  collectLimited,
  BodyTooLarge,
  declaredTooLarge,
  hasCredentials,
  isAuthFailure,
  rateLimitedBody,
  tooLargeBody,
} from "../../../../lib/http/request-limits";

const FORWARDED_HEADERS = [
  "authorization",
  "x-api-key",
  "content-type",
  "accept",
  "origin",
  "access-control-request-method",
  "access-control-request-headers",
];
/** Headers of the upstream answer that clients need: polling (Location, Retry-After) and CORS. */
const PASSED_BACK = /^(content-type|location|retry-after|access-control-[a-z-]+|vary)$/i;
/** The largest body a route takes is 512 KiB (convex/http.ts); nothing larger is ever read. */
const MAX_BODY = 1024 * 1024;

const limiter = new AddressLimiter(() => anonRateFrom(process.env.ANON_RATE_PER_MINUTE), Date.now);

/** The client's address as the server in front of Next reports it (Next sets x-forwarded-for from the socket). */
function clientAddress(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}

async function forward(request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const site = process.env.CONVEX_SITE_URL ?? process.env.NEXT_PUBLIC_CONVEX_SITE_URL;
  if (!site) {
    return jsonResponse(503, {
      error: { code: "NOT_CONFIGURED", message: "CONVEX_SITE_URL is not set, so the HTTP API is not reachable here." },
    });
  }
  const address = clientAddress(request);
  const credentials = hasCredentials(request.headers);
  if (request.method !== "OPTIONS") {
    const wait = limiter.retryAfter(address);
    if (wait > 0) return jsonResponse(429, rateLimitedBody(wait), { "Retry-After": String(wait) });
    if (!credentials) limiter.take(address);
  }
  let body: Uint8Array | undefined;
  if (request.body && request.method !== "GET" && request.method !== "HEAD") {
    if (declaredTooLarge(request.headers.get("content-length"), MAX_BODY))
      return jsonResponse(413, tooLargeBody(MAX_BODY));
    try {
      body = await collectLimited(request.body as unknown as AsyncIterable<Uint8Array>, MAX_BODY);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        await request.body.cancel().catch(() => undefined);
        return jsonResponse(413, tooLargeBody(MAX_BODY));
      }
      throw err;
    }
  }
  const { path } = await params;
  const url = new URL(`${site.replace(/\/$/, "")}/api/schema/${path.map(encodeURIComponent).join("/")}`);
  url.search = new URL(request.url).search;
  const headers = new Headers({ "x-forwarded-for": address });
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const upstream = await fetch(url, {
    method: request.method,
    headers,
    body: body as BodyInit | undefined,
    redirect: "manual",
  });
  if (credentials && isAuthFailure(upstream.status)) limiter.take(address);
  const out = new Headers();
  upstream.headers.forEach((value, name) => {
    if (PASSED_BACK.test(name)) out.set(name, value);
  });
  if (!out.has("content-type")) out.set("content-type", "application/json");
  return new Response(upstream.body, { status: upstream.status, headers: out });
}

export const GET = forward;
export const POST = forward;
export const OPTIONS = forward;
export const dynamic = "force-dynamic";
