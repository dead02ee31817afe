/**
 * The ONE module that touches convex-test@0.0.60 internals (pinned exact in package.json).
 *
 * convex-test is an in-memory Convex engine meant for unit tests. The embedded backend needs a few things its
 * public API does not give: restoring documents with their ids, observing every commit with its writes, seeing
 * which tables and indexes a function reads, and rewriting storage URLs. Everything that depends on private
 * field names lives here, and `selfTest()` checks those assumptions at startup so an upgrade fails loudly.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { getConvexSize, jsonToConvex } from "convex/values";
import { fromConvexJson, isPlainJson, toConvexJson } from "./fast-json.js";

/** A committed document in Convex's JSON encoding (`convexToJson`), keyed by `_id`. */
export type JsonDoc = Record<string, unknown> & { _id: string; _creationTime: number };

/**
 * One top-level commit: its timestamp and the final value (or null for delete) of each written id. Writes in a
 * component's tables carry its path (each component has its own tables and id counter, as in Convex).
 */
export interface CommitRecord {
  ts: bigint;
  writes: Array<{ id: string; table: string; doc: JsonDoc | null; component?: string }>;
  nextDocId: number;
  /** The id counter of each component that wrote in this commit. */
  componentNextDocIds?: Record<string, number>;
}

/** One write of an admin batch, with Convex values (already decoded from JSON). */
export type StagedWrite =
  | { op: "insert"; table: string; value: Record<string, unknown> }
  | { op: "patch"; id: string; set: Record<string, unknown>; unset?: string[] }
  | { op: "replace"; id: string; value: Record<string, unknown> }
  | { op: "delete"; id: string }
  /** Re-inserts a deleted document with its own `_id` and `_creationTime` (undoing a delete in one transaction). */
  | { op: "restore"; value: Record<string, unknown> };

/** What a function read from one table in one query call. */
export interface ReadStat {
  table: string;
  /** Index name ("by_creation_time", "by_id", a schema index, "search:<name>") or null for a full table scan. */
  index: string | null;
  scanned: number;
  returned: number;
}

/** Per-call collector installed with `trackReads` (`call` is free for the caller's own per-call data). */
export interface ReadTracker {
  tables: Set<string>;
  reads: ReadStat[];
  call?: unknown;
}

/** The whole engine state, as persisted in snapshots. */
export interface EngineState {
  documents: JsonDoc[];
  nextDocId: number;
  lastCreationTime: number;
  lastCommitTs: string;
  /** Documents of each component, by component path (absent when there are none). */
  components?: Record<string, ComponentState>;
}

/** One component's documents and id counter. */
export interface ComponentState {
  documents: JsonDoc[];
  nextDocId: number;
  lastCreationTime: number;
}

/** Key under which reads and writes of a component's table are tracked: tables of different components differ. */
export function componentTableKey(component: string | undefined, table: string): string {
  return component ? `${component}/${table}` : table;
}

// Query ids are per database but cleaned up through one global syscall: give each component its own id range.
const COMPONENT_QUERY_ID_SPACING = 2 ** 40;

interface QueryInfo {
  stat: ReadStat;
  sorted: unknown[];
  results: unknown[];
  filtered: boolean;
  limit: number | null;
  consumed: unknown | null;
  done: boolean;
}

type Doc = Record<string, unknown> & { _id: string; _creationTime: number };

/* The private shapes we rely on (convex-test 0.0.60, dist/index.js). */
interface DatabaseFake {
  _documents: Record<string, Doc>;
  _storage: Record<string, Blob>;
  _nextDocId: number;
  _lastCreationTime: number;
  _queryResults: Record<number, unknown[]>;
  _nextQueryId: number;
  _writes: Array<Record<string, Doc | null>>;
  _schema: {
    schemaValidation: boolean;
    tables: Map<
      string,
      { documentType?: SchemaValidator; indexes?: Array<{ indexDescriptor: string; fields: string[] }> }
    >;
  } | null;
  insert(table: string, value: Record<string, unknown>): string;
  _addWrite(id: string, value: Doc | null): void;
  patch(table: string, id: string, value: Record<string, unknown>): void;
  replace(table: string, id: string, value: Record<string, unknown>): void;
  delete(table: string, id: string): void;
  _resolveQuerySource(query: unknown): ResolvedSource;
  _docIsAfterCursor(doc: Doc, cursorKeys: unknown[], fieldPaths: string[], order: "asc" | "desc"): number;
  _encodeCursor(doc: Doc, fieldPaths: string[]): string;
  _validateId(table: string | undefined, id: string): void;
  _validate(table: string, doc: unknown): void;
  startQuery(query: unknown): number;
  _iterateDocs(table: string, callback: (doc: Doc) => void): void;
  get(table: string, id: string): Doc | null;
  queryNext(id: number): { value: unknown; done: boolean };
  storeFile(id: string, blob: Blob): void;
  commit(ts: bigint | null): void;
  paginate(args: PaginateArgs): {
    page: unknown[];
    continueCursor: string;
    isDone: boolean;
    splitCursor?: string | null;
    pageStatus?: string | null;
  };
}
/** What convex-test's `_resolveQuerySource` answers: a source's documents in index order, before operators. */
interface ResolvedSource {
  sortedDocs: unknown[];
  filterFn: (d: unknown) => boolean;
  limit: number | null;
  fieldPathsToSortBy?: string[];
  order?: "asc" | "desc";
}
/** An index range query as the runtime sends it. */
interface RangeQuery {
  source: { type: string; indexName?: string; order?: "asc" | "desc" };
  operators: Array<object>;
}
/** A validator as exported by the schema (`v.*().json`). */
type SchemaValidator =
  | { type: "null" | "number" | "bigint" | "commitTs" | "boolean" | "string" | "bytes" | "any" }
  | { type: "literal"; value: unknown }
  | { type: "id"; tableName: string }
  | { type: "array"; value: SchemaValidator }
  | { type: "union"; value: SchemaValidator[] }
  | { type: "object"; value: Record<string, { fieldType: SchemaValidator; optional: boolean }> }
  | { type: "record"; keys: SchemaValidator; values: { fieldType: SchemaValidator } };
interface PaginateArgs {
  query: { source: { type: string; tableName?: string; indexName?: string }; operators: Array<object> };
  cursor: string | null;
  endCursor?: string | null;
  pageSize: number;
  maximumRowsRead?: number;
  maximumBytesRead?: number;
}
interface TransactionManager {
  _lastCommitTs: bigint;
  commit(isNested: boolean): bigint | null;
  getMetricsTracker(): MetricsTracker | null;
}
/** convex-test's per-transaction limits tracker (bytes and documents read and written). */
interface MetricsTracker {
  trackRead(bytes: number): void;
  trackWrite(bytes: number): void;
  trackIndexRange(): void;
}
/** convex-test's per-call execution context (module-private AsyncLocalStorage, captured on first use). */
interface ExecutionContext {
  componentPath: string;
  paginatedQueries: number;
}
type Syscall = (op: string, args: string) => string;
type AsyncSyscall = (op: string, args: string) => Promise<string>;
interface ConvexGlobal {
  /** "" is the app; other keys are component paths registered with `t.registerComponent`. */
  components: Record<string, { db: DatabaseFake; modules: unknown }>;
  transactionManager: TransactionManager;
  syscall: Syscall;
  asyncSyscall: AsyncSyscall;
}

const readStore = new AsyncLocalStorage<ReadTracker>();

/**
 * convex-test's execution-context storage (which component a syscall runs in, how many `.paginate()` calls the
 * function made). Module-private there: captured the first time convex-test enters it (a store with
 * `componentPath` and `paginatedQueries`), after which the hook is removed. Until then syscalls take
 * convex-test's own path.
 */
let executionContext: AsyncLocalStorage<ExecutionContext> | null = null;
let executionContextHook = false;
function captureExecutionContext(): void {
  if (executionContext !== null || executionContextHook) return;
  executionContextHook = true;
  const proto = AsyncLocalStorage.prototype as unknown as { run: (...a: unknown[]) => unknown };
  const origRun = proto.run;
  proto.run = function (this: AsyncLocalStorage<unknown>, store: unknown, ...rest: unknown[]) {
    if (
      executionContext === null &&
      store &&
      typeof store === "object" &&
      "componentPath" in store &&
      "paginatedQueries" in store &&
      "udfPath" in store
    ) {
      executionContext = this as AsyncLocalStorage<ExecutionContext>;
      proto.run = origRun;
    }
    return origRun.call(this, store, ...rest);
  };
}

/** True once convex-test's execution context is captured, so document syscalls take `fastSyscall`. */
export function syscallFastPathReady(): boolean {
  return executionContext !== null;
}

/**
 * `getConvexSize` of documents, kept per document object: convex-test sizes every document it reads and every
 * document it writes (for transaction limits), and a migration reads then patches each one. Stored documents are
 * never changed in place (every write makes a new object), so an object's size never changes.
 */
const sizes = new WeakMap<object, number>();
function sizeOf(doc: object): number {
  let n = sizes.get(doc);
  if (n === undefined) sizes.set(doc, (n = getConvexSize(doc as Parameters<typeof getConvexSize>[0])));
  return n;
}
/** convex-values' `getDocumentSize` for a document that has `_id` and `_creationTime` (all stored ones do). */
function documentSize(doc: Doc): number {
  return doc._id !== undefined && doc._creationTime !== undefined
    ? sizeOf(doc)
    : getConvexSize(doc as Parameters<typeof getConvexSize>[0]) +
        (doc._id === undefined ? 38 : 0) +
        (doc._creationTime === undefined ? 23 : 0);
}
/** convex-test's reading of a written field value (`{$undefined: null}` removes the field). */
function writtenValue(v: unknown): unknown {
  if (typeof v === "object" && v !== null && "$undefined" in v) return undefined;
  return fromConvexJson(v);
}

/**
 * Stored documents known to be their own Convex JSON (checked once per document object: documents are never
 * changed in place), so the commit log and query results do not walk them again.
 */
const plainDocs = new WeakSet<object>();
/** A stored document in Convex's JSON encoding (itself when it holds only plain values). */
function docJson(doc: Doc): JsonDoc {
  if (plainDocs.has(doc)) return doc as JsonDoc;
  const json = toConvexJson(doc);
  if (json === doc) plainDocs.add(doc);
  return json as JsonDoc;
}

/** A document read from the log or a snapshot, as the engine stores it (remembered as plain when it is). */
function storedDoc(json: JsonDoc): Doc {
  const doc = fromConvexJson(json) as Doc;
  if (doc === json) plainDocs.add(doc);
  return doc;
}

/** Runs `fn` collecting the tables/indexes it reads (through every query/mutation it runs). */
export function trackReads<T>(tracker: ReadTracker, fn: () => Promise<T>): Promise<T> {
  return readStore.run(tracker, fn);
}

/** The tracker of the call running now (one AsyncLocalStorage only: each one slows every promise). */
export function currentTracker(): ReadTracker | undefined {
  return readStore.getStore();
}

/** The table an id of this engine belongs to (ids are a zero-padded counter followed by the table name). */
export function tableOfId(id: string): string | null {
  let i = 0;
  while (i < id.length) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  return i === 0 || i === id.length ? null : id.slice(i);
}

/** The numeric counter of an engine id, or null if the id is not in this engine's format. */
export function counterOfId(id: string): number | null {
  const m = /^([0-9]+)[A-Za-z_]/.exec(id);
  return m ? Number(m[1]) : null;
}

/** Makes an id in this engine's format (the same padding convex-test uses). */
export function makeId(table: string, counter: number): string {
  return counter.toString().padStart(Math.max(0, 32 - table.length), "0") + table;
}

// convex-test builds every HTTP action request as `https://some.convex.site<path>`.
const HTTP_ACTION_PLACEHOLDER_ORIGIN = "https://some.convex.site";
let requestRewriteInstalled = false;

/**
 * Makes `request.url` in HTTP actions carry the real site origin: Requests built for convex-test's placeholder
 * origin are rewritten to `originOf()` (the origin of the call running now), if it gives one.
 */
export function rewriteHttpActionOrigin(originOf: () => string | undefined): void {
  if (requestRewriteInstalled) return;
  requestRewriteInstalled = true;
  const Base = globalThis.Request;
  class SiteRequest extends Base {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      const text = typeof input === "string" ? input : input instanceof URL ? input.href : null;
      const origin = text?.startsWith(`${HTTP_ACTION_PLACEHOLDER_ORIGIN}/`) ? originOf() : undefined;
      super(origin ? origin + text!.slice(HTTP_ACTION_PLACEHOLDER_ORIGIN.length) : input, init);
    }
  }
  globalThis.Request = SiteRequest;
}

/** Hooks the embedding server installs on one engine instance. */
export interface EngineHooks {
  onCommit(record: CommitRecord): void;
  onStoreFile(id: string, blob: Blob, component?: string): void;
  storageUrl(storageId: string): string;
  uploadUrl(): string;
}

/**
 * A handle on one convexTest() instance's private state. Get it with `attachInternals(t, hooks)`.
 */
export class EngineInternals {
  private constructor(
    private readonly g: ConvexGlobal,
    private readonly hooks: EngineHooks,
  ) {}

  /** Ids of committed documents per table: convex-test scans every document of every table per query. */
  private tableIds: Map<string, Set<string>> | null = null;

  private get db(): DatabaseFake {
    return this.g.components[""].db;
  }

  /** The registered components' databases, by path. */
  private componentDbs(): Array<[string, DatabaseFake]> {
    return Object.entries(this.g.components)
      .filter(([p]) => p !== "")
      .map(([p, c]) => [p, c.db]);
  }

  private componentDb(path: string): DatabaseFake | null {
    return path === "" ? null : (this.g.components[path]?.db ?? null);
  }

  /** State of components found in the data but no longer installed: kept, not served, so no data is lost. */
  private orphans = new Map<string, { docs: Map<string, JsonDoc>; nextDocId: number; lastCreationTime: number }>();

  private idsOf(table: string): Set<string> {
    if (this.tableIds === null) {
      this.tableIds = new Map();
      for (const id of Object.keys(this.db._documents)) this.indexId(id, true);
    }
    let ids = this.tableIds.get(table);
    if (!ids) this.tableIds.set(table, (ids = new Set()));
    return ids;
  }

  private indexId(id: string, present: boolean): void {
    if (this.tableIds === null) return;
    const table = tableOfId(id) ?? "";
    let ids = this.tableIds.get(table);
    if (!ids) this.tableIds.set(table, (ids = new Set()));
    if (present === ids.has(id)) return; // a patch or replace: membership unchanged
    if (present) ids.add(id);
    else ids.delete(id);
    const order = this.ordered.get(table);
    if (!order) return;
    // New ids usually sort last (the counter grows); anything else makes the order rebuild on the next read.
    if (present && (order.ids.length === 0 || id > order.ids[order.ids.length - 1])) order.ids.push(id);
    else if (present) this.ordered.delete(table);
    else order.stale += 1;
  }

  /** Ids per table in id order (= creation order for this engine's ids); deleted ids stay until a rebuild. */
  private ordered = new Map<string, { ids: string[]; stale: number }>();

  private orderOf(table: string): { ids: string[]; stale: number } {
    let order = this.ordered.get(table);
    if (!order || (order.stale > 1000 && order.stale * 2 > order.ids.length)) {
      order = { ids: [...this.idsOf(table)].sort(), stale: 0 };
      this.ordered.set(table, order);
    }
    return order;
  }

  /** Captures the private global of a `convexTest()` result and installs the hooks. */
  static attach(
    t: { run: (fn: (ctx: unknown) => Promise<unknown>) => Promise<unknown> },
    hooks: EngineHooks,
  ): EngineInternals {
    const proto = AsyncLocalStorage.prototype as unknown as { run: (...a: unknown[]) => unknown };
    const origRun = proto.run;
    let captured: ConvexGlobal | null = null;
    proto.run = function (this: unknown, store: unknown, ...rest: unknown[]) {
      if (
        captured === null &&
        store &&
        typeof store === "object" &&
        "transactionManager" in store &&
        "components" in store
      ) {
        captured = store as ConvexGlobal;
      }
      return origRun.call(this, store, ...rest);
    };
    let probe: Promise<unknown>;
    try {
      probe = t.run(async () => null); // wrapInContext enters the global's ALS synchronously
    } finally {
      proto.run = origRun;
    }
    void probe.catch(() => undefined);
    if (captured === null) throw new Error("convex-test internals changed: could not capture the engine global");
    const internals = new EngineInternals(captured, hooks);
    captureExecutionContext();
    internals.install();
    return internals;
  }

  /** Checks every private field this module relies on; throws naming the first one missing. */
  selfTest(): void {
    const db = this.db as unknown as Record<string, unknown>;
    if (typeof db._schema !== "object") throw new Error("convex-test internals changed: DatabaseFake._schema");
    for (const f of ["_documents", "_storage", "_queryResults", "_writes"]) {
      if (typeof db[f] !== "object" || db[f] === null)
        throw new Error(`convex-test internals changed: DatabaseFake.${f}`);
    }
    for (const f of ["_nextDocId", "_lastCreationTime", "_nextQueryId"]) {
      if (typeof db[f] !== "number") throw new Error(`convex-test internals changed: DatabaseFake.${f}`);
    }
    for (const f of [
      "insert",
      "patch",
      "replace",
      "delete",
      "_resolveQuerySource",
      "_iterateDocs",
      "get",
      "_validate",
      "startQuery",
      "queryNext",
      "storeFile",
      "commit",
      "paginate",
    ]) {
      if (typeof db[f] !== "function") throw new Error(`convex-test internals changed: DatabaseFake.${f}()`);
    }
    if (typeof this.g.transactionManager._lastCommitTs !== "bigint") {
      throw new Error("convex-test internals changed: TransactionManager._lastCommitTs");
    }
    if (tableOfId(makeId("users", 10001)) !== "users") throw new Error("convex-test internals changed: id format");
    for (const [p, cdb] of this.componentDbs()) {
      const c = cdb as unknown as Record<string, unknown>;
      for (const f of ["_documents", "_writes", "_queryResults", "_storage"]) {
        if (typeof c[f] !== "object" || c[f] === null)
          throw new Error(`convex-test internals changed: DatabaseFake.${f} of component "${p}"`);
      }
      if (typeof c._nextDocId !== "number" || typeof c._iterateDocs !== "function")
        throw new Error(`convex-test internals changed: component "${p}" database`);
    }
  }

  private install(): void {
    // One map of live query streams, shared by the commit hook (which clears it) and the query tracking.
    const queries = new Map<number, QueryInfo>();
    this.installCommitHook(queries);
    this.installTableIndex();
    this.installFastValidation();
    this.installRangeCache();
    this.installQueryTracking(queries);
    this.installPaginateTracking();
    this.installStorageAndSyscalls();
    this.installComponentTracking();
  }

  /**
   * Components: reads of their tables are tracked under `component/table` (so subscriptions re-run when a
   * component's table they read changes), and their query streams get their own id range.
   */
  private installComponentTracking(): void {
    for (const [i, [path, cdb]] of this.componentDbs().entries()) {
      cdb._nextQueryId = (i + 1) * COMPONENT_QUERY_ID_SPACING;
      const origIterate = cdb._iterateDocs.bind(cdb);
      cdb._iterateDocs = (table: string, callback: (doc: Doc) => void) => {
        readStore.getStore()?.tables.add(componentTableKey(path, table));
        origIterate(table, callback);
      };
      const origGet = cdb.get.bind(cdb);
      cdb.get = (table: string, id: string) => {
        readStore.getStore()?.tables.add(componentTableKey(path, table ?? tableOfId(id) ?? ""));
        return origGet(table, id);
      };
    }
  }

  /** Reports every top-level commit with the final value of each written id. */
  private installCommitHook(queries: Map<number, QueryInfo>): void {
    const db = this.db;
    const tm = this.g.transactionManager;
    const hooks = this.hooks;
    const origCommit = tm.commit.bind(tm);
    tm.commit = (isNested: boolean) => {
      const ids = isNested ? [] : Object.keys(db._writes[0] ?? {});
      const componentIds = isNested
        ? []
        : this.componentDbs().map(([p, cdb]) => [p, cdb, Object.keys(cdb._writes[0] ?? {})] as const);
      const before = ids.map((id) => db._documents[id]);
      const ts = origCommit(isNested);
      if (ts !== null) {
        for (const [i, id] of ids.entries()) this.noteWrite(id, before[i], db._documents[id]);
        db._queryResults = {}; // convex-test keeps one entry per query run; drop them between transactions
        queries.clear();
        const writes: CommitRecord["writes"] = ids.map((id) => {
          const doc = db._documents[id];
          this.indexId(id, doc !== undefined);
          return { id, table: tableOfId(id) ?? "", doc: doc ? docJson(doc) : null };
        });
        const componentNextDocIds: Record<string, number> = {};
        for (const [component, cdb, cids] of componentIds) {
          cdb._queryResults = {};
          if (cids.length > 0) componentNextDocIds[component] = cdb._nextDocId;
          for (const id of cids) {
            const doc = cdb._documents[id];
            writes.push({
              id,
              table: tableOfId(id) ?? "",
              doc: doc ? docJson(doc) : null,
              component,
            });
          }
        }
        const record: CommitRecord = { ts, writes, nextDocId: db._nextDocId };
        if (Object.keys(componentNextDocIds).length > 0) record.componentNextDocIds = componentNextDocIds;
        hooks.onCommit(record);
      }
      return ts;
    };
  }

  private installTableIndex(): void {
    const db = this.db;
    // Same result as convex-test's _iterateDocs, visiting only the table's documents (plus pending writes).
    const idsOf = (table: string) => this.idsOf(table);
    db._iterateDocs = function (this: DatabaseFake, table: string, callback: (doc: Doc) => void) {
      const committed = idsOf(table);
      const pending = new Set<string>();
      for (const level of this._writes)
        for (const id of Object.keys(level)) if (!committed.has(id) && tableOfId(id) === table) pending.add(id);
      for (const ids of [committed, pending]) {
        for (const id of ids) {
          const doc = this.get(table, id);
          if (doc !== null) callback(doc);
        }
      }
    };
  }

  /**
   * convex-test validates by throwing and catching an Error per failed union branch, which dominates bulk
   * writes. A non-throwing check accepts what it can prove valid; anything else goes to convex-test's own
   * validation, so verdicts and error messages are unchanged.
   */
  private installFastValidation(): void {
    const db = this.db;
    const orig = db._validate.bind(db);
    db._validate = (table: string, doc: unknown) => {
      const schema = db._schema;
      if (schema === null || !schema.schemaValidation) return;
      const validator = schema.tables.get(table)?.documentType;
      if (validator === undefined || conforms(validator, doc)) return;
      orig(table, doc);
    };
  }

  /**
   * Index range reads without re-sorting the table. convex-test resolves every index range by scanning and sorting
   * the whole table, per call: a paginated walk over n documents costs O(n² log n) (a 20,000-document migration
   * spent nearly all its time here). The sorted ids of a range are kept until a committed write inserts, deletes or
   * changes an indexed field of that table (patches of other fields keep the order); a transaction whose own pending
   * writes do that reads the engine's way. A page then costs O(log n + page size): binary search for the cursor.
   */
  private readonly ranges = new Map<
    string,
    { version: number; ids: string[]; fields: string[]; order: "asc" | "desc" }
  >();
  private readonly tableVersions = new Map<string, number>();
  private readonly indexFields = new Map<string, string[]>();

  /** Fields of every index of a table (a change to one of them can reorder or move a document between ranges). */
  private indexedFieldsOf(table: string): string[] {
    let fields = this.indexFields.get(table);
    if (!fields) {
      const indexes = this.db._schema?.tables.get(table)?.indexes ?? [];
      fields = [...new Set(indexes.flatMap((i) => i.fields))];
      this.indexFields.set(table, fields);
    }
    return fields;
  }

  /** True if going from `before` to `after` inserts, deletes, or changes an indexed field. */
  private movesInIndexes(table: string, before: Doc | null | undefined, after: Doc | null | undefined): boolean {
    if (!before || !after) return true;
    for (const f of this.indexedFieldsOf(table)) {
      const a = fieldAt(before, f);
      const b = fieldAt(after, f);
      if (
        a !== b &&
        !(
          typeof a === "object" &&
          typeof b === "object" &&
          JSON.stringify(toConvexJson(a)) === JSON.stringify(toConvexJson(b))
        )
      )
        return true;
    }
    return false;
  }

  private noteWrite(id: string, before: Doc | undefined, after: Doc | undefined): void {
    const table = tableOfId(id) ?? "";
    if (this.movesInIndexes(table, before, after))
      this.tableVersions.set(table, (this.tableVersions.get(table) ?? 0) + 1);
  }

  /** The cached sorted ids of an operator-free (or limit-only) index range, or null to read the engine's way. */
  private cachedRange(
    query: RangeQuery,
    resolve: (q: unknown) => ResolvedSource,
  ): { ids: string[]; fields: string[]; order: "asc" | "desc"; table: string } | null {
    const src = query.source;
    if (src.type !== "IndexRange" || query.operators.some((o) => "filter" in o)) return null;
    const table = (src.indexName ?? "").split(".")[0];
    const db = this.db;
    for (const level of db._writes)
      for (const id in level)
        if (tableOfId(id) === table && this.movesInIndexes(table, db._documents[id], level[id])) return null;
    const key = JSON.stringify(src);
    const version = this.tableVersions.get(table) ?? 0;
    let c = this.ranges.get(key);
    if (!c || c.version !== version) {
      const r = resolve({ source: src, operators: [] });
      c = {
        version,
        ids: (r.sortedDocs as Doc[]).map((d) => d._id),
        fields: r.fieldPathsToSortBy ?? [],
        order: r.order ?? "asc",
      };
      if (this.ranges.size >= 1000) this.ranges.delete(this.ranges.keys().next().value!);
      this.ranges.set(key, c);
    }
    return { ...c, table };
  }

  private installRangeCache(): void {
    const db = this.db;
    const resolve = db._resolveQuerySource.bind(db);
    db._resolveQuerySource = (query: unknown) => {
      const q = query as RangeQuery;
      const range = this.cachedRange(q, resolve);
      if (!range) return resolve(query);
      const limitOp = q.operators.find((o) => "limit" in o) as { limit: number } | undefined;
      const ids = limitOp ? range.ids.slice(0, limitOp.limit) : range.ids;
      const sortedDocs: Doc[] = [];
      for (const id of ids) {
        const d = db.get(range.table, id);
        if (d !== null) sortedDocs.push(d);
      }
      return {
        sortedDocs,
        filterFn: () => true,
        limit: limitOp?.limit ?? null,
        fieldPathsToSortBy: range.fields,
        order: range.order,
      };
    };
    const paginate = db.paginate.bind(db);
    db.paginate = (args: PaginateArgs) => {
      const q = args.query as RangeQuery;
      const range = args.endCursor || args.cursor === "_end_cursor" ? null : this.cachedRange(q, resolve);
      if (!range) return paginate(args);
      // The page starts at the first document after the cursor (binary search) and needs pageSize + 1 of them.
      let start = 0;
      if (args.cursor) {
        const keys = (JSON.parse(args.cursor) as Array<string | null>).map((k) =>
          k === null ? undefined : fromConvexJson(JSON.parse(k)),
        );
        const fields = range.fields.includes("_id") ? range.fields : [...range.fields, "_id"];
        let hi = range.ids.length;
        while (start < hi) {
          const mid = (start + hi) >> 1;
          const doc = db.get(range.table, range.ids[mid]);
          if (doc !== null && db._docIsAfterCursor(doc, keys, fields, range.order) > 0) hi = mid;
          else start = mid + 1;
        }
      }
      // convex-test's page loop over that window (no filter, no end cursor), encoding only the cursors it returns.
      const window: Doc[] = [];
      const end = Math.min(range.ids.length, start + args.pageSize + 1);
      for (let i = start; i < end; i++) {
        const d = pendingOrCommitted(db, range.ids[i]);
        if (d !== null) window.push(d);
      }
      const fields = range.fields.includes("_id") ? range.fields : [...range.fields, "_id"];
      const page: Doc[] = [];
      let continueCursor = "_end_cursor";
      let splitCursor: string | null = null;
      let pageStatus: string | null = null;
      let bytesRead = 0;
      for (let i = 0; i < window.length; i++) {
        const doc = window[i];
        const rowsRead = i + 1;
        if (args.maximumBytesRead) bytesRead += documentSize(doc);
        const hitLimit =
          (!!args.maximumRowsRead && rowsRead >= args.maximumRowsRead) ||
          (!!args.maximumBytesRead && bytesRead >= args.maximumBytesRead);
        page.push(doc);
        if (hitLimit) {
          pageStatus = "SplitRequired";
          continueCursor = db._encodeCursor(doc, fields);
          // The midpoint of the rows read, as convex-test picks it.
          if (rowsRead >= 2) splitCursor = db._encodeCursor(window[Math.floor((rowsRead - 1) / 2)], fields);
          break;
        }
        if (page.length >= args.pageSize) {
          if (i < window.length - 1) continueCursor = db._encodeCursor(doc, fields);
          break;
        }
      }
      return { page, isDone: continueCursor === "_end_cursor", continueCursor, splitCursor, pageStatus };
    };
  }

  /** Records table, index, scanned and returned rows of each query stream. */
  private installQueryTracking(queries: Map<number, QueryInfo>): void {
    const db = this.db;
    db.startQuery = function (this: DatabaseFake, query: unknown) {
      const q = query as { source: { type: string; tableName?: string; indexName?: string }; operators: Array<object> };
      const src = this._resolveQuerySource(query);
      const filtered = q.operators.some((o) => "filter" in o);
      let results = src.sortedDocs.filter(src.filterFn);
      if (src.limit !== null) results = results.slice(0, src.limit);
      const id = this._nextQueryId++;
      this._queryResults[id] = results.slice();
      const [table, index] = sourceTableIndex(q.source);
      const stat: ReadStat = { table, index, scanned: 0, returned: 0 };
      const tracker = readStore.getStore();
      if (tracker) {
        tracker.tables.add(table);
        tracker.reads.push(stat);
      }
      queries.set(id, {
        stat,
        sorted: src.sortedDocs,
        results,
        filtered,
        limit: src.limit,
        consumed: null,
        done: false,
      });
      return id;
    };
    // Streams closed early (first(), take(), unique()) are cleaned up by the runtime: forget them here too.
    const origSyscall = this.g.syscall;
    this.g.syscall = (op: string, jsonArgs: string) => {
      if (op === "1.0/queryCleanup") {
        const { queryId } = JSON.parse(jsonArgs) as { queryId: number };
        delete db._queryResults[queryId];
        queries.delete(queryId);
        for (const [, cdb] of this.componentDbs()) delete cdb._queryResults[queryId];
      }
      return origSyscall(op, jsonArgs);
    };
    const origNext = db.queryNext.bind(db);
    db.queryNext = (id: number) => {
      const r = origNext(id);
      const info = queries.get(id);
      if (info) {
        if (r.done) {
          info.done = true;
          delete db._queryResults[id];
        } else info.stat.returned += 1;
        info.stat.scanned = scannedSoFar(info, r.done ? null : r.value);
      }
      return r;
    };
  }

  private installPaginateTracking(): void {
    const db = this.db;
    // Paginated reads: documents scanned are the rows of the page's range before `.filter()` drops any.
    const origPaginate = db.paginate.bind(db);
    db.paginate = (args: PaginateArgs) => {
      const result = origPaginate(args);
      const tracker = readStore.getStore();
      if (tracker) {
        const [table, index] = sourceTableIndex(args.query.source);
        let scanned = result.page.length;
        if (args.query.operators.some((o) => "filter" in o)) {
          const unfiltered = { ...args.query, operators: args.query.operators.filter((o) => !("filter" in o)) };
          const end = result.continueCursor === "_end_cursor" ? (args.endCursor ?? null) : result.continueCursor;
          scanned = origPaginate({
            query: unfiltered,
            cursor: args.cursor,
            endCursor: end,
            pageSize: Number.MAX_SAFE_INTEGER,
          }).page.length;
        }
        tracker.tables.add(table);
        tracker.reads.push({ table, index, scanned, returned: result.page.length });
      }
      return result;
    };
  }

  /** File bytes to disk, storage URLs on this backend, and reads done through async syscalls. */
  private installStorageAndSyscalls(): void {
    const db = this.db;
    const hooks = this.hooks;
    const origStore = db.storeFile.bind(db);
    db.storeFile = (id: string, blob: Blob) => {
      origStore(id, blob);
      hooks.onStoreFile(id, blob);
    };
    for (const [component, cdb] of this.componentDbs()) {
      const orig = cdb.storeFile.bind(cdb);
      cdb.storeFile = (id: string, blob: Blob) => {
        orig(id, blob);
        hooks.onStoreFile(id, blob, component);
      };
    }

    const origAsync = this.g.asyncSyscall;
    this.g.asyncSyscall = async (op: string, jsonArgs: string) => {
      const tracker = readStore.getStore();
      if (op === "1.0/storageGetUrl") {
        tracker?.tables.add("_storage"); // the URL depends on the file still existing
        const { storageId } = JSON.parse(jsonArgs) as { storageId: string };
        const found = await origAsync(op, jsonArgs);
        return JSON.parse(found) === null ? found : JSON.stringify(hooks.storageUrl(storageId));
      }
      if (op === "1.0/storageGenerateUploadUrl") return JSON.stringify(hooks.uploadUrl());
      if (FAST_OPS.has(op) && executionContext !== null) {
        const fast = this.fastSyscall(op, jsonArgs, tracker);
        if (fast !== null) return fast;
      }
      const result = await origAsync(op, jsonArgs);
      if (tracker) recordAsyncRead(tracker, op, jsonArgs, result);
      return result;
    };
  }

  /**
   * convex-test's document syscalls without its per-document overhead, same results, errors and metrics: values
   * that are their own Convex JSON are not copied (`fast-json.ts`), document sizes are computed once per document
   * object, and a patch sizes the read document once (not again after the write).
   * Returns null to let convex-test handle the call (no transaction, or an unusual argument: it then throws its
   * own error).
   */
  private fastSyscall(op: string, jsonArgs: string, reads: ReadTracker | undefined): string | null {
    const ctx = executionContext?.getStore();
    const db = this.g.components[ctx?.componentPath ?? ""]?.db;
    const metrics = this.g.transactionManager.getMetricsTracker();
    if (!db || db._writes.length === 0) return null;
    const args = JSON.parse(jsonArgs) as Record<string, unknown>;
    switch (op) {
      case "1.0/shallowMerge": {
        const { table, id, value } = args as { table?: string; id: string; value: Record<string, unknown> };
        if (typeof id !== "string" || typeof value !== "object" || value === null || Object.hasOwn(value, "__proto__"))
          return null;
        db._validateId(table, id);
        const document = db.get(table as string, id);
        if (document === null) return null;
        if (value._id !== undefined && value._id !== document._id) return null;
        if (value._creationTime !== undefined && value._creationTime !== document._creationTime) return null;
        metrics?.trackRead(documentSize(document));
        // As convex-test's patch: the fields in their order, then new ones; _id and _creationTime first.
        // Copied key by key (object rest and spread are much slower here, and can leave dictionary objects).
        const merged: Record<string, unknown> = {};
        for (const k in document) if (k !== "_id" && k !== "_creationTime") merged[k] = document[k];
        let plainWrite = plainDocs.has(document);
        for (const k in value) {
          if (k === "_id" || k === "_creationTime") continue;
          const json = value[k];
          const isPlain = isPlainJson(json);
          if (!isPlain) plainWrite = false;
          const v = isPlain ? json : writtenValue(json);
          merged[k] = v;
        }
        db._validate(tableOfId(document._id) ?? "", merged);
        const written = { _id: document._id, _creationTime: document._creationTime } as Doc;
        for (const k in merged) written[k] = merged[k];
        db._addWrite(id, written);
        if (plainWrite) plainDocs.add(written);
        if (metrics) metrics.trackWrite(sizeOf(written));
        return "{}";
      }
      case "1.0/insert": {
        const { table, value } = args as { table: string; value: unknown };
        const isPlain = isPlainJson(value);
        const id = db.insert(table, (isPlain ? value : jsonToConvex(value as never)) as Record<string, unknown>);
        const doc = db.get(table, id);
        if (doc !== null && isPlain) plainDocs.add(doc);
        if (doc !== null && metrics) metrics.trackWrite(sizeOf(doc));
        return JSON.stringify({ _id: id });
      }
      case "1.0/get": {
        const { table, id } = args as { table?: string; id: string };
        metrics?.trackIndexRange();
        const doc = db.get(table as string, id);
        if (doc !== null) metrics?.trackRead(documentSize(doc));
        if (reads) {
          const t = table ?? tableOfId(id) ?? "";
          reads.tables.add(t);
          const found = doc !== null ? 1 : 0;
          reads.reads.push({ table: t, index: "by_id", scanned: found, returned: found });
        }
        return JSON.stringify(doc === null ? null : docJson(doc));
      }
      case "1.0/queryPage": {
        if (ctx) {
          ctx.paginatedQueries += 1;
          if (ctx.paginatedQueries > 1)
            throw new Error(
              "Only a single paginated query (`.paginate()`) is allowed per function execution. Calling `.paginate()` more than once in a single Convex function fails at runtime in a deployed backend. This is a Convex limit: https://docs.convex.dev/database/pagination",
            );
        }
        const a = args as unknown as PaginateArgs;
        const { page, isDone, continueCursor, splitCursor, pageStatus } = db.paginate({
          query: a.query,
          cursor: a.cursor,
          endCursor: a.endCursor,
          pageSize: a.pageSize,
          maximumRowsRead: a.maximumRowsRead,
          maximumBytesRead: a.maximumBytesRead,
        });
        if (metrics) {
          metrics.trackIndexRange();
          for (const doc of page) metrics.trackRead(documentSize(doc as Doc));
        }
        const pageJson = (page as Doc[]).map(docJson);
        return JSON.stringify({ page: pageJson, isDone, continueCursor, splitCursor, pageStatus });
      }
      case "1.0/queryStreamNext": {
        const { value, done } = db.queryNext(args.queryId as number);
        if (!done && value !== null) metrics?.trackRead(documentSize(value as Doc));
        return JSON.stringify({ value: value === null ? null : docJson(value as Doc), done });
      }
      default:
        return null;
    }
  }

  /** The latest commit timestamp (Unix nanoseconds). */
  get lastCommitTs(): bigint {
    return this.g.transactionManager._lastCommitTs;
  }

  /** All committed documents of a table (or of every table), in creation order. */
  documents(table?: string): Doc[] {
    const all = this.db._documents;
    const docs =
      table === undefined
        ? Object.values(all)
        : [...this.idsOf(table)].map((id) => all[id]).filter((d) => d !== undefined);
    return docs.sort((a, b) => a._creationTime - b._creationTime);
  }

  /** Ids of a table's committed documents. */
  idsOfTable(table: string): string[] {
    return [...this.idsOf(table)];
  }

  /** One committed document in Convex's JSON encoding, or null. */
  exportDocument(id: string): JsonDoc | null {
    const d = this.db._documents[id];
    return d ? docJson(d) : null;
  }

  /** How many committed documents the app has (all tables). */
  documentCount(): number {
    let n = 0;
    for (const _ in this.db._documents) n++;
    return n;
  }

  /** Committed documents in Convex's JSON encoding. */
  exportDocuments(table?: string): JsonDoc[] {
    return this.documents(table).map((d) => docJson(d));
  }

  /**
   * A page of a table's committed documents in id order (creation order for this engine's ids), in Convex's
   * JSON encoding, after the id `after` (null: from the start). O(log n + limit) once the table's order is built.
   */
  pageDocuments(
    table: string,
    after: string | null,
    limit: number,
  ): { page: JsonDoc[]; isDone: boolean; total: number } {
    const { ids } = this.orderOf(table);
    let i = 0;
    if (after !== null) {
      let hi = ids.length;
      while (i < hi) {
        const mid = (i + hi) >> 1;
        if (ids[mid] <= after) i = mid + 1;
        else hi = mid;
      }
    }
    const page: JsonDoc[] = [];
    for (; i < ids.length && page.length < limit; i++) {
      const d = this.db._documents[ids[i]];
      if (d) page.push(docJson(d));
    }
    while (i < ids.length && !(ids[i] in this.db._documents)) i++;
    return { page, isDone: i >= ids.length, total: this.idsOf(table).size };
  }

  /** The id at a position of a table's id order (for offset cursors), or null past the end. */
  idAtOffset(table: string, offset: number): string | null {
    const order = this.orderOf(table);
    if (order.stale > 0) {
      order.ids = order.ids.filter((id) => id in this.db._documents);
      order.stale = 0;
    }
    return order.ids[offset] ?? null;
  }

  /**
   * Applies writes to the running transaction directly on the engine's database (no syscall or JSON round trip
   * per document), with convex-test's own validation, ids and creation times. Call only inside
   * `Engine.transaction`: a throw rolls back every write of the transaction. Errors name the write's index.
   */
  stageWrites(writes: StagedWrite[]): Array<string | null> {
    return writes.map((w, i) => this.stageWriteAt(w, i));
  }

  /** Stages write number `i` of a batch (errors name it as `writes[i]`). */
  stageWriteAt(w: StagedWrite, i: number): string | null {
    try {
      return stageWrite(this.db, w);
    } catch (e) {
      const what =
        w.op === "insert" ? `into "${w.table}"` : w.op === "restore" ? `"${String(w.value._id)}"` : `"${w.id}"`;
      throw new Error(`writes[${i}] (${w.op} ${what}): ${(e as Error).message}`);
    }
  }

  /** True if a committed document has this id. */
  hasDocument(id: string): boolean {
    return id in this.db._documents;
  }

  /** The counter the next inserted id will use. */
  nextCounter(): number {
    return this.db._nextDocId;
  }

  /** Counts committed documents per table. */
  tableCounts(): Map<string, number> {
    this.idsOf(""); // builds the per-table index if needed
    const counts = new Map<string, number>();
    for (const [t, ids] of this.tableIds!) if (ids.size > 0) counts.set(t, ids.size);
    return counts;
  }

  /** Throws convex-test's validator error if `doc` (a Convex value) does not match the table's schema. */
  validate(table: string, doc: Record<string, unknown>): void {
    this.db._validate(table, doc);
  }

  /** The full state as JSON-safe data (for snapshots and hot reload). */
  exportState(): EngineState {
    const db = this.db;
    return {
      documents: Object.values(db._documents).map((d) => docJson(d)),
      nextDocId: db._nextDocId,
      lastCreationTime: db._lastCreationTime,
      lastCommitTs: this.g.transactionManager._lastCommitTs.toString(),
      ...this.exportComponents(),
    };
  }

  private exportComponents(): { components?: Record<string, ComponentState> } {
    const components: Record<string, ComponentState> = {};
    for (const [p, cdb] of this.componentDbs()) {
      components[p] = {
        documents: Object.values(cdb._documents).map((d) => docJson(d)),
        nextDocId: cdb._nextDocId,
        lastCreationTime: cdb._lastCreationTime,
      };
    }
    for (const [p, o] of this.orphans)
      components[p] = { documents: [...o.docs.values()], nextDocId: o.nextDocId, lastCreationTime: o.lastCreationTime };
    return Object.keys(components).length > 0 ? { components } : {};
  }

  /** Each installed component's committed documents (Convex JSON) and stored files, by component path. */
  componentData(): Map<string, { documents: JsonDoc[]; files: Map<string, Blob> }> {
    const out = new Map<string, { documents: JsonDoc[]; files: Map<string, Blob> }>();
    for (const [p, cdb] of this.componentDbs()) {
      out.set(p, {
        documents: Object.values(cdb._documents).map((d) => docJson(d)),
        files: new Map(Object.entries(cdb._storage)),
      });
    }
    return out;
  }

  /** Paths of the registered components, and of components whose data is kept although they are not installed. */
  componentPaths(): { installed: string[]; notInstalled: string[] } {
    return { installed: this.componentDbs().map(([p]) => p), notInstalled: [...this.orphans.keys()] };
  }

  /** Committed documents of one table of a component, in creation order. */
  componentDocuments(component: string, table: string): Doc[] {
    const cdb = this.componentDb(component);
    if (cdb === null) return [];
    return Object.values(cdb._documents)
      .filter((d) => tableOfId(d._id) === table)
      .sort((a, b) => a._creationTime - b._creationTime);
  }

  /** A component's document as the running transaction sees it (call inside `Engine.transaction`). */
  componentGet(component: string, id: string): Doc | null {
    const cdb = this.componentDb(component);
    const table = tableOfId(id);
    return cdb === null || table === null ? null : cdb.get(table, id);
  }

  /** Patches a component's document in the running transaction (call inside `Engine.transaction`). */
  componentPatch(component: string, id: string, value: Record<string, unknown>): void {
    const cdb = this.componentDb(component);
    const table = tableOfId(id);
    if (cdb === null || table === null) throw new Error(`no component "${component}" or bad id "${id}"`);
    cdb.patch(table, id, { ...value });
  }

  /** True if the component is installed (its database is served). */
  hasComponent(component: string): boolean {
    return this.componentDb(component) !== null;
  }

  /** True if a committed document of the component has this id. */
  componentHasDocument(component: string, id: string): boolean {
    const cdb = this.componentDb(component);
    return cdb !== null && id in cdb._documents;
  }

  /** One committed document of the component in Convex's JSON encoding, or null. */
  componentExportDocument(component: string, id: string): JsonDoc | null {
    const d = this.componentDb(component)?._documents[id];
    return d ? docJson(d) : null;
  }

  /** Committed documents of the component (Convex values), every table. */
  componentAllDocuments(component: string): Doc[] {
    return Object.values(this.componentDb(component)?._documents ?? {});
  }

  /** Ids of a component table's committed documents. */
  componentIdsOfTable(component: string, table: string): string[] {
    return Object.keys(this.componentDb(component)?._documents ?? {}).filter((id) => tableOfId(id) === table);
  }

  /** The counter the component's next inserted id will use. */
  componentNextCounter(component: string): number {
    return this.componentDb(component)?._nextDocId ?? 0;
  }

  /** Sets a file's bytes in a component's storage (an import; restored from disk at startup). */
  putComponentBlob(component: string, id: string, blob: Blob): void {
    const cdb = this.componentDb(component);
    if (cdb) cdb._storage[id] = blob;
  }

  /** Copies the files components stored in `from` (an engine being replaced by a reload) into this one. */
  adoptComponentFiles(from: EngineInternals): void {
    for (const [p, cdb] of this.componentDbs()) {
      const old = from.componentDb(p);
      if (old) cdb._storage = { ...old._storage };
    }
  }

  /**
   * Replaces the state wholesale. Only call while no transaction runs (at startup or between transactions).
   * `componentBlobs` are the files of installed components, by component path.
   */
  importState(
    state: EngineState,
    blobs: Record<string, Blob> = {},
    componentBlobs: Record<string, Record<string, Blob>> = {},
  ): void {
    const db = this.db;
    const docs: Record<string, Doc> = {};
    let maxCounter = 0;
    let maxCreation = 0;
    for (const d of state.documents) {
      docs[d._id] = storedDoc(d);
      maxCounter = Math.max(maxCounter, counterOfId(d._id) ?? 0);
      maxCreation = Math.max(maxCreation, d._creationTime);
    }
    db._documents = docs;
    this.tableIds = null;
    this.ordered.clear();
    this.ranges.clear();
    db._nextDocId = Math.max(state.nextDocId, maxCounter + 1, db._nextDocId);
    db._lastCreationTime = Math.max(state.lastCreationTime, maxCreation);
    db._storage = { ...blobs };
    db._queryResults = {};
    const ts = BigInt(state.lastCommitTs);
    if (ts > this.g.transactionManager._lastCommitTs) this.g.transactionManager._lastCommitTs = ts;
    this.importComponents(state.components ?? {});
    for (const [p, cdb] of this.componentDbs()) if (componentBlobs[p]) cdb._storage = { ...componentBlobs[p] };
  }

  private importComponents(components: Record<string, ComponentState>): void {
    this.orphans.clear();
    for (const [p, cdb] of this.componentDbs()) {
      const c = components[p] ?? { documents: [], nextDocId: 0, lastCreationTime: 0 };
      const docs: Record<string, Doc> = {};
      let maxCounter = 0;
      for (const d of c.documents) {
        docs[d._id] = storedDoc(d);
        maxCounter = Math.max(maxCounter, counterOfId(d._id) ?? 0);
      }
      cdb._documents = docs;
      cdb._nextDocId = Math.max(c.nextDocId, maxCounter + 1, cdb._nextDocId);
      cdb._lastCreationTime = Math.max(c.lastCreationTime, cdb._lastCreationTime);
      cdb._queryResults = {};
    }
    for (const [p, c] of Object.entries(components)) {
      if (this.componentDb(p) === null)
        this.orphans.set(p, {
          docs: new Map(c.documents.map((d) => [d._id, d])),
          nextDocId: c.nextDocId,
          lastCreationTime: c.lastCreationTime,
        });
    }
  }

  /** Applies one replayed commit (from the write-ahead log) without running a transaction. */
  applyCommit(record: CommitRecord): void {
    const db = this.db;
    this.ranges.clear();
    for (const w of record.writes) {
      if (w.component) {
        this.applyComponentWrite(w.component, w.id, w.doc);
        continue;
      }
      this.indexId(w.id, w.doc !== null);
      if (w.doc === null) delete db._documents[w.id];
      else {
        db._documents[w.id] = storedDoc(w.doc);
        if (w.doc._creationTime > db._lastCreationTime) db._lastCreationTime = w.doc._creationTime;
      }
    }
    db._nextDocId = Math.max(db._nextDocId, record.nextDocId);
    for (const [p, n] of Object.entries(record.componentNextDocIds ?? {})) {
      const cdb = this.componentDb(p);
      const orphan = this.orphans.get(p);
      if (cdb) cdb._nextDocId = Math.max(cdb._nextDocId, n);
      else if (orphan) orphan.nextDocId = Math.max(orphan.nextDocId, n);
    }
    if (record.ts > this.g.transactionManager._lastCommitTs) this.g.transactionManager._lastCommitTs = record.ts;
  }

  private applyComponentWrite(component: string, id: string, doc: JsonDoc | null): void {
    const cdb = this.componentDb(component);
    if (cdb !== null) {
      if (doc === null) delete cdb._documents[id];
      else {
        cdb._documents[id] = storedDoc(doc);
        if (doc._creationTime > cdb._lastCreationTime) cdb._lastCreationTime = doc._creationTime;
      }
      return;
    }
    let orphan = this.orphans.get(component);
    if (!orphan) this.orphans.set(component, (orphan = { docs: new Map(), nextDocId: 0, lastCreationTime: 0 }));
    if (doc === null) orphan.docs.delete(id);
    else {
      orphan.docs.set(id, doc);
      orphan.lastCreationTime = Math.max(orphan.lastCreationTime, doc._creationTime);
    }
  }

  /**
   * Detaches a replaced engine: its documents are dropped so timers it armed for scheduled functions find no
   * job and do nothing (the new engine re-arms them).
   */
  retire(): void {
    this.ranges.clear();
    this.db._documents = {};
    this.tableIds = null;
    this.ordered.clear();
    this.db._storage = {};
    for (const [, cdb] of this.componentDbs()) {
      cdb._documents = {};
      cdb._storage = {};
    }
  }

  /** Sets a stored file's bytes (restored from disk). */
  putBlob(id: string, blob: Blob): void {
    this.db._storage[id] = blob;
  }

  /** The bytes of a stored file, if any. */
  getBlob(id: string): Blob | null {
    return this.db._storage[id] ?? null;
  }
}

/** The value at a dotted field path of a document (undefined when absent). */
const pathParts = new Map<string, string[]>();
function fieldAt(doc: Record<string, unknown>, path: string): unknown {
  let parts = pathParts.get(path);
  if (!parts) pathParts.set(path, (parts = path.split(".")));
  let v: unknown = doc;
  for (const part of parts) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function simpleObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype;
}

/** True only if convex-test's validateValidator accepts `value` (false means "let it decide"). */
function conforms(validator: SchemaValidator, value: unknown): boolean {
  switch (validator.type) {
    case "null":
      return value === null;
    case "number":
      return typeof value === "number";
    case "bigint":
    case "commitTs":
      return typeof value === "bigint";
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "bytes":
      return value instanceof ArrayBuffer;
    case "any":
      return true;
    case "literal":
      return value === validator.value;
    case "id":
      return typeof value === "string" && tableOfId(value) === validator.tableName;
    case "array":
      if (!Array.isArray(value)) return false;
      for (const x of value) if (!conforms(validator.value, x)) return false;
      return true;
    case "union":
      for (const v of validator.value) if (conforms(v, value)) return true;
      return false;
    case "object": {
      if (!simpleObject(value)) return false;
      const fields = validator.value;
      for (const k in fields) {
        const x = value[k];
        if (x === undefined ? !fields[k].optional : !conforms(fields[k].fieldType, x)) return false;
      }
      for (const k of Object.keys(value)) if (fields[k] === undefined) return false;
      return true;
    }
    default:
      return false; // record and future kinds: convex-test decides
  }
}

function stageWrite(db: DatabaseFake, w: StagedWrite): string | null {
  if (w.op === "insert") {
    if (typeof w.table !== "string" || !w.table) throw new Error("`table` must be a table name");
    return db.insert(w.table, { ...w.value });
  }
  if (w.op === "restore") return stageRestore(db, w.value);
  const table = typeof w.id === "string" ? tableOfId(w.id) : null;
  if (table === null) throw new Error(`\`id\` must be a document id, got ${JSON.stringify(w.id)}`);
  const current = db.get(table, w.id);
  if (current === null) throw new Error(`no document with id "${w.id}"`);
  if (w.op === "delete") db.delete(table, w.id);
  else if (w.op === "replace") db.replace(table, w.id, { ...w.value });
  else if (w.op === "patch") {
    const unset = w.unset ?? [];
    if (unset.length === 0) db.patch(table, w.id, { ...w.set });
    else {
      // A patch that removes fields: convex-test's patch cannot express `undefined`, a replace can.
      // Built field by field: `delete` would turn the object into a slow dictionary.
      const drop = new Set(unset);
      const next: Record<string, unknown> = {};
      for (const k in current)
        if (k !== "_id" && k !== "_creationTime" && !drop.has(k) && !(k in w.set)) next[k] = current[k];
      for (const k in w.set) if (!drop.has(k)) next[k] = w.set[k];
      db.replace(table, w.id, next);
    }
  } else throw new Error(`unknown op "${(w as { op: string }).op}"`);
  return w.id;
}

/** Puts a document back under its own id, like an append import but inside the caller's transaction. */
function stageRestore(db: DatabaseFake, value: Record<string, unknown>): string {
  const { _id: id, _creationTime: creationTime, ...fields } = value;
  const table = typeof id === "string" ? tableOfId(id) : null;
  const counter = typeof id === "string" ? counterOfId(id) : null;
  if (table === null || counter === null)
    throw new Error(`\`value._id\` must be a document id of this backend, got ${JSON.stringify(id)}`);
  if (typeof creationTime !== "number") throw new Error("`value._creationTime` must be a number");
  if (db.get(table, id as string) !== null) throw new Error("a document with this id exists");
  db._validate(table, fields);
  db._addWrite(id as string, { ...fields, _id: id as string, _creationTime: creationTime });
  // A restored id must never be handed out again.
  if (counter >= db._nextDocId) db._nextDocId = counter + 1;
  return id as string;
}

function sourceTableIndex(source: { type: string; tableName?: string; indexName?: string }): [string, string | null] {
  if (source.type === "FullTableScan") return [source.tableName ?? "", null];
  const [table, index] = (source.indexName ?? "").split(".");
  return [table, source.type === "Search" ? `search:${index}` : index];
}

function scannedSoFar(info: QueryInfo, last: unknown | null): number {
  if (last !== null) info.consumed = last;
  if (!info.filtered) return info.stat.returned;
  if (info.done)
    return info.limit !== null && info.consumed !== null ? info.sorted.indexOf(info.consumed) + 1 : info.sorted.length;
  return info.consumed === null ? 0 : info.sorted.indexOf(info.consumed) + 1;
}

/** convex-test's `get` for an id known to be of the table (from the range cache): the newest pending write wins. */
function pendingOrCommitted(db: DatabaseFake, id: string): Doc | null {
  for (let i = db._writes.length - 1; i >= 0; i--) {
    const w = db._writes[i][id];
    if (w !== undefined) return w;
  }
  return db._documents[id] ?? null;
}

/** Syscalls `fastSyscall` serves (the rest go to convex-test). */
const FAST_OPS = new Set(["1.0/shallowMerge", "1.0/insert", "1.0/get", "1.0/queryPage", "1.0/queryStreamNext"]);

function recordAsyncRead(tracker: ReadTracker, op: string, jsonArgs: string, result: string): void {
  if (op === "1.0/get") {
    const { table, id } = JSON.parse(jsonArgs) as { table?: string; id: string };
    const t = table ?? tableOfId(id) ?? "";
    tracker.tables.add(t);
    const found = JSON.parse(result) !== null ? 1 : 0;
    tracker.reads.push({ table: t, index: "by_id", scanned: found, returned: found });
  } else if (op === "1.0/count") {
    const { table } = JSON.parse(jsonArgs) as { table: string };
    tracker.tables.add(table);
    tracker.reads.push({ table, index: "count", scanned: Number(JSON.parse(result)), returned: 1 });
  }
}
