/** What a proposed schema changes, per table and field, so the diagram can mark it before approval. */
import type { SchemaModel } from "../schema/model";
import { sameValidator } from "../schema/model";

export type ChangeMark = "added" | "removed" | "changed";

export interface ChangeMarks {
  tables: Record<string, ChangeMark>;
  /** Keyed by "table.field". */
  fields: Record<string, ChangeMark>;
}

/** Compares the current and proposed models. Removed tables and fields are reported so they can be shown struck out. */
export function changeMarks(current: SchemaModel, proposed: SchemaModel): ChangeMarks {
  const marks: ChangeMarks = { tables: {}, fields: {} };
  const before = new Map(current.tables.map((t) => [t.name, t]));
  const after = new Map(proposed.tables.map((t) => [t.name, t]));
  for (const [name, t] of after) {
    const old = before.get(name);
    if (!old) {
      marks.tables[name] = "added";
      for (const f of t.fields) marks.fields[`${name}.${f.name}`] = "added";
      continue;
    }
    const oldFields = new Map(old.fields.map((f) => [f.name, f]));
    for (const f of t.fields) {
      const was = oldFields.get(f.name);
      if (!was) marks.fields[`${name}.${f.name}`] = "added";
      else if (was.optional !== f.optional || !sameValidator(was.validator, f.validator))
        marks.fields[`${name}.${f.name}`] = "changed";
    }
    for (const f of old.fields)
      if (!t.fields.some((n) => n.name === f.name)) marks.fields[`${name}.${f.name}`] = "removed";
    const indexSig = (x: typeof t) =>
      JSON.stringify([
        x.indexes.map((i) => [i.name, i.fields]),
        x.searchIndexes.map((i) => i.name),
        x.vectorIndexes.map((i) => i.name),
      ]);
    if (Object.keys(marks.fields).some((k) => k.startsWith(`${name}.`)) || indexSig(old) !== indexSig(t))
      marks.tables[name] = "changed";
  }
  for (const name of before.keys()) if (!after.has(name)) marks.tables[name] = "removed";
  return marks;
}
