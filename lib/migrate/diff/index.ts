/**
 * The schema differ, split by entity like prisma's: tables here, then fields and indexes per table pair.
 * Renames are never guessed: only confirmed renames (from the resolver) are passed in.
 */
import type { SchemaModel } from "../../schema/model";
import type { Change } from "../changes";
import { diffFields, type FieldMerge, type FieldRename } from "./fields";
import { diffIndexes } from "./indexes";

export type { FieldMerge, FieldRename } from "./fields";

/** A confirmed table rename. */
export interface TableRename {
  from: string;
  to: string;
  confidence?: number;
}

export interface ConfirmedRenames {
  tables?: TableRename[];
  /** Field renames, with `table` named as in the target schema. */
  fields?: FieldRename[];
  /** Fields combined into one (the merged field is added, the sources dropped, the backfill combines them). */
  merges?: FieldMerge[];
}

/**
 * Diffs two schema models into typed changes, ordered: options, tables, then per table fields and indexes.
 * @param renames confirmed renames; everything else that disappeared is a drop, everything new an add.
 */
export function diffSchemas(from: SchemaModel, to: SchemaModel, renames: ConfirmedRenames = {}): Change[] {
  const out: Change[] = [];
  const o = from.options;
  const n = to.options;
  if (o.schemaValidation !== n.schemaValidation || o.strictTableNameTypes !== n.strictTableNameTypes) {
    out.push({ kind: "changeOptions", from: o, to: n });
  }
  const tableRenames = renames.tables ?? [];
  const oldNameOf = new Map(tableRenames.map((r) => [r.to, r.from]));
  const renamedOld = new Set(tableRenames.map((r) => r.from));
  const newNames = new Set(to.tables.map((t) => t.name));
  for (const r of tableRenames)
    out.push({ kind: "renameTable", from: r.from, to: r.to, confidence: r.confidence ?? 1 });
  for (const t of from.tables) {
    if (renamedOld.has(t.name) || (newNames.has(t.name) && !oldNameOf.has(t.name))) continue;
    out.push({ kind: "dropTable", table: t.name, def: t });
  }
  const perTable: Change[] = [];
  for (const t of to.tables) {
    const oldName = oldNameOf.get(t.name) ?? (renamedOld.has(t.name) ? undefined : t.name);
    const old = oldName === undefined ? undefined : from.tables.find((x) => x.name === oldName);
    if (!old) {
      out.push({ kind: "addTable", table: t.name, def: t });
      continue;
    }
    const fieldRenames = (renames.fields ?? []).filter((r) => r.table === t.name);
    perTable.push(
      ...diffFields(
        old,
        t,
        fieldRenames,
        (renames.merges ?? []).filter((m) => m.table === t.name),
      ),
    );
    perTable.push(...diffIndexes(old, t, new Map(fieldRenames.map((r) => [r.from, r.to]))));
    if ((old.description ?? "") !== (t.description ?? "")) {
      perTable.push({ kind: "changeDescription", table: t.name, from: old.description, to: t.description });
    }
  }
  return [...out, ...perTable];
}
