/**
 * lib/migrate's MigrationStore over a project's sandbox, inside one Convex mutation. A run does one unit of work
 * per mutation (one batch, one undo): the mutation commits the writes and their journal marker together, so a
 * batch is never applied twice, whatever crashes or restarts in between.
 */
import { z } from "zod";
import { cloneValue } from "../../lib/migrate/value";
import { storedShape, structural } from "../../lib/stored";
import { parseValues, stringifyValues } from "../lib/valueJson";
import { addPresence, adjustSandboxCount, sandboxCount, type Presence } from "../lib/sandboxCounts";
import {
  emptyTally,
  tallyBatch,
  tallyUndo,
  type Doc as AppDoc,
  type BatchEntry,
  type JournalEntry,
  type MigrationStore,
  type Page,
  type StepProgress,
  type Tally,
  type UndoEntry,
  type Write,
} from "../../lib/migrate";
import type { SchemaModel } from "../../lib/schema/model";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";

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
  /**
   * Documents written in this transaction after which a further unit yields (the first unit always runs), so a
   * rollback of many small batches undoes several per mutation and stays within its limits. @default Infinity
   */
  maxWrites?: number;
  /** Characters of journal read in this transaction after which a further unit yields. @default Infinity */
  maxJournalChars?: number;
  /** Rows one page read fetches (later pages of the transaction come from them). @default the page size */
  prefetch?: number;
  /**
   * What a run's steps read from the journal each time, kept on the run document and updated here in the same
   * transaction as the journal: a step then runs no journal query at all (an index query of the embedded engine
   * costs O(table)). Without it the store queries the journal.
   */
  cache?: JournalCache;
}

/** The run's control entries, the next sequence number and each step's progress, mirrored from the journal. */
export interface JournalCache {
  nextSeq: number;
  control: JournalEntry[];
  steps: Record<string, StepProgress>;
}

/** A cache for a plan whose journal holds no batch yet (null if it does: the store then queries the journal). */
export async function newJournalCache(ctx: QueryCtx, planId: Id<"migrationPlans">): Promise<JournalCache | null> {
  const journal = ctx.db.query("migrationJournal");
  if (await journal.withIndex("by_plan_kind", (q) => q.eq("planId", planId).eq("kind", "batch")).first()) return null;
  const last = await ctx.db
    .query("migrationJournal")
    .withIndex("by_plan", (q) => q.eq("planId", planId))
    .order("desc")
    .first();
  const control = entriesOf(
    await ctx.db
      .query("migrationJournal")
      .withIndex("by_plan_kind", (q) => q.eq("planId", planId).eq("kind", "control"))
      .collect(),
  );
  return { nextSeq: (last?.seq ?? -1) + 1, control, steps: {} };
}

/** Characters of journal text per row: Convex documents hold at most 1 MiB (a character is up to 3 bytes). */
export const JOURNAL_PART_CHARS = 250_000;

type JournalRow = Doc<"migrationJournal">;
/** [table, app document id, sandbox row] of one document a batch wrote. */
type RowHint = [string, string, Id<"sandboxDocuments">];

/** `migrationJournal.rowsJson`: [table, document id, sandbox row id] of the documents a batch wrote. */
const storedRowHints = storedShape(
  "journal row hints",
  1,
  structural<RowHint[]>(z.array(z.tuple([z.string(), z.string(), z.string()]))),
);

/** A page cursor `SandboxStore.page` handed out: the Convex cursor of its read and the rows already served. */
const pageCursorShape = storedShape(
  "page cursor",
  1,
  z.object({ c: z.string().nullable(), skip: z.number().int().min(0) }),
);

/**
 * The journal is the plan's (the engine's run id is the plan id). Rows carry the entry's kind, step and batch so
 * every read is one index range: the run's control entries, one batch marker, the newest undo, one id per copy.
 */
export class SandboxStore implements MigrationStore {
  readonly stableCursors = true;
  /** Units of work (batches, undos) applied in this transaction. */
  applied = 0;
  /** Documents covered by the batch and undo markers applied in this transaction (running counters for the run). */
  documents = 0;
  /** What the batches (+) and undos (−) applied in this transaction change in the plan's rollback preview. */
  readonly tally: Tally = emptyTally();
  /** The last batch or undo marker applied in this transaction. */
  lastMarker: JournalEntry | null = null;
  /**
   * True while a batch is half written: if anything throws then, the caller must abort the whole mutation
   * (Convex then discards its writes) rather than commit writes without their journal marker.
   */
  torn = false;
  private written = 0;
  /** Characters of batch markers read in this transaction (before-images can be large). */
  private journalChars = 0;
  private nextSeq: number | null = null;

  constructor(
    private readonly ctx: MutationCtx,
    private readonly opts: SandboxStoreOptions,
  ) {}

  async listTables(): Promise<string[]> {
    return Object.keys(this.opts.counts ?? {});
  }

  async count(table: string): Promise<number> {
    const known = this.opts.counts?.[table];
    if (known !== undefined) return known;
    return await sandboxCount(this.ctx, this.opts.projectId, table);
  }

  /**
   * A page of the table. A function may paginate once, so one read fetches `prefetch` rows and later pages of
   * this transaction are served from them; the cursors handed out say where in such a read a page ended
   * (`sa1:{"c": <Convex cursor>, "skip": n}`), so a later transaction resumes exactly there. Plain Convex
   * cursors (journals of older runs) are read as `skip: 0`.
   */
  async page(table: string, cursor: string | null, limit: number): Promise<Page> {
    const { base, skip } = parsePageCursor(cursor);
    let read = this.read;
    if (!read || read.table !== table || read.base !== base || skip > read.rows.length) {
      const res = await this.rows(table).paginate({
        cursor: base,
        numItems: skip + Math.max(limit, this.opts.prefetch ?? limit),
      });
      read = this.read = { table, base, rows: res.page, next: res.isDone ? null : res.continueCursor, served: skip };
    }
    const rows = read.rows.slice(skip, skip + limit);
    const end = skip + rows.length;
    read.served = end;
    const docs: AppDoc[] = [];
    for (const row of rows) docs.push(this.withDocId(row));
    // Rows imported before `docId` existed get it now, so later transactions find them by the app id.
    for (const row of rows)
      if (row.docId === undefined && this.rowsRead.get(row._id)?.docId !== undefined)
        await this.ctx.db.patch(row._id, { docId: this.rowsRead.get(row._id)!.docId });
    const isDone = end >= read.rows.length && read.next === null;
    const next = isDone
      ? null
      : end < read.rows.length
        ? `${PAGE_CURSOR}${JSON.stringify({ c: base, skip: end })}`
        : read.next;
    return { docs, cursor: next, isDone };
  }

  /** Rows of this transaction's read not yet served as pages (0: the next page needs a read of its own). */
  bufferedRows(): number {
    return this.read ? this.read.rows.length - this.read.served : 0;
  }

  /**
   * Rows added (+) or removed (−) and field presence changed per table by this batch's writes, applied to
   * `sandboxCounts` with its marker.
   */
  private readonly countDeltas = new Map<string, { rows: number; present: Presence }>();
  /** Each table's counts row as this transaction last wrote it (read once per transaction, not per batch). */
  private readonly countRows = new Map<string, Doc<"sandboxCounts"> | undefined>();

  private countDelta(
    table: string,
    rows: number,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): void {
    const d = this.countDeltas.get(table) ?? { rows: 0, present: {} };
    this.countDeltas.set(table, d);
    d.rows += rows;
    addPresence(d.present, before, after);
  }

  private read: {
    table: string;
    base: string | null;
    rows: Doc<"sandboxDocuments">[];
    next: string | null;
    served: number;
  } | null = null;

  /** The writes, their id map rows and the marker, all in this mutation: they commit together or not at all. */
  async applyBatch(writes: Write[], marker: JournalEntry): Promise<{ insertedIds: string[] }> {
    if (this.applied >= (this.opts.maxBatches ?? Infinity)) throw new YieldTransaction();
    if (this.applied > 0 && this.written + writes.length > (this.opts.maxWrites ?? Infinity))
      throw new YieldTransaction();
    if (this.applied > 0 && this.journalChars > (this.opts.maxJournalChars ?? Infinity)) throw new YieldTransaction();
    // Find every document first: a missing one fails the batch before anything is written.
    // Rows this transaction read are found without a read (and without a promise each).
    const targets: Array<Doc<"sandboxDocuments"> | null> = [];
    for (const w of writes)
      targets.push(
        w.op === "patch" || w.op === "delete"
          ? (this.knownRow(w.table, w.id) ?? (await this.rowOf(w.table, w.id)))
          : null,
      );
    this.applied++;
    this.written += writes.length;
    const insertedIds: string[] = [];
    const rows: RowHint[] = [];
    this.torn = true;
    const undoing = marker.type === "undo";
    for (const [i, w] of writes.entries()) {
      const { insertedId, row } = await this.write(w, targets[i], undoing);
      if (insertedId !== undefined) insertedIds.push(insertedId);
      if (row !== null)
        rows.push([
          w.table,
          insertedId ?? (w.op === "restore" ? String(w.doc._id) : w.op === "insert" ? "" : w.id),
          row,
        ]);
    }
    if (marker.type === "batch" && insertedIds.length) {
      marker.insertedIds = insertedIds;
      for (const [i, sourceId] of (marker.sourceIds ?? []).entries()) {
        const newId = insertedIds[i];
        if (newId !== undefined)
          await this.ctx.db.insert("migrationIdMap", { planId: this.opts.planId, sourceId, newId });
      }
    }
    await this.appendJournal(marker, marker.type === "batch" ? rows : undefined);
    for (const [table, delta] of this.countDeltas)
      this.countRows.set(
        table,
        await adjustSandboxCount(
          this.ctx,
          this.opts.projectId,
          table,
          delta.rows,
          delta.present,
          this.countRows.get(table),
        ),
      );
    this.countDeltas.clear();
    this.torn = false;
    if (marker.type === "batch") tallyBatch(this.tally, marker);
    if (marker.type === "undo") tallyUndo(this.tally, writes);
    if (marker.type === "batch" || marker.type === "undo") {
      this.documents += marker.count ?? 0;
      this.lastMarker = marker;
    }
    return { insertedIds };
  }

  /** `rows`: the sandbox rows a batch wrote, kept beside its entry so undoing it finds them without a lookup. */
  async appendJournal(entry: JournalEntry, rows?: RowHint[]): Promise<void> {
    const cache = this.opts.cache;
    if (cache) {
      this.nextSeq ??= cache.nextSeq;
      cache.nextSeq = this.nextSeq + 1;
      if (kindOf(entry) === "control") cache.control.push(entry);
      if (entry.type === "batch")
        cache.steps[entry.stepId] = {
          batch: entry.batch,
          cursor: entry.cursor,
          done: entry.done,
          stepDone: entry.stepDone,
        };
    }
    if (this.nextSeq === null) {
      const last = await this.ctx.db
        .query("migrationJournal")
        .withIndex("by_plan", (q) => q.eq("planId", this.opts.planId))
        .order("desc")
        .first();
      this.nextSeq = (last?.seq ?? -1) + 1;
    }
    const seq = this.nextSeq++;
    const text = stringifyValues(entry);
    const parts = Math.max(1, Math.ceil(text.length / JOURNAL_PART_CHARS));
    const keys = {
      planId: this.opts.planId,
      seq,
      kind: kindOf(entry),
      ...(entry.type === "batch" || entry.type === "undo" ? { stepId: entry.stepId, batch: entry.batch } : {}),
    };
    for (let part = 0; part < parts; part++) {
      const entryJson = text.slice(part * JOURNAL_PART_CHARS, (part + 1) * JOURNAL_PART_CHARS);
      const hints = part === 0 && rows?.length ? { rowsJson: JSON.stringify(rows) } : {};
      await this.ctx.db.insert("migrationJournal", {
        ...keys,
        entryJson,
        ...(parts > 1 ? { part, parts } : {}),
        ...hints,
      });
    }
  }

  async readRunEntries(): Promise<JournalEntry[]> {
    if (this.opts.cache) return cloneValue(this.opts.cache.control);
    return entriesOf(
      await this.ctx.db
        .query("migrationJournal")
        .withIndex("by_plan_kind", (q) => q.eq("planId", this.opts.planId).eq("kind", "control"))
        .collect(),
    );
  }

  async readStepProgress(runId: string, stepId: string): Promise<StepProgress | null> {
    if (this.opts.cache) return this.opts.cache.steps[stepId] ?? null;
    const b = await this.readBatch(runId, stepId);
    return b && { batch: b.batch, cursor: b.cursor, done: b.done, stepDone: b.stepDone };
  }

  async readBatch(_runId: string, stepId: string, batch?: number): Promise<BatchEntry | null> {
    const step = this.ctx.db
      .query("migrationJournal")
      .withIndex("by_plan_step", (q) => q.eq("planId", this.opts.planId).eq("kind", "batch").eq("stepId", stepId));
    const newest = batch === undefined ? await step.order("desc").first() : null;
    const n = batch ?? newest?.batch;
    if (n === undefined) return null;
    // One query in the usual case: the newest row is the whole entry unless it was split.
    const rows =
      newest && (newest.parts ?? 1) === 1
        ? [newest]
        : await this.ctx.db
            .query("migrationJournal")
            .withIndex("by_plan_step", (q) =>
              q.eq("planId", this.opts.planId).eq("kind", "batch").eq("stepId", stepId).eq("batch", n),
            )
            .collect();
    for (const r of rows) {
      this.journalChars += r.entryJson.length;
      if (r.rowsJson)
        for (const [table, docId, row] of storedRowHints.parse(r.rowsJson, `migrationJournal ${r._id}`))
          this.rowIds.set(`${table}\n${docId}`, row);
    }
    return (entriesOf(rows)[0] as BatchEntry | undefined) ?? null;
  }

  async readLastUndo(): Promise<UndoEntry | null> {
    const last = await this.ctx.db
      .query("migrationJournal")
      .withIndex("by_plan_kind", (q) => q.eq("planId", this.opts.planId).eq("kind", "undo"))
      .order("desc")
      .first();
    return last ? (parseValues<JournalEntry>(last.entryJson) as UndoEntry) : null;
  }

  async readCopiedIds(_runId: string, sourceIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const sourceId of sourceIds) {
      const row = await this.ctx.db
        .query("migrationIdMap")
        .withIndex("by_plan_source", (q) => q.eq("planId", this.opts.planId).eq("sourceId", sourceId))
        .first();
      if (row) out.set(sourceId, row.newId);
    }
    return out;
  }

  /** The sandbox has no schema enforcement of its own: the preflight checks data against the target instead. */
  async setSchema(_model: SchemaModel): Promise<void> {}

  async backup(table: string): Promise<string> {
    const id = this.opts.backups?.[table];
    if (id === undefined) throw new Error(`Table "${table}" was not backed up before the run.`);
    return id;
  }

  private rows(table: string) {
    return this.ctx.db
      .query("sandboxDocuments")
      .withIndex("by_project_table", (q) => q.eq("projectId", this.opts.projectId).eq("table", table));
  }

  /** The app document, making sure its row is findable by the app id (rows imported before `docId` existed). */
  private withDocId(read: Doc<"sandboxDocuments">): AppDoc {
    // A row this transaction wrote after reading it (a later step over the same read) is served as written.
    const row = this.rowsRead.get(read._id) ?? read;
    const doc = row.doc as AppDoc;
    if (typeof doc._id === "string") this.rowIds.set(`${row.table}\n${doc._id}`, row._id);
    this.rowsRead.set(
      row._id,
      row.docId === undefined && typeof doc._id === "string" ? { ...row, docId: doc._id } : row,
    );
    return doc;
  }

  /**
   * Rows by "table\ndocId": read from pages in this transaction (a batch patches what it just read) or kept
   * beside the batch marker being undone.
   */
  private readonly rowIds = new Map<string, Id<"sandboxDocuments">>();
  /**
   * Rows as this transaction last read or wrote them (pages served, writes applied): nothing else writes while a
   * transaction runs, so these are current and a patch needs no read of its row.
   */
  private readonly rowsRead = new Map<Id<"sandboxDocuments">, Doc<"sandboxDocuments">>();

  /** The row of a document this transaction read or wrote, if it still holds that document. */
  private knownRow(table: string, docId: string): Doc<"sandboxDocuments"> | undefined {
    const known = this.rowIds.get(`${table}\n${docId}`);
    const row = known === undefined ? undefined : this.rowsRead.get(known);
    return row && row.projectId === this.opts.projectId && row.table === table && row.docId === docId ? row : undefined;
  }

  /** A document's row: a known row if it still holds that document, else one index lookup. */
  private async rowOf(table: string, docId: string): Promise<Doc<"sandboxDocuments">> {
    const known = this.rowIds.get(`${table}\n${docId}`);
    const hinted = known === undefined ? null : (this.rowsRead.get(known) ?? (await this.ctx.db.get(known)));
    // A hint goes stale when its document was deleted and restored (into a new row) after the batch.
    const row =
      hinted && hinted.projectId === this.opts.projectId && hinted.table === table && hinted.docId === docId
        ? hinted
        : await this.ctx.db
            .query("sandboxDocuments")
            .withIndex("by_project_table_doc", (q) =>
              q.eq("projectId", this.opts.projectId).eq("table", table).eq("docId", docId),
            )
            .first();
    if (!row) throw new Error(`Document "${docId}" of table "${table}" is not in the sandbox.`);
    return row;
  }

  /**
   * The row's patch counts after this patch: the first patch of a document by this plan adds it to the tally's
   * distinct documents, undoing its last one removes it. Other plans' counts stay (they may be rolled back later).
   */
  private markPatch(row: Doc<"sandboxDocuments">, undoing: boolean): Doc<"sandboxDocuments">["patchedBy"] {
    const others = (row.patchedBy ?? []).filter((m) => m.planId !== this.opts.planId);
    const mine = row.patchedBy?.find((m) => m.planId === this.opts.planId)?.patches ?? 0;
    // Rows patched by a run older than the marks have none: undoing them leaves the count alone.
    if (undoing && mine === 0) return row.patchedBy;
    const patches = mine + (undoing ? -1 : 1);
    if (mine === 0) this.tally.documents++;
    if (patches === 0) this.tally.documents--;
    const marks = patches === 0 ? others : [...others, { planId: this.opts.planId, patches }];
    return marks.length ? marks : undefined;
  }

  /** Applies one write; returns the id it gave a new document and the row it wrote (null when it deleted it). */
  private async write(
    w: Write,
    target: Doc<"sandboxDocuments"> | null,
    undoing: boolean,
  ): Promise<{ insertedId?: string; row: Id<"sandboxDocuments"> | null }> {
    switch (w.op) {
      case "patch": {
        // A batch patches each document once: the row read before writing is current.
        const row = target ?? (await this.rowOf(w.table, w.id));
        const doc: AppDoc = { ...(row.doc as AppDoc), ...w.set };
        for (const k of w.unset) delete doc[k];
        const patchedBy = this.markPatch(row, undoing);
        await this.ctx.db.patch(row._id, { doc, patchedBy });
        this.countDelta(w.table, 0, row.doc as AppDoc, doc);
        this.rowsRead.set(row._id, { ...row, doc, patchedBy });
        return { row: row._id };
      }
      case "delete": {
        const row = target ?? (await this.rowOf(w.table, w.id));
        await this.ctx.db.delete(row._id);
        this.rowsRead.delete(row._id);
        this.countDelta(w.table, -1, row.doc as AppDoc, null);
        this.rowIds.delete(`${w.table}\n${w.id}`);
        return { row: null };
      }
      case "restore": {
        const row = await this.ctx.db.insert("sandboxDocuments", {
          projectId: this.opts.projectId,
          table: w.table,
          doc: w.doc,
          docId: String(w.doc._id),
        });
        this.countDelta(w.table, 1, null, w.doc);
        this.rowIds.set(`${w.table}\n${String(w.doc._id)}`, row);
        return { row };
      }
      case "insert": {
        // New documents get an id in the app's "table:n" style, unique by this row's id.
        const row = await this.ctx.db.insert("sandboxDocuments", {
          projectId: this.opts.projectId,
          table: w.table,
          doc: w.doc,
        });
        const id = `${w.table}:${row}`;
        const doc: AppDoc = { _id: id, _creationTime: w.doc._creationTime ?? Date.now(), ...w.doc };
        doc._id = id;
        this.countDelta(w.table, 1, null, doc);
        await this.ctx.db.patch(row, { doc, docId: id });
        return { insertedId: id, row };
      }
    }
  }
}

/** The row's `kind` index key: control entries (start, backup, schema, finish) share one, read with one query. */
const kindOf = (e: JournalEntry): "control" | "batch" | "undo" =>
  e.type === "batch" || e.type === "undo" ? e.type : "control";

/** Journal rows (any order, entries possibly split in parts) as entries in journal order. */
function entriesOf(rows: JournalRow[]): JournalEntry[] {
  const bySeq = new Map<number, JournalRow[]>();
  for (const r of rows) {
    const list = bySeq.get(r.seq) ?? [];
    list.push(r);
    bySeq.set(r.seq, list);
  }
  return [...bySeq.entries()]
    .sort(([a], [b]) => a - b)
    .map(([seq, parts]) => {
      parts.sort((a, b) => (a.part ?? 0) - (b.part ?? 0));
      if (parts.length !== (parts[0].parts ?? 1))
        throw new Error(`Journal entry #${seq} has ${parts.length} of its ${parts[0].parts ?? 1} parts.`);
      return parseValues<JournalEntry>(parts.map((p) => p.entryJson).join(""));
    });
}

/**
 * Gives journal rows written before rows carried their kind, step and batch (runs started by an older version)
 * those keys, up to `limit` rows per call; returns how many it upgraded (0 once none is left).
 */
export async function upgradeLegacyJournal(
  ctx: MutationCtx,
  planId: Id<"migrationPlans">,
  limit = 2000,
): Promise<number> {
  const rows = await ctx.db
    .query("migrationJournal")
    .withIndex("by_plan_kind", (q) => q.eq("planId", planId).eq("kind", undefined))
    .take(limit);
  for (const r of rows) {
    const e = parseValues<JournalEntry>(r.entryJson);
    await ctx.db.patch(r._id, {
      kind: kindOf(e),
      ...(e.type === "batch" || e.type === "undo" ? { stepId: e.stepId, batch: e.batch } : {}),
    });
  }
  return rows.length;
}

/** A plan's whole journal, oldest first (for previews; a run's steps read only what they need). */
export async function readJournal(ctx: QueryCtx, planId: Id<"migrationPlans">): Promise<JournalEntry[]> {
  return entriesOf(
    await ctx.db
      .query("migrationJournal")
      .withIndex("by_plan", (q) => q.eq("planId", planId))
      .collect(),
  );
}

const PAGE_CURSOR = "sa1:";

/** A page cursor of `SandboxStore.page`: the Convex cursor of its read and the rows of that read already served. */
function parsePageCursor(cursor: string | null): { base: string | null; skip: number } {
  if (cursor === null || !cursor.startsWith(PAGE_CURSOR)) return { base: cursor, skip: 0 };
  const { c, skip } = pageCursorShape.parse(cursor.slice(PAGE_CURSOR.length), "the page cursor");
  return { base: c, skip };
}
