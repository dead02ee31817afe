/**
 * Finding what a follow-up talks about: tables and fields by any spelling, the tables a sentence names, and
 * applying operations to the conversation's working schema (failures become questions).
 */
import type { Field, SchemaModel, Table } from "../../schema/model";
import type { SchemaOperation } from "../../schema/operations";
import { applyOperations } from "../../schema/operations";
import { nameKey, singularPhrase, tableName, words } from "./names";

export interface FollowUpContext {
  /** Schema after the follow-up operations so far. */
  schema: SchemaModel;
  operations: SchemaOperation[];
  notes: string[];
  assumptions: string[];
  questions: string[];
  /** Entities the user asked to create by name ("add a widgets table"), singular words. */
  entities: string[];
  /** The table a clause is scoped to ("... on tasks", "in the tasks table, ..."). */
  scope?: Table;
  /** The table named last in this request: the default when a field name fits several tables. */
  recent?: Table;
  /** The field the last command of this request changed (its new name): what "it" means next. */
  lastRef?: { table: string; field: string };
}

export const TABLE_WORDS = /\s+(?:table|collection|model|entity)s?$/i;
export const FIELD_WORDS = /\s+(?:field|column|attribute|property|prop|flag|value)s?$/i;

export function apply(ctx: FollowUpContext, ops: SchemaOperation[], note: string): boolean {
  const r = applyOperations(ctx.schema, ops);
  if (!r.ok) {
    ctx.questions.push(`${r.errors[0].message} What did you mean?`);
    return false;
  }
  ctx.schema = r.schema;
  ctx.operations.push(...ops);
  ctx.notes.push(note);
  return true;
}

/** A table by any spelling: "Order items", "order_items", "orderItem", "tasks'" → "orderItems". */
export function resolveTable(schema: SchemaModel, phrase: string): Table | undefined {
  const cleaned = cleanTablePhrase(phrase);
  const key = nameKey(cleaned);
  return schema.tables.find((t) => nameKey(t.name) === key || t.name.toLowerCase() === cleaned.toLowerCase());
}

function cleanTablePhrase(phrase: string): string {
  return phrase
    .replace(/'s?$|’s?$/, "")
    .replace(TABLE_WORDS, "")
    .replace(/^(?:the|a|an|each|every|all|my|our)\s+/i, "")
    .trim();
}

/**
 * A table the user means in a change request, forgiving typos ("taks", "comemnts"): the exact match first, else
 * the one table within a small edit distance. Only for places where a table must be meant (never to decide
 * whether a new table already exists).
 */
export function resolveTableLoose(schema: SchemaModel, phrase: string): Table | undefined {
  const exact = resolveTable(schema, phrase);
  if (exact) return exact;
  const cleaned = cleanTablePhrase(phrase);
  return closest(schema.tables, (t) => [nameKey(t.name), t.name.toLowerCase()], [
    nameKey(cleaned),
    words(cleaned).join(""),
  ]);
}

/**
 * The single item whose key is within the typo budget of `key` (closest wins; a tie means none). The budget grows
 * with length (one edit from 5 letters, two from 9) and the first letter must match: "taks" finds "tasks", but
 * "game" never becomes "name".
 */
export function closest<T>(items: readonly T[], keys: (item: T) => string[], key: string | string[]): T | undefined {
  const asked = (Array.isArray(key) ? key : [key]).filter(Boolean);
  let best: T | undefined;
  let bestD = Infinity;
  let tie = false;
  for (const item of items) {
    let d = Infinity;
    for (const k of keys(item)) {
      for (const a of asked) {
        const longest = Math.max(k.length, a.length);
        const budget = longest >= 9 ? 2 : longest >= 5 ? 1 : 0;
        if (budget === 0 || k[0] !== a[0]) continue;
        const e = editDistance(k, a, budget);
        if (e <= budget) d = Math.min(d, e);
      }
    }
    if (d < bestD) {
      best = item;
      bestD = d;
      tie = false;
    } else if (d === bestD && d !== Infinity) tie = true;
  }
  return bestD !== Infinity && !tie ? best : undefined;
}

/** Optimal string alignment distance (a swap of neighbours counts once), stopping early beyond `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      rowMin = Math.min(rowMin, d[i][j]);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length][b.length];
}

/** A field by any spelling; "project" also finds "projectId". */
export function resolveField(table: Table, phrase: string): Field | undefined {
  const cleaned = phrase
    .replace(FIELD_WORDS, "")
    .replace(/^(?:the|a|an)\s+/i, "")
    .replace(/^(?:field|column|attribute|property)\s+/i, "")
    .trim();
  const key = words(cleaned).join("");
  const exact = table.fields.find(
    (f) => f.name.toLowerCase() === key || f.name.toLowerCase() === `${key}id` || words(f.name).join("") === key,
  );
  if (exact) return exact;
  // "due date" finds "dueAt", "start time" finds "startsAt": compare without the time suffix.
  const loose = (n: string): string =>
    singularPhrase(words(n).join(" "))
      .replace(/ (at|date|time|on|id|url)$/, "")
      .replace(/ /g, "")
      .replace(/(?:ed|e)$/, "");
  const hits = table.fields.filter((f) => loose(f.name) === loose(cleaned));
  return hits.length === 1 ? hits[0] : undefined;
}

/** A field by any spelling, forgiving typos ("dueDte", "titel") when exactly one field is that close. */
export function resolveFieldLoose(table: Table, phrase: string): Field | undefined {
  const exact = resolveField(table, phrase);
  if (exact) return exact;
  const key = words(phrase.replace(FIELD_WORDS, "").replace(/^(?:the|a|an)\s+/i, "")).join("");
  return closest(table.fields, (f) => [f.name.toLowerCase()], key);
}

export interface FieldRef {
  table: Table;
  field: Field;
}

/**
 * "tasks.dueDate", "due date on tasks", "the due date of tasks", "tasks due date" or just "due date" (when only
 * one table has it). Pushes a question and returns undefined when it is missing or ambiguous.
 */
export function locateField(phrase: string, ctx: FollowUpContext, verb: string): FieldRef | undefined {
  // "rename users.avatarUrl to imageUrl and make it required": "it" is the field just changed.
  if (/^(?:it|that|this|that field|this field|the field|them)$/i.test(phrase.trim()) && ctx.lastRef) {
    const table = ctx.schema.tables.find((t) => t.name === ctx.lastRef?.table);
    const field = table?.fields.find((f) => f.name === ctx.lastRef?.field);
    if (table && field) return found(ctx, table, field);
  }
  const p = phrase
    .replace(FIELD_WORDS, "")
    .replace(/^(?:the\s+)?(?:field|column|property|attribute)\s+/i, "")
    .replace(/^(?:the|a|an)\s+/i, "")
    .trim();
  const dotted = /^([\w ]+?)\.(\w+)$/.exec(p);
  const possessive = /^(.+?)(?:'s|’s|'|’)\s+(.+)$/.exec(p);
  const split = dotted
    ? [dotted[1], dotted[2]]
    : possessive
      ? [possessive[1], possessive[2]]
      : /^(.+?)\s+(?:field\s+|column\s+)?(?:on|in|of|from|for)\s+(?:the\s+)?(.+?)$/i.exec(p)?.slice(1).reverse();
  if (split) {
    const table = resolveTableLoose(ctx.schema, split[0]);
    const field = table && resolveFieldLoose(table, split[1]);
    if (table && field) return found(ctx, table, field);
    if (!table)
      ctx.questions.push(`There is no table "${split[0]}" to ${verb} "${split[1]}" in. Which table did you mean?`);
    else ctx.questions.push(`Table "${table.name}" has no field "${split[1]}". Which field did you mean?`);
    return undefined;
  }
  if (ctx.scope) {
    const table = ctx.schema.tables.find((t) => t.name === ctx.scope?.name) ?? ctx.scope;
    const field = resolveFieldLoose(table, p);
    if (field) return found(ctx, table, field);
    ctx.questions.push(`Table "${table.name}" has no field "${p}". Which field did you mean?`);
    return undefined;
  }
  const ws = p.split(/\s+/);
  for (let k = 1; k < ws.length; k++) {
    const table = resolveTable(ctx.schema, ws.slice(0, k).join(" "));
    const field = table && resolveField(table, ws.slice(k).join(" "));
    if (table && field) return found(ctx, table, field);
  }
  let hits = ctx.schema.tables.flatMap((table) => {
    const field = resolveField(table, p);
    return field ? [{ table, field }] : [];
  });
  if (hits.length === 0) {
    hits = ctx.schema.tables.flatMap((table) => {
      const field = resolveFieldLoose(table, p);
      return field ? [{ table, field }] : [];
    });
  }
  // Several tables have it: the table this request talked about last decides ("… on tasks and rename title").
  const recent = ctx.recent && hits.find((h) => h.table.name === ctx.recent?.name);
  if (hits.length > 1 && recent) return found(ctx, recent.table, recent.field);
  if (hits.length === 1) return found(ctx, hits[0].table, hits[0].field);
  if (hits.length > 1)
    ctx.questions.push(
      `Several tables have "${hits[0].field.name}" (${hits.map((h) => `"${h.table.name}"`).join(", ")}). Which one should I ${verb}?`,
    );
  else ctx.questions.push(`I could not find a field "${p}" to ${verb}. Which table and field did you mean?`);
  return undefined;
}

function found(ctx: FollowUpContext, table: Table, field: Field): FieldRef {
  ctx.recent = table;
  ctx.lastRef = { table: table.name, field: field.name };
  return { table, field };
}

/** Tables named in the sentence; every table when none is named (said in the assumptions). */
export function targetTables(text: string, ctx: FollowUpContext, what: string): Table[] {
  if (ctx.scope) return [ctx.scope];
  const ws = words(text);
  const named = ctx.schema.tables.filter((t) => {
    const key = words(t.name);
    const single = words(singularPhrase(t.name));
    return containsRun(ws, key) || containsRun(ws, single);
  });
  // "org invites" names orgInvites, not also orgs: a table named only inside another named table's words drops out.
  const spans = (t: Table): [number, number][] =>
    [words(t.name), words(singularPhrase(t.name))].flatMap((run) =>
      runsAt(ws, run).map((at): [number, number] => [at, at + run.length]),
    );
  const longest = named.filter((t) => {
    const own = spans(t);
    const others = named.filter((o) => o !== t).flatMap(spans);
    return own.some(([a, b]) => !others.some(([c, d]) => c <= a && b <= d && d - c > b - a));
  });
  if (longest.length) return longest;
  if (ctx.schema.tables.length > 0) ctx.assumptions.push(`No table was named, so ${what} applies to every table.`);
  return ctx.schema.tables;
}

/** Positions where `run` occurs in `ws`. */
export function runsAt(ws: string[], run: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + run.length <= ws.length; i++) if (run.length && run.every((w, k) => ws[i + k] === w)) out.push(i);
  return out;
}

export function containsRun(ws: string[], run: string[]): boolean {
  for (let i = 0; i + run.length <= ws.length; i++) if (run.every((w, k) => ws[i + k] === w)) return true;
  return false;
}

/** Plural words for a phrase: "watering log" → "watering logs". */
export function pluralWords(phrase: string): string {
  const ws = words(phrase);
  if (ws.length === 0) return phrase;
  const single = singularPhrase(phrase);
  return single === ws.join(" ")
    ? tableName(phrase)
        .replace(/([A-Z])/g, " $1")
        .toLowerCase()
    : ws.join(" ");
}
