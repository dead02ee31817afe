/**
 * Convex's sync protocol over WebSocket (node_modules/convex/src/browser/sync/protocol.ts): query sets,
 * mutations, actions and authentication per connection, with shared, deduplicated subscriptions that re-run
 * when a commit writes a table they read.
 */
import type { WebSocket } from "ws";
import type { Engine, Identity, RunResult } from "./engine.js";

/** What the sync layer needs from the backend. */
export interface SyncHost {
  engine(): Engine;
  verifyToken(token: string): Promise<Identity>;
  verifyAdmin(key: string): boolean;
  /** Resolves once all commits so far are durable. */
  flush(): Promise<void>;
  log(line: string): void;
}

interface Sub {
  key: string;
  udfPath: string;
  args: unknown;
  identity: Identity | null;
  admin: boolean;
  /** The modification fields after `"queryId":N,` (QueryUpdated or QueryFailed), or null before the first run. */
  payload: string | null;
  tables: Set<string>;
  dirty: boolean;
  subscribers: Set<SessionQuery>;
  /** For a paginated query: the end of its first result, so re-runs keep the page's range (Convex's journal). */
  pinnedEnd?: string;
}

interface SessionQuery {
  queryId: number;
  sub: Sub;
  lastSent: string | null;
}

interface Session {
  ws: WebSocket;
  querySet: number;
  identityVersion: number;
  identity: Identity | null;
  admin: boolean;
  sent: { querySet: number; identity: number; ts: bigint };
  queries: Map<number, SessionQuery>;
  removed: number[];
  /** Highest mutation ts acknowledged to this client but not yet covered by a Transition. */
  needTs: bigint;
  chain: Promise<void>;
  closed: boolean;
  /** Fires when the session's user token expires. */
  expiry: NodeJS.Timeout | null;
}

/** A verified JWT's `exp` in milliseconds, or null if it has none. */
function expiryOf(token: string): number | null {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
    const exp = payload && typeof payload === "object" && "exp" in payload ? payload.exp : undefined;
    return typeof exp === "number" ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** `ts` on the wire: base64 of a little-endian u64. */
export function encodeTs(ts: bigint): string {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(ts);
  return b.toString("base64");
}

const yieldToIo = () => new Promise<void>((r) => setImmediate(r));

/** The sync endpoint's state: sessions and shared subscriptions. */
export class SyncServer {
  private readonly sessions = new Set<Session>();
  private readonly subs = new Map<string, Sub>();
  private readonly writtenTables = new Set<string>();
  private everything = false;
  private scheduled = false;
  private running = false;
  private again = false;
  private readonly pinger: NodeJS.Timeout;

  constructor(private readonly host: SyncHost) {
    this.pinger = setInterval(() => {
      for (const s of this.sessions) send(s, '{"type":"Ping"}');
    }, 30_000);
    this.pinger.unref();
  }

  /** Number of open connections and distinct subscriptions (for status and tests). */
  stats(): { sessions: number; subscriptions: number } {
    return { sessions: this.sessions.size, subscriptions: this.subs.size };
  }

  /** Called after each commit with the tables it wrote. */
  onCommit(tables: Iterable<string>): void {
    for (const t of tables) this.writtenTables.add(t);
    this.schedule();
  }

  /** Re-runs every subscription (after code reload). */
  invalidateAll(): void {
    this.everything = true;
    this.schedule();
  }

  /** Accepts a new WebSocket connection. */
  accept(ws: WebSocket): void {
    const s: Session = {
      ws,
      querySet: 0,
      identityVersion: 0,
      identity: null,
      admin: false,
      sent: { querySet: 0, identity: 0, ts: 0n },
      queries: new Map(),
      removed: [],
      needTs: 0n,
      chain: Promise.resolve(),
      closed: false,
      expiry: null,
    };
    this.sessions.add(s);
    ws.on("message", (data) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(data));
      } catch {
        this.fatal(s, "Invalid message: not JSON");
        return;
      }
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
        this.fatal(s, "Invalid message: not a JSON object");
        return;
      }
      const msg: Record<string, unknown> = { ...parsed };
      s.chain = s.chain.then(() => this.handle(s, msg)).catch((e: unknown) => this.fatal(s, (e as Error).message));
    });
    ws.on("close", () => this.drop(s));
    ws.on("error", () => this.drop(s));
  }

  /** Closes every connection. */
  close(): void {
    clearInterval(this.pinger);
    for (const s of this.sessions) {
      if (s.expiry) clearTimeout(s.expiry);
      s.ws.terminate();
    }
    this.sessions.clear();
    this.subs.clear();
  }

  private drop(s: Session): void {
    if (s.closed) return;
    s.closed = true;
    if (s.expiry) clearTimeout(s.expiry);
    this.sessions.delete(s);
    for (const q of s.queries.values()) this.detach(q);
    s.queries.clear();
  }

  private fatal(s: Session, error: string): void {
    send(s, JSON.stringify({ type: "FatalError", error }));
    s.ws.close(1011, error.slice(0, 100));
    this.drop(s);
  }

  private async handle(s: Session, msg: Record<string, unknown>): Promise<void> {
    if (s.closed) return;
    switch (msg.type) {
      case "Connect":
      case "Event":
        return;
      case "ModifyQuerySet":
        return this.modifyQuerySet(s, msg as never);
      case "Authenticate":
        return await this.authenticate(s, msg as never);
      case "Mutation":
        return await this.mutation(s, msg as never);
      case "Action":
        void this.action(s, msg as never);
        return;
      default:
        throw new Error(`Unknown message type ${String(msg.type)}`);
    }
  }

  private modifyQuerySet(
    s: Session,
    msg: {
      baseVersion: number;
      newVersion: number;
      modifications: Array<{ type: string; queryId: number; udfPath?: string; args?: unknown[] }>;
    },
  ): void {
    if (msg.baseVersion !== s.querySet)
      throw new Error(`Invalid query set base version ${msg.baseVersion}, expected ${s.querySet}`);
    for (const m of msg.modifications) {
      if (m.type === "Add") {
        const q = this.attach(m.queryId, m.udfPath ?? "", m.args?.[0] ?? {}, s);
        const previous = s.queries.get(m.queryId);
        if (previous) this.detach(previous);
        s.queries.set(m.queryId, q);
      } else if (m.type === "Remove") {
        const q = s.queries.get(m.queryId);
        if (q) {
          this.detach(q);
          s.queries.delete(m.queryId);
          s.removed.push(m.queryId);
        }
      }
    }
    s.querySet = msg.newVersion;
    this.schedule();
  }

  private subscribe(udfPath: string, args: unknown, s: Session): Sub {
    const key = JSON.stringify([udfPath, args, s.identity, s.admin]);
    let sub = this.subs.get(key);
    if (!sub) {
      sub = {
        key,
        udfPath,
        args,
        identity: s.identity,
        admin: s.admin,
        payload: null,
        tables: new Set(),
        dirty: true,
        subscribers: new Set(),
      };
      this.subs.set(key, sub);
    }
    return sub;
  }

  /** A connection's query on a shared subscription; registered so the subscription lives while anyone uses it. */
  private attach(queryId: number, udfPath: string, args: unknown, s: Session): SessionQuery {
    const q: SessionQuery = { queryId, sub: this.subscribe(udfPath, args, s), lastSent: null };
    q.sub.subscribers.add(q);
    return q;
  }

  private detach(q: SessionQuery): void {
    q.sub.subscribers.delete(q);
    if (q.sub.subscribers.size === 0 && this.subs.get(q.sub.key) === q.sub) this.subs.delete(q.sub.key);
  }

  private async authenticate(
    s: Session,
    msg: { tokenType: string; value?: string; baseVersion: number; impersonating?: Record<string, unknown> },
  ): Promise<void> {
    let identity: Identity | null = null;
    let admin = false;
    try {
      if (msg.tokenType === "User") identity = await this.host.verifyToken(msg.value ?? "");
      else if (msg.tokenType === "Admin") {
        if (!this.host.verifyAdmin(msg.value ?? "")) throw new Error("Invalid admin key");
        admin = true;
        const imp = msg.impersonating;
        if (imp) {
          const subject = String(imp.subject ?? "");
          const issuer = String(imp.issuer ?? "");
          identity = {
            ...imp,
            subject,
            issuer,
            tokenIdentifier: String(imp.tokenIdentifier ?? `${issuer}|${subject}`),
          };
        }
      }
    } catch (e) {
      send(
        s,
        JSON.stringify({
          type: "AuthError",
          error: (e as Error).message,
          baseVersion: msg.baseVersion,
          authUpdateAttempted: true,
        }),
      );
      return;
    }
    s.identity = identity;
    s.admin = admin;
    s.identityVersion = msg.baseVersion + 1;
    this.watchExpiry(s, msg.tokenType === "User" ? (msg.value ?? "") : null, msg.baseVersion);
    this.reattach(s);
  }

  /** Moves the session's queries to subscriptions for its current identity. */
  private reattach(s: Session): void {
    for (const [id, q] of [...s.queries]) {
      // Attach first: a token refresh with the same identity keeps the same subscription and its result.
      const next = this.attach(id, q.sub.udfPath, q.sub.args, s);
      this.detach(q);
      s.queries.set(id, next);
    }
    this.schedule();
  }

  /**
   * Re-checks the identity when the user token expires, as Convex does: the session sends an AuthError
   * (`authUpdateAttempted: false`, so the client fetches a fresh token and authenticates again) and stops
   * acting as that user: its queries re-run and its calls run unauthenticated until then.
   */
  private watchExpiry(s: Session, token: string | null, baseVersion: number): void {
    if (s.expiry) clearTimeout(s.expiry);
    s.expiry = null;
    const exp = token ? expiryOf(token) : null;
    if (exp === null) return;
    const delay = exp - Date.now();
    const arm = (ms: number) => {
      s.expiry = setTimeout(
        () => {
          const left = exp - Date.now();
          if (left > 0) return arm(left); // timers longer than ~24.8 days are re-armed in steps
          s.expiry = null;
          s.chain = s.chain.then(() => this.expire(s, baseVersion));
        },
        Math.min(Math.max(0, ms), 2 ** 31 - 1),
      );
      s.expiry.unref();
    };
    arm(delay);
  }

  /** A sign-in session ended (revoked): connections authenticated by it stop acting as that user at once. */
  endSession(sessionId: string): void {
    for (const s of this.sessions) {
      if (s.closed || s.identity?.sid !== sessionId) continue;
      const baseVersion = s.identityVersion - 1;
      s.chain = s.chain.then(() => this.expire(s, baseVersion));
    }
  }

  private expire(s: Session, baseVersion: number): void {
    if (s.closed || s.identityVersion !== baseVersion + 1) return; // re-authenticated meanwhile
    send(s, JSON.stringify({ type: "AuthError", error: "Token expired", baseVersion, authUpdateAttempted: false }));
    s.identity = null;
    this.reattach(s);
  }

  private async mutation(s: Session, msg: { requestId: number; udfPath: string; args: unknown[] }): Promise<void> {
    const r = await this.host
      .engine()
      .run("mutation", msg.udfPath, msg.args?.[0] ?? {}, { identity: s.identity, admin: s.admin });
    // Acknowledge once durable, without holding up this connection's next message.
    void this.host.flush().then(
      () => {
        if (!r.ok) return send(s, JSON.stringify(failure("MutationResponse", msg.requestId, r)));
        const ts = r.commitTs ?? this.host.engine().internals.lastCommitTs;
        send(
          s,
          JSON.stringify({
            type: "MutationResponse",
            requestId: msg.requestId,
            success: true,
            result: r.value,
            ts: encodeTs(ts),
            logLines: r.logLines,
          }),
        );
        // The client resolves the mutation on the next Transition at or past `ts`.
        if (s.sent.ts >= ts) this.sendTransition(s, s.sent.ts, [], false);
        else if (ts > s.needTs) {
          s.needTs = ts;
          this.schedule();
        }
      },
      (e: unknown) => {
        this.host.log(`could not persist a commit: ${(e as Error).message}`);
        this.fatal(s, "The backend could not persist a write");
      },
    );
  }

  private async action(s: Session, msg: { requestId: number; udfPath: string; args: unknown[] }): Promise<void> {
    const r = await this.host
      .engine()
      .run("action", msg.udfPath, msg.args?.[0] ?? {}, { identity: s.identity, admin: s.admin });
    try {
      await this.host.flush();
    } catch (e) {
      this.host.log(`could not persist a commit: ${(e as Error).message}`);
      return this.fatal(s, "The backend could not persist a write");
    }
    if (!r.ok) send(s, JSON.stringify(failure("ActionResponse", msg.requestId, r)));
    else
      send(
        s,
        JSON.stringify({
          type: "ActionResponse",
          requestId: msg.requestId,
          success: true,
          result: r.value,
          logLines: r.logLines,
        }),
      );
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.round());
  }

  private markDirty(): void {
    if (this.everything) {
      for (const sub of this.subs.values()) sub.dirty = true;
    } else if (this.writtenTables.size > 0) {
      for (const sub of this.subs.values()) {
        if (sub.dirty) continue;
        for (const t of sub.tables) {
          if (this.writtenTables.has(t)) {
            sub.dirty = true;
            break;
          }
        }
      }
    }
    this.everything = false;
    this.writtenTables.clear();
  }

  /**
   * Re-runs dirty subscriptions until a pass sees no new commit (so every result reflects one timestamp), then
   * sends each connection one Transition.
   */
  private async round(): Promise<void> {
    this.scheduled = false;
    if (this.running) {
      this.again = true; // picked up when the running round ends
      return;
    }
    this.running = true;
    this.again = false;
    try {
      let ts = this.host.engine().internals.lastCommitTs;
      for (let pass = 0; pass < 5; pass++) {
        ts = this.host.engine().internals.lastCommitTs;
        this.markDirty();
        const todo = [...this.subs.values()].filter((sub) => sub.dirty);
        if (todo.length === 0) break;
        for (const sub of todo) {
          if (!this.subs.has(sub.key)) continue;
          sub.dirty = false;
          await this.runSub(sub);
          await yieldToIo();
        }
        if (this.host.engine().internals.lastCommitTs === ts && this.writtenTables.size === 0) break;
      }
      await this.host.flush();
      for (const s of this.sessions) this.sendUpdates(s, ts);
    } catch (e) {
      this.host.log(`sync: ${(e as Error).stack ?? String(e)}`);
    } finally {
      this.running = false;
      if (this.again || this.writtenTables.size > 0 || this.everything || [...this.subs.values()].some((x) => x.dirty))
        this.schedule();
    }
  }

  private async runSub(sub: Sub): Promise<void> {
    const opts = { identity: sub.identity, admin: sub.admin };
    let r = await this.host.engine().run("query", sub.udfPath, pinned(sub.args, sub.pinnedEnd), opts);
    if (!r.ok && sub.pinnedEnd !== undefined && /endCursor/.test(r.errorMessage)) {
      sub.pinnedEnd = undefined; // the function's own validator has no endCursor: run unpinned
      r = await this.host.engine().run("query", sub.udfPath, sub.args, opts);
    }
    if (r.ok && sub.pinnedEnd === undefined) sub.pinnedEnd = pageEnd(sub.args, r.value);
    sub.tables = r.tables;
    if (r.ok) {
      sub.payload = `"type":"QueryUpdated","value":${JSON.stringify(r.value)},"logLines":${JSON.stringify(r.logLines)},"journal":null`;
    } else {
      const data = r.errorData === undefined ? "" : `,"errorData":${JSON.stringify(r.errorData)}`;
      sub.payload = `"type":"QueryFailed","errorMessage":${JSON.stringify(r.errorMessage)},"logLines":${JSON.stringify(r.logLines)}${data},"journal":null`;
    }
  }

  private sendUpdates(s: Session, ts: bigint): void {
    if (s.closed) return;
    for (const q of s.queries.values()) if (q.sub.payload === null) return; // wait until every added query has a result
    const mods: string[] = s.removed.map((id) => `{"type":"QueryRemoved","queryId":${id}}`);
    s.removed = [];
    for (const q of s.queries.values()) {
      if (q.lastSent !== q.sub.payload) {
        mods.push(`{"queryId":${q.queryId},${q.sub.payload}}`);
        q.lastSent = q.sub.payload;
      }
    }
    const changed = mods.length > 0 || s.sent.querySet !== s.querySet || s.sent.identity !== s.identityVersion;
    if (!changed && s.needTs <= s.sent.ts) return;
    this.sendTransition(s, ts > s.sent.ts ? ts : s.sent.ts, mods, true);
  }

  private sendTransition(s: Session, ts: bigint, mods: string[], advance: boolean): void {
    const start = s.sent;
    const end = advance ? { querySet: s.querySet, identity: s.identityVersion, ts } : start;
    const v = (x: typeof start) => `{"querySet":${x.querySet},"identity":${x.identity},"ts":"${encodeTs(x.ts)}"}`;
    send(
      s,
      `{"type":"Transition","startVersion":${v(start)},"endVersion":${v(end)},"modifications":[${mods.join(",")}]}`,
    );
    s.sent = end;
    if (s.needTs <= end.ts) s.needTs = 0n;
  }
}

type PaginationArgs = { paginationOpts?: { cursor?: unknown; endCursor?: unknown } };

/** The continue cursor of a paginated query's first result, if it is one that should be pinned. */
function pageEnd(args: unknown, value: unknown): string | undefined {
  const opts = (args as PaginationArgs | null)?.paginationOpts;
  const page = value as { continueCursor?: unknown; isDone?: unknown } | null;
  if (!opts || typeof opts !== "object" || opts.endCursor != null) return undefined;
  if (!page || typeof page !== "object" || page.isDone !== false || typeof page.continueCursor !== "string")
    return undefined;
  return page.continueCursor;
}

function pinned(args: unknown, end: string | undefined): unknown {
  if (end === undefined) return args;
  const a = args as PaginationArgs & Record<string, unknown>;
  return { ...a, paginationOpts: { ...a.paginationOpts, endCursor: end } };
}

function send(s: Session, text: string): void {
  if (!s.closed && s.ws.readyState === 1) s.ws.send(text);
}

function failure(type: string, requestId: number, r: Extract<RunResult, { ok: false }>): Record<string, unknown> {
  return {
    type,
    requestId,
    success: false,
    result: r.errorMessage,
    logLines: r.logLines,
    ...(r.errorData !== undefined ? { errorData: r.errorData } : {}),
  };
}
