/**
 * A change request whose operations undo or contradict each other ("drop products and add a color to products",
 * "rename sku to code and also to barcode") is a question, not a guess: applying either half would do something
 * the user also said not to do. Read on the operations, so it holds whatever the wording was.
 */
import type { SchemaModel } from "../../schema/model";
import type { SchemaOperation } from "../../schema/operations";

/** The field or table an operation changes, when it changes one that is named ("table" or "table.field"). */
function touched(o: SchemaOperation): string[] {
  switch (o.op) {
    case "createTable":
    case "dropTable":
      return [o.table];
    case "renameTable":
      return [o.from];
    case "addField":
      return [o.table, `${o.table}.${o.field.name}`];
    case "renameField":
      return [o.table, `${o.table}.${o.from}`];
    case "changeFieldType":
    case "setOptional":
      return [o.table, `${o.table}.${o.field}`];
    case "addIndex":
      return [o.table, ...o.index.fields.map((f) => `${o.table}.${f}`)];
    case "addSearchIndex":
      return [
        o.table,
        `${o.table}.${o.index.searchField}`,
        ...(o.index.filterFields ?? []).map((f) => `${o.table}.${f}`),
      ];
    case "addVectorIndex":
      return [o.table, `${o.table}.${o.index.vectorField}`];
    default:
      return [];
  }
}

/** A question naming what the request both removes and changes, or undefined when its operations agree. */
export function conflictingChanges(schema: SchemaModel, operations: SchemaOperation[]): string | undefined {
  if (!schema.tables.length) return undefined;
  const renamedTo = new Map<string, string>();
  for (const o of operations) {
    if (o.op !== "renameField" && o.op !== "renameTable") continue;
    const from = o.op === "renameField" ? `${o.table}.${o.from}` : o.from;
    const had = renamedTo.get(from);
    if (had && had !== o.to)
      return `Should "${from}" be renamed to "${had}" or to "${o.to}"? The request names both, so nothing changes yet.`;
    renamedTo.set(from, o.to);
    // "rename sku to code and to barcode", read as sku → code → barcode: one name given two.
    const prefix = o.op === "renameField" ? `${o.table}.` : "";
    const origin = [...renamedTo].find(([f, to]) => `${prefix}${to}` === from && f !== from)?.[0];
    // "rename title to heading and heading back to title": renamed and back again.
    if (origin && `${prefix}${o.to}` === origin)
      return `Should "${origin}" be renamed to "${renamedTo.get(origin)}", or keep its name? The request renames it and back, so nothing changes yet.`;
    if (origin)
      return `Should "${origin}" be renamed to "${renamedTo.get(origin)}" or to "${o.to}"? The request names both, so nothing changes yet.`;
  }
  // "required and optional", "a number and a string": one field set two ways in one request.
  const setTo = new Map<string, string>();
  for (const o of operations) {
    if (o.op !== "setOptional" && o.op !== "changeFieldType") continue;
    const key = `${o.op}:${o.table}.${o.field}`;
    const value = o.op === "setOptional" ? (o.optional ? "optional" : "required") : JSON.stringify(o.validator);
    const had = setTo.get(key);
    if (had !== undefined && had !== value)
      return o.op === "setOptional"
        ? `Should "${o.table}.${o.field}" be optional or required? The request asks for both, so nothing changes yet.`
        : `Which type should "${o.table}.${o.field}" have? The request names two, so nothing changes yet.`;
    setTo.set(key, value);
  }
  // "index books by isbn but don't index isbn": an index added and removed again.
  for (const o of operations) {
    if (o.op !== "addIndex") continue;
    const undone = operations.some((x) => x.op === "removeIndex" && x.table === o.table && x.name === o.index.name);
    if (undone)
      return `Should I index "${o.table}.${o.index.fields.join(", ")}" or not? The request asks for it and against it, so nothing changes yet.`;
  }
  const removed = new Map<string, string>();
  for (const o of operations) {
    if (o.op === "dropTable") removed.set(o.table, `drop the table "${o.table}"`);
    if (o.op === "removeField") removed.set(`${o.table}.${o.field}`, `remove "${o.table}.${o.field}"`);
  }
  if (!removed.size) return undefined;
  for (const o of operations) {
    if (o.op === "dropTable" || o.op === "removeField") continue;
    // A merge adds the side table's fields elsewhere and drops it; a split moves fields out: both touch other names.
    const hit = touched(o).find((name) => removed.has(name));
    // "add genre to books but don't add genre": what the request adds and removes again.
    if (hit && o.op === "addField" && hit === `${o.table}.${o.field.name}`)
      return `Should I add "${hit}" or not? The request asks for it and against it, so nothing changes yet.`;
    if (hit)
      return `Should I ${removed.get(hit)}, or keep it and change it? The request asks for both, so nothing changes yet.`;
  }
  return undefined;
}
