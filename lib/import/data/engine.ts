/**
 * The data engine: rows → Convex documents, written through an injected sink in dependency order.
 *
 * Pass 0 collects the keys of every readable row (so references into tables not yet written can be checked).
 * Pass 1 inserts table by table (topological order on foreign keys), resolving references through the ID map
 * (old key → new Convex id). References in a cycle are deferred: inserted unset, then patched in pass 2.
 * A row is converted completely before it is queued, so a broken row is reported and never half-written.
 * After every successful batch the engine reports a checkpoint (phase, table, row offset); resuming from it with
 * the same ID map continues where the previous run stopped.
 */
import type { SchemaImportResult } from "../schema-import";
import type { FieldSource, TableLayout } from "../finalize";
import { insertOrder } from "../graph";
import type { PlanColumn, PlanTable } from "../plan";
import type { RowSet, SourceRow } from "./sources";
import { ConversionError, convertValue, type DocValue, type RawValue } from "./values";
import { defaultToValue } from "../defaults";

export type Doc = Record<string, DocValue>;

/** Where documents go: the running backend, a snapshot ZIP, or memory in tests. */
export interface ImportSink {
  /** Inserts documents into a Convex table, returning their ids in order. */
  insert(table: string, docs: Doc[]): Promise<string[]>;
  /** Sets fields on an inserted document. */
  patch(table: string, id: string, fields: Doc): Promise<void>;
}

/**
 * Thrown by a sink when the target refused the batch for its content (schema validation, limits), not for transport
 * reasons. The engine then writes the batch's documents one by one and reports the ones refused.
 */
export class SinkRejection extends Error {}

/** Old key → new Convex id. The Node adapter persists it so a run can resume. */
export interface IdMap {
  get(key: string): string | undefined;
  set(key: string, id: string): void;
}

export interface Checkpoint {
  phase: "insert" | "patch";
  /** Convex table name. */
  table: string;
  /** Rows of that table already handled. */
  offset: number;
}

export interface RowProblem {
  code:
    | "DATA-UNREADABLE"
    | "DATA-CONVERT"
    | "DATA-MISSING-REF"
    | "DATA-DANGLING"
    | "DATA-DUPLICATE"
    | "DATA-LIMIT"
    | "DATA-REJECTED";
  table: string;
  /** The row's old primary key (or `#<position>` when it has none). */
  key: string;
  file?: string;
  line?: number;
  message: string;
  /** true when the row was not written; false when it was written without the broken reference. */
  skipped: boolean;
}

export interface TableCounts {
  table: string;
  source: string;
  read: number;
  written: number;
  skipped: number;
  patched: number;
}

export interface DataImportReport {
  tables: TableCounts[];
  problems: RowProblem[];
  /** Where the run stopped: undefined when it completed. */
  checkpoint?: Checkpoint;
}

export interface DataImportOptions {
  /** Documents per insert call. @default 100 */
  batchSize?: number;
  idMap?: IdMap;
  /** Continue from a checkpoint of an earlier run (pass the same ID map). */
  resume?: Checkpoint;
  /** Called after each successful batch. */
  onCheckpoint?: (c: Checkpoint) => void | Promise<void>;
  /** Clock for `now()` defaults of columns a data file lacks (lib code reads no clock itself). */
  now?: () => number;
}

/** The ID-map key of a row for a list of columns (separators are control characters that keys do not contain). */
export function rowKey(table: string, columns: string[], values: RawValue[]): string {
  let key = `${table}\u0000${columns.join(",")}`;
  for (const v of values)
    key += `\u0000${v === null ? "\u0001" : typeof v === "object" ? JSON.stringify(v) : String(v)}`;
  return key;
}

function raw(row: SourceRow, c: PlanColumn): RawValue {
  if (c.source in row.values) return row.values[c.source] ?? null;
  return row.values[c.field] ?? null;
}

interface Engine {
  result: SchemaImportResult;
  rows: RowSet;
  sink: ImportSink;
  idMap: IdMap;
  known: Set<string>;
  problems: RowProblem[];
  counts: Map<string, TableCounts>;
  batchSize: number;
  onCheckpoint?: (c: Checkpoint) => void | Promise<void>;
  now?: () => number;
}

/** Column lists other tables reference in `t` (its primary key first). */
function referencedKeys(result: SchemaImportResult, t: PlanTable): string[][] {
  const lists: string[][] = t.primaryKey.length ? [t.primaryKey] : [];
  for (const other of result.plan.tables) {
    for (const fk of other.foreignKeys) {
      if (fk.target === t.source && !lists.some((l) => l.join() === fk.targetColumns.join()))
        lists.push(fk.targetColumns);
    }
  }
  return lists;
}

/** The row's identity in the ID map: its primary key, or its position when it has none. */
function identity(t: PlanTable, row: SourceRow, index: number): string {
  if (!t.primaryKey.length) return `${t.source}|#${index}`;
  return rowKey(
    t.source,
    t.primaryKey,
    t.primaryKey.map((c) => raw(row, t.columns.find((x) => x.source === c)!)),
  );
}

function keyLabel(t: PlanTable, row: SourceRow, index: number): string {
  if (!t.primaryKey.length || t.primaryKey.every((c) => row.values[c] === undefined)) return `#${index + 1}`;
  return t.primaryKey.map((c) => String(row.values[c] ?? "NULL")).join(",");
}

/** Imports every row of `rows` through `sink`. Throws only when the sink throws (resume from the last checkpoint). */
export async function runDataImport(
  result: SchemaImportResult,
  rows: RowSet,
  sink: ImportSink,
  options: DataImportOptions = {},
): Promise<DataImportReport> {
  const e: Engine = {
    result,
    rows,
    sink,
    idMap: options.idMap ?? new Map<string, string>(),
    known: new Set(),
    problems: [],
    counts: new Map(),
    batchSize: options.batchSize ?? 100,
    onCheckpoint: options.onCheckpoint,
    now: options.now,
  };
  const order = insertOrder(result.plan.tables).map((t) => result.layouts.find((l) => l.plan === t)!);
  for (const l of order) collectKeys(e, l);
  const resume = options.resume;
  let started = !resume;
  for (const l of order) {
    if (!started && resume!.phase === "insert" && resume!.table === l.plan.name) started = true;
    if (started)
      await insertTable(e, l, resume?.phase === "insert" && resume.table === l.plan.name ? resume.offset : 0);
  }
  for (const l of order) {
    if (!l.fields.some((f) => f.kind === "ref" && f.fk.deferred)) continue;
    if (!started && resume!.phase === "patch" && resume!.table === l.plan.name) started = true;
    if (started) await patchTable(e, l, resume?.phase === "patch" && resume.table === l.plan.name ? resume.offset : 0);
  }
  return { tables: [...e.counts.values()], problems: e.problems };
}

function counts(e: Engine, t: PlanTable): TableCounts {
  let c = e.counts.get(t.name);
  if (!c) e.counts.set(t.name, (c = { table: t.name, source: t.source, read: 0, written: 0, skipped: 0, patched: 0 }));
  return c;
}

function collectKeys(e: Engine, l: TableLayout): void {
  const t = l.plan;
  const keys = referencedKeys(e.result, t);
  // Rows that later fail conversion still count here; a deferred reference to one is reported in pass 2.
  for (const row of e.rows.rows.get(t.source) ?? []) {
    if (row.error) continue;
    for (const cols of keys)
      e.known.add(
        rowKey(
          t.source,
          cols,
          cols.map((c) => raw(row, t.columns.find((x) => x.source === c)!)),
        ),
      );
  }
}

/** Converts the value fields of a row (not references). A column the row lacks entirely takes its default. */
function convertFields(l: TableLayout, row: SourceRow, now?: () => number): { doc: Doc; error?: string } {
  const doc: Doc = {};
  const sources: (FieldSource | { kind: "legacy"; column: PlanColumn; field: string; optional: true })[] = [
    ...l.fields,
  ];
  if (l.legacyId) sources.push({ kind: "legacy", column: l.legacyId, field: "legacyId", optional: true });
  for (const f of sources) {
    if (f.kind === "ref") continue;
    const v = raw(row, f.column);
    if (v === null && !(f.column.source in row.values) && !(f.column.field in row.values)) {
      const d = defaultToValue(f.column, now);
      if (d !== undefined) {
        doc[f.field] = d;
        continue;
      }
    }
    if (v === null) {
      if (!f.optional)
        return { doc, error: `column "${f.column.source}" is NULL but "${l.plan.name}.${f.field}" is required` };
      continue;
    }
    try {
      doc[f.field] = convertValue(f.column.conversion, v);
    } catch (err) {
      if (!(err instanceof ConversionError)) throw err;
      return { doc, error: `column "${f.column.source}": ${err.message}` };
    }
  }
  return { doc };
}

interface Pending {
  doc: Doc;
  keys: string[];
  row: SourceRow;
  index: number;
}

/** Inserts a batch; on a content rejection, inserts its documents one at a time and reports the refused ones. */
async function insertBatch(e: Engine, l: TableLayout, batch: Pending[]): Promise<number> {
  const save = (p: Pending, id: string) => p.keys.forEach((k) => e.idMap.set(k, id));
  try {
    const ids = await e.sink.insert(
      l.plan.name,
      batch.map((p) => p.doc),
    );
    batch.forEach((p, i) => save(p, ids[i]));
    return batch.length;
  } catch (err) {
    if (!(err instanceof SinkRejection)) throw err;
    if (batch.length === 1) {
      problem(e, "DATA-REJECTED", l, batch[0].row, batch[0].index, `refused by the target: ${err.message}`, true);
      return 0;
    }
    let written = 0;
    for (const p of batch) written += await insertBatch(e, l, [p]);
    return written;
  }
}

async function insertTable(e: Engine, l: TableLayout, offset: number): Promise<void> {
  const t = l.plan;
  const c = counts(e, t);
  const rows = e.rows.rows.get(t.source) ?? [];
  const refKeys = referencedKeys(e.result, t);
  const uniques = e.result.uniqueChecks.filter((u) => u.table === t.name);
  const seen = uniques.map(() => new Set<string>());
  let batch: Pending[] = [];
  const flush = async (upTo: number) => {
    if (batch.length) {
      const written = await insertBatch(e, l, batch);
      c.written += written;
      c.skipped += batch.length - written;
      batch = [];
    }
    await e.onCheckpoint?.({ phase: "insert", table: t.name, offset: upTo });
  };
  for (let i = offset; i < rows.length; i++) {
    const row = rows[i];
    c.read++;
    const doc = buildDoc(e, l, row, i);
    if (!doc) {
      c.skipped++;
      continue;
    }
    const dup = uniques.findIndex((u, k) => {
      if (u.fields.some((f) => doc[f] === undefined)) return false;
      const key = JSON.stringify(u.fields.map((f) => (typeof doc[f] === "bigint" ? String(doc[f]) : doc[f])));
      return seen[k].has(key) || (seen[k].add(key), false);
    });
    if (dup >= 0) {
      problem(e, "DATA-DUPLICATE", l, row, i, `duplicate value for unique (${uniques[dup].fields.join(", ")})`, true);
      c.skipped++;
      continue;
    }
    const keys = [
      identity(t, row, i),
      ...refKeys.map((cols) =>
        rowKey(
          t.source,
          cols,
          cols.map((col) => raw(row, t.columns.find((x) => x.source === col)!)),
        ),
      ),
    ];
    batch.push({ doc, keys, row, index: i });
    if (batch.length >= e.batchSize) await flush(i + 1);
  }
  await flush(rows.length);
}

function problem(
  e: Engine,
  code: RowProblem["code"],
  l: TableLayout,
  row: SourceRow,
  i: number,
  message: string,
  skipped: boolean,
): void {
  e.problems.push({
    code,
    table: l.plan.name,
    key: keyLabel(l.plan, row, i),
    file: row.file,
    line: row.line,
    message,
    skipped,
  });
}

/** The complete document for a row, or undefined (and a reported problem) when the row cannot be written. */
function buildDoc(e: Engine, l: TableLayout, row: SourceRow, i: number): Doc | undefined {
  if (row.error) return (problem(e, "DATA-UNREADABLE", l, row, i, `row ${row.error}`, true), undefined);
  const { doc, error } = convertFields(l, row, e.now);
  if (error) return (problem(e, "DATA-CONVERT", l, row, i, error, true), undefined);
  for (const f of l.fields) {
    if (f.kind !== "ref") continue;
    const values = f.fk.columns.map((col) => raw(row, l.plan.columns.find((x) => x.source === col)!));
    if (values.every((v) => v === null)) {
      if (!f.optional)
        return (problem(e, "DATA-MISSING-REF", l, row, i, `required reference "${f.field}" is NULL`, true), undefined);
      continue;
    }
    const key = rowKey(f.fk.target, f.fk.targetColumns, values);
    const target = `${f.fk.target}(${values.map(String).join(",")})`;
    if (f.fk.deferred) {
      if (!e.known.has(key))
        problem(e, "DATA-DANGLING", l, row, i, `reference "${f.field}" points to missing ${target}; left unset`, false);
      continue;
    }
    const id = e.idMap.get(key);
    if (id !== undefined) doc[f.field] = id;
    else if (f.optional)
      problem(e, "DATA-DANGLING", l, row, i, `reference "${f.field}" points to missing ${target}; left unset`, false);
    else
      return (
        problem(e, "DATA-MISSING-REF", l, row, i, `required reference "${f.field}" points to missing ${target}`, true),
        undefined
      );
  }
  const limit = convexLimit(doc);
  if (limit) return (problem(e, "DATA-LIMIT", l, row, i, limit, true), undefined);
  return doc;
}

const MAX_DOC_BYTES = 1 << 20;
const MAX_ARRAY = 8192;
const MAX_DEPTH = 16;

/** Why a document breaks a Convex limit (1 MiB, arrays of 8,192, nesting 16), or undefined. Sizes are estimates. */
export function convexLimit(doc: Doc): string | undefined {
  let size = 0;
  let problemText: string | undefined;
  const walk = (v: DocValue, depth: number, path: string): void => {
    if (problemText) return;
    if (depth > MAX_DEPTH) problemText = `"${path}" is nested deeper than ${MAX_DEPTH} levels`;
    else if (typeof v === "string") size += v.length + 2;
    else if (v instanceof ArrayBuffer) size += v.byteLength;
    else if (Array.isArray(v)) {
      if (v.length > MAX_ARRAY) problemText = `array "${path}" has ${v.length} elements (Convex allows ${MAX_ARRAY})`;
      v.forEach((x, i) => walk(x, depth + 1, `${path}[${i}]`));
    } else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        size += k.length + 2;
        walk(x, depth + 1, path ? `${path}.${k}` : k);
      }
    } else size += 8;
  };
  walk(doc, 0, "");
  if (problemText) return problemText;
  return size > MAX_DOC_BYTES ? `document is about ${Math.round(size / 1024)} KiB (Convex allows 1 MiB)` : undefined;
}

async function patchTable(e: Engine, l: TableLayout, offset: number): Promise<void> {
  const t = l.plan;
  const c = counts(e, t);
  const rows = e.rows.rows.get(t.source) ?? [];
  const deferred = l.fields.filter(
    (f): f is Extract<FieldSource, { kind: "ref" }> => f.kind === "ref" && Boolean(f.fk.deferred),
  );
  for (let i = offset; i < rows.length; i++) {
    const row = rows[i];
    const id = e.idMap.get(identity(t, row, i));
    if (id === undefined || row.error) continue;
    const fields: Doc = {};
    for (const f of deferred) {
      const values = f.fk.columns.map((col) => raw(row, t.columns.find((x) => x.source === col)!));
      if (values.every((v) => v === null)) continue;
      const key = rowKey(f.fk.target, f.fk.targetColumns, values);
      const target = e.idMap.get(key);
      if (target !== undefined) fields[f.field] = target;
      else if (e.known.has(key))
        problem(
          e,
          "DATA-DANGLING",
          l,
          row,
          i,
          `reference "${f.field}" points to a row that was skipped; left unset`,
          false,
        );
    }
    if (Object.keys(fields).length) {
      try {
        await e.sink.patch(t.name, id, fields);
        c.patched++;
      } catch (err) {
        if (!(err instanceof SinkRejection)) throw err;
        problem(e, "DATA-REJECTED", l, row, i, `references could not be set: ${err.message}`, false);
      }
    }
    if ((i + 1) % e.batchSize === 0) await e.onCheckpoint?.({ phase: "patch", table: t.name, offset: i + 1 });
  }
  await e.onCheckpoint?.({ phase: "patch", table: t.name, offset: rows.length });
}
