/**
 * Follow-up edits on an existing schema: rename, remove, optional/required, type changes, soft delete,
 * timestamps, search, ownership and indexes. Each recogniser is one entry of FOLLOW_UPS; a sentence that is not
 * an edit (or an "add X to Y" that is really design) is handed back, rewritten, for design extraction.
 */
import type { Field, SchemaModel, Table, Validator } from "../../schema/model";
import { findField, findTable } from "../../schema/model";
import type { SchemaOperation } from "../../schema/operations";
import { applyOperations } from "../../schema/operations";
import { literalUnion, literalValue } from "./fields";
import { knowledgeOf } from "./lexicon";
import { camel, indexName, nameKey, singularPhrase, tableName, words } from "./names";

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

type Handler = (m: RegExpExecArray, ctx: FollowUpContext) => string | undefined | void;
interface FollowUp { pattern: RegExp; handle: Handler }

const TABLE_WORDS = /\s+(?:table|collection|model|entity)s?$/i;
const FIELD_WORDS = /\s+(?:field|column|attribute|property|prop)s?$/i;

/** Ordered: the first matching pattern handles the sentence. */
const FOLLOW_UPS: FollowUp[] = [
  { pattern: /^(?:please\s+)?make\s+(?:the\s+)?(.+?)\s+(?:both\s+)?(?:(?:optional|nullable)\s+(?:and|but)\s+(?:also\s+)?(?:required|mandatory)|(?:required|mandatory)\s+(?:and|but)\s+(?:also\s+)?(?:optional|nullable))$/i, handle: (m, ctx) => void ctx.questions.push(`Should "${m[1]}" be optional or required? The request asks for both.`) },
  { pattern: /^(?:please\s+)?(?:remove|delete|drop|rename|change)\s+(?:the\s+|a\s+|that\s+|this\s+)?(?:field|column|table|it|that|this|one|thing)$/i, handle: (m, ctx) => void ctx.questions.push(`Which ${/table/i.test(m[0]) ? "table" : "field"} do you mean? Name it, e.g. "${m[0].split(/\s+/)[0].toLowerCase()} tasks.dueDate".`) },
  { pattern: /^(?:please\s+)?rename\s+(?:the\s+)?(.+?)\s+(?:to|into|as)\s+(?:be\s+)?["'`]?([\w ]+?)["'`]?$/i, handle: rename },
  { pattern: /^(?:please\s+)?(?:remove|delete|drop|get rid of)\s+(?:the\s+)?(.+?)\s+(?:from|on|in|of)\s+(?:the\s+)?(.+?)$/i, handle: (m, ctx) => removeFrom(m[1], m[2], ctx) },
  { pattern: /^(?:please\s+)?(?:remove|delete|drop|get rid of)\s+(?:the\s+)?(.+?)$/i, handle: (m, ctx) => removeThing(m[1], ctx) },
  { pattern: /soft[\s-]?delet/i, handle: (m, ctx) => softDelete(m.input, ctx) },
  { pattern: /^(?:please\s+)?make\s+(?:the\s+)?(.+?)\s+(optional|required|mandatory|not optional|non-optional|nullable)$/i, handle: (m, ctx) => optionality(m[1], m[2], ctx) },
  { pattern: /^(?:the\s+)?(.+?)\s+(?:should|must|needs to|has to)\s+(?:be\s+)?(optional|required|mandatory)$/i, handle: (m, ctx) => optionality(m[1], m[2], ctx) },
  { pattern: /^(?:please\s+)?(?:change|convert|turn|make|switch)\s+(?:the\s+)?(?:type\s+of\s+)?(.+?)\s+(?:into|to|to be|from\s+\w+\s+to)\s+(?:an?\s+)?(.+)$/i, handle: (m, ctx) => changeType(m[1], m[2], ctx) },
  { pattern: /^(?:the\s+)?(.+?)\s+should\s+be\s+(?:an?\s+)?((?:number|integer|int|float|decimal|string|text|boolean|bool|date|timestamp|datetime|money|bigint|int64|list|array|reference|one of)\b.*)$/i, handle: (m, ctx) => changeType(m[1], m[2], ctx) },
  { pattern: /^(?:please\s+)?(?:make|keep|ensure|the)?\s*(?:the\s+)?(.+?)\s+(?:is\s+|are\s+|should\s+be\s+|must\s+be\s+)?unique(?:\s+(?:on|in|of|for|across)\s+(?:the\s+|all\s+)?(.+))?$/i, handle: (m, ctx) => unique(m[2] ? `${m[1]} on ${m[2]}` : m[1], ctx) },
  { pattern: /^(?:the\s+|each\s+|every\s+)?(.+?)\s+(?:can|may|should|could)\s+be\s+(\w+ed|featured|hidden|visible|private|public|archived|active|starred)$/i, handle: (m, ctx) => flag(m[1], m[2], ctx) },
  { pattern: /\b(?:timestamps?|updated\s?at|last\s+(?:updated|modified)|modification time|created\s?at)\b/i, handle: (m, ctx) => timestamps(m.input, ctx) },
  { pattern: /\b(?:search(?:able)?|full[\s-]?text)\b/i, handle: (m, ctx) => search(m.input, ctx) },
  { pattern: /\bwho\s+owns\s+(?:the\s+|a\s+|an\s+)?(.+?)\??$/i, handle: (m, ctx) => owner(m[1], ctx) },
  { pattern: /^(?:please\s+)?(?:add|give)\s+(?:an?\s+)?owner(?:ship|s)?\s+(?:to|for|on)\s+(?:the\s+|each\s+|every\s+|all\s+)?(.+?)$/i, handle: (m, ctx) => owner(m[1], ctx) },
  { pattern: /^(?:please\s+)?(?:make\s+)?(?:the\s+|each\s+|every\s+)?(.+?)\s+(?:should\s+|must\s+|need\s+to\s+|needs\s+to\s+)?belongs?\s+to\s+(?:an?\s+|the\s+)?(?:owner|user|person|account holder)s?$/i, handle: (m, ctx) => owner(m[1], ctx) },
  { pattern: /^(?:the\s+|each\s+|every\s+)?(.+?)\s+(?:should\s+|must\s+|need\s+to\s+|needs\s+to\s+)?(?:have|has|get)\s+(?:an?\s+)?owners?$/i, handle: (m, ctx) => owner(m[1], ctx) },
  { pattern: /^(?:the\s+)?(.+?)\s+(?:are|is)\s+owned\s+by\s+(?:an?\s+|the\s+)?(?:users?|owners?|people|person)$/i, handle: (m, ctx) => owner(m[1], ctx) },
  { pattern: /^(?:please\s+)?(?:make|let)\s+(?:the\s+|each\s+|every\s+)?(.+?)\s+belong\s+to\s+(.+)$/i, handle: (m) => `${m[1]} belongs to ${m[2]}` },
  { pattern: /^(?:please\s+)?(?:link|connect|relate)\s+(?:the\s+|each\s+)?(.+?)\s+(?:to|with)\s+(.+)$/i, handle: (m) => `${m[1]} belongs to ${m[2]}` },
  { pattern: /^(?:please\s+)?(?:add\s+)?(?:an?\s+)?index\s+(?:on|for)\s+(?:the\s+)?(.+?)$/i, handle: (m, ctx) => addIndexOn(m[1], ctx) },
  { pattern: /^(?:please\s+)?index\s+(?:the\s+)?(.+?)\s+by\s+(.+)$/i, handle: (m, ctx) => addIndexOn(`${m[2]} on ${m[1]}`, ctx) },
  { pattern: /^(?:please\s+)?(?:add|create|make)\s+(?:an?\s+|the\s+|new\s+)*(.+?)\s+(?:table|collection|model|entity)s?(?:\s*(?:with|that has|having|containing|for storing|:)\s*(.+))?$/i, handle: (m, ctx) => newTable(m[1], m[2], ctx) },
  { pattern: /^(?:please\s+)?(?:add|include|put|store|track)\s+(.+)\s+(?:to|on|for|in|into)\s+(?:the\s+|each\s+|every\s+|all\s+)?(.+?)$/i, handle: (m, ctx) => addTo(m[1], m[2], ctx) },
  { pattern: /^(?:please\s+)?(?:add|include)\s+(?:an?\s+|the\s+)?(.+?)(?:\s+(?:field|column|attribute|property))$/i, handle: (m, ctx) => addTo(m[1], "", ctx) },
  { pattern: /^(?:please\s+)?(?:add|include)\s+(?:an?\s+|the\s+)?([a-z][\w ]*?)$/i, handle: (m, ctx) => (looksLikeEntity(m[1]) ? m.input : addTo(m[1], "", ctx)) },
];

/**
 * Handles one sentence if it is an edit. Returns the text left for design extraction ("" when fully handled), or
 * the sentence itself when it is not an edit.
 */
export function applyFollowUp(sentence: string, ctx: FollowUpContext): string {
  const text = sentence.replace(/\s+/g, " ").replace(/[?!.,;:]+$/, "").trim();
  for (const f of FOLLOW_UPS) {
    const m = f.pattern.exec(text);
    if (!m) continue;
    const rest = f.handle(m, ctx);
    return typeof rest === "string" ? rest : "";
  }
  return sentence;
}

function apply(ctx: FollowUpContext, ops: SchemaOperation[], note: string): boolean {
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
function resolveField(table: Table, phrase: string): Field | undefined {
  const cleaned = phrase.replace(FIELD_WORDS, "").replace(/^(?:the|a|an)\s+/i, "").trim();
  const key = words(cleaned).join("");
  const exact = table.fields.find((f) => f.name.toLowerCase() === key || f.name.toLowerCase() === `${key}id` || words(f.name).join("") === key);
  if (exact) return exact;
  // "due date" finds "dueAt", "start time" finds "startsAt": compare without the time suffix.
  const loose = (n: string): string => singularPhrase(words(n).join(" ")).replace(/ (at|date|time|on|id)$/, "").replace(/ /g, "");
  const hits = table.fields.filter((f) => loose(f.name) === loose(cleaned));
  return hits.length === 1 ? hits[0] : undefined;
}

interface FieldRef { table: Table; field: Field }

/**
 * "tasks.dueDate", "due date on tasks", "the due date of tasks", "tasks due date" or just "due date" (when only
 * one table has it). Pushes a question and returns undefined when it is missing or ambiguous.
 */
function locateField(phrase: string, ctx: FollowUpContext, verb: string): FieldRef | undefined {
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

function rename(m: RegExpExecArray, ctx: FollowUpContext): void {
  const from = m[1].trim();
  const to = m[2].trim();
  const tableOnly = !/\.|\s(?:on|in|of|from)\s/i.test(from) && resolveTable(ctx.schema, from);
  if (tableOnly) {
    const wasPlural = singularPhrase(tableOnly.name) !== words(tableOnly.name).join(" ");
    const name = wasPlural && singularPhrase(to) === words(to).join(" ") ? tableName(to) : camel(to);
    apply(ctx, [{ op: "renameTable", from: tableOnly.name, to: name }], `Renames table "${tableOnly.name}" to "${name}"; references to it follow.`);
    return;
  }
  const ref = locateField(from, ctx, "rename");
  if (!ref) return;
  const name = camel(to);
  apply(ctx, [{ op: "renameField", table: ref.table.name, from: ref.field.name, to: name }], `Renames "${ref.table.name}.${ref.field.name}" to "${name}".`);
}

/** Operations that remove a field together with the indexes that use it. */
function removeFieldOps(table: Table, field: string): SchemaOperation[] {
  const uses = [
    ...table.indexes.filter((i) => i.fields.includes(field)),
    ...table.searchIndexes.filter((i) => i.searchField === field || i.filterFields.includes(field)),
    ...table.vectorIndexes.filter((i) => i.vectorField === field || i.filterFields.includes(field)),
  ];
  return [...uses.map((i): SchemaOperation => ({ op: "removeIndex", table: table.name, name: i.name })), { op: "removeField", table: table.name, field }];
}

function removeFrom(what: string, from: string, ctx: FollowUpContext): void {
  const table = resolveTable(ctx.schema, from);
  if (!table) {
    ctx.questions.push(`There is no table "${from}". Which table should "${what}" be removed from?`);
    return;
  }
  const index = [...table.indexes, ...table.searchIndexes, ...table.vectorIndexes].find((i) => i.name === what.replace(/\s+index$/i, "").replace(/^index\s+/i, ""));
  if (index) {
    apply(ctx, [{ op: "removeIndex", table: table.name, name: index.name }], `Removes index "${table.name}.${index.name}".`);
    return;
  }
  const field = resolveField(table, what);
  if (!field) {
    ctx.questions.push(`Table "${table.name}" has no field "${what}". Which field did you mean?`);
    return;
  }
  apply(ctx, removeFieldOps(table, field.name), `Removes field "${table.name}.${field.name}" and the indexes that use it.`);
}

function removeThing(what: string, ctx: FollowUpContext): void {
  const table = resolveTable(ctx.schema, what);
  if (table && !/\.|\s(?:field|column)$/i.test(what)) {
    const ops: SchemaOperation[] = [];
    const refs: string[] = [];
    for (const other of ctx.schema.tables) {
      if (other === table) continue;
      for (const f of other.fields) {
        if (f.validator.kind === "id" && f.validator.table === table.name) {
          ops.push(...removeFieldOps(other, f.name));
          refs.push(`"${other.name}.${f.name}"`);
        }
      }
    }
    ops.push({ op: "dropTable", table: table.name });
    const also = refs.length ? ` It also removes the references to it: ${refs.join(", ")}.` : "";
    apply(ctx, ops, `Drops table "${table.name}".${also}`);
    return;
  }
  const ref = locateField(what, ctx, "remove");
  if (ref) apply(ctx, removeFieldOps(ref.table, ref.field.name), `Removes field "${ref.table.name}.${ref.field.name}" and the indexes that use it.`);
}

function optionality(what: string, word: string, ctx: FollowUpContext): void {
  const ref = locateField(what, ctx, `make ${word}`);
  if (!ref) return;
  const optional = /optional|nullable/i.test(word) && !/not|non/i.test(word);
  if (ref.field.optional === optional) {
    ctx.notes.push(`"${ref.table.name}.${ref.field.name}" is already ${optional ? "optional" : "required"}.`);
    return;
  }
  apply(ctx, [{ op: "setOptional", table: ref.table.name, field: ref.field.name, optional }], `Makes "${ref.table.name}.${ref.field.name}" ${optional ? "optional" : "required"}.`);
}

/** A validator from words like "number", "date", "list of strings", "reference to users", "one of a, b or c". */
export function validatorFromWords(text: string, schema: SchemaModel): { validator: Validator; note?: string } | undefined {
  const t = text.trim().toLowerCase();
  const one = /^(?:one of|enum|union of|either)\s*:?\s*(.+)$/.exec(t);
  if (one) return { validator: literalUnion(one[1].split(/\s*(?:,|\bor\b|\band\b|\/)\s*/).map(literalValue).filter(Boolean)) };
  const list = /^(?:list|array)\s+of\s+(.+)$/.exec(t);
  if (list) {
    const inner = validatorFromWords(singularPhrase(list[1]).replace(/^(\w+)$/, "$1"), schema) ?? validatorFromWords(list[1], schema);
    return inner && { validator: { kind: "array", element: inner.validator } };
  }
  const ref = /^(?:reference|ref|link|pointer|id)\s+(?:to|of|for)\s+(?:the\s+)?(.+)$/.exec(t);
  if (ref) {
    const table = resolveTable(schema, ref[1]);
    return table && { validator: { kind: "id", table: table.name } };
  }
  if (/^(number|numeric|float|double|decimal|integer|int|count)\b/.test(t)) return { validator: { kind: "number" } };
  if (/^(money|currency|price|cents)\b/.test(t)) return { validator: { kind: "number" }, note: "Money is stored as integer cents in v.number()." };
  if (/^(date|datetime|timestamp|time)\b/.test(t)) return { validator: { kind: "number" }, note: "Dates are stored as milliseconds since the epoch in v.number()." };
  if (/^(string|text|str)\b/.test(t)) return { validator: { kind: "string" } };
  if (/^(boolean|bool|flag|checkbox|yes\/no|true\/false)\b/.test(t)) return { validator: { kind: "boolean" } };
  if (/^(bigint|int64|long)\b/.test(t)) return { validator: { kind: "int64" } };
  if (/^(tags|strings)\b/.test(t)) return { validator: { kind: "array", element: { kind: "string" } } };
  if (/^(any|json|object|anything)\b/.test(t)) return { validator: { kind: "any" } };
  return undefined;
}

function changeType(what: string, type: string, ctx: FollowUpContext): string | void {
  const parsed = validatorFromWords(type, ctx.schema);
  if (!parsed) {
    // "make tasks belong to projects" and friends are not type changes.
    if (/\bbelongs?\b/.test(what + " " + type)) return `${what} ${type}`;
    ctx.questions.push(`What type should "${what}" become? I understand number, string, boolean, date, money, a list of X, a reference to a table, or "one of a, b, c".`);
    return;
  }
  const ref = locateField(what, ctx, "change");
  if (!ref) return;
  if (parsed.note) ctx.assumptions.push(parsed.note);
  apply(ctx, [{ op: "changeFieldType", table: ref.table.name, field: ref.field.name, validator: parsed.validator }], `Changes the type of "${ref.table.name}.${ref.field.name}".`);
}

/** Tables named in the sentence; every table when none is named (said in the assumptions). */
function targetTables(text: string, ctx: FollowUpContext, what: string): Table[] {
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

function containsRun(ws: string[], run: string[]): boolean {
  for (let i = 0; i + run.length <= ws.length; i++) if (run.every((w, k) => ws[i + k] === w)) return true;
  return false;
}

function softDelete(text: string, ctx: FollowUpContext): string {
  const tables = targetTables(text, ctx, "soft delete");
  if (tables.length === 0) {
    ctx.questions.push("Which table should support soft delete? There are no tables yet.");
    return "";
  }
  const ops: SchemaOperation[] = [];
  for (const t of tables) {
    if (!findField(t, "deletedAt")) ops.push({ op: "addField", table: t.name, field: { name: "deletedAt", validator: { kind: "number" }, optional: true, description: "Set when the document is soft-deleted (ms since epoch)." } });
    if (!t.indexes.some((i) => i.fields[0] === "deletedAt")) ops.push({ op: "addIndex", table: t.name, index: { name: "by_deletedAt", fields: ["deletedAt"] } });
  }
  if (ops.length) apply(ctx, ops, `Adds soft delete (optional "deletedAt" plus index "by_deletedAt") to ${tables.map((t) => `"${t.name}"`).join(", ")}; queries should filter out deleted documents.`);
  return "";
}

function timestamps(text: string, ctx: FollowUpContext): string {
  if (/created\s?at/i.test(text) && !/updated|modified|timestamps/i.test(text)) {
    ctx.notes.push(`Convex already stores "_creationTime" on every document, so no "createdAt" field is needed.`);
    return "";
  }
  const tables = targetTables(text, ctx, "the timestamp");
  const ops: SchemaOperation[] = tables.filter((t) => !findField(t, "updatedAt")).map((t) => ({
    op: "addField", table: t.name, field: { name: "updatedAt", validator: { kind: "number" }, optional: true, description: "Last change (ms since epoch); set it in every mutation that patches the document." },
  }));
  ctx.assumptions.push(`Creation time needs no field: Convex stores "_creationTime" on every document.`);
  if (ops.length) apply(ctx, ops, `Adds "updatedAt" to ${tables.map((t) => `"${t.name}"`).join(", ")}.`);
  return "";
}

const SEARCHABLE = ["title", "name", "body", "content", "description", "subject", "text", "message", "summary"];

function search(text: string, ctx: FollowUpContext): string {
  const named = targetTables(text, { ...ctx, assumptions: [] }, "search");
  const ws = words(text);
  const candidates = named.length < ctx.schema.tables.length ? named : ctx.schema.tables.filter((t) => t.fields.some((f) => ws.includes(f.name.toLowerCase()) || containsRun(ws, words(f.name))));
  if (candidates.length !== 1) {
    ctx.questions.push(candidates.length === 0 ? "Which table and field should be searchable?" : `Which table should be searchable: ${candidates.map((t) => `"${t.name}"`).join(", ")}?`);
    return "";
  }
  const table = candidates[0];
  const strings = table.fields.filter((f) => f.validator.kind === "string");
  const field = strings.find((f) => containsRun(ws, words(f.name))) ?? SEARCHABLE.map((n) => strings.find((f) => f.name === n)).find(Boolean);
  if (!field) {
    ctx.questions.push(`Which string field of "${table.name}" should be searchable?`);
    return "";
  }
  const name = `search_${field.name}`;
  if (table.searchIndexes.some((i) => i.searchField === field.name)) {
    ctx.notes.push(`"${table.name}.${field.name}" already has a search index.`);
    return "";
  }
  const filters = table.fields.filter((f) => f.validator.kind === "id" || f.name === "status").map((f) => f.name).slice(0, 3);
  apply(ctx, [{ op: "addSearchIndex", table: table.name, index: { name, searchField: field.name, filterFields: filters } }], `Adds search index "${name}" on "${table.name}.${field.name}"${filters.length ? ` filterable by ${filters.join(", ")}` : ""}.`);
  return "";
}

function owner(what: string, ctx: FollowUpContext): string | void {
  const phrase = what.replace(/^(?:the|each|every|all)\s+/i, "").trim();
  const table = resolveTable(ctx.schema, phrase);
  if (!table) {
    if (ctx.schema.tables.length === 0 || words(phrase).length > 3) return `${pluralWords(phrase)} have an owner`;
    ctx.questions.push(`There is no table "${phrase}". Which table needs an owner?`);
    return;
  }
  const existing = table.fields.find((f) => f.validator.kind === "id" && /^(owner|user|author|creator|createdBy)(Id)?$/.test(f.name));
  if (existing) {
    ctx.notes.push(`"${table.name}.${existing.name}" already records who owns each document.`);
    return;
  }
  const users = ctx.schema.tables.find((t) => nameKey(t.name) === "user") ?? ctx.schema.tables.find((t) => ["member", "account", "person", "profile"].includes(nameKey(t.name)));
  const ops: SchemaOperation[] = [];
  let usersName = users?.name;
  if (!usersName) {
    usersName = "users";
    ops.push({ op: "createTable", table: "users", fields: [{ name: "name", validator: { kind: "string" }, optional: false }, { name: "email", validator: { kind: "string" }, optional: false }], indexes: [{ name: "by_email", fields: ["email"] }] });
  }
  ops.push({ op: "addField", table: table.name, field: { name: "ownerId", validator: { kind: "id", table: usersName }, optional: true } });
  ops.push({ op: "addIndex", table: table.name, index: { name: indexName(["ownerId"]), fields: ["ownerId"] } });
  ctx.assumptions.push(`"ownerId" is optional so existing "${table.name}" documents stay valid; backfill it, then make it required.`);
  apply(ctx, ops, `Adds "${table.name}.ownerId" referencing "${usersName}"${users ? "" : " (a new table)"}, with index "by_ownerId".`);
}

function addIndexOn(what: string, ctx: FollowUpContext): void {
  const by = /^(?:the\s+)?(.+?)\s+by\s+(.+)$/i.exec(what.trim());
  const p = by ? `${by[2]} on ${by[1]}` : what.trim();
  const dotted = /^(\w+)\.(\w+)$/.exec(p);
  const split = dotted ? [dotted[2], dotted[1]] : /^(.+?)\s+(?:on|in|of|for)\s+(?:the\s+)?(.+?)$/i.exec(p)?.slice(1);
  const tableName = split?.[1];
  const table = tableName ? resolveTable(ctx.schema, tableName) : undefined;
  const fieldWords = split ? split[0] : p;
  const fields = fieldWords.split(/\s*(?:,|\band\b|\bthen\b)\s*/).filter(Boolean);
  const candidates = table ? [table] : ctx.schema.tables.filter((t) => fields.every((f) => resolveField(t, f)));
  if (candidates.length !== 1) {
    ctx.questions.push(candidates.length ? `Which table should get the index on ${fieldWords}: ${candidates.map((t) => `"${t.name}"`).join(", ")}?` : `Which table and fields should the index cover?`);
    return;
  }
  const resolved = fields.map((f) => resolveField(candidates[0], f)?.name);
  if (resolved.some((f) => !f)) {
    ctx.questions.push(`Table "${candidates[0].name}" has no field ${fields.filter((_, k) => !resolved[k]).map((f) => `"${f}"`).join(", ")}.`);
    return;
  }
  const cols = resolved as string[];
  apply(ctx, [{ op: "addIndex", table: candidates[0].name, index: { name: indexName(cols), fields: cols } }], `Adds index "${indexName(cols)}" on "${candidates[0].name}".`);
}

/** Convex has no unique constraint: index the field and check it in the mutation that writes it. */
function unique(what: string, ctx: FollowUpContext): void {
  const ref = locateField(what, ctx, "make unique");
  if (!ref) return;
  ctx.assumptions.push(`Convex has no unique constraint: the mutation that writes "${ref.table.name}" must look the value up with the index and reject duplicates.`);
  if (ref.table.indexes.some((i) => i.fields[0] === ref.field.name)) {
    ctx.notes.push(`"${ref.table.name}" already has an index on "${ref.field.name}" for the uniqueness check.`);
    return;
  }
  const name = indexName([ref.field.name]);
  apply(ctx, [{ op: "addIndex", table: ref.table.name, index: { name, fields: [ref.field.name] } }], `Adds index "${name}" on "${ref.table.name}" so writes can check "${ref.field.name}" is unique.`);
}

/** "posts can be pinned" → optional boolean "isPinned". */
function flag(what: string, adjective: string, ctx: FollowUpContext): string | void {
  const table = resolveTable(ctx.schema, what);
  if (!table) return `${what} have a ${adjective} flag`;
  const name = camel(`is ${adjective}`);
  if (findField(table, name)) {
    ctx.notes.push(`"${table.name}.${name}" already exists.`);
    return;
  }
  apply(ctx, [{ op: "addField", table: table.name, field: { name, validator: { kind: "boolean" }, optional: true } }], `Adds optional boolean "${table.name}.${name}".`);
}

function addTo(items: string, target: string, ctx: FollowUpContext): string | void {
  const table = target ? resolveTable(ctx.schema, target) : undefined;
  if (table) return `${table.name} have ${items.replace(FIELD_WORDS, "")}`;
  if (target) return `${target} have ${items.replace(FIELD_WORDS, "")}`;
  if (ctx.schema.tables.length === 1) return `${ctx.schema.tables[0].name} have ${items}`;
  ctx.questions.push(`Which table should get "${items.replace(/^(?:an?|the)\s+/i, "")}"${ctx.schema.tables.length ? `: ${ctx.schema.tables.map((t) => `"${t.name}"`).join(", ")}` : ""}?`);
}

/** "comments" or "an invoice" (known entity) is a new table; "a status" is an attribute. */
function looksLikeEntity(phrase: string): boolean {
  const ws = words(phrase);
  const single = singularPhrase(phrase);
  return single !== ws.join(" ") || knowledgeOf(single) !== undefined;
}

function newTable(name: string, rest: string | undefined, ctx: FollowUpContext): string {
  const entity = singularPhrase(name.replace(/^(?:an?|the|new)\s+/i, ""));
  if (resolveTable(ctx.schema, entity)) {
    ctx.notes.push(`Table "${resolveTable(ctx.schema, entity)?.name}" already exists.`);
    return rest ? `${pluralWords(entity)} have ${rest}` : "";
  }
  ctx.entities.push(entity);
  return rest ? `${pluralWords(entity)} have ${rest}` : pluralWords(entity);
}

function pluralWords(phrase: string): string {
  const ws = words(phrase);
  if (ws.length === 0) return phrase;
  const single = singularPhrase(phrase);
  return single === ws.join(" ") ? tableName(phrase).replace(/([A-Z])/g, " $1").toLowerCase() : ws.join(" ");
}
