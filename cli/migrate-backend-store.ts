/**
 * A `MigrationStore` over the embedded backend's admin API (backend/README.md): tables and pages through
 * `GET /api/admin/tables[/:t/documents]` (id cursors, O(page)), atomic batches through `POST /api/admin/batch`
 * (restores keep their ids), backups through `GET /api/admin/export`.
 * The journal lives in the backend itself (table `schemaAssistantMigrationJournal`), written in the same atomic
 * batch as the data, inserted ids included (`{"$result": i}`), so no crash point leaves a batch applied but
 * unrecorded or recorded without the ids rollback needs. This process reads it once and indexes it in memory
 * (the CLI is the run's only writer), so a step never re-reads the journal.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { jsonToConvex } from "convex/values";
import { z } from "zod";
import { fromConvexJson, toConvexJson } from "../backend/fast-json";
import type { SchemaModel } from "../lib/schema/model";
import {
  JournalIndex,
  type BatchEntry,
  type Doc,
  type JournalEntry,
  type MigrationStore,
  type Page,
  type StepProgress,
  type UndoEntry,
  type Write,
} from "../lib/migrate";
import { storedShape, structural } from "../lib/stored";

/** A journal entry this store wrote (`${JOURNAL_TABLE}.entry`): its type and run are checked, the rest is the entry's. */
const storedEntry = storedShape(
  "migration journal entry",
  1,
  structural<JournalEntry>(z.looseObject({ type: z.string(), runId: z.string() })),
);

export const JOURNAL_TABLE = "schemaAssistantMigrationJournal";

export interface BackendStoreOptions {
  url: string;
  adminKey: string;
  /** Deploys a schema to the backend and rejects with the backend's message when documents do not match. */
  pushSchema(model: SchemaModel): Promise<void>;
  /** Folder for backup ZIPs. */
  backupDir: string;
}

type AdminWrite =
  | { op: "insert"; table: string; value: unknown }
  | { op: "patch"; id: string; set: unknown; unset: string[] }
  | { op: "replace"; id: string; value: unknown }
  | { op: "delete"; id: string }
  | { op: "restore"; value: unknown };

const toJson = (x: unknown) => toConvexJson(x);
const fromJson = (x: unknown): Doc => fromConvexJson(x) as Doc;

/** A store write as an admin batch write (patches remove fields on the backend: no read-modify-write here). */
function toAdmin(w: Write): AdminWrite {
  if (w.op === "insert") return { op: "insert", table: w.table, value: toJson(w.doc) };
  if (w.op === "restore") return { op: "restore", value: toJson(w.doc) };
  if (w.op === "delete") return { op: "delete", id: w.id };
  return { op: "patch", id: w.id, set: toJson(w.set), unset: w.unset };
}

export class BackendStore implements MigrationStore {
  /** Pages resume after the last id read, so cursors survive deletes. */
  readonly stableCursors = true;
  private backupFile: string | null = null;

  constructor(private readonly opts: BackendStoreOptions) {}

  private async request(method: string, route: string, body?: unknown, raw?: Uint8Array): Promise<unknown> {
    const res = await fetch(`${this.opts.url.replace(/\/$/, "")}/api/admin${route}`, {
      method,
      headers: {
        Authorization: `Convex ${this.opts.adminKey}`,
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      },
      body: raw ? Buffer.from(raw) : body !== undefined ? JSON.stringify(body) : undefined,
    });
    if (route === "/export" && res.ok) return new Uint8Array(await res.arrayBuffer());
    const json = (await res.json().catch(() => ({}))) as { message?: string };
    if (!res.ok)
      throw new Error(`Backend ${method} ${route} failed (${res.status}): ${json.message ?? res.statusText}`);
    return json;
  }

  private async tables(): Promise<Array<{ name: string; count: number }>> {
    return ((await this.request("GET", "/tables")) as { tables: Array<{ name: string; count: number }> }).tables;
  }

  async listTables(): Promise<string[]> {
    return (await this.tables())
      .filter((t) => t.count > 0 && t.name !== JOURNAL_TABLE && !t.name.startsWith("_"))
      .map((t) => t.name);
  }

  async count(table: string): Promise<number> {
    return (await this.tables()).find((t) => t.name === table)?.count ?? 0;
  }

  /** Up to `limit` documents after the id `cursor`, in id (creation) order; one O(page) request. */
  async page(table: string, cursor: string | null, limit: number): Promise<Page> {
    const docs: Doc[] = [];
    let isDone = false;
    // The route caps pages at 1,000 documents.
    while (docs.length < limit && !isDone) {
      const q = `?limit=${Math.min(1000, limit - docs.length)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const body = (await this.request("GET", `/tables/${encodeURIComponent(table)}/documents${q}`)) as {
        page: unknown[];
        continueCursor: string;
        isDone: boolean;
      };
      for (const d of body.page) docs.push(fromJson(d));
      isDone = body.isDone;
      cursor = body.continueCursor || cursor;
    }
    return { docs, cursor: docs.length ? String(docs.at(-1)!._id) : cursor, isDone };
  }

  async applyBatch(writes: Write[], marker: JournalEntry): Promise<{ insertedIds: string[] }> {
    const index = await this.index();
    const admin = writes.map(toAdmin);
    const inserts = writes.flatMap((w, i) => (w.op === "insert" ? [i] : []));
    // The marker records the inserts' ids by reference: resolved by the backend inside the same transaction.
    admin.push({
      op: "insert",
      table: JOURNAL_TABLE,
      value: {
        ...this.journalDoc(marker),
        ...(inserts.length ? { insertedIds: inserts.map((i) => ({ $result: i })) } : {}),
      },
    });
    // One transaction on the backend: the data writes and the journal entry, one WAL record, one fsync.
    const { results } = (await this.request("POST", "/batch", { writes: admin })) as { results: string[] };
    const insertedIds = inserts.map((i) => results[i]);
    if (insertedIds.length && marker.type === "batch") marker.insertedIds = insertedIds;
    index.add(marker);
    return { insertedIds };
  }

  private journalDoc(e: JournalEntry): Record<string, unknown> {
    return { runId: e.runId, entry: JSON.stringify(toJson(e)) };
  }

  async appendJournal(entry: JournalEntry): Promise<void> {
    const index = await this.index();
    await this.request("POST", "/write", {
      writes: [{ op: "insert", table: JOURNAL_TABLE, value: this.journalDoc(entry) }],
    });
    index.add(entry);
  }

  /** Every run's journal, read once per store and kept up to date by this store's own writes. */
  private journalIndex: Promise<JournalIndex> | null = null;

  private index(): Promise<JournalIndex> {
    this.journalIndex ??= this.readAll().then((entries) => {
      const index = new JournalIndex();
      for (const e of entries) index.add(e);
      return index;
    });
    return this.journalIndex;
  }

  private async readAll(runId?: string): Promise<JournalEntry[]> {
    const out: JournalEntry[] = [];
    for (let cursor: string | null = null; ; ) {
      const q = `?limit=1000${cursor ? `&cursor=${cursor}` : ""}`;
      const body = (await this.request("GET", `/tables/${JOURNAL_TABLE}/documents${q}`)) as {
        page: Array<{ runId: string; entry: string; insertedIds?: string[] }>;
        continueCursor: string;
        isDone: boolean;
      };
      for (const d of body.page) {
        if (runId !== undefined && d.runId !== runId) continue;
        const e = storedEntry.check(jsonToConvex(JSON.parse(d.entry)), `${JOURNAL_TABLE} (run ${d.runId})`);
        out.push(e.type === "batch" && d.insertedIds ? { ...e, insertedIds: d.insertedIds } : e);
      }
      if (body.isDone) return out;
      cursor = body.continueCursor;
    }
  }

  /** The whole journal of a run, from the backend (for tests and tools). */
  async readJournal(runId: string): Promise<JournalEntry[]> {
    return await this.readAll(runId);
  }

  async readRunEntries(runId: string): Promise<JournalEntry[]> {
    return (await this.index()).runEntries(runId);
  }

  async readStepProgress(runId: string, stepId: string): Promise<StepProgress | null> {
    return (await this.index()).stepProgress(runId, stepId);
  }

  async readBatch(runId: string, stepId: string, batch?: number): Promise<BatchEntry | null> {
    return (await this.index()).batch(runId, stepId, batch);
  }

  async readLastUndo(runId: string): Promise<UndoEntry | null> {
    return (await this.index()).lastUndo(runId);
  }

  async readCopiedIds(runId: string, sourceIds: string[]): Promise<Map<string, string>> {
    return (await this.index()).copiedIds(runId, sourceIds);
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
