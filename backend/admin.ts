/**
 * Admin API for tools (dashboard, CLI, optimizer), guarded by the admin key: `Authorization: Convex <adminKey>`.
 * Routes are documented in backend/README.md.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { fromConvexJson } from "./fast-json.js";
import type { Backend } from "./backend.js";
import { tableOfId, type JsonDoc, type StagedWrite } from "./engine-internals.js";
import { readBody, sendJson } from "./http-api.js";
import { readSnapshotZip, writeSnapshotZip, type SnapshotData } from "./snapshot-zip.js";
import { encodeTs } from "./sync.js";

/**
 * One write of an atomic batch. Values use Convex's JSON encoding. A patch sets `value` (or `set`) and removes
 * the fields named in `unset`; a restore puts a deleted document back under its own `_id` and `_creationTime`.
 * Inside any value, `{"$result": i}` stands for the id written by an earlier write `i` of the same batch (so a
 * journal entry can record the ids of the inserts it commits with).
 */
export type AdminWrite =
  | { op: "insert"; table: string; value: Record<string, unknown> }
  | { op: "patch"; id: string; value?: Record<string, unknown>; set?: Record<string, unknown>; unset?: string[] }
  | { op: "replace"; id: string; value: Record<string, unknown> }
  | { op: "delete"; id: string }
  | { op: "restore"; value: Record<string, unknown> };

export async function handleAdmin(
  backend: Backend,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const [scheme, key] = (req.headers.authorization ?? "").split(/\s+/, 2);
  if (scheme !== "Convex" || !backend.isAdminKey(key ?? ""))
    return sendJson(res, 401, {
      code: "BadAdminKey",
      message: "This endpoint needs `Authorization: Convex <admin key>`",
    });
  const route = `${req.method} ${url.pathname.slice("/api/admin".length)}`;
  const docsMatch = /^GET \/tables\/([^/]+)\/documents$/.exec(route);
  if (docsMatch) return listDocuments(backend, res, decodeURIComponent(docsMatch[1]), url);
  switch (route) {
    case "GET /status":
      return sendJson(res, 200, status(backend));
    case "POST /reload":
      await backend.reload();
      return sendJson(res, backend.lastPush.ok ? 200 : 409, { lastPush: backend.lastPush });
    case "GET /functions":
      return sendJson(res, 200, { functions: [...backend.engine.project.functions.values()] });
    case "GET /tables":
      return sendJson(res, 200, { tables: tables(backend) });
    case "POST /write":
    case "POST /batch":
      return await write(backend, req, res);
    case "POST /compact":
      return sendJson(res, 200, backend.compact());
    case "GET /measurements":
      return sendJson(res, 200, { measurements: backend.engine.getMeasurements() });
    case "DELETE /measurements":
      backend.engine.resetMeasurements();
      return sendJson(res, 200, { ok: true });
    case "GET /export":
      return await exportZip(backend, res);
    case "POST /import":
      return await importZip(backend, req, res, url.searchParams.get("mode") === "append" ? "append" : "replace");
    default:
      return sendJson(res, 404, { code: "NotFound", message: `No admin route ${route}` });
  }
}

function status(backend: Backend) {
  return {
    url: backend.config.url,
    siteUrl: backend.config.siteUrl,
    projectDir: backend.config.projectDir,
    dataDir: backend.config.dataDir,
    lastPush: backend.lastPush,
    functions: backend.engine.project.functions.size,
    lastCommitTs: backend.engine.internals.lastCommitTs.toString(),
    ...backend.sync.stats(),
    storage: backend.store.stats(),
    process: {
      pid: process.pid,
      cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    },
  };
}

function tables(backend: Backend): Array<{ name: string; count: number; inSchema: boolean }> {
  const counts = backend.engine.internals.tableCounts();
  const schemaTables = new Set(backend.engine.project.schemaJson?.tables.map((t) => t.tableName) ?? []);
  const names = new Set([...schemaTables, ...counts.keys()]);
  return [...names].sort().map((name) => ({ name, count: counts.get(name) ?? 0, inSchema: schemaTables.has(name) }));
}

/**
 * A page of a table in id order (creation order for this engine's ids). `cursor` is the last id of the previous
 * page (stable under deletes) or, for older callers, a numeric offset; the page costs O(log n + limit).
 */
function listDocuments(backend: Backend, res: ServerResponse, table: string, url: URL): void {
  const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get("limit") ?? 100) || 100));
  const internals = backend.engine.internals;
  let after = url.searchParams.get("cursor") || null;
  if (after !== null && /^[0-9]+$/.test(after))
    after = Number(after) === 0 ? null : (internals.idAtOffset(table, Number(after) - 1) ?? "\uffff");
  const { page, isDone, total } = internals.pageDocuments(table, after, limit);
  sendJson(res, 200, { page, continueCursor: page.length ? page[page.length - 1]._id : (after ?? ""), isDone, total });
}

async function write(backend: Backend, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Each write is checked by decodeWrite (after its {"$result": n} references are resolved).
  let writes: unknown[];
  try {
    const body: unknown = JSON.parse((await readBody(req)).toString("utf8"));
    if (!body || typeof body !== "object" || !("writes" in body) || !Array.isArray(body.writes))
      throw new Error("`writes` must be an array");
    writes = body.writes;
  } catch (e) {
    return sendJson(res, 400, { code: "BadRequest", message: (e as Error).message });
  }
  try {
    // One transaction, one commit record in the write-ahead log, one fdatasync before the answer.
    const { value, commitTs } = await backend.engine.transaction(async () => {
      const results: Array<string | null> = [];
      for (const [i, w] of writes.entries())
        results.push(
          backend.engine.internals.stageWriteAt(decodeWrite(resolveResults(w, results, i) as AdminWrite, i), i),
        );
      return results;
    });
    await backend.store.flush();
    return sendJson(res, 200, { results: value, ts: commitTs === null ? null : encodeTs(commitTs) });
  } catch (e) {
    return sendJson(res, 400, { code: "WriteFailed", message: (e as Error).message });
  }
}

/** Replaces `{"$result": j}` (j < i) with the id written by write j. */
function resolveResults(x: unknown, results: Array<string | null>, i: number): unknown {
  if (Array.isArray(x)) return x.map((y) => resolveResults(y, results, i));
  if (x === null || typeof x !== "object") return x;
  const o = x as Record<string, unknown>;
  if ("$result" in o && Object.keys(o).length === 1) {
    const j = o.$result;
    if (typeof j !== "number" || !Number.isInteger(j) || j < 0 || j >= i || results[j] == null)
      throw new Error(`writes[${i}]: {"$result": ${JSON.stringify(j)}} must name an earlier write that returned an id`);
    return results[j];
  }
  return Object.fromEntries(Object.entries(o).map(([k, y]) => [k, resolveResults(y, results, i)]));
}

function decodeWrite(w: AdminWrite, i: number): StagedWrite {
  const where = () =>
    `writes[${i}] (${String(w?.op)} ${w && "id" in w ? `"${w.id}"` : w?.op === "restore" ? `"${String((w.value as { _id?: unknown })?._id)}"` : `into "${(w as { table?: string })?.table}"`})`;
  const obj = (v: unknown, name: string): Record<string, unknown> => {
    if (typeof v !== "object" || v === null || Array.isArray(v))
      throw new Error(`${where()}: \`${name}\` must be an object`);
    try {
      return fromConvexJson(v) as Record<string, unknown>;
    } catch (e) {
      throw new Error(`${where()}: ${(e as Error).message}`);
    }
  };
  switch (w?.op) {
    case "insert":
      return { op: "insert", table: w.table, value: obj(w.value, "value") };
    case "patch": {
      const unset = w.unset ?? [];
      if (!Array.isArray(unset) || unset.some((k) => typeof k !== "string"))
        throw new Error(`${where()}: \`unset\` must be an array of field names`);
      return { op: "patch", id: w.id, set: obj(w.set ?? w.value ?? {}, w.set ? "set" : "value"), unset };
    }
    case "replace":
      return { op: "replace", id: w.id, value: obj(w.value, "value") };
    case "delete":
      return { op: "delete", id: w.id };
    case "restore":
      return { op: "restore", value: obj(w.value, "value") };
    default:
      throw new Error(`${where()}: unknown op "${String((w as { op?: unknown })?.op)}"`);
  }
}

async function exportZip(backend: Backend, res: ServerResponse): Promise<void> {
  const internals = backend.engine.internals;
  const app = await snapshotOf(
    internals.exportDocuments(),
    (id) => internals.getBlob(id),
    backend.engine.project.schemaJson?.tables.map((t) => t.tableName) ?? [],
  );
  // Components' own tables and files, under _components/<path>/ (as Convex's exports lay them out).
  app.components = new Map();
  for (const [component, data] of internals.componentData()) {
    app.components.set(component, await snapshotOf(data.documents, (id) => data.files.get(id) ?? null, []));
  }
  const zip = writeSnapshotZip(app);
  res.writeHead(200, {
    "Content-Type": "application/zip",
    "Content-Length": zip.byteLength,
    "Content-Disposition": 'attachment; filename="snapshot.zip"',
  });
  res.end(Buffer.from(zip));
}

/** Groups documents by table (scheduled functions left out) and reads the bytes of the stored files. */
async function snapshotOf(
  docs: JsonDoc[],
  blobOf: (id: string) => Blob | null,
  schemaTables: string[],
): Promise<SnapshotData> {
  const tables = new Map<string, JsonDoc[]>();
  for (const d of docs) {
    const t = tableOfId(d._id) ?? "";
    if (t === "_scheduled_functions") continue;
    if (!tables.has(t)) tables.set(t, []);
    tables.get(t)!.push(d);
  }
  for (const t of schemaTables) if (!tables.has(t)) tables.set(t, []);
  const files = new Map<string, Uint8Array>();
  for (const d of tables.get("_storage") ?? []) {
    const b = blobOf(d._id);
    if (b) files.set(d._id, new Uint8Array(await b.arrayBuffer()));
  }
  return { tables, files };
}

async function importZip(
  backend: Backend,
  req: IncomingMessage,
  res: ServerResponse,
  mode: "replace" | "append",
): Promise<void> {
  try {
    const { imported, alreadyPresent } = await backend.importSnapshot(
      readSnapshotZip(new Uint8Array(await readBody(req))),
      mode,
    );
    return sendJson(res, 200, {
      committed: true,
      imported,
      ...(Object.keys(alreadyPresent).length > 0 ? { alreadyPresent } : {}),
    });
  } catch (e) {
    return sendJson(res, 400, { code: "ImportFailed", message: (e as Error).message });
  }
}
