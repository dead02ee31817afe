/**
 * Runs a loaded project's functions on convex-test's engine, the way a Convex deployment would: public functions
 * only (unless admin), of the right kind, with the caller's identity, capturing log lines, read sets, commit
 * timestamps and per-function read measurements.
 */
import util from "node:util";
import { convexTest } from "convex-test";
import { makeFunctionReference } from "convex/server";
import { convexToJson, jsonToConvex, type Value } from "convex/values";
import {
  EngineInternals,
  currentTracker,
  rewriteHttpActionOrigin,
  trackReads,
  type EngineHooks,
  type ReadStat,
  type ReadTracker,
} from "./engine-internals.js";
import { canonicalPath, type FunctionInfo, type LoadedProject } from "./loader.js";

/** A verified caller identity (UserIdentity attributes plus custom claims). */
export type Identity = Record<string, unknown> & { subject: string; issuer: string; tokenIdentifier: string };

/** The outcome of one function call, in Convex's JSON encoding. */
export type RunResult =
  | { ok: true; value: unknown; logLines: string[]; commitTs: bigint | null; tables: Set<string> }
  | {
      ok: false;
      errorMessage: string;
      errorData?: unknown;
      logLines: string[];
      commitTs: bigint | null;
      tables: Set<string>;
    };

/** Aggregated reads of one function from one table through one index. */
export interface Measurement {
  functionPath: string;
  kind: string;
  table: string;
  /** Index used, or null for a full table scan. */
  index: string | null;
  calls: number;
  documentsScanned: number;
  documentsReturned: number;
}

interface CallContext {
  logLines: string[];
  commitTs: bigint | null;
  path?: string;
  onLog?: (path: string, line: string) => void;
  /** Origin HTTP action requests should show (the site URL). */
  origin?: string;
}

type Accessor = {
  query: (ref: unknown, args: unknown) => Promise<unknown>;
  mutation: (ref: unknown, args: unknown) => Promise<unknown>;
  action: (ref: unknown, args: unknown) => Promise<unknown>;
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
  run: (fn: (ctx: never) => Promise<unknown>) => Promise<unknown>;
  withIdentity: (identity: Record<string, unknown>) => Accessor;
  registerComponent: (path: string, schema: unknown, modules: Record<string, () => Promise<unknown>>) => void;
};

function currentCall(): CallContext | undefined {
  return currentTracker()?.call as CallContext | undefined;
}

function newTracker(call: CallContext): ReadTracker {
  return { tables: new Set(), reads: [], call };
}
let consoleWrapped = false;

function wrapConsole(): void {
  if (consoleWrapped) return;
  consoleWrapped = true;
  const levels: Array<[keyof Console, string]> = [
    ["log", "LOG"],
    ["info", "INFO"],
    ["warn", "WARN"],
    ["error", "ERROR"],
    ["debug", "DEBUG"],
  ];
  for (const [method, level] of levels) {
    const orig = (console[method] as (...a: unknown[]) => void).bind(console);
    (console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const call = currentCall();
      if (call) {
        const line = `[${level}] ${args.map((a) => util.inspect(a)).join(" ")}`;
        call.logLines.push(line);
        call.onLog?.(call.path ?? "", line);
      } else orig(...args);
    };
  }
}

/** One running instance of a project's code on convex-test. */
export class Engine {
  readonly internals: EngineInternals;
  private readonly t: Accessor;
  private readonly accessors = new Map<string, Accessor>();
  private readonly measurements = new Map<string, Measurement>();
  private readonly onLog?: (path: string, line: string) => void;
  private readonly siteUrl?: string;

  constructor(
    readonly project: LoadedProject,
    hooks: EngineHooks & { onLog?: (path: string, line: string) => void; siteUrl?: string },
  ) {
    this.onLog = hooks.onLog;
    this.siteUrl = hooks.siteUrl;
    rewriteHttpActionOrigin(() => currentCall()?.origin);
    wrapConsole();
    this.t = convexTest((project.schema ?? undefined) as never, project.modules as never) as unknown as Accessor;
    // Before attaching the internals, which hook every registered component's database.
    for (const c of project.components) this.t.registerComponent(c.path, c.schema, c.modules);
    this.internals = EngineInternals.attach(this.t, {
      ...hooks,
      onCommit: (record) => {
        const call = currentCall();
        if (call && call.commitTs === null) call.commitTs = record.ts;
        hooks.onCommit(record);
      },
    });
    this.internals.selfTest();
  }

  private inflight = 0;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;
  private onIdle: (() => void) | null = null;
  private successor: Engine | null = null;

  /** Runs a call on this engine, or, once it has been replaced by a reload, on its successor. */
  private async enter<T>(fn: (e: Engine) => Promise<T>): Promise<T> {
    while (this.gate) await this.gate;
    if (this.successor) return await this.successor.enter(fn);
    this.inflight += 1;
    try {
      return await fn(this);
    } finally {
      this.inflight -= 1;
      if (this.inflight === 0) this.onIdle?.();
    }
  }

  /** Holds new calls and resolves once the running ones have finished (so the state can be handed over). */
  async pause(): Promise<void> {
    if (!this.gate) this.gate = new Promise((r) => (this.openGate = r));
    if (this.inflight > 0) await new Promise<void>((r) => (this.onIdle = r));
    this.onIdle = null;
  }

  /** Releases held calls: they run here, or on `successor` when this engine was replaced. */
  resume(successor: Engine | null): void {
    this.successor = successor;
    const open = this.openGate;
    this.gate = null;
    this.openGate = null;
    open?.();
  }

  /** The function registered at `path` ("file:fn", "dir/file", "file.js:fn"), if any. */
  lookup(path: string): FunctionInfo | undefined {
    return this.project.functions.get(canonicalPath(path));
  }

  private accessor(identity: Identity | null): Accessor {
    if (identity === null) return this.t;
    const key = JSON.stringify(identity);
    let a = this.accessors.get(key);
    if (!a) {
      if (this.accessors.size > 1000) this.accessors.clear();
      a = this.t.withIdentity(identity);
      this.accessors.set(key, a);
    }
    return a;
  }

  /**
   * Calls a function by path. `args` is the Convex-JSON args object. Internal functions need `admin`.
   * `kind` null accepts any kind (like Convex's /api/function).
   */
  async run(
    kind: "query" | "mutation" | "action" | null,
    path: string,
    args: unknown,
    opts: { identity: Identity | null; admin?: boolean },
  ): Promise<RunResult> {
    return await this.enter((e) => e.runNow(kind, path, args, opts));
  }

  private async runNow(
    kind: "query" | "mutation" | "action" | null,
    path: string,
    args: unknown,
    opts: { identity: Identity | null; admin?: boolean },
  ): Promise<RunResult> {
    const call: CallContext = { logLines: [], commitTs: null, path, onLog: this.onLog };
    const tracker = newTracker(call);
    const info = this.lookup(path);
    const fail = (errorMessage: string): RunResult => ({
      ok: false,
      errorMessage,
      logLines: [],
      commitTs: null,
      tables: tracker.tables,
    });
    if (!info || info.kind === "httpAction" || (info.visibility === "internal" && !opts.admin)) {
      return fail(
        `Could not find public function for '${path.replace(/:default$/, "")}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`,
      );
    }
    if (kind !== null && info.kind !== kind) {
      return fail(`Trying to execute ${info.path} as ${capital(kind)}, but it is defined as ${capital(info.kind)}.`);
    }
    let value: unknown;
    try {
      const decoded = jsonToConvex((args ?? {}) as never);
      const ref = makeFunctionReference(info.path);
      const accessor = this.accessor(opts.identity);
      value = await trackReads(tracker, () => accessor[info.kind as "query"](ref, decoded));
    } catch (e) {
      return { ...errorResult(e), logLines: call.logLines, commitTs: call.commitTs, tables: tracker.tables };
    } finally {
      if (info.kind !== "action") this.measure(info, tracker.reads);
    }
    return {
      ok: true,
      value: convexToJson(value as Value),
      logLines: call.logLines,
      commitTs: call.commitTs,
      tables: tracker.tables,
    };
  }

  /** Serves an HTTP action from convex/http.ts. */
  async fetch(pathAndQuery: string, init: RequestInit, identity: Identity | null): Promise<Response> {
    return await this.enter((e) => e.fetchNow(pathAndQuery, init, identity));
  }

  private async fetchNow(pathAndQuery: string, init: RequestInit, identity: Identity | null): Promise<Response> {
    if (!this.project.hasHttp) return new Response("No HTTP actions are defined in convex/http.ts", { status: 404 });
    const call: CallContext = {
      logLines: [],
      commitTs: null,
      path: `http ${init.method ?? "GET"} ${pathAndQuery}`,
      onLog: this.onLog,
      origin: this.siteUrl,
    };
    return await trackReads(newTracker(call), () => this.accessor(identity).fetch(pathAndQuery, init));
  }

  /** Runs `fn` as one mutation transaction (ctx has db and storage); returns its commit timestamp. */
  async transaction<T>(
    fn: (ctx: { db: never; storage: never }) => Promise<T>,
  ): Promise<{ value: T; commitTs: bigint | null }> {
    return await this.enter((e) => e.transactionNow(fn));
  }

  private async transactionNow<T>(
    fn: (ctx: { db: never; storage: never }) => Promise<T>,
  ): Promise<{ value: T; commitTs: bigint | null }> {
    const call: CallContext = { logLines: [], commitTs: null };
    const value = (await trackReads(newTracker(call), () => this.t.run(fn as never))) as T;
    return { value, commitTs: call.commitTs };
  }

  /**
   * Runs a component's function (`udfPath` "file:fn" inside component `component`) by function handle, as a
   * scheduled job of that component does. `args` are Convex values.
   */
  async runInComponent(component: string, udfPath: string, args: Record<string, unknown>): Promise<RunResult> {
    return await this.enter((e) => e.runInComponentNow(component, udfPath, args));
  }

  private async runInComponentNow(
    component: string,
    udfPath: string,
    args: Record<string, unknown>,
  ): Promise<RunResult> {
    const call: CallContext = { logLines: [], commitTs: null, path: `${component}/${udfPath}`, onLog: this.onLog };
    const tracker = newTracker(call);
    const info = this.project.components.find((c) => c.path === component)?.functions.get(canonicalPath(udfPath));
    if (!info || info.kind === "httpAction") {
      return {
        ok: false,
        errorMessage: `Could not find function '${udfPath}' in component "${component}"`,
        logLines: [],
        commitTs: null,
        tables: tracker.tables,
      };
    }
    try {
      const value = await trackReads(tracker, () =>
        this.t[info.kind as "query"](`function://${component};${info.path}`, args),
      );
      return {
        ok: true,
        value: convexToJson(value as Value),
        logLines: call.logLines,
        commitTs: call.commitTs,
        tables: tracker.tables,
      };
    } catch (e) {
      return { ...errorResult(e), logLines: call.logLines, commitTs: call.commitTs, tables: tracker.tables };
    }
  }

  /** Runs a function ignoring visibility, for the scheduler and crons. */
  async runInternal(path: string, args: Record<string, unknown>): Promise<RunResult> {
    return await this.run(null, path, convexToJson(args as Value), { identity: null, admin: true });
  }

  private measure(info: FunctionInfo, reads: ReadStat[]): void {
    for (const r of reads) {
      const key = `${info.path}|${r.table}|${r.index ?? ""}`;
      let m = this.measurements.get(key);
      if (!m) {
        m = {
          functionPath: info.path,
          kind: info.kind,
          table: r.table,
          index: r.index,
          calls: 0,
          documentsScanned: 0,
          documentsReturned: 0,
        };
        this.measurements.set(key, m);
      }
      m.calls += 1;
      m.documentsScanned += r.scanned;
      m.documentsReturned += r.returned;
    }
  }

  /** Aggregated read measurements per function, table and index. */
  getMeasurements(): Measurement[] {
    return [...this.measurements.values()].map((m) => ({ ...m }));
  }

  /** Carries measurements over to a reloaded engine. */
  adoptMeasurements(from: Engine): void {
    for (const [k, v] of from.measurements) this.measurements.set(k, v);
  }

  resetMeasurements(): void {
    this.measurements.clear();
  }
}

function capital(s: string): string {
  return s === "httpAction" ? "HttpAction" : s[0].toUpperCase() + s.slice(1);
}

/** Turns a thrown value into Convex's error response fields (ConvexError keeps its data). */
export function errorResult(e: unknown): { ok: false; errorMessage: string; errorData?: unknown } {
  if (typeof e === "object" && e !== null && Symbol.for("ConvexError") in e) {
    const ce = e as { message: string; data: unknown };
    return {
      ok: false,
      errorMessage: `Uncaught ConvexError: ${ce.message}`,
      errorData: convexToJson(ce.data as Value),
    };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  return { ok: false, errorMessage: `Uncaught ${err.name === "Error" ? "Error" : err.name}: ${err.message}` };
}
