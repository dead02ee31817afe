/**
 * The schema's own tables and fields found in a request's words: code names, their words, singular or plural,
 * "assignee" for "assigneeId", loose keys ("due date" for "dueAt"), "tasks.title", and small typos.
 */
import type { Field, SchemaModel, Table } from "../../../schema/model";
import { nameKey, singularPhrase, words } from "../../designer/names";
import { editDistance, resolveField } from "../../designer/resolve";
import { FIELDY, STOP, type Token } from "./tokens";

export interface TableMention {
  kind: "table";
  start: number;
  end: number;
  table: Table;
}

export interface FieldMention {
  kind: "field";
  start: number;
  end: number;
  hits: { table: Table; field: Field }[];
}

export type Mention = TableMention | FieldMention;

/** A field and its table. */
export interface Hit {
  table: Table;
  field: Field;
}

/** Lookup tables for one schema's names, built once per schema object. */
export interface Names {
  tables: Map<string, Table>;
  fields: Map<string, Hit[]>;
  /** Fields by their loose key ("due date" finds "dueAt"), only where one field of its table has that key. */
  loose: Map<string, Hit[]>;
  /** Every table and field key with what it names, for typos. */
  all: { key: string; table: Table; field?: Field }[];
}

const NAMES = new WeakMap<SchemaModel, Names>();

/** "due date" ~ "dueAt", "start time" ~ "startsAt": a field's words without the time suffix (as resolveField). */
export function looseKey(name: string): string {
  return singularPhrase(words(name).join(" "))
    .replace(/ (at|date|time|on|id|url)$/, "")
    .replace(/ /g, "")
    .replace(/(?:ed|e|s)$/, "");
}

export function namesOf(schema: SchemaModel): Names {
  const hit = NAMES.get(schema);
  if (hit) return hit;
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
    if (!k) return;
    const list = m.get(k) ?? [];
    if (!list.includes(v)) list.push(v);
    m.set(k, list);
  };
  const names: Names = { tables: new Map(), fields: new Map(), loose: new Map(), all: [] };
  for (const table of schema.tables) {
    for (const k of [nameKey(table.name), table.name.toLowerCase()])
      if (k && !names.tables.has(k)) names.tables.set(k, table);
    names.all.push({ key: table.name.toLowerCase(), table });
    const looseCount = new Map<string, number>();
    for (const field of table.fields)
      looseCount.set(looseKey(field.name), (looseCount.get(looseKey(field.name)) ?? 0) + 1);
    for (const field of table.fields) {
      const h: Hit = { table, field };
      const n = field.name.toLowerCase();
      push(names.fields, n, h);
      if (n.length > 2 && n.endsWith("id")) push(names.fields, n.slice(0, -2), h);
      if (looseCount.get(looseKey(field.name)) === 1) push(names.loose, looseKey(field.name), h);
      names.all.push({ key: n, table, field });
    }
  }
  NAMES.set(schema, names);
  return names;
}

/** Tables and fields the tokens name, longest first, never overlapping. */
export function ground(ts: Token[], schema: SchemaModel, exclude: Set<number>): Mention[] {
  const names = namesOf(schema);
  const found: Mention[] = [];
  const taken = new Set<number>(exclude);
  const free = (i: number, l: number) => {
    for (let k = i; k < i + l; k++) if (taken.has(k)) return false;
    return true;
  };
  const take = (m: Mention) => {
    for (let k = m.start; k < m.end; k++) taken.add(k);
    found.push(m);
  };
  // "invoices.paid": a table and its field in one token.
  ts.forEach((t, i) => {
    const dot = /^(\w+)\.(\w+)$/.exec(t.raw);
    if (!dot || taken.has(i)) return;
    const table = tableByKey(names, dot[1]);
    const field = table && resolveField(table, dot[2]);
    if (table && field) take({ kind: "field", start: i, end: i + 1, hits: [{ table, field }] });
  });
  for (let len = 4; len >= 1; len--) {
    for (let i = 0; i + len <= ts.length; i++) {
      if (!free(i, len)) continue;
      const span = ts.slice(i, i + len);
      if (span.some((t) => t.raw === ",")) continue;
      const stop = (t: Token) => STOP.has(t.w) && !FIELDY.has(t.w);
      if (len === 1 && stop(span[0])) continue;
      if (len > 1 && (stop(span[0]) || stop(span[len - 1]))) {
        // "is deleted" is isDeleted only when a field is called exactly that.
        const exact = names.fields
          .get(span.map((t) => t.w).join(""))
          ?.filter((h) => h.field.name.toLowerCase() === span.map((t) => t.w).join(""));
        if (exact?.length) take({ kind: "field", start: i, end: i + len, hits: exact });
        continue;
      }
      const phrase = span.map((t) => t.raw).join(" ");
      const table = tableByKey(names, phrase);
      const hits = fieldHits(names, phrase);
      if (table && hits.length && len === 1) {
        // "project" is both the projects table and tasks.projectId: both are kept, the reading decides.
        take({ kind: "table", start: i, end: i + len, table });
        found.push({ kind: "field", start: i, end: i + len, hits });
        continue;
      }
      if (table) take({ kind: "table", start: i, end: i + len, table });
      else if (hits.length) take({ kind: "field", start: i, end: i + len, hits });
    }
  }
  // Typos: one word within a small edit distance of exactly one table name, else of fields.
  ts.forEach((t, i) => {
    if (taken.has(i) || STOP.has(t.w) || t.w.length < 5) return;
    const near = names.all.filter((n) => {
      if (n.key[0] !== t.w[0] || Math.abs(n.key.length - t.w.length) > 2) return false;
      const longest = Math.max(n.key.length, t.w.length);
      const budget = longest >= 9 ? 2 : longest >= 5 ? 1 : 0;
      return budget > 0 && editDistance(n.key, t.w, budget) <= budget;
    });
    const tables = near.filter((n) => !n.field);
    if (tables.length === 1) take({ kind: "table", start: i, end: i + 1, table: tables[0].table });
    else if (!tables.length && near.length)
      take({
        kind: "field",
        start: i,
        end: i + 1,
        hits: near.flatMap((n) => (n.field ? [{ table: n.table, field: n.field }] : [])),
      });
  });
  return found.sort((a, b) => a.start - b.start || (a.kind === "table" ? -1 : 1));
}

export function tableByKey(names: Names, phrase: string): Table | undefined {
  const key = nameKey(phrase);
  return key ? (names.tables.get(key) ?? names.tables.get(phrase.toLowerCase())) : undefined;
}

/** Fields any table has by this phrase: code name, its words, singular or plural, "assignee" for "assigneeId". */
export function fieldHits(names: Names, phrase: string): Hit[] {
  const ws = words(phrase);
  const key = ws.join("");
  if (!key) return [];
  const single = words(singularPhrase(phrase)).join("");
  const out = [...(names.fields.get(key) ?? []), ...(single !== key ? (names.fields.get(single) ?? []) : [])];
  if (!out.length && ws.length > 1) out.push(...(names.loose.get(looseKey(phrase)) ?? []));
  return out.filter((h, i) => out.indexOf(h) === i);
}
