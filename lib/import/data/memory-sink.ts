/**
 * An in-memory sink: ids are `<table>:<n>`. Used for dry runs (`--dry-run` counts what would be written) and tests.
 */
import { SinkRejection, type Doc, type ImportSink } from "./engine";

export class MemorySink implements ImportSink {
  readonly tables = new Map<string, Map<string, Doc>>();
  inserts = 0;
  patches = 0;
  private next = 0;
  /** Makes the Nth insert call (1-based) throw, to test resuming. */
  failOnInsertCall?: number;
  /** Refuses a whole batch when this returns a reason for any of its documents (like schema validation). */
  reject?: (table: string, doc: Doc) => string | undefined;

  async insert(table: string, docs: Doc[]): Promise<string[]> {
    this.inserts++;
    if (this.failOnInsertCall === this.inserts) throw new Error(`insert call ${this.inserts} failed`);
    const reason = this.reject && docs.map((d) => this.reject!(table, d)).find(Boolean);
    if (reason) throw new SinkRejection(reason);
    const store = this.tables.get(table) ?? new Map<string, Doc>();
    this.tables.set(table, store);
    return docs.map((d) => {
      const id = `${table}:${++this.next}`;
      store.set(id, { ...d });
      return id;
    });
  }

  async patch(table: string, id: string, fields: Doc): Promise<void> {
    this.patches++;
    const doc = this.tables.get(table)?.get(id);
    if (!doc) throw new Error(`Document "${id}" of table "${table}" does not exist.`);
    Object.assign(doc, fields);
  }

  get(id: string): Doc | undefined {
    return this.tables.get(id.slice(0, id.lastIndexOf(":")))?.get(id);
  }
}
