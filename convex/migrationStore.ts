/**
 * lib/migrate's MigrationStore over a project's sandbox, inside one Convex mutation. A run does one unit of work
 * per mutation (one batch, one undo): the mutation commits the writes and their journal marker together, so a
 * batch is never applied twice, whatever crashes or restarts in between.
 */
import { parseValues, stringifyValues } from "./lib/valueJson";
import type { Doc as AppDoc, JournalEntry, MigrationStore, Page, Write } from "../lib/migrate";
import type { SchemaModel } from "../lib/schema/model";
import type { Doc, Id } from "./_generated/dataModel";
import type { MutationCtx, QueryCtx } from "./_generated/server";

/** Thrown by the store when a transaction already holds its one unit of work; the caller schedules the next one. */
export class YieldTransaction extends Error {
  constructor() {
    super("This transaction has done its unit of work.");
    this.name = "YieldTransaction";
  }
}

export interface SandboxStoreOptions {
  projectId: Id<"projects">;
  planId: Id<"migrationPlans">;
  /** Known document counts per table (taken while backing up), so counting does not rescan tables. */
  counts?: Record<string, number>;
  /** Tables backed up before the run (table → backup id). */
  backups?: Record<string, string>;
  /** Units of work allowed in this transaction (applyBatch calls) before YieldTransaction. @default Infinity */
  maxBatches?: number;
}

export class SandboxStore implements MigrationStore {
  readonly stableCursors = true;
  /** Batches applied in this transaction. */
  applied = 0;
  private journal: JournalEntry[] | null = null;
  private nextSeq: number | null = null;

  constructor(private readonly ctx: MutationCtx, private readonly opts: SandboxStoreOptions) {}

  async listTables(): Promise<string[]> {
    return Object.keys(this.opts.counts ?? {});
  }

  async count(table: string): Promise<number> {
    const known = this.opts.counts?.[table];
    if (known !== undefined) return known;
    return (await this.rows(table).collect()).length;
  }

  async page(table: string, cursor: string | null, limit: number): Promise<Page> {
    const res = await this.rows(table).paginate({ cursor, numItems: limit });
    const docs: AppDoc[] = [];
    for (const row of res.page) docs.push(await this.withDocId(row));
    return { docs, cursor: res.isDone ? null : res.continueCursor, isDone: res.isDone };
  }

  async applyBatch(writes: Write[], marker: JournalEntry): Promise<{ insertedIds: string[] }> {
    if (this.applied >= (this.opts.maxBatches ?? Infinity)) throw new YieldTransaction();
    this.applied++;
    const insertedIds: string[] = [];
    for (const w of writes) {
      const id = await this.write(w);
      if (id !== undefined) insertedIds.push(id);
    }
    if (marker.type === "batch" && insertedIds.length) marker.insertedIds = insertedIds;
    await this.appendJournal(marker);
    return { insertedIds };
  }

  async appendJournal(entry: JournalEntry): Promise<void> {
    if (this.nextSeq === null) {
      const last = await this.ctx.db.query("migrationJournal").withIndex("by_plan", (q) => q.eq("planId", this.opts.planId)).order("desc").first();
      this.nextSeq = (last?.seq ?? -1) + 1;
    }
    await this.ctx.db.insert("migrationJournal", { planId: this.opts.planId, seq: this.nextSeq++, entryJson: stringifyValues(entry) });
    this.journal?.push(entry);
  }

  async readJournal(): Promise<JournalEntry[]> {
    this.journal ??= await readJournal(this.ctx, this.opts.planId);
    return [...this.journal];
  }

  /** The sandbox has no schema enforcement of its own: the preflight checks data against the target instead. */
  async setSchema(_model: SchemaModel): Promise<void> {}

  async backup(table: string): Promise<string> {
    const id = this.opts.backups?.[table];
    if (id === undefined) throw new Error(`Table "${table}" was not backed up before the run.`);
    return id;
  }

  private rows(table: string) {
    return this.ctx.db.query("sandboxDocuments").withIndex("by_project_table", (q) => q.eq("projectId", this.opts.projectId).eq("table", table));
  }

  /** The app document, making sure its row is findable by the app id (rows imported before `docId` existed). */
  private async withDocId(row: Doc<"sandboxDocuments">): Promise<AppDoc> {
    const doc = row.doc as AppDoc;
    if (typeof doc._id === "string") this.remember(row.table, doc._id, row._id);
    if (row.docId === undefined && typeof doc._id === "string") await this.ctx.db.patch(row._id, { docId: doc._id });
    return doc;
  }

  /** docId → row id per table, filled from pages read and, on a miss, from one scan of the table. */
  private readonly rowIds = new Map<string, Map<string, Id<"sandboxDocuments">>>();
  private readonly scanned = new Set<string>();

  private remember(table: string, docId: string, rowId: Id<"sandboxDocuments">) {
    let m = this.rowIds.get(table);
    if (!m) this.rowIds.set(table, (m = new Map()));
    m.set(docId, rowId);
  }

  private async rowOf(table: string, docId: string): Promise<Doc<"sandboxDocuments">> {
    let rowId = this.rowIds.get(table)?.get(docId);
    if (rowId === undefined && !this.scanned.has(table)) {
      // One pass over the table beats a lookup per document (an undo batch touches hundreds of them).
      this.scanned.add(table);
      for (const row of await this.rows(table).collect()) {
        const id = row.docId ?? (row.doc as AppDoc)._id;
        if (typeof id === "string") this.remember(table, id, row._id);
      }
      rowId = this.rowIds.get(table)?.get(docId);
    }
    const row = rowId === undefined ? null : await this.ctx.db.get(rowId);
    if (!row) throw new Error(`Document "${docId}" of table "${table}" is not in the sandbox.`);
    return row;
  }

  private async write(w: Write): Promise<string | undefined> {
    switch (w.op) {
      case "patch": {
        const row = await this.rowOf(w.table, w.id);
        const doc: AppDoc = { ...(row.doc as AppDoc), ...w.set };
        for (const k of w.unset) delete doc[k];
        await this.ctx.db.patch(row._id, { doc });
        return undefined;
      }
      case "delete":
        await this.ctx.db.delete((await this.rowOf(w.table, w.id))._id);
        this.rowIds.get(w.table)?.delete(w.id);
        return undefined;
      case "restore":
        await this.ctx.db.insert("sandboxDocuments", { projectId: this.opts.projectId, table: w.table, doc: w.doc, docId: String(w.doc._id) });
        return undefined;
      case "insert": {
        // New documents get an id in the app's "table:n" style, unique by this row's id.
        const rowId = await this.ctx.db.insert("sandboxDocuments", { projectId: this.opts.projectId, table: w.table, doc: w.doc });
        const id = `${w.table}:${rowId}`;
        const doc: AppDoc = { _id: id, _creationTime: w.doc._creationTime ?? Date.now(), ...w.doc };
        doc._id = id;
        await this.ctx.db.patch(rowId, { doc, docId: id });
        return id;
      }
    }
  }
}

/** A plan's journal, oldest first. */
export async function readJournal(ctx: QueryCtx, planId: Id<"migrationPlans">): Promise<JournalEntry[]> {
  const rows = await ctx.db.query("migrationJournal").withIndex("by_plan", (q) => q.eq("planId", planId)).collect();
  return rows.map((r) => parseValues<JournalEntry>(r.entryJson));
}
