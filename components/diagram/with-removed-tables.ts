import type { SchemaModel } from "@/lib/schema/browser";

/** The proposed model plus the tables and fields it removes (so they can be shown struck out). */
export function withRemovedTables(model: SchemaModel, base?: SchemaModel): SchemaModel {
  if (!base) return model;
  const baseByName = new Map(base.tables.map((t) => [t.name, t]));
  const tables = model.tables.map((t) => {
    const old = baseByName.get(t.name);
    const gone = old ? old.fields.filter((f) => !t.fields.some((n) => n.name === f.name)) : [];
    return gone.length ? { ...t, fields: [...t.fields, ...gone] } : t;
  });
  const names = new Set(model.tables.map((t) => t.name));
  const removed = base.tables.filter((t) => !names.has(t.name));
  return { ...model, tables: [...tables, ...removed] };
}
