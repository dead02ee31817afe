/**
 * Merging and splitting tables. Moving fields into a table of their own: "separate tags/clusterId from wallets: new table walletTags that
 * references wallets", "move createdAt and mentionedIn of entities into their own entityDates table". The new
 * table references the old one (with an index), takes the fields with their types, and the old table loses them.
 */
import { findField, type Field } from "../../schema/model";
import { camel, idField, indexName } from "../designer/names";
import { apply, resolveFieldLoose, resolveTableLoose, type FollowUpContext } from "../designer/resolve";

export function splitTable(fieldsPhrase: string, tablePhrase: string, newName: string, ctx: FollowUpContext): boolean {
  const table = resolveTableLoose(ctx.schema, tablePhrase);
  if (!table) return false;
  ctx.recent = table;
  const names = fieldsPhrase
    .split(/\s*(?:\/|,|\band\b|&|\+)\s*/)
    .map((s) => s.replace(/^(?:the|its|their)\s+/i, "").trim())
    .filter(Boolean);
  const fields = names.map((n) => resolveFieldLoose(table, n));
  const missing = names.filter((_, k) => !fields[k]);
  if (missing.length) {
    ctx.questions.push(
      `Table "${table.name}" has no field ${missing.map((m) => `"${m}"`).join(", ")}. Which fields should move to "${newName}"?`,
    );
    return true;
  }
  const target = camel(newName);
  if (resolveTableLoose(ctx.schema, target) && findField(resolveTableLoose(ctx.schema, target)!, idField(table.name))) {
    ctx.notes.push(`Table "${target}" already exists and references "${table.name}".`);
    return true;
  }
  const ref = idField(table.name);
  const moved: Field[] = (fields as Field[]).map((f) => ({ ...f }));
  apply(
    ctx,
    [
      {
        op: "createTable",
        table: target,
        fields: [{ name: ref, validator: { kind: "id", table: table.name }, optional: false }, ...moved],
        indexes: [{ name: indexName([ref]), fields: [ref] }],
      },
      ...moved.map((f) => ({ op: "removeField" as const, table: table.name, field: f.name })),
    ],
    `Moves ${moved.map((f) => `"${f.name}"`).join(", ")} from "${table.name}" into new table "${target}", which references "${table.name}" through "${ref}" (indexed); existing values must be copied by a migration before the fields are dropped.`,
  );
  return true;
}

/**
 * "merge balances into contracts", "we don't need a separate userSettings table, put its fields on users": the
 * fields the target lacks move onto it (optional, as existing documents have none), references to the merged table
 * go, and the table is dropped.
 */
export function mergeTables(fromPhrase: string, intoPhrase: string, ctx: FollowUpContext): boolean {
  const from = resolveTableLoose(ctx.schema, fromPhrase);
  const into = resolveTableLoose(ctx.schema, intoPhrase);
  if (!from || !into || from === into) return false;
  ctx.recent = into;
  const moved = from.fields.filter(
    (f) => !findField(into, f.name) && !(f.validator.kind === "id" && f.validator.table === into.name),
  );
  const refs = ctx.schema.tables
    .filter((t) => t !== from)
    .flatMap((t) =>
      t.fields
        .filter((f) => f.validator.kind === "id" && f.validator.table === from.name)
        .map((f) => ({ table: t, field: f.name })),
    );
  apply(
    ctx,
    [
      ...moved.map((f) => ({ op: "addField" as const, table: into.name, field: { ...f, optional: true } })),
      ...refs.flatMap(({ table, field }) => [
        ...table.indexes
          .filter((i) => i.fields.includes(field))
          .map((i) => ({ op: "removeIndex" as const, table: table.name, name: i.name })),
        { op: "removeField" as const, table: table.name, field },
      ]),
      { op: "dropTable", table: from.name },
    ],
    `Merges "${from.name}" into "${into.name}": ${moved.length ? `${moved.map((f) => `"${f.name}"`).join(", ")} move onto "${into.name}" (optional until backfilled)` : "no field is missing on the target"}${refs.length ? `, references ${refs.map((r) => `"${r.table.name}.${r.field}"`).join(", ")} go` : ""}, and "${from.name}" is dropped; a migration must copy the values first.`,
  );
  return true;
}
