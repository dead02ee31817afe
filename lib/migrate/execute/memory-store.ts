/** An in-memory `MigrationStore` with Convex-like behaviour (validated schema pushes, atomic batches). */
import { cloneValue } from "../value";
import type { SchemaModel } from "../../schema/model";
import { findTable } from "../../schema/model";
import { compileTable, explainDocument, type Doc, type ValidateOptions } from "../validate";
import { JournalIndex } from "./journal-index";
import type { BatchEntry, JournalEntry, MigrationStore, Page, StepProgress, UndoEntry, Write } from "./types";

/** Ids look like `table|000001`: sortable in creation order, table decodable (see `memoryIdTable`). */
export const memoryIdTable = (id: string): string | undefined =>
  id.includes("|") ? id.slice(0, id.indexOf("|")) : undefined;

export class SchemaPushError extends Error {
  constructor(readonly errors: string[]) {
    super(
      `Schema validation failed.\n${errors.slice(0, 5).join("\n")}${errors.length > 5 ? `\n… and ${errors.length - 5} more` : ""}`,
    );
    this.name = "SchemaPushError";
  }
}

export class MemoryStore implements MigrationStore {
  readonly stableCursors = true;
  readonly tables = new Map<string, Map<string, Doc>>();
  schema: SchemaModel | null = null;
  readonly journal: JournalEntry[] = [];
  private readonly index = new JournalIndex();
  readonly backups = new Map<string, Doc[]>();
  private counter = 0;

  /** @param validate options for schema pushes (id table decoding is on by default). */
  constructor(private readonly validate: ValidateOptions = { idTable: memoryIdTable }) {}

  /** Inserts documents directly (test setup); returns their ids. */
  seed(table: string, docs: Doc[]): string[] {
    return docs.map((d) => this.insert(table, d));
  }

  /** Every table's documents, sorted, for equality checks. */
  snapshot(): Record<string, Doc[]> {
    const out: Record<string, Doc[]> = {};
    for (const [name, docs] of [...this.tables].sort(([a], [b]) => a.localeCompare(b))) {
      if (docs.size) out[name] = [...docs.values()].sort((a, b) => String(a._id).localeCompare(String(b._id)));
    }
    return out;
  }

  private insert(table: string, doc: Doc): string {
    const id = `${table}|${String(++this.counter).padStart(8, "0")}`;
    this.tableOf(table).set(id, { ...cloneValue(doc), _id: id, _creationTime: this.counter });
    return id;
  }

  private sorted = new Map<string, string[]>();

  private sortedIds(table: string): string[] {
    let ids = this.sorted.get(table);
    if (!ids) this.sorted.set(table, (ids = [...(this.tables.get(table)?.keys() ?? [])].sort()));
    return ids;
  }

  private tableOf(name: string): Map<string, Doc> {
    this.sorted.delete(name);
    let t = this.tables.get(name);
    if (!t) this.tables.set(name, (t = new Map()));
    return t;
  }

  async listTables(): Promise<string[]> {
    return [...this.tables.keys()].filter((t) => this.tables.get(t)!.size > 0).sort();
  }

  async count(table: string): Promise<number> {
    return this.tables.get(table)?.size ?? 0;
  }

  async page(table: string, cursor: string | null, limit: number): Promise<Page> {
    const ids = this.sortedIds(table);
    const start = cursor === null ? 0 : upperBound(ids, cursor);
    const slice = ids.slice(start, start + limit);
    const isDone = start + limit >= ids.length;
    const docs = slice.map((id) => cloneValue(this.tables.get(table)!.get(id)!));
    return { docs, cursor: slice.at(-1) ?? cursor, isDone };
  }

  async applyBatch(writes: Write[], marker: JournalEntry): Promise<{ insertedIds: string[] }> {
    // Validate everything first so the batch is all or nothing.
    for (const w of writes) this.check(w);
    const insertedIds: string[] = [];
    for (const w of writes) {
      if (w.op === "insert") insertedIds.push(this.insert(w.table, w.doc));
      else if (w.op === "delete") this.tableOf(w.table).delete(w.id);
      else if (w.op === "restore") this.tableOf(w.table).set(String(w.doc._id), cloneValue(w.doc));
      else {
        const doc = this.tables.get(w.table)!.get(w.id)!; // patches keep the order: no cache reset
        for (const [k, v] of Object.entries(w.set)) doc[k] = cloneValue(v);
        for (const k of w.unset) delete doc[k];
      }
    }
    if (marker.type === "batch" && insertedIds.length) marker.insertedIds = insertedIds;
    this.record(marker);
    return { insertedIds };
  }

  private check(w: Write): void {
    if (w.op === "insert") return;
    const exists = this.tables.get(w.table)?.has(w.op === "restore" ? String(w.doc._id) : w.id);
    if (w.op === "restore" ? exists : !exists) {
      throw new Error(
        `Write ${w.op} on "${w.table}" document "${w.op === "restore" ? w.doc._id : w.id}" does not apply.`,
      );
    }
  }

  private record(entry: JournalEntry): void {
    this.journal.push(cloneValue(entry));
    this.index.add(entry);
  }

  async appendJournal(entry: JournalEntry): Promise<void> {
    this.record(entry);
  }

  /** The whole journal of a run (for tests and tools; the engine reads only what a step needs). */
  async readJournal(runId: string): Promise<JournalEntry[]> {
    return cloneValue(this.journal.filter((e) => e.runId === runId));
  }

  async readRunEntries(runId: string): Promise<JournalEntry[]> {
    return this.index.runEntries(runId);
  }

  async readStepProgress(runId: string, stepId: string): Promise<StepProgress | null> {
    return this.index.stepProgress(runId, stepId);
  }

  async readBatch(runId: string, stepId: string, batch?: number): Promise<BatchEntry | null> {
    return this.index.batch(runId, stepId, batch);
  }

  async readLastUndo(runId: string): Promise<UndoEntry | null> {
    return this.index.lastUndo(runId);
  }

  async readCopiedIds(runId: string, sourceIds: string[]): Promise<Map<string, string>> {
    return this.index.copiedIds(runId, sourceIds);
  }

  async setSchema(model: SchemaModel): Promise<void> {
    const errors: string[] = [];
    for (const [name, docs] of this.tables) {
      const t = findTable(model, name);
      if (!t || !model.options.schemaValidation) continue;
      const ok = compileTable(t, this.validate);
      for (const d of docs.values()) {
        if (!ok(d)) errors.push(...explainDocument(t, d, this.validate).map((e) => e.message));
      }
    }
    if (errors.length) throw new SchemaPushError(errors);
    this.schema = cloneValue(model);
  }

  async backup(table: string): Promise<string> {
    const id = `backup-${table}-${this.backups.size + 1}`;
    this.backups.set(id, cloneValue([...(this.tables.get(table)?.values() ?? [])]));
    return id;
  }
}

/** First index whose id sorts after `key`. */
function upperBound(ids: string[], key: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
