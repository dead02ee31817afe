/** Read patterns: "look up tasks by status and dueDate", "we pull tickets by attendee". */
import type { TableMention } from "./ground";
import { INDEX, SEARCH } from "./families";
import type { Outcome } from "./outcome";
import type { Reading } from "./reading";
/** A search index on one string field. */
export function search(r: Reading, t: string): Outcome {
  if (SEARCH.test(t)) {
    const s = r.subject(false, true);
    if (s) return `make ${s.table.name} searchable by ${s.field.name}`;
  }
  return undefined;
}

/** An index for a read pattern, or an index asked for on a table with no fields (the grammar asks which). */
export function lookup(r: Reading, t: string): Outcome {
  // "we pull tickets by attendee": a table read by one of its fields is a read pattern, whatever the verb.
  if (INDEX.test(t) || /\bITEM\b.*\bby (?:their |its |the )?ITEM\b/.test(t)) {
    const idx = index(r);
    if (idx) return idx;
    // "put an index on tasks", "tasks need an index": an index asked for with no fields — the grammar asks which.
    const tables = r.tables();
    if (
      /\bindex(?:es)?\b/i.test(t) &&
      !/\b(?:remove|delete|drop|search\w*|vector|embeddings?|similar\w*|semantic|unique)\b/i.test(t) &&
      tables.length === 1 &&
      !r.fieldMentions().some((m) => m.hits.some((h) => h.table === tables[0]))
    )
      return `add an index to ${tables[0].name}`;
  }
  return undefined;
}

/** "look up tasks by status and dueDate": the table read and its fields after "by", in order. */
function index(r: Reading): string | undefined {
  const tables = r.tables();
  const byAt = r.after(/^(?:by|on|per|using|via|with|for|through|then|and|plus|,|index)\b/);
  // "add an index on entries.mood": the table is the field's.
  const owner =
    tables[0] ?? r.fieldMentions().find((m) => m.hits.length === 1 && r.ts[m.start].raw.includes("."))?.hits[0].table;
  // Several tables, or an order ("sort … within a project", "newest first"): the grammar reads those itself.
  // "tickets by attendee": a table word that is also a field of the table read ("attendee" is attendeeId) is the field.
  const others = r.mentions.filter(
    (m): m is TableMention =>
      m.kind === "table" &&
      m.table !== owner &&
      !r.mentions.some((f) => f.kind === "field" && f.start === m.start && f.hits.some((h) => h.table === owner)),
  );
  if (
    !owner ||
    others.length > 0 ||
    // (on the text with the schema's names masked: a table called "orders" is no order)
    /\b(?:sort\w*|order\w*|within|newest|latest|oldest|recent\w*|first)\b/i.test(r.family())
  )
    return undefined;
  // "look up returnedAt by loans", "index returnedAt on loans": the fields said first, their table after "by"/"on".
  const ownerAt = r.mentions.find((m) => m.kind === "table" && m.table === owner)?.start ?? -1;
  const ownerAfter = (at: number) =>
    ownerAt > at && byAt.includes(ownerAt) && !r.mentions.some((m) => m.kind === "table" && m.start < at);
  const fields: string[] = [];
  for (const m of r.mentions) {
    if (m.kind !== "field") continue;
    const hit = m.hits.find((h) => h.table === owner);
    if (!hit) continue;
    // A table mention of the owner itself is not a field of it.
    if (r.mentions.some((o) => o.kind === "table" && o.start === m.start && o.table === owner)) continue;
    if (!byAt.some((b) => b <= m.start) && !ownerAfter(m.start)) continue;
    if (!fields.includes(hit.field.name)) fields.push(hit.field.name);
  }
  if (!fields.length) return undefined;
  return `look up ${owner.name} by ${fields.join(" and ")}`;
}
