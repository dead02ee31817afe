/**
 * The intermediate ("expand") schema in force during the backfill: it accepts every old document, every new
 * document and every half-migrated one. New indexes are staged until the narrow phase.
 */
import { cloneValue } from "../value";
import type { Field, SchemaModel, Table } from "../../schema/model";
import type { MergeHow } from "../changes";
import type { ConfirmedRenames } from "../diff";
import { unionOf } from "../subsume";

/** A table pair: its old definition (if any) and new definition (if any), with field renames old→new. */
export interface TablePair {
  old?: Table;
  next?: Table;
  /** new field name → old field name */
  fieldMap: Map<string, string>;
  /** new field name → the old fields combined into it */
  merges?: Map<string, { from: string[]; how: MergeHow; members?: string[] }>;
}

/** Pairs tables of both schemas, following confirmed table renames. */
export function pairTables(from: SchemaModel, to: SchemaModel, renames: ConfirmedRenames): TablePair[] {
  const renamedTo = new Map((renames.tables ?? []).map((r) => [r.from, r.to]));
  const renamedFrom = new Set(renamedTo.values());
  const out: TablePair[] = [];
  const fieldMapFor = (table: string) =>
    new Map((renames.fields ?? []).filter((r) => r.table === table).map((r) => [r.to, r.from]));
  for (const old of from.tables) {
    const targetName = renamedTo.get(old.name) ?? (renamedFrom.has(old.name) ? undefined : old.name);
    const next = targetName === undefined ? undefined : to.tables.find((t) => t.name === targetName);
    const merges = new Map(
      (renames.merges ?? [])
        .filter((m) => m.table === next?.name)
        .map((m) => [m.to, { from: m.from, how: m.how, ...(m.members ? { members: m.members } : {}) }]),
    );
    out.push({ old, next, fieldMap: next ? fieldMapFor(next.name) : new Map(), ...(merges.size ? { merges } : {}) });
  }
  for (const next of to.tables) {
    if (!out.some((p) => p.next === next)) out.push({ next, fieldMap: new Map() });
  }
  return out;
}

/** Merged field list: shared fields take the union of both types, the rest become optional. */
function mergeFields(old: Table, next: Table, fieldMap: Map<string, string>): Field[] {
  const oldFields = new Map(old.fields.map((f) => [f.name, f]));
  const renamedOld = new Set(fieldMap.values());
  const out: Field[] = [];
  const seen = new Set<string>();
  for (const f of next.fields) {
    const o = fieldMap.has(f.name) ? undefined : renamedOld.has(f.name) ? undefined : oldFields.get(f.name);
    seen.add(f.name);
    if (!o) out.push({ ...f, optional: true });
    else out.push({ ...f, validator: unionOf(o.validator, f.validator), optional: o.optional || f.optional });
  }
  for (const o of old.fields) if (!seen.has(o.name)) out.push({ ...o, optional: true });
  return out;
}

/** The expand table for a pair under the name `name` (old name for same-name pairs, new name for copies). */
function widenTable(pair: TablePair, name: string): Table {
  const { old, next } = pair;
  if (!next) return cloneValue(old!);
  // A new table starts empty: its indexes build at once, no staging needed.
  if (!old) return { ...cloneValue(next), name };
  const fields = mergeFields(old, next, pair.fieldMap);
  const anyDocument = old.anyDocument || next.anyDocument;
  const stage = <T extends { name: string }>(olds: T[], news: T[]): T[] => [
    ...olds,
    ...news.filter((n) => !olds.some((o) => o.name === n.name)).map((n) => ({ ...n, staged: true })),
  ];
  // Renamed (copied) tables start empty: their indexes may be built directly.
  const copied = old.name !== name;
  const table: Table = {
    ...cloneValue(next),
    name,
    fields,
    indexes: copied ? cloneValue(next.indexes) : stage(old.indexes, next.indexes.filter(indexFieldsExist(fields))),
    searchIndexes: copied ? cloneValue(next.searchIndexes) : stage(old.searchIndexes, next.searchIndexes),
    vectorIndexes: copied ? cloneValue(next.vectorIndexes) : stage(old.vectorIndexes, next.vectorIndexes),
  };
  delete table.variants;
  if (anyDocument) table.anyDocument = true;
  else delete table.anyDocument;
  return table;
}

const indexFieldsExist = (fields: Field[]) => (i: { fields: string[] }) =>
  i.fields.every((f) => f === "_creationTime" || fields.some((x) => x.name === f.split(".")[0]));

/** The expand schema for the whole migration. */
export function widenSchema(from: SchemaModel, to: SchemaModel, pairs: TablePair[]): SchemaModel {
  const tables: Table[] = [];
  for (const pair of pairs) {
    if (pair.old && pair.next && pair.old.name !== pair.next.name) {
      tables.push(cloneValue(pair.old));
      tables.push(widenTable(pair, pair.next.name));
    } else {
      tables.push(widenTable(pair, (pair.old ?? pair.next)!.name));
    }
  }
  return {
    ...to,
    tables,
    // Validation stays as strict as the stricter side allows: off if either side has it off.
    options: {
      schemaValidation: from.options.schemaValidation && to.options.schemaValidation,
      strictTableNameTypes: from.options.strictTableNameTypes && to.options.strictTableNameTypes,
    },
    warnings: [],
  };
}
