/**
 * The running backend: one project's engine with its durable store, auth, sync server, scheduler and crons, and
 * hot reload of the functions folder.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { AuthVerifier, LocalAuth } from "./auth.js";
import { CronRunner } from "./crons.js";
import { Engine, type Identity } from "./engine.js";
import { jsonToConvex } from "convex/values";
import { componentTableKey, tableOfId, type CommitRecord, type EngineState, type JsonDoc } from "./engine-internals.js";
import { remapIds, type SnapshotData } from "./snapshot-zip.js";
import {
  disposeProject,
  emptyProject,
  functionsDirOf,
  loadProject,
  parseExportedSchema,
  type ExportedSchema,
  type LoadedProject,
} from "./loader.js";
import { LocalAccounts, type SignUpContext } from "./local-accounts.js";
import { OriginPolicy } from "./origins.js";
import { restrictDataDir } from "./data-dir.js";
import { Store } from "./persistence.js";
import { checkDocuments } from "./schema-check.js";
import { SyncServer } from "./sync.js";

/** Options shared by startBackend and the Backend class. */
export interface BackendConfig {
  projectDir: string;
  dataDir: string;
  url: string;
  siteUrl: string;
  env: Record<string, string>;
  log: (line: string) => void;
  /** Start even if the first load fails (serving no functions until a reload succeeds), as in watch mode. */
  tolerateLoadErrors?: boolean;
  /** Web origins allowed to call from a browser (the dashboard's and ALLOWED_ORIGINS). */
  allowedOrigins?: string[];
  /** Local sign-in settings. */
  localAuth?: { sessionHours?: number; signUpsPerHour?: number; openSignUp?: boolean };
}

/**
 * The app's function telling local sign-in what it knows about a would-be account (legacy data, invitations).
 * Optional: a project without it has no legacy accounts and no invitations.
 */
const SIGN_UP_CONTEXT_FUNCTION = "team/localAccounts:signUpContext";
/** A pause in commits this long lets a due compaction run (see `scheduleSnapshot`). */
const SNAPSHOT_IDLE_MS = 1000;

/** State of the last code push (load or hot reload). */
export interface PushStatus {
  ok: boolean;
  at: number;
  message: string;
}

export class Backend {
  engineRef!: Engine;
  store!: Store;
  local!: LocalAuth;
  accounts!: LocalAccounts;
  readonly origins: OriginPolicy;
  verifier!: AuthVerifier;
  adminKey!: string;
  readonly sync: SyncServer;
  private crons: CronRunner | null = null;
  private readonly jobTimers = new Map<string, NodeJS.Timeout>();
  lastPush: PushStatus = { ok: true, at: 0, message: "" };
  private closing = false;
  private reloading: Promise<void> = Promise.resolve();
  private snapshotTimer: NodeJS.Timeout | null = null;
  /** True while `snapshotTimer` is a compaction that runs at once (not one waiting for a pause). */
  private snapshotUrgent = false;
  /** When the last commit was appended (performance.now()), for compaction in a pause. */
  private lastCommitAt = 0;
  private compactionTimer: NodeJS.Timeout | null = null;
  readonly uploadTokens = new Map<string, number>();
  /** Tables an import wrote in the transaction committing now (its writes bypass the engine's commit). */
  private importedTables: Set<string> | null = null;

  constructor(readonly config: BackendConfig) {
    this.origins = new OriginPolicy(config.allowedOrigins ?? []);
    this.sync = new SyncServer({
      engine: () => this.engineRef,
      verifyToken: (t) => this.verifier.verify(t),
      verifyAdmin: (k) => this.isAdminKey(k),
      flush: async () => {
        await Promise.all([this.store.flush(), this.store.flushBlobs()]);
      },
      log: config.log,
    });
  }

  /** Opens the data dir, loads and restores the project. */
  async start(): Promise<void> {
    const { dataDir } = this.config;
    restrictDataDir(dataDir); // owner-only, also for folders written by older versions
    this.adminKey = loadOrCreateAdminKey(dataDir);
    this.local = await LocalAuth.open(dataDir);
    this.accounts = new LocalAccounts({
      dataDir,
      log: this.config.log,
      context: (subject, invite) => this.signUpContext(subject, invite),
      onRevoke: (sessionId) => this.sync.endSession(sessionId),
      ...this.config.localAuth,
      openSignUpForced: this.config.localAuth?.openSignUp,
    });
    this.setEnv();
    const { store, recovered } = Store.open(dataDir); // takes the data dir's lock first
    this.store = store;
    // Bundles of earlier runs (a killed process leaves its own behind) are no longer imported by anyone.
    fs.rmSync(this.buildDir, { recursive: true, force: true });
    let project: LoadedProject;
    let loadError: string | null = null;
    try {
      project = await loadProject(this.config.projectDir, { buildDir: this.buildDir });
    } catch (e) {
      if (!this.config.tolerateLoadErrors) {
        await store.close();
        throw e;
      }
      loadError = (e as Error).message;
      project = emptyProject(functionsDirOf(this.config.projectDir), this.buildDir);
    }
    if (recovered.truncatedBytes > 0)
      this.config.log(`recovered: cut ${recovered.truncatedBytes} bytes of torn write-ahead log`);
    const engine = this.makeEngine(project);
    const blobs = await store.loadBlobs();
    const componentBlobs = await store.loadComponentBlobs(engine.internals.componentPaths().installed);
    engine.internals.importState(
      recovered.state ?? { documents: [], nextDocId: 0, lastCreationTime: 0, lastCommitTs: "0" },
      blobs,
      componentBlobs,
    );
    for (const c of recovered.commits) engine.internals.applyCommit(c);
    this.install(engine, project);
    // Every write is validated when it commits, so documents need checking only when the schema changed since the
    // last check that passed (a push while the backend was stopped): restart at 100k documents skips ~1 s here.
    const problems = schemaAlreadyChecked(dataDir, project)
      ? []
      : checkDocuments(project.schemaJson, engine.internals.documents());
    if (problems.length === 0) rememberSchemaChecked(dataDir, project);
    this.lastPush =
      problems.length === 0
        ? { ok: true, at: Date.now(), message: "Loaded" }
        : { ok: false, at: Date.now(), message: `Existing documents do not match the schema: ${problems[0]}` };
    if (loadError !== null) this.lastPush = { ok: false, at: Date.now(), message: loadError };
    if (!this.lastPush.ok) this.config.log(`warning: ${this.lastPush.message}`);
    this.config.log(`loaded ${project.functions.size} functions, ${engine.internals.documentCount()} documents`);
    this.logComponents(engine);
    this.armCompaction();
  }

  /**
   * Compacts the write-ahead log while running: on every commit past the size threshold (see `onCommit`), on a
   * timer for a log that is only old, and right after startup when the replayed log was already over it.
   */
  private armCompaction(): void {
    const every = Math.min(this.store.policy.everyMs, 60_000);
    this.compactionTimer = setInterval(() => this.scheduleSnapshot(), every);
    this.compactionTimer.unref();
    this.scheduleSnapshot();
  }

  /**
   * Compacts once the log is past its threshold, at the first pause in commits (SNAPSHOT_IDLE_MS without one): a
   * snapshot blocks the process for as long as it takes to write the whole state, so a burst of commits (a
   * migration run's steps) is not stalled by one mid-way. Past the threshold by half again it cannot wait.
   */
  private scheduleSnapshot(): void {
    if (this.closing || !this.store.wantsSnapshot()) return;
    const urgent = this.store.mustSnapshot();
    if (this.snapshotTimer) {
      // A compaction waiting for a pause is brought forward once the log passes the urgent threshold meanwhile.
      if (!urgent || this.snapshotUrgent) return;
      clearTimeout(this.snapshotTimer);
    }
    this.snapshotUrgent = urgent;
    const wait = urgent ? 0 : SNAPSHOT_IDLE_MS;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      this.snapshotUrgent = false;
      if (this.closing) return;
      if (!this.store.mustSnapshot() && performance.now() - this.lastCommitAt < SNAPSHOT_IDLE_MS)
        return this.scheduleSnapshot();
      this.compact();
    }, wait);
  }

  /** Writes a snapshot now and drops the log it covers; answers the log's size before and after. */
  compact(): {
    walBytesBefore: number;
    walRecordsBefore: number;
    walBytesAfter: number;
    snapshotBytes: number;
    ms: number;
  } {
    const before = this.store.stats();
    const t0 = performance.now();
    this.store.snapshot(this.engine.internals.exportState());
    const after = this.store.stats();
    const ms = Math.round(performance.now() - t0);
    if (before.walRecords > 0)
      this.config.log(
        `compacted the write-ahead log: ${before.walRecords} records, ${before.walBytes} bytes → snapshot of ${after.snapshotBytes} bytes in ${ms} ms`,
      );
    return {
      walBytesBefore: before.walBytes,
      walRecordsBefore: before.walRecords,
      walBytesAfter: after.walBytes,
      snapshotBytes: after.snapshotBytes,
      ms,
    };
  }

  /** Says which components run and what of their data is kept, so nothing is lost silently. */
  private logComponents(engine: Engine): void {
    const { installed, notInstalled } = engine.internals.componentPaths();
    if (installed.length > 0) {
      this.config.log(
        `components: ${installed.join(", ")} (their tables, files and scheduled functions are persisted)`,
      );
    }
    if (notInstalled.length > 0)
      this.config.log(
        `warning: data of components no longer in convex.config.ts is kept but not served: ${notInstalled.join(", ")}`,
      );
  }

  private setEnv(): void {
    process.env.LOCAL_AUTH_ISSUER = this.config.url;
    for (const [k, v] of Object.entries(this.config.env)) process.env[k] = v;
  }

  private makeEngine(project: LoadedProject): Engine {
    let engine: Engine | null = null;
    engine = new Engine(project, {
      onCommit: (record) => {
        if (engine !== null && engine === this.engineRef) this.onCommit(record);
      },
      onStoreFile: (id, blob, component) => this.store.saveBlob(id, blob, component),
      onLog: (fn, line) => this.config.log(`${fn}: ${line}`),
      siteUrl: this.config.siteUrl,
      storageUrl: (id) => `${this.config.url}/api/storage/${id}`,
      uploadUrl: () => {
        const now = Date.now();
        if (this.uploadTokens.size > 1000)
          for (const [t, exp] of this.uploadTokens) if (exp < now) this.uploadTokens.delete(t);
        const token = randomBytes(16).toString("hex");
        this.uploadTokens.set(token, Date.now() + 60 * 60 * 1000);
        return `${this.config.url}/api/storage/upload?token=${token}`;
      },
    });
    return engine;
  }

  /** Makes `engine` the serving engine: verifier, crons and re-armed scheduled functions. */
  private install(engine: Engine, project: LoadedProject): void {
    const old = this.engineRef;
    if (old) engine.adoptMeasurements(old);
    this.engineRef = engine;
    if (old) {
      old.internals.retire();
      disposeProject(old.project);
    }
    this.verifier = new AuthVerifier(project.authProviders, this.local, this.config.url, (sid, sub) =>
      this.accounts.isLive(sid, sub),
    );
    this.crons?.stop();
    this.crons = new CronRunner(project.crons, (p, args) => this.runJob(p, args), this.config.log);
    this.rearmScheduled();
  }

  private get buildDir(): string {
    return path.join(this.config.dataDir, ".build");
  }

  private async signUpContext(subject: string, invite: string | undefined): Promise<SignUpContext> {
    const none: SignUpContext = { localUsers: false, subjectHasData: false, inviteOpen: false };
    if (!this.engine.lookup(SIGN_UP_CONTEXT_FUNCTION)) return none;
    const r = await this.engine.runInternal(SIGN_UP_CONTEXT_FUNCTION, {
      tokenIdentifier: `${this.config.url}|${subject}`,
      issuer: this.config.url,
      ...(invite ? { invite } : {}),
    });
    if (!r.ok) throw new Error(`${SIGN_UP_CONTEXT_FUNCTION} failed: ${r.errorMessage}`);
    return r.value as SignUpContext;
  }

  get engine(): Engine {
    return this.engineRef;
  }

  /** Constant-time: the digests are compared, so neither the key's length nor its first wrong byte shows in the timing. */
  isAdminKey(key: string): boolean {
    const digest = (s: string) => createHash("sha256").update(s).digest();
    return timingSafeEqual(digest(key), digest(this.adminKey));
  }

  /** Verifies an `Authorization` header value: "Bearer <jwt>" or "Convex <admin key>". */
  async authorize(header: string | undefined): Promise<{ identity: Identity | null; admin: boolean }> {
    if (!header) return { identity: null, admin: false };
    const [scheme, value] = header.split(/\s+/, 2);
    if (scheme === "Convex" && this.isAdminKey(value ?? "")) return { identity: null, admin: true };
    if (scheme === "Bearer") return { identity: await this.verifier.verify(value ?? ""), admin: false };
    return { identity: null, admin: false };
  }

  private onCommit(record: CommitRecord): void {
    this.lastCommitAt = performance.now();
    this.store.append(record);
    const tables = new Set<string>(this.importedTables ?? []);
    this.importedTables = null;
    for (const w of record.writes) {
      const t = tableOfId(w.id) ?? "";
      tables.add(componentTableKey(w.component, t));
      if (t === "_storage" && w.doc === null)
        void this.store.flush().then(() => this.store.removeBlob(w.id, w.component));
      if (t === "_scheduled_functions" && w.doc && (w.doc.state as { kind: string }).kind === "canceled")
        this.clearJob(componentTableKey(w.component, w.id));
    }
    this.sync.onCommit(tables);
    this.scheduleSnapshot();
  }

  private async runJob(p: string, args: Record<string, unknown>): Promise<void> {
    const r = await this.engine.runInternal(p, args);
    if (!r.ok) this.config.log(`error in ${p}: ${r.errorMessage}`);
  }

  private clearJob(id: string): void {
    const t = this.jobTimers.get(id);
    if (t) clearTimeout(t);
    this.jobTimers.delete(id);
  }

  /** Arms timers for scheduled functions (the app's and each component's) pending when the state was restored or reloaded. */
  private rearmScheduled(): void {
    for (const t of this.jobTimers.values()) clearTimeout(t);
    this.jobTimers.clear();
    const internals = this.engine.internals;
    const sources: Array<[string | undefined, ReturnType<typeof internals.documents>]> = [
      [undefined, internals.documents("_scheduled_functions")],
    ];
    for (const c of internals.componentPaths().installed)
      sources.push([c, internals.componentDocuments(c, "_scheduled_functions")]);
    for (const [component, jobs] of sources) {
      for (const job of jobs) {
        const state = (job.state as { kind: string }).kind;
        if (state !== "pending" && state !== "inProgress") continue;
        const delay = Math.max(0, Number(job.scheduledTime) - Date.now());
        const key = componentTableKey(component, job._id);
        const timer = setTimeout(
          () =>
            void this.runScheduled(
              component,
              job._id,
              String(job.name),
              (job.args as unknown[])[0] as Record<string, unknown>,
            ),
          delay,
        );
        this.jobTimers.set(key, timer);
      }
    }
  }

  private async runScheduled(
    component: string | undefined,
    id: string,
    name: string,
    args: Record<string, unknown>,
  ): Promise<void> {
    this.jobTimers.delete(componentTableKey(component, id));
    if (this.closing) return;
    const engine = this.engine;
    const setState = (state: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      engine.transaction(async (ctx) => {
        const db = ctx.db as unknown as {
          get(id: string): Promise<{ state: { kind: string } } | null>;
          patch(id: string, v: unknown): Promise<void>;
        };
        const job = component
          ? (engine.internals.componentGet(component, id) as { state: { kind: string } } | null)
          : await db.get(id);
        if (!job || (job.state.kind !== "pending" && job.state.kind !== "inProgress")) return false;
        if (component) engine.internals.componentPatch(component, id, { state, ...extra });
        else await db.patch(id, { state, ...extra });
        return true;
      });
    if (!(await setState({ kind: "inProgress" })).value) return;
    const r = component ? await engine.runInComponent(component, name, args) : await engine.runInternal(name, args);
    if (!r.ok) this.config.log(`error in scheduled function ${name}: ${r.errorMessage}`);
    await setState(r.ok ? { kind: "success" } : { kind: "failed", error: r.errorMessage }, {
      completedTime: Date.now(),
    });
  }

  /** Reloads the functions folder; a schema the existing documents violate is rejected and the old code keeps serving. */
  reload(): Promise<void> {
    this.reloading = this.reloading.then(() => this.reloadOnce());
    return this.reloading;
  }

  private async reloadOnce(): Promise<void> {
    if (this.closing) return;
    let project: LoadedProject;
    try {
      this.setEnv();
      project = await loadProject(this.config.projectDir, { buildDir: this.buildDir });
    } catch (e) {
      this.lastPush = { ok: false, at: Date.now(), message: (e as Error).message };
      this.config.log(`push failed: ${this.lastPush.message}`);
      return;
    }
    // Hold new calls and let running ones finish, so no write lands on the old engine after the hand-over.
    const old = this.engine;
    await old.pause();
    let successor: Engine | null = null;
    try {
      const problems = checkDocuments(project.schemaJson, old.internals.documents());
      if (problems.length > 0) {
        disposeProject(project);
        this.lastPush = {
          ok: false,
          at: Date.now(),
          message: `Schema validation failed: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}`,
        };
        this.config.log(`push rejected: ${this.lastPush.message}`);
        return;
      }
      rememberSchemaChecked(this.config.dataDir, project);
      const state: EngineState = old.internals.exportState();
      const engine = this.makeEngine(project);
      const blobs: Record<string, Blob> = {};
      for (const d of old.internals.documents("_storage")) {
        const b = old.internals.getBlob(d._id);
        if (b) blobs[d._id] = b;
      }
      engine.internals.importState(state, blobs);
      engine.internals.adoptComponentFiles(old.internals);
      this.install(engine, project);
      successor = engine;
      this.lastPush = { ok: true, at: Date.now(), message: `Reloaded ${project.functions.size} functions` };
      this.config.log(this.lastPush.message);
    } catch (e) {
      this.lastPush = { ok: false, at: Date.now(), message: (e as Error).message };
      this.config.log(`push failed: ${this.lastPush.message}`);
      return;
    } finally {
      old.resume(successor);
    }
    this.sync.invalidateAll();
  }

  /**
   * Imports a snapshot atomically: "replace" empties each table in the snapshot first, "append" adds to it (a
   * document already present under its id with the same content is skipped, so a retried append adds nothing).
   * Components' tables and files (`data.components`, by path) are imported the same way into each installed
   * component, in the same record. Nothing is written if the result would not match the app's or a component's
   * schema, or names a component that is not installed. The data is made durable (files, then one log record,
   * fsynced) before it is applied in memory, so an import either answers its counts or leaves no trace. Counts of
   * a component's tables are keyed `<component>/<table>`.
   */
  async importSnapshot(
    data: SnapshotData,
    mode: "replace" | "append",
  ): Promise<{ imported: Record<string, number>; alreadyPresent: Record<string, number> }> {
    const internals = this.engine.internals;
    const imported: Record<string, number> = {};
    const alreadyPresent: Record<string, number> = {};
    const writes: CommitRecord["writes"] = [];
    const files: Array<{ id: string; blob: Blob; component?: string }> = [];
    const scopes: ImportScope[] = [
      {
        label: "",
        has: (id) => internals.hasDocument(id),
        exportDoc: (id) => internals.exportDocument(id),
        nextCounter: internals.nextCounter(),
        idsOfTable: (t) => internals.idsOfTable(t),
        documents: () => internals.documents(),
        schema: this.engine.project.schemaJson,
      },
    ];
    const componentNextDocIds: Record<string, number> = {};
    for (const [component] of data.components ?? []) {
      if (!internals.hasComponent(component))
        throw new Error(
          `The snapshot holds data of component "${component}", which convex.config.ts does not install here.`,
        );
      const loaded = this.engine.project.components.find((c) => c.path === component);
      const schema = loaded?.schema as { export?: () => string } | null | undefined;
      scopes.push({
        label: component,
        component,
        has: (id) => internals.componentHasDocument(component, id),
        exportDoc: (id) => internals.componentExportDocument(component, id),
        nextCounter: internals.componentNextCounter(component),
        idsOfTable: (t) => internals.componentIdsOfTable(component, t),
        documents: () => internals.componentAllDocuments(component),
        schema: schema?.export ? parseExportedSchema(schema.export(), `component ${component}`) : null,
      });
    }
    let nextDocId = internals.nextCounter();
    for (const scope of scopes) {
      const given = scope.component === undefined ? data : data.components!.get(scope.component)!;
      const planned = planImport(scope, { tables: given.tables, files: given.files }, mode);
      const key = (t: string) => componentTableKey(scope.component, t);
      for (const [t, n] of Object.entries(planned.counts)) imported[key(t)] = n;
      for (const [t, n] of Object.entries(planned.alreadyPresent)) alreadyPresent[key(t)] = n;
      for (const w of planned.writes) writes.push(scope.component ? { ...w, component: scope.component } : w);
      for (const [id, bytes] of planned.files)
        files.push({ id, blob: new Blob([new Uint8Array(bytes)]), component: scope.component });
      if (scope.component === undefined) nextDocId = planned.nextCounter;
      else componentNextDocIds[scope.component] = planned.nextCounter;
    }
    let applied = false;
    try {
      await this.engine.transaction(async () => {
        // Inside the engine's transaction lock, so no commit lands between the log record and the apply.
        for (const f of files) this.store.saveBlob(f.id, f.blob, f.component);
        await this.store.flushBlobs();
        const record: CommitRecord = {
          ts: internals.lastCommitTs,
          writes,
          nextDocId,
          ...(Object.keys(componentNextDocIds).length > 0 ? { componentNextDocIds } : {}),
        };
        this.store.append(record);
        await this.store.flush();
        internals.applyCommit(record);
        for (const f of files)
          if (f.component) internals.putComponentBlob(f.component, f.id, f.blob);
          else internals.putBlob(f.id, f.blob);
        applied = true;
        this.importedTables = new Set(writes.map((w) => componentTableKey(w.component, w.table)));
      });
    } catch (e) {
      // The transaction's own commit found nothing to commit: the import is already durable and applied.
      if (!applied) {
        for (const f of files) {
          const present = f.component ? internals.componentHasDocument(f.component, f.id) : internals.hasDocument(f.id);
          if (!present) this.store.removeBlob(f.id, f.component);
        }
        throw e;
      }
      this.config.log(`import: committed; the transaction afterwards reported: ${(e as Error).message}`);
      this.sync.invalidateAll();
    }
    for (const w of writes) if (w.table === "_storage" && w.doc === null) this.store.removeBlob(w.id, w.component);
    return { imported, alreadyPresent };
  }

  /** Stops timers and connections, flushes and snapshots the store. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.crons?.stop();
    for (const t of this.jobTimers.values()) clearTimeout(t);
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    if (this.compactionTimer) clearInterval(this.compactionTimer);
    this.sync.close();
    await this.reloading;
    await this.store.flush();
    const finalState = this.engine.internals.exportState();
    this.engine.internals.retire();
    await this.store.close(finalState);
    disposeProject(this.engine.project);
  }
}

const SCHEMA_CHECKED = "schema-checked";

function schemaDigest(project: LoadedProject): string {
  return createHash("sha256").update(JSON.stringify(project.schemaJson)).digest("hex");
}

/** True when every document was last checked against this very schema (and passed). */
function schemaAlreadyChecked(dataDir: string, project: LoadedProject): boolean {
  try {
    return fs.readFileSync(path.join(dataDir, SCHEMA_CHECKED), "utf8") === schemaDigest(project);
  } catch {
    return false;
  }
}

function rememberSchemaChecked(dataDir: string, project: LoadedProject): void {
  fs.writeFileSync(path.join(dataDir, SCHEMA_CHECKED), schemaDigest(project), { mode: 0o600 });
}

/** The app's or one component's database, as an import sees it. */
interface ImportScope {
  /** "" for the app, else the component path (errors name it). */
  label: string;
  component?: string;
  has(id: string): boolean;
  exportDoc(id: string): JsonDoc | null;
  nextCounter: number;
  idsOfTable(table: string): string[];
  /** Committed documents (Convex values), for the schema check of the result. */
  documents(): Array<Record<string, unknown> & { _id: string }>;
  schema: ExportedSchema | null;
}

/**
 * The writes importing `data` into one scope takes (ids renumbered where needed, one write per id), checked
 * against the scope's schema as the result would stand: throws, naming the component, when it would not match.
 */
function planImport(
  scope: ImportScope,
  data: SnapshotData,
  mode: "replace" | "append",
): {
  writes: CommitRecord["writes"];
  files: Map<string, Uint8Array>;
  counts: Record<string, number>;
  alreadyPresent: Record<string, number>;
  nextCounter: number;
} {
  const alreadyPresent: Record<string, number> = {};
  const given =
    mode === "append" ? { tables: skipPresent(data.tables, scope, alreadyPresent), files: data.files } : data;
  const { data: mapped, nextCounter } = remapIds(given, scope.nextCounter, (id) => mode === "append" && scope.has(id));
  const finalWrites = new Map<string, CommitRecord["writes"][number]>(); // one write per id: a replaced id re-imported is a replace
  const replaced = new Set(mode === "replace" ? mapped.tables.keys() : []);
  for (const t of replaced) for (const id of scope.idsOfTable(t)) finalWrites.set(id, { id, table: t, doc: null });
  const counts: Record<string, number> = {};
  for (const [table, docs] of mapped.tables) {
    counts[table] = docs.length;
    for (const d of docs) finalWrites.set(d._id, { id: d._id, table, doc: d });
  }
  const final = [
    ...scope.documents().filter((d) => !replaced.has(tableOfId(d._id) ?? "")),
    ...[...mapped.tables.values()].flat().map((d) => jsonToConvex(d as never) as JsonDoc),
  ];
  const problems = checkDocuments(scope.schema, final);
  if (problems.length > 0)
    throw new Error(
      `Import does not match the ${scope.label ? `schema of component "${scope.label}"` : "schema"}: ${problems[0]}`,
    );
  return { writes: [...finalWrites.values()], files: mapped.files, counts, alreadyPresent, nextCounter };
}

/** Drops imported documents already present under their id with the same content (a retried append). */
function skipPresent(
  tables: Map<string, JsonDoc[]>,
  scope: Pick<ImportScope, "has" | "exportDoc">,
  skipped: Record<string, number>,
): Map<string, JsonDoc[]> {
  const out = new Map<string, JsonDoc[]>();
  for (const [table, docs] of tables) {
    out.set(
      table,
      docs.filter((d) => {
        const present = typeof d._id === "string" && scope.has(d._id) ? scope.exportDoc(d._id) : null;
        const same = present !== null && stableJson(present) === stableJson(d);
        if (same) skipped[table] = (skipped[table] ?? 0) + 1;
        return !same;
      }),
    );
  }
  return out;
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

function loadOrCreateAdminKey(dataDir: string): string {
  const file = path.join(dataDir, "admin-key");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const key = `local-admin|${randomBytes(24).toString("hex")}`;
  fs.writeFileSync(file, key, { mode: 0o600 });
  return key;
}
