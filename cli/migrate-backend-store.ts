/**
 * A `MigrationStore` over the embedded backend's admin API (backend/README.md): tables and pages through
 * `GET /api/admin/tables[/:t/documents]`, atomic batches through `POST /api/admin/write`, backups through
 * `GET /api/admin/export`, restores through `POST /api/admin/import?mode=append` (keeps ids).
 * The journal lives in the backend itself (table `schemaAssistantMigrationJournal`), written in the same atomic
 * batch as the data, so a crash never leaves a batch applied but unrecorded.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { convexToJson, jsonToConvex, type Value } from "convex/values";
import { strToU8, zipSync } from "fflate";
import type { SchemaModel } from "../lib/schema/model";
import type { Doc, JournalEntry, MigrationStore, Page, Write } from "../lib/migrate";
import { parseExportZip } from "./migrate-zip";

export const JOURNAL_TABLE = "schemaAssistantMigrationJournal";

export interface BackendStoreOptions {
  url: string;
  adminKey: string;
  /** Deploys a schema to the backend and rejects with the backend's message when documents do not match. */
  pushSchema(model: SchemaModel): Promise<void>;
  /** Folder for backup ZIPs. */
  backupDir: string;
  /** Tables with more documents are read through one export instead of the per-page route. @default 3000 */
  exportThreshold?: number;
}

type AdminWrite =
  | { op: "insert"; table: string; value: unknown }
  | { op: "patch" | "replace"; id: string; value: unknown }
  | { op: "delete"; id: string };

const toJson = (x: unknown) => convexToJson(x as Value);
const fromJson = (x: unknown): Doc => jsonToConvex(x as never) as Doc;

/** One table read at the start of a scan, kept in step with this store's own writes. */
interface Snapshot {
  ids: string[];
  docs: Map<string, Doc>;
}

export class BackendStore implements MigrationStore {
  /** Pages come from a per-scan snapshot, so "after id X" cursors survive deletes. */
  readonly stableCursors = true;
  /** Documents seen in recent pages, by id: patches that remove fields are sent as replaces of these. */
  private cache = new Map<string, Doc>();
  private snapshots = new Map<string, Snapshot>();
  private backupFile: string | null = null;

  constructor(private readonly opts: BackendStoreOptions) {}

  private async request(method: string, route: string, body?: unknown, raw?: Uint8Array): Promise<unknown> {
    const res = await fetch(`${this.opts.url.replace(/\/$/, "")}/api/admin${route}`, {
      method,
      headers: { Authorization: `Convex ${this.opts.adminKey}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
      body: raw ? Buffer.from(raw) : body !== undefined ? JSON.stringify(body) : undefined,
    });
    if (route === "/export" && res.ok) return new Uint8Array(await res.arrayBuffer());
    const json = (await res.json().catch(() => ({}))) as { message?: string };
    if (!res.ok) throw new Error(`Backend ${method} ${route} failed (${res.status}): ${json.message ?? res.statusText}`);
    return json;
  }

  private async tables(): Promise<Array<{ name: string; count: number }>> {
    return ((await this.request("GET", "/tables")) as { tables: Array<{ name: string; count: number }> }).tables;
  }

  async listTables(): Promise<string[]> {
    return (await this.tables()).filter((t) => t.count > 0 && t.name !== JOURNAL_TABLE && !t.name.startsWith("_")).map((t) => t.name);
  }

  async count(table: string): Promise<number> {
    return (await this.tables()).find((t) => t.name === table)?.count ?? 0;
  }

  /**
   * A page after `cursor` (an id). A scan starting at `cursor = null` reads the table once: through the
   * documents route, or through one export when the table is large (the route re-reads the table per page).
   */
  async page(table: string, cursor: string | null, limit: number): Promise<Page> {
    let snap = this.snapshots.get(table);
    if (!snap || cursor === null) this.snapshots.set(table, (snap = await this.readTable(table)));
    let start = 0;
    if (cursor !== null) {
      // Ids of one table sort in creation order (zero-padded counter before the table name).
      let lo = 0;
      let hi = snap.ids.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (snap.ids[mid] <= cursor) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const docs: Doc[] = [];
    let i = start;
    for (; i < snap.ids.length && docs.length < limit; i++) {
      const d = snap.docs.get(snap.ids[i]);
      if (d) docs.push({ ...d });
    }
    for (const d of docs) this.cache.set(String(d._id), d);
    if (this.cache.size > 50_000) this.cache.clear();
    return { docs, cursor: docs.length ? String(docs.at(-1)!._id) : cursor, isDone: i >= snap.ids.length };
  }

  private async readTable(table: string): Promise<Snapshot> {
    const count = await this.count(table);
    let docs: Doc[];
    if (count > (this.opts.exportThreshold ?? 3000)) {
      const zip = (await this.request("GET", "/export")) as Uint8Array;
      docs = parseExportZip(zip).tables.get(table) ?? [];
    } else {
      docs = [];
      for (let cursor: string | null = null; ; ) {
        const q = `?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
        const body = (await this.request("GET", `/tables/${encodeURIComponent(table)}/documents${q}`)) as { page: unknown[]; continueCursor: string; isDone: boolean };
        docs.push(...body.page.map(fromJson));
        if (body.isDone) break;
        cursor = body.continueCursor;
      }
    }
    const byId = new Map(docs.map((d) => [String(d._id), d]));
    return { ids: [...byId.keys()].sort(), docs: byId };
  }

  async applyBatch(writes: Write[], marker: JournalEntry): Promise<{ insertedIds: string[] }> {
    const restores = writes.filter((w) => w.op === "restore");
    if (restores.length) await this.restore(restores);
    const admin: AdminWrite[] = [];
    const inserts: number[] = [];
    for (const w of writes) {
      if (w.op === "restore") continue;
      if (w.op === "insert") inserts.push(admin.length);
      admin.push(await this.toAdmin(w));
    }
    admin.push({ op: "insert", table: JOURNAL_TABLE, value: this.journalDoc(marker) });
    const { results } = (await this.request("POST", "/write", { writes: admin })) as { results: string[] };
    const insertedIds = inserts.map((i) => results[i]);
    if (insertedIds.length && marker.type === "batch") {
      // Recorded right after the batch; if this is lost, rollback clears the (new) table instead.
      marker.insertedIds = insertedIds;
      await this.request("POST", "/write", { writes: [{ op: "replace", id: results.at(-1)!, value: this.journalDoc(marker) }] });
    }
    for (const w of writes) this.track(w);
    return { insertedIds };
  }

  private async toAdmin(w: Exclude<Write, { op: "restore" }>): Promise<AdminWrite> {
    if (w.op === "insert") return { op: "insert", table: w.table, value: toJson(w.doc) };
    if (w.op === "delete") return { op: "delete", id: w.id };
    if (w.unset.length === 0) return { op: "patch", id: w.id, value: toJson(w.set) };
    const current = this.cache.get(w.id) ?? (await this.load(w.table, w.id));
    const next: Doc = { ...current, ...w.set };
    for (const k of [...w.unset, "_id", "_creationTime"]) delete next[k];
    return { op: "replace", id: w.id, value: toJson(next) };
  }

  /** Keeps the cache and snapshots in step with what was written. */
  private track(w: Write): void {
    if (w.op === "insert" || w.op === "restore") {
      this.snapshots.delete(w.table); // re-read on the next scan
      return;
    }
    if (w.op === "delete") {
      this.cache.delete(w.id);
      this.snapshots.get(w.table)?.docs.delete(w.id);
      return;
    }
    for (const d of [this.cache.get(w.id), this.snapshots.get(w.table)?.docs.get(w.id)]) {
      if (!d) continue;
      Object.assign(d, w.set);
      for (const k of w.unset) delete d[k];
    }
  }

  private async load(table: string, id: string): Promise<Doc> {
    for (let cursor: string | null = null; ; ) {
      const page = await this.page(table, cursor, 1000);
      const hit = page.docs.find((d) => d._id === id);
      if (hit) return hit;
      if (page.isDone) throw new Error(`Document "${id}" of table "${table}" no longer exists.`);
      cursor = page.cursor;
    }
  }

  /** Re-inserts deleted documents with their ids through an append import. */
  private async restore(writes: Extract<Write, { op: "restore" }>[]): Promise<void> {
    const byTable = new Map<string, string[]>();
    for (const w of writes) {
      if (!byTable.has(w.table)) byTable.set(w.table, []);
      byTable.get(w.table)!.push(JSON.stringify(toJson(w.doc)));
    }
    const z: Record<string, Uint8Array> = {};
    z["_tables/documents.jsonl"] = strToU8([...byTable.keys()].map((name, i) => JSON.stringify({ name, id: 10001 + i })).join("\n") + "\n");
    for (const [t, lines] of byTable) z[`${t}/documents.jsonl`] = strToU8(lines.join("\n") + "\n");
    await this.request("POST", "/import?mode=append", undefined, zipSync(z));
  }

  private journalDoc(e: JournalEntry): Record<string, unknown> {
    return { runId: e.runId, entry: JSON.stringify(toJson(e)) };
  }

  async appendJournal(entry: JournalEntry): Promise<void> {
    await this.request("POST", "/write", { writes: [{ op: "insert", table: JOURNAL_TABLE, value: this.journalDoc(entry) }] });
  }

  async readJournal(runId: string): Promise<JournalEntry[]> {
    const out: JournalEntry[] = [];
    for (let cursor: string | null = null; ; ) {
      const q = `?limit=1000${cursor ? `&cursor=${cursor}` : ""}`;
      const body = (await this.request("GET", `/tables/${JOURNAL_TABLE}/documents${q}`)) as { page: Array<{ runId: string; entry: string }>; continueCursor: string; isDone: boolean };
      for (const d of body.page) if (d.runId === runId) out.push(jsonToConvex(JSON.parse(d.entry)) as JournalEntry);
      if (body.isDone) return out;
      cursor = body.continueCursor;
    }
  }

  async setSchema(model: SchemaModel): Promise<void> {
    await this.opts.pushSchema(model);
  }

  /** One export per store (a run backs up all its tables at once); returns the ZIP's path. */
  async backup(_table: string): Promise<string> {
    if (this.backupFile) return this.backupFile;
    const zip = (await this.request("GET", "/export")) as Uint8Array;
    await mkdir(this.opts.backupDir, { recursive: true });
    const file = path.join(this.opts.backupDir, `backup-${Date.now()}.zip`);
    await writeFile(file, zip);
    this.backupFile = file;
    return file;
  }
}
