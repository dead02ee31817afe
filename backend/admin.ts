/**
 * Admin API for tools (dashboard, CLI, optimizer), guarded by the admin key: `Authorization: Convex <adminKey>`.
 * Routes are documented in backend/README.md.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { jsonToConvex } from "convex/values";
import type { Backend } from "./backend.js";
import { tableOfId, type JsonDoc } from "./engine-internals.js";
import { readBody, sendJson } from "./http-api.js";
import { readSnapshotZip, writeSnapshotZip } from "./snapshot-zip.js";

/** One write of an atomic batch. Values use Convex's JSON encoding. */
export type AdminWrite =
  | { op: "insert"; table: string; value: Record<string, unknown> }
  | { op: "patch"; id: string; value: Record<string, unknown> }
  | { op: "replace"; id: string; value: Record<string, unknown> }
  | { op: "delete"; id: string };

type Db = {
  insert(t: string, v: unknown): Promise<string>;
  patch(id: string, v: unknown): Promise<void>;
  replace(id: string, v: unknown): Promise<void>;
  delete(id: string): Promise<void>;
  get(id: string): Promise<unknown>;
};

export async function handleAdmin(backend: Backend, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const [scheme, key] = (req.headers.authorization ?? "").split(/\s+/, 2);
  if (scheme !== "Convex" || !backend.isAdminKey(key ?? "")) return sendJson(res, 401, { code: "BadAdminKey", message: "This endpoint needs `Authorization: Convex <admin key>`" });
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
      return await write(backend, req, res);
    case "GET /measurements":
      return sendJson(res, 200, { measurements: backend.engine.getMeasurements() });
    case "DELETE /measurements":
      backend.engine.resetMeasurements();
      return sendJson(res, 200, { ok: true });
    case "GET /export":
      return exportZip(backend, res);
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
    process: { pid: process.pid, cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000), rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) },
  };
}

function tables(backend: Backend): Array<{ name: string; count: number; inSchema: boolean }> {
  const counts = backend.engine.internals.tableCounts();
  const schemaTables = new Set(backend.engine.project.schemaJson?.tables.map((t) => t.tableName) ?? []);
  const names = new Set([...schemaTables, ...counts.keys()]);
  return [...names].sort().map((name) => ({ name, count: counts.get(name) ?? 0, inSchema: schemaTables.has(name) }));
}

function listDocuments(backend: Backend, res: ServerResponse, table: string, url: URL): void {
  const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get("limit") ?? 100)));
  const start = Number(url.searchParams.get("cursor") ?? 0) || 0;
  const all = backend.engine.internals.exportDocuments(table);
  const page = all.slice(start, start + limit);
  const end = start + page.length;
  sendJson(res, 200, { page, continueCursor: String(end), isDone: end >= all.length, total: all.length });
}

async function write(backend: Backend, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let writes: AdminWrite[];
  try {
    writes = (JSON.parse((await readBody(req)).toString("utf8")) as { writes: AdminWrite[] }).writes;
    if (!Array.isArray(writes)) throw new Error("`writes` must be an array");
  } catch (e) {
    return sendJson(res, 400, { code: "BadRequest", message: (e as Error).message });
  }
  try {
    const { value } = await backend.engine.transaction(async (ctx) => {
      const db = ctx.db as unknown as Db;
      const results: Array<string | null> = [];
      for (const [i, w] of writes.entries()) {
        try {
          results.push(await applyWrite(db, w));
        } catch (e) {
          throw new Error(`writes[${i}] (${w.op} ${"id" in w ? `"${w.id}"` : `into "${w.table}"`}): ${(e as Error).message}`);
        }
      }
      return results;
    });
    await backend.store.flush();
    return sendJson(res, 200, { results: value });
  } catch (e) {
    return sendJson(res, 400, { code: "WriteFailed", message: (e as Error).message });
  }
}

async function applyWrite(db: Db, w: AdminWrite): Promise<string | null> {
  switch (w.op) {
    case "insert":
      return await db.insert(w.table, jsonToConvex(w.value as never));
    case "patch":
    case "replace":
    case "delete":
      if ((await db.get(w.id)) === null) throw new Error(`no document with id "${w.id}"`);
      if (w.op === "patch") await db.patch(w.id, jsonToConvex(w.value as never));
      else if (w.op === "replace") await db.replace(w.id, jsonToConvex(w.value as never));
      else await db.delete(w.id);
      return w.id;
    default:
      throw new Error(`unknown op "${(w as { op: string }).op}"`);
  }
}

function exportZip(backend: Backend, res: ServerResponse): void {
  const byTable = new Map<string, JsonDoc[]>();
  for (const d of backend.engine.internals.exportDocuments()) {
    const t = tableOfId(d._id) ?? "";
    if (t === "_scheduled_functions") continue;
    if (!byTable.has(t)) byTable.set(t, []);
    byTable.get(t)!.push(d);
  }
  for (const t of backend.engine.project.schemaJson?.tables ?? []) if (!byTable.has(t.tableName)) byTable.set(t.tableName, []);
  const files = new Map<string, Uint8Array>();
  const blobs = (byTable.get("_storage") ?? []).map((d) => [d._id, backend.engine.internals.getBlob(d._id)] as const);
  void Promise.all(blobs.map(async ([id, b]) => b && files.set(id, new Uint8Array(await b.arrayBuffer())))).then(() => {
    const zip = writeSnapshotZip({ tables: byTable, files });
    res.writeHead(200, { "Content-Type": "application/zip", "Content-Length": zip.byteLength, "Content-Disposition": 'attachment; filename="snapshot.zip"' });
    res.end(Buffer.from(zip));
  });
}

async function importZip(backend: Backend, req: IncomingMessage, res: ServerResponse, mode: "replace" | "append"): Promise<void> {
  try {
    const counts = await backend.importSnapshot(readSnapshotZip(new Uint8Array(await readBody(req))), mode);
    return sendJson(res, 200, { imported: counts });
  } catch (e) {
    return sendJson(res, 400, { code: "ImportFailed", message: (e as Error).message });
  }
}

