/**
 * HTTP routes of local sign-in under `/local-auth/` (documented in backend/README.md). Every refusal is JSON
 * `{code, message}` with a 4xx status (429 with Retry-After when rate limited).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { AuthError } from "./auth.js";
import type { Backend } from "./backend.js";
import { readBody, sendJson } from "./http-api.js";
import { AccountError, type Account, type Session } from "./local-accounts.js";

/** Bodies of sign-in requests are small: refuse anything bigger before parsing. */
const MAX_AUTH_BODY = 16 * 1024;

export async function handleLocalAuth(
  backend: Backend,
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
): Promise<void> {
  const accounts = backend.accounts;
  const client = { address: req.socket.remoteAddress ?? "unknown", userAgent: String(req.headers["user-agent"] ?? "") };
  try {
    switch (`${req.method} ${route}`) {
      case "GET /status":
        return sendJson(res, 200, accounts.status());
      case "POST /sign-up": {
        const b = await body(req);
        const r = await accounts.signUp({
          name: str(b.name),
          email: str(b.email),
          password: str(b.password),
          invite: b.invite ? str(b.invite) : undefined,
          ...client,
        });
        return sendJson(res, 200, await issue(backend, r));
      }
      case "POST /sign-in": {
        const b = await body(req);
        return sendJson(
          res,
          200,
          await issue(backend, await accounts.signIn({ email: str(b.email), password: str(b.password), ...client })),
        );
      }
      case "POST /claim/start": {
        const b = await body(req);
        await accounts.startClaim({ email: str(b.email), ...client });
        return sendJson(res, 202, {
          message:
            "If this email has an account here, a one-time code is now shown in the terminal running the server.",
        });
      }
      case "POST /claim/finish": {
        const b = await body(req);
        const r = await accounts.finishClaim({
          email: str(b.email),
          code: str(b.code),
          password: str(b.password),
          name: b.name ? str(b.name) : undefined,
          ...client,
        });
        return sendJson(res, 200, await issue(backend, r));
      }
      case "GET /sessions": {
        const { subject, sid } = await caller(backend, req);
        return sendJson(res, 200, {
          sessions: accounts.sessions(subject).map((s) => ({ ...publicSession(s), current: s.id === sid })),
        });
      }
      case "POST /sessions/revoke": {
        const { subject, sid } = await caller(backend, req);
        const b = await body(req);
        if (b.others === true) return sendJson(res, 200, { revoked: accounts.revokeOthers(subject, sid) });
        accounts.revoke(subject, str(b.id));
        return sendJson(res, 200, { revoked: 1 });
      }
      case "POST /password": {
        const { subject, sid } = await caller(backend, req);
        const b = await body(req);
        const r = await accounts.changePassword({
          subject,
          sessionId: sid,
          current: str(b.current),
          password: str(b.password),
          address: client.address,
        });
        return sendJson(res, 200, r);
      }
      case "POST /sign-out": {
        const { subject, sid } = await caller(backend, req);
        accounts.revoke(subject, sid);
        return sendJson(res, 200, { revoked: 1 });
      }
      case "GET /me": {
        const { subject, sid } = await caller(backend, req);
        const a = accounts.account(subject);
        return sendJson(res, 200, {
          name: a?.name,
          email: a?.email,
          role: a?.role,
          sessionId: sid,
          ...accounts.status(),
        });
      }
      case "POST /settings": {
        const { subject } = await caller(backend, req);
        const b = await body(req);
        if (typeof b.openSignUp !== "boolean")
          throw new AccountError(400, "INVALID", "`openSignUp` must be true or false.");
        accounts.setOpenSignUp(subject, b.openSignUp);
        return sendJson(res, 200, accounts.status());
      }
      default:
        return sendJson(res, 404, { code: "NOT_FOUND", message: `No route ${req.method} /local-auth${route}` });
    }
  } catch (e) {
    if (e instanceof AccountError) {
      if (e.retryAfterMs !== undefined)
        res.setHeader("Retry-After", String(Math.max(1, Math.ceil(e.retryAfterMs / 1000))));
      return sendJson(res, e.status, { code: e.code, message: e.message });
    }
    if (e instanceof AuthError) return sendJson(res, 401, { code: "UNAUTHENTICATED", message: e.message });
    throw e;
  }
}

async function issue(backend: Backend, r: { account: Account; session: Session }) {
  const { token, expiresAt } = await backend.local.signIn(backend.config.url, r.account, r.session);
  return {
    token,
    expiresAt,
    sessionId: r.session.id,
    user: { name: r.account.name, email: r.account.email, role: r.account.role },
  };
}

/** The signed-in caller of a session route (a local token whose session is live). */
async function caller(backend: Backend, req: IncomingMessage): Promise<{ subject: string; sid: string }> {
  const [scheme, token] = (req.headers.authorization ?? "").split(/\s+/, 2);
  if (scheme !== "Bearer" || !token)
    throw new AccountError(401, "UNAUTHENTICATED", "Send `Authorization: Bearer <token>` from sign-in.");
  const identity = await backend.verifier.verify(token);
  if (identity.issuer !== backend.config.url || typeof identity.sid !== "string")
    throw new AccountError(401, "UNAUTHENTICATED", "Only local sign-in sessions are managed here.");
  return { subject: identity.subject, sid: identity.sid };
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = (await readBody(req, MAX_AUTH_BODY)).toString("utf8");
  } catch {
    throw new AccountError(413, "BODY_TOO_LARGE", `Sign-in requests are at most ${MAX_AUTH_BODY} bytes.`);
  }
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    throw new AccountError(400, "BAD_JSON", "The request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new AccountError(400, "BAD_JSON", "The request body must be a JSON object.");
  return parsed as Record<string, unknown>;
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function publicSession(s: Session) {
  return { id: s.id, createdAt: s.createdAt, expiresAt: s.expiresAt, userAgent: s.userAgent, address: s.address };
}
