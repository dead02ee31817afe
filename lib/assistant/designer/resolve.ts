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
}

export const TABLE_WORDS = /\s+(?:table|collection|model|entity)s?$/i;
export const FIELD_WORDS = /\s+(?:field|column|attribute|property|prop)s?$/i;

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

/** A table by any spelling: "Order items", "order_items", "orderItem" → "orderItems". */
export function resolveTable(schema: SchemaModel, phrase: string): Table | undefined {
  const cleaned = phrase.replace(TABLE_WORDS, "").replace(/^(?:the|a|an|each|every|all)\s+/i, "").trim();
  const key = nameKey(cleaned);
  return schema.tables.find((t) => nameKey(t.name) === key || t.name.toLowerCase() === cleaned.toLowerCase());
}

/** A field by any spelling; "project" also finds "projectId". */
export function resolveField(table: Table, phrase: string): Field | undefined {
  const cleaned = phrase.replace(FIELD_WORDS, "").replace(/^(?:the|a|an)\s+/i, "").trim();
  const key = words(cleaned).join("");
  const exact = table.fields.find((f) => f.name.toLowerCase() === key || f.name.toLowerCase() === `${key}id` || words(f.name).join("") === key);
  if (exact) return exact;
  // "due date" finds "dueAt", "start time" finds "startsAt": compare without the time suffix.
  const loose = (n: string): string => singularPhrase(words(n).join(" ")).replace(/ (at|date|time|on|id)$/, "").replace(/ /g, "");
  const hits = table.fields.filter((f) => loose(f.name) === loose(cleaned));
  return hits.length === 1 ? hits[0] : undefined;
}

export interface FieldRef { table: Table; field: Field }

/**
 * "tasks.dueDate", "due date on tasks", "the due date of tasks", "tasks due date" or just "due date" (when only
 * one table has it). Pushes a question and returns undefined when it is missing or ambiguous.
 */
export function locateField(phrase: string, ctx: FollowUpContext, verb: string): FieldRef | undefined {
  const p = phrase.replace(FIELD_WORDS, "").replace(/^(?:the\s+)?(?:field|column|property|attribute)\s+/i, "").trim();
  const dotted = /^(\w+)\.(\w+)$/.exec(p);
  const split = dotted ? [dotted[1], dotted[2]] : /^(.+?)\s+(?:field\s+|column\s+)?(?:on|in|of|from|for)\s+(?:the\s+)?(.+?)$/i.exec(p)?.slice(1).reverse();
  if (split) {
    const table = resolveTable(ctx.schema, split[0]);
    const field = table && resolveField(table, split[1]);
    if (table && field) return { table, field };
    if (!table) ctx.questions.push(`There is no table "${split[0]}" to ${verb} "${split[1]}" in. Which table did you mean?`);
    else ctx.questions.push(`Table "${table.name}" has no field "${split[1]}". Which field did you mean?`);
    return undefined;
  }
  const ws = p.split(/\s+/);
  for (let k = 1; k < ws.length; k++) {
    const table = resolveTable(ctx.schema, ws.slice(0, k).join(" "));
    const field = table && resolveField(table, ws.slice(k).join(" "));
    if (table && field) return { table, field };
  }
  const hits = ctx.schema.tables.flatMap((table) => {
    const field = resolveField(table, p);
    return field ? [{ table, field }] : [];
  });
  if (hits.length === 1) return hits[0];
  if (hits.length > 1) ctx.questions.push(`Several tables have "${hits[0].field.name}" (${hits.map((h) => `"${h.table.name}"`).join(", ")}). Which one should I ${verb}?`);
  else ctx.questions.push(`I could not find a field "${p}" to ${verb}. Which table and field did you mean?`);
  return undefined;
}

/** Tables named in the sentence; every table when none is named (said in the assumptions). */
export function targetTables(text: string, ctx: FollowUpContext, what: string): Table[] {
  const ws = words(text);
  const named = ctx.schema.tables.filter((t) => {
    const key = words(t.name);
    const single = words(singularPhrase(t.name));
    return containsRun(ws, key) || containsRun(ws, single);
  });
  if (named.length) return named;
  if (ctx.schema.tables.length > 0) ctx.assumptions.push(`No table was named, so ${what} applies to every table.`);
  return ctx.schema.tables;
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
  return single === ws.join(" ") ? tableName(phrase).replace(/([A-Z])/g, " $1").toLowerCase() : ws.join(" ");
}
