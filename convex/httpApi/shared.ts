/** Shared pieces of the HTTP API (convex/http.ts): JSON responses, error codes, body limits and token auth. */
import { internal } from "../_generated/api";
import type { ActionCtx } from "../_generated/server";
import type { TokenAuth } from "./tokens";
import { jsonTooDeep, MAX_JSON_DEPTH } from "../lib/jsonDepth";

export type ApiErrorCode =
  | "UNAUTHENTICATED"
  | "INVALID_TOKEN"
  | "TOKEN_OWNER_LEFT"
  | "FORBIDDEN"
  | "PROJECT_NOT_FOUND"
  | "NOT_FOUND"
  | "PAYLOAD_TOO_LARGE"
  | "MALFORMED_JSON"
  | "INVALID_REQUEST"
  | "INVALID_NAME"
  | "SCHEMA_PARSE_ERROR"
  | "RATE_LIMITED"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "INTERNAL"
  | "INVALID_PATH"
  | "JSON_TOO_DEEP"
  // POST /api/schema/migrate with options.run (convex/httpApi/migrateRun.ts)
  | "DECISIONS_NEEDED"
  | "PREFLIGHT_FAILED"
  | "SECOND_APPROVAL_REQUIRED"
  | "STALE"
  | "CONFLICT";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "Authorization, X-API-Key, Content-Type",
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...CORS, ...headers },
  });
}

/** `{ error: { code, message, details? } }` with the error's status; unexpected errors become 500 INTERNAL without details. */
export function errorResponse(err: unknown): Response {
  if (err instanceof ApiError)
    return json(
      err.status,
      {
        error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) },
      },
      err.headers,
    );
  console.error("API error", err);
  return json(500, { error: { code: "INTERNAL", message: "Something went wrong on our side." } });
}

/** Reads a JSON object body no larger than `maxBytes`. */
export async function readJson(request: Request, maxBytes: number): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes)
    throw new ApiError(413, "PAYLOAD_TOO_LARGE", `Request bodies are limited to ${maxBytes} bytes.`);
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type))
    throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Send Content-Type: application/json.");
  const text = await request.text();
  if (new TextEncoder().encode(text).length > maxBytes)
    throw new ApiError(413, "PAYLOAD_TOO_LARGE", `Request bodies are limited to ${maxBytes} bytes.`);
  // Checked on the text: a body nested 200,000 deep parses, then overflows whatever walks it.
  if (jsonTooDeep(text))
    throw new ApiError(400, "JSON_TOO_DEEP", `The body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new ApiError(
      400,
      "MALFORMED_JSON",
      `The body is not valid JSON (${err instanceof Error ? err.message : "parse error"}).`,
    );
  }
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new ApiError(400, "INVALID_REQUEST", "The body must be a JSON object.");
  return body as Record<string, unknown>;
}

/** A required string field of the body, at most `max` characters. */
export function stringField(
  body: Record<string, unknown>,
  name: string,
  max: number,
  required = true,
): string | undefined {
  const value = body[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== "string" || (required && !value.trim()))
    throw new ApiError(400, "INVALID_REQUEST", `"${name}" must be a non-empty string.`);
  if (value.length > max) throw new ApiError(413, "PAYLOAD_TOO_LARGE", `"${name}" is limited to ${max} characters.`);
  return value;
}

/**
 * The API token from `X-API-Key: sa_…` or `Authorization: Bearer sa_…`. Convex cloud deployments treat a Bearer
 * header on HTTP actions as a sign-in JWT and refuse other tokens before the action runs, so X-API-Key is the
 * header that works everywhere (the embedded backend accepts both).
 */
export function bearer(request: Request): string {
  const key = request.headers.get("x-api-key")?.trim();
  if (key) return key;
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  if (!match)
    throw new ApiError(
      401,
      "UNAUTHENTICATED",
      "Send an API token in the X-API-Key header (X-API-Key: sa_…); Authorization: Bearer sa_… works only on the embedded backend.",
    );
  return match[1];
}

const RANK = { viewer: 1, editor: 2, owner: 3 } as const;

/**
 * Authenticates the bearer token (for `projectId`, when known before the body) and checks its role; throws
 * ApiError otherwise. Call before reading the body: an invalid token gets 401 whatever the body holds.
 */
export async function authorize(
  ctx: ActionCtx,
  request: Request,
  projectId: string | undefined,
  minimum: keyof typeof RANK,
) {
  const auth: TokenAuth = await ctx.runMutation(internal.httpApi.tokens.authenticate, {
    secret: bearer(request),
    projectId,
  });
  if (!auth.ok) throw authError(auth);
  requireRole(auth, minimum);
  return auth;
}

/** Refuses a token below `minimum` (403 FORBIDDEN). */
export function requireRole(auth: Extract<TokenAuth, { ok: true }>, minimum: keyof typeof RANK): void {
  if (RANK[auth.role] < RANK[minimum])
    throw new ApiError(403, "FORBIDDEN", `This needs a token with the ${minimum} role; this one is ${auth.role}.`);
}

/** Refuses a body naming another project than the token's (404, as checkToken does: ids cannot be probed). */
export function requireProject(auth: Extract<TokenAuth, { ok: true }>, projectId: string): void {
  if (projectId !== auth.projectId) throw new ApiError(404, "PROJECT_NOT_FOUND", "Project not found.");
}

/** A path segment, percent-decoded; malformed escapes (e.g. %E0%A4%A) are a 400, not a crash. */
export function pathSegment(raw: string | undefined, name: string): string {
  if (!raw) throw new ApiError(404, "NOT_FOUND", `The path is missing its ${name}.`);
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError(400, "INVALID_PATH", `The ${name} in the path is not valid percent-encoding.`);
  }
}

/** The ApiError for a failed token check (429s carry Retry-After). */
export function authError(auth: Extract<TokenAuth, { ok: false }>): ApiError {
  const headers: Record<string, string> =
    auth.retryAfterMs !== undefined ? { "Retry-After": String(Math.ceil(auth.retryAfterMs / 1000)) } : {};
  return new ApiError(auth.status, auth.code, auth.message, headers);
}

export function preflightResponse(): Response {
  return new Response(null, {
    status: 204,
    headers: { ...CORS, "Access-Control-Allow-Methods": "GET, POST, OPTIONS" },
  });
}
