/**
 * HTTP routes of the deployment URL (the API ConvexHttpClient uses, local sign-in, JWKS, file storage, admin)
 * and of the site URL (HTTP actions from convex/http.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleAdmin } from "./admin.js";
import { AuthError } from "./auth.js";
import type { Backend } from "./backend.js";
import { handleLocalAuth } from "./local-auth-routes.js";
import { encodeTs } from "./sync.js";

const STATUS_UDF_FAILED = 560;
const MAX_BODY = 64 * 1024 * 1024;

/** Reads a request body (up to 64 MiB, or `max` bytes). */
export async function readBody(req: IncomingMessage, max = MAX_BODY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > max) throw new Error("Request body too large");
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
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
    return sendJson(res, 403, { code: "ORIGIN_NOT_ALLOWED", message: `Requests from ${req.headers.origin} are not allowed; add the origin to ALLOWED_ORIGINS.` });
  }
  try {
    if (req.method === "GET" && p === "/.well-known/jwks.json") return sendJson(res, 200, backend.local.jwks());
    if (req.method === "GET" && p === "/.well-known/openid-configuration") {
      const base = backend.config.url;
      return sendJson(res, 200, { issuer: base, jwks_uri: `${base}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ["RS256"], response_types_supported: ["id_token"], subject_types_supported: ["public"] });
    }
    if (p.startsWith("/local-auth/")) return await handleLocalAuth(backend, req, res, p.slice("/local-auth".length));
    if (req.method === "GET" && (p === "/version" || p === "/instance_version")) return sendText(res, 200, "schema-assistant-local");
    if (p.startsWith("/api/admin/")) return await handleAdmin(backend, req, res, url);
    if (p === "/api/storage/upload" && req.method === "POST") return await upload(backend, req, res, url);
    if (p.startsWith("/api/storage/") && req.method === "GET") return serveFile(backend, res, p.slice("/api/storage/".length));
    if (req.method === "POST" && p === "/api/query_ts") return sendJson(res, 200, { ts: encodeTs(backend.engine.internals.lastCommitTs) });
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
    return sendJson(res, 500, { code: "InternalServerError", message: (e as Error).message });
  }
}

async function runFunction(backend: Backend, req: IncomingMessage, res: ServerResponse, kind: "query" | "mutation" | "action" | null): Promise<void> {
  let body: { path?: string; args?: unknown; format?: string };
  try {
    body = JSON.parse((await readBody(req)).toString("utf8")) as typeof body;
  } catch {
    return sendJson(res, 400, { code: "BadJsonBody", message: "The request body is not valid JSON" });
  }
  if (typeof body.path !== "string") return sendJson(res, 400, { code: "BadRequest", message: "Missing `path`" });
  const { identity, admin } = await backend.authorize(req.headers.authorization);
  const args = Array.isArray(body.args) ? (body.args[0] ?? {}) : (body.args ?? {});
  const r = await backend.engine.run(kind, body.path, args, { identity, admin });
  if (kind !== "query") await Promise.all([backend.store.flush(), backend.store.flushBlobs()]);
  if (r.ok) return sendJson(res, 200, { status: "success", value: r.value, logLines: r.logLines });
  return sendJson(res, STATUS_UDF_FAILED, { status: "error", errorMessage: r.errorMessage, ...(r.errorData !== undefined ? { errorData: r.errorData } : {}), logLines: r.logLines });
}

async function upload(backend: Backend, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const token = url.searchParams.get("token") ?? "";
  const expires = backend.uploadTokens.get(token);
  if (expires === undefined || expires < Date.now()) return sendJson(res, 401, { code: "InvalidUploadToken", message: "The upload URL is invalid or expired" });
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

/** Handles one request to the site URL: an HTTP action routed by convex/http.ts. */
export async function handleSite(backend: Backend, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const { identity } = await backend.authorize(req.headers.authorization);
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const response = await backend.engine.fetch(req.url ?? "/", { method: req.method, headers, body: body ? new Uint8Array(body) : undefined }, identity);
    await backend.store.flush();
    const out: Record<string, string> = {};
    response.headers.forEach((v, k) => (out[k] = v));
    const buf = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, out);
    res.end(buf);
  } catch (e) {
    if (e instanceof AuthError) return sendJson(res, 401, { code: "Unauthenticated", message: e.message });
    sendText(res, 500, `Uncaught error in HTTP action: ${(e as Error).message}`);
  }
}
