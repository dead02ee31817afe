/** Merges ("fold profiles into users") and splits ("move street and city of users to a new addresses table"). */
import type { Table } from "../../../schema/model";
import { nameKey } from "../../designer/names";
import { ground } from "./ground";
import { MERGE, SPLIT } from "./families";
import type { Outcome } from "./outcome";
import type { Reading } from "./reading";
import { STOP } from "./tokens";

/** A merge of two tables or a split of one; a split this reader cannot complete is the grammar's. */
export function mergeOrSplit(r: Reading, t: string): Outcome {
  if (MERGE.test(t)) {
    const merged = merge(r);
    // "merge loans into members and keep both tables": the merged table both goes and stays — the conflict asks.
    const gone = merged && /^merge (\S+) into/.exec(merged)?.[1];
    if (
      gone &&
      /\bkeep (?:both|all|(?:the )?(?:two|ITEM)(?: and ITEM)? tables?|(?:it|them) (?:both|too|as well))\b/i.test(t)
    )
      return `add soft delete to ${gone} and drop the ${gone} table`;
    if (merged) return merged;
  }
  if (SPLIT.test(t)) {
    const made = split(r);
    if (made) return made;
    // "separate …", "… their own table": a split this reader cannot complete is left to the grammar.
    if (/\b(?:split|separate|extract|own table|new table|merge)\b/i.test(t)) return null;
  }
  return undefined;
}

/** "merge X into Y": the table named after "into", "on", "with" keeps its name; the other goes. */
function merge(r: Reading): string | undefined {
  const tables = r.tables();
  if (tables.length !== 2) return undefined;
  const [a, b] = tables;
  // The table after "into/onto/on/with/in" keeps its name; the other one goes.
  const target = r.tableAfter(/\b(?:into|onto|on|with|in|to)\s+(?:the\s+)?$/i);
  const dropped = r.tableAfter(/\b(?:drop|delete|remove)\s+(?:the\s+)?$/i);
  const keep = target && target !== dropped ? target : dropped ? (dropped === a ? b : a) : undefined;
  if (!keep) return undefined;
  const gone = keep === a ? b : a;
  return `merge ${gone.name} into ${keep.name}`;
}

/** "move street and city of users to a new addresses table": the fields named, their table, the new name. */
function split(r: Reading): string | undefined {
  const text = r.text;
  const named =
    /\btable\s+(?:called|named)\s+["'`]?([A-Za-z]\w*)/i.exec(text) ??
    /\bnew\s+table\s+["'`]?([A-Za-z]\w*)/i.exec(text) ??
    // "in their own table userDetails", "a separate groupInfo table": the name next to "own"/"separate" table.
    /\b(?:own|separate)\s+table\s+(?:called\s+|named\s+)?["'`]?([A-Za-z]\w*)/i.exec(text) ??
    /\bseparate\s+["'`]?([A-Za-z]\w*)["'`]?\s+table\b/i.exec(text) ??
    /\b(?:into|in|to)\s+(?:an?\s+|the\s+)?(?:new\s+|separate\s+)?(?:table\s+)?["'`]?([A-Za-z]\w*)["'`]?(?:\s+table)?\b(?!\s+(?:table\s+)?(?:of|for))/i.exec(
      text.replace(/\b(?:their|its)\s+own\s+table\b/gi, "own table"),
    ) ??
    /\b(?:an?|the)\s+(?:new\s+)?["'`]?([A-Za-z]\w*)["'`]?\s+table\b/i.exec(text) ??
    /\bcreate\s+(?:an?\s+)?["'`]?([A-Za-z]\w*)["'`]?\s+table\b/i.exec(text);
  const name = named?.[1];
  if (!name || STOP.has(name.toLowerCase()) || /^(?:own|new|separate)$/i.test(name)) return undefined;
  if (r.schema.tables.some((t) => nameKey(t.name) === nameKey(name))) return undefined;
  const newAt = r.ts.findIndex((t) => t.raw === name);
  const mentions = ground(r.ts, r.schema, new Set(newAt >= 0 ? [newAt] : []));
  const tables: Table[] = [];
  for (const m of mentions) if (m.kind === "table" && !tables.includes(m.table)) tables.push(m.table);
  // The source is the table whose fields are named; the fields in the order written.
  for (const source of [...tables, ...r.schema.tables]) {
    const fields: string[] = [];
    for (const m of mentions) {
      // "from generatedImages": the words of a table named are no field of it ("generatedImageId").
      if (m.kind !== "field" || mentions.some((t) => t.kind === "table" && t.start === m.start)) continue;
      const hit = m.hits.find((h) => h.table === source);
      if (hit && !fields.includes(hit.field.name)) fields.push(hit.field.name);
    }
    if (fields.length && (tables.includes(source) || !tables.length))
      return `separate ${fields.join(", ")} from ${source.name}: new table ${name}`;
  }
  return undefined;
}
