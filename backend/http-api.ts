/**
 * HTTP routes of the deployment URL (the API ConvexHttpClient uses, local sign-in, JWKS, file storage, admin)
 * and of the site URL (HTTP actions from convex/http.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { handleAdmin } from "./admin.js";
import { AuthError } from "./auth.js";
import type { Backend } from "./backend.js";
import { handleLocalAuth } from "./local-auth-routes.js";
import {
  AddressLimiter,
  anonRateFrom,
  BodyTooLarge,
  declaredTooLarge,
  isAuthFailure,
  rateLimitedBody,
  tooLargeBody,
} from "../lib/http/request-limits.js";
import { jsonTooDeep, MAX_JSON_DEPTH } from "../convex/lib/jsonDepth.js";
import { encodeTs } from "./sync.js";

const STATUS_UDF_FAILED = 560;
const MAX_BODY = 64 * 1024 * 1024;
/** Function calls without the admin key (far above what the app sends over HTTP); admin batches may send 64 MiB. */
const MAX_CALL_BODY = 8 * 1024 * 1024;
/** HTTP actions: the largest route takes 512 KiB (convex/http.ts). */
const MAX_SITE_BODY = 1024 * 1024;

/**
 * Reads a request body of at most `max` bytes (64 MiB by default). A larger declared length is refused before one
 * byte is read, and reading stops at the first byte past `max` (BodyTooLarge): memory stays bounded by `max`.
 */
export function readBody(req: IncomingMessage, max = MAX_BODY): Promise<Buffer> {
  if (declaredTooLarge(req.headers["content-length"], max)) return Promise.reject(new BodyTooLarge(max));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= max) return void chunks.push(c);
      req.off("data", onData);
      req.pause();
      reject(new BodyTooLarge(max));
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

/** How long a refused client may go on sending after the 413 before the connection is closed. */
const LINGER_MS = 2000;

/**
 * 413 with a code; the connection closes after it, so the rest of the body is never kept. What the client is still
 * sending is discarded for LINGER_MS (a lingering close, as nginx does): Node destroys a "Connection: close" socket
 * as soon as the answer is written, and a client still writing then gets a reset (EPIPE) before it has read the
 * 413 — on a busy machine, often.
 */
export function sendTooLarge(res: ServerResponse, max: number): void {
  const text = JSON.stringify(tooLargeBody(max));
  lingerAfterAnswer(res);
  res.writeHead(413, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    Connection: "close",
  });
  res.end(text);
  res.req.resume();
}

/** Makes the close that follows this answer a lingering one (see sendTooLarge). */
function lingerAfterAnswer(res: ServerResponse): void {
  const socket = res.socket;
  if (socket) socket.destroySoon = () => lingerThenClose(socket);
}

/** Half-closes after the answer and closes when the client ends or LINGER_MS later, discarding what arrives. */
function lingerThenClose(socket: Socket): void {
  const timer = setTimeout(() => socket.destroy(), LINGER_MS).unref();
  socket.once("close", () => clearTimeout(timer));
  socket.once("end", () => socket.destroy());
  socket.end();
}

/** Sends JSON (CORS headers, if any, were set on `res` by `handleApi`). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string, type = "text/plain; charset=utf-8"): void {
  res.writeHead(status, { "Content-Type": type });
  res.end(text);
}

/** Handles one request to the deployment URL. */
export async function handleApi(backend: Backend, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", backend.config.url);
  const p = url.pathname;
  // Browsers get CORS headers only for allowed origins; a page elsewhere cannot call in, nor read answers.
  for (const [k, v] of Object.entries(backend.origins.headers(req))) res.setHeader(k, v);
  if (req.method === "OPTIONS") {
    res.writeHead(204);
    return void res.end();
  }
  if (req.method !== "GET" && req.method !== "HEAD" && !backend.origins.allows(req.headers.origin)) {
    return sendJson(res, 403, {
      code: "ORIGIN_NOT_ALLOWED",
      message: `Requests from ${req.headers.origin} are not allowed; add the origin to ALLOWED_ORIGINS.`,
    });
  }
  // Refused credentials (a bad JWT, admin key or upload URL) count against the caller's address, which is then
  // refused before any work once out of allowance; /local-auth has its own per-address and per-account limits.
  if (!p.startsWith("/local-auth/")) {
    const failures = limiterFor(apiLimiters, backend);
    const address = req.socket.remoteAddress ?? "unknown";
    const wait = failures.retryAfter(address);
    if (wait > 0) return sendRateLimited(res, wait);
    res.once("finish", () => {
      if (isAuthFailure(res.statusCode)) failures.take(address);
    });
  }
  try {
    if (req.method === "GET" && p === "/.well-known/jwks.json") return sendJson(res, 200, backend.local.jwks());
    if (req.method === "GET" && p === "/.well-known/openid-configuration") {
      const base = backend.config.url;
      return sendJson(res, 200, {
        issuer: base,
        jwks_uri: `${base}/.well-known/jwks.json`,
        id_token_signing_alg_values_supported: ["RS256"],
        response_types_supported: ["id_token"],
        subject_types_supported: ["public"],
      });
    }
    if (p.startsWith("/local-auth/")) return await handleLocalAuth(backend, req, res, p.slice("/local-auth".length));
    if (req.method === "GET" && (p === "/version" || p === "/instance_version"))
      return sendText(res, 200, "schema-assistant-local");
    if (p.startsWith("/api/admin/")) return await handleAdmin(backend, req, res, url);
    if (p === "/api/storage/upload" && req.method === "POST") return await upload(backend, req, res, url);
    if (p.startsWith("/api/storage/") && req.method === "GET")
      return serveFile(backend, res, p.slice("/api/storage/".length));
    if (req.method === "POST" && p === "/api/query_ts")
      return sendJson(res, 200, { ts: encodeTs(backend.engine.internals.lastCommitTs) });
    const kinds: Record<string, "query" | "mutation" | "action" | null> = {
      "/api/query": "query",
      "/api/query_at_ts": "query",
      "/api/mutation": "mutation",
      "/api/action": "action",
      "/api/function": null,
    };
    if (req.method === "POST" && p in kinds) return await runFunction(backend, req, res, kinds[p]);
    return sendText(res, 404, `No route for ${req.method} ${p}`);
  } catch (e) {
    if (e instanceof AuthError) return sendJson(res, 401, { code: "Unauthenticated", message: e.message });
    if (e instanceof BodyTooLarge) return sendTooLarge(res, e.max);
    return sendJson(res, 500, { code: "InternalServerError", message: (e as Error).message });
  }
}

async function runFunction(
  backend: Backend,
  req: IncomingMessage,
  res: ServerResponse,
  kind: "query" | "mutation" | "action" | null,
): Promise<void> {
  // Credentials first: a bad token is refused before its body is read; only the admin key may send 64 MiB.
  const { identity, admin } = await backend.authorize(req.headers.authorization);
  const text = (await readBody(req, admin ? MAX_BODY : MAX_CALL_BODY)).toString("utf8");
  if (jsonTooDeep(text))
    return sendJson(res, 400, { code: "JsonTooDeep", message: `Arguments may nest at most ${MAX_JSON_DEPTH} levels.` });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return sendJson(res, 400, { code: "BadJsonBody", message: "The request body is not valid JSON" });
  }
  if (!body || typeof body !== "object" || !("path" in body) || typeof body.path !== "string")
    return sendJson(res, 400, { code: "BadRequest", message: "Missing `path`" });
  const given = "args" in body ? body.args : undefined;
  const args = Array.isArray(given) ? (given[0] ?? {}) : (given ?? {});
  const r = await backend.engine.run(kind, body.path, args, { identity, admin });
  if (kind !== "query") await Promise.all([backend.store.flush(), backend.store.flushBlobs()]);
  if (r.ok) return sendJson(res, 200, { status: "success", value: r.value, logLines: r.logLines });
  return sendJson(res, STATUS_UDF_FAILED, {
    status: "error",
    errorMessage: r.errorMessage,
    ...(r.errorData !== undefined ? { errorData: r.errorData } : {}),
    logLines: r.logLines,
  });
}

async function upload(backend: Backend, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const token = url.searchParams.get("token") ?? "";
  const expires = backend.uploadTokens.get(token);
  if (expires === undefined || expires < Date.now())
    return sendJson(res, 401, { code: "InvalidUploadToken", message: "The upload URL is invalid or expired" });
  backend.uploadTokens.delete(token);
  const bytes = await readBody(req);
  const type = req.headers["content-type"] ?? "application/octet-stream";
  const { value: storageId } = await backend.engine.transaction(async (ctx) => {
    const storage = ctx.storage as unknown as { store(b: Blob): Promise<string> };
    return await storage.store(new Blob([new Uint8Array(bytes)], { type }));
  });
  await Promise.all([backend.store.flush(), backend.store.flushBlobs()]);
  return sendJson(res, 200, { storageId });
}

function serveFile(backend: Backend, res: ServerResponse, id: string): void {
  const blob = /^[A-Za-z0-9_-]+$/.test(id) ? backend.engine.internals.getBlob(id) : null;
  if (!blob) return sendText(res, 404, "File not found");
  void blob.arrayBuffer().then((buf) => {
    res.writeHead(200, { "Content-Type": blob.type || "application/octet-stream", "Content-Length": buf.byteLength });
    res.end(Buffer.from(buf));
  });
}

/** Unauthenticated attempts per client address (lib/http/request-limits.ts), per backend and URL. */
const siteLimiters = new WeakMap<Backend, AddressLimiter>();
const apiLimiters = new WeakMap<Backend, AddressLimiter>();

function limiterFor(limiters: WeakMap<Backend, AddressLimiter>, backend: Backend): AddressLimiter {
  let limiter = limiters.get(backend);
  if (!limiter)
    limiters.set(
      backend,
      (limiter = new AddressLimiter(() => anonRateFrom(process.env.ANON_RATE_PER_MINUTE), Date.now)),
    );
  return limiter;
}

/** 429 with Retry-After; the connection closes (lingering), so a body being sent is not read. */
function sendRateLimited(res: ServerResponse, wait: number): void {
  const text = JSON.stringify(rateLimitedBody(wait));
  lingerAfterAnswer(res);
  res.writeHead(429, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "Retry-After": String(wait),
    Connection: "close",
  });
  res.end(text);
}

/** The client's address; behind the dashboard's proxy (a loopback peer) the address it forwards. */
export function clientAddress(req: IncomingMessage): string {
  const peer = req.socket.remoteAddress ?? "unknown";
  const forwarded = req.headers["x-forwarded-for"];
  const loopback = peer === "127.0.0.1" || peer === "::1" || peer === "::ffff:127.0.0.1";
  return loopback && typeof forwarded === "string" && forwarded.trim() ? forwarded.split(",")[0].trim() : peer;
}

/** Handles one request to the site URL: an HTTP action routed by convex/http.ts. */
export async function handleSite(backend: Backend, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const address = clientAddress(req);
  const siteLimiter = limiterFor(siteLimiters, backend);
  const credentials = Boolean(
    String(req.headers["x-api-key"] ?? "").trim() || String(req.headers.authorization ?? "").trim(),
  );
  if (req.method !== "OPTIONS") {
    // Limits before work: an address out of unauthenticated attempts is refused before its body is read.
    const wait = siteLimiter.retryAfter(address);
    if (wait > 0) return sendRateLimited(res, wait);
    if (!credentials) siteLimiter.take(address);
  }
  try {
    // An API token (sa_…) in `Authorization: Bearer` is the HTTP action's to check, not a sign-in JWT.
    const authorization = /^Bearer\s+sa_/i.test(req.headers.authorization ?? "")
      ? undefined
      : req.headers.authorization;
    const { identity } = await backend.authorize(authorization);
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req, MAX_SITE_BODY);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const response = await backend.engine.fetch(
      req.url ?? "/",
      { method: req.method, headers, body: body ? new Uint8Array(body) : undefined },
      identity,
    );
    await backend.store.flush();
    const out: Record<string, string> = {};
    response.headers.forEach((v, k) => (out[k] = v));
    const buf = Buffer.from(await response.arrayBuffer());
    if (credentials && isAuthFailure(response.status)) siteLimiter.take(address);
    res.writeHead(response.status, out);
    res.end(buf);
  } catch (e) {
    if (e instanceof AuthError) {
      if (credentials) siteLimiter.take(address);
      return sendJson(res, 401, { code: "Unauthenticated", message: e.message });
    }
    if (e instanceof BodyTooLarge) return sendTooLarge(res, e.max);
    sendJson(res, 500, {
      error: { code: "INTERNAL", message: `Uncaught error in HTTP action: ${(e as Error).message}` },
    });
  }
}
