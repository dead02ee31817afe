/**
 * A field's new name said in a sentence of any length: one field of one table (dotted "T.f", "f on T", "T: f",
 * "f (T)", "(table T)", "on T the field f") joined to its new name by a renaming word or an arrow — "T.f → picture",
 * "f on T should be called g", "could f on T be renamed g", "on T the field f is going to be g from now on",
 * "f is a confusing name on T; go with g", "before: f after: g (table T)", "f (T) ⟶ g". A new name of several
 * words at the end ("country → country code") is their camelCase. The reason around it is no part of the change.
 * Undefined when the sentence names more than one table or field, also asks for another change, keeps the name,
 * or the new name is a state, a type or a field the table has.
 */
import type { Field, SchemaModel, Table } from "../../../schema/model";
import { camel } from "../../designer/names";
import { resolveField, resolveTable, resolveTableLoose } from "../../designer/resolve";
import { OTHER_CHANGE } from "./families";
import { Reading } from "./reading";
import { tidy } from "./tidy";
import { NOT_A_NAME, STOP } from "./tokens";

const CONNECTOR = String.raw`(?:→|->|⟶|=>|⇒|\bafter\s*:|\b(?:be|get|gets)\s+renamed(?:\s+(?:to|as|into))?|\brenamed\s+(?:to|as|into)|\b(?:be|is|are)\s+called|\b(?:be|is)\s+named|\bbecomes?|\bis\s+going\s+to\s+be|\bwill\s+be|\bshould\s+be\s+(?=["'\x60]?[a-z]+[A-Z])|\bgo\s+with|\bcall\s+it|\brename\s+(?:it|that)\s+(?:to|as|into)|\bshould\s+read)`;

const REFUSED =
  /\b(?:do\s+not|don'?t|never|not|no\s+need\s+to)\s+(?:\w+\s+){0,2}?re-?nam|\bkeep(?:ing|s)?\b|\bstill\s+(?:be\s+)?(?:called|named)\b|\b(?:both|either)\b/i;
const STATE =
  /^(?:empty|gone|kept|there|unique|searchable|indexed|required|optional|mandatory|nullable|fine|ok|okay|same|different|consistent|the|a|an|it|its|now|also|too|string|text|number|integer|int|boolean|bool|date|datetime|timestamp|array|list|reference|id|json|any|match|instead|please|accordingly)$/i;

/** The one table the sentence names, with "(table T)" and "T.f" counted. */
function tableOf(text: string, schema: SchemaModel): Table | undefined {
  const tables = new Set<Table>(new Reading(tidy(text), schema).tables());
  for (const m of text.matchAll(/\b(\w+)\.\w+/g)) {
    const t = resolveTable(schema, m[1]);
    if (t) tables.add(t);
  }
  for (const m of text.matchAll(/\((?:table|collection|model)\s+(\w+)\)|\((\w+)\)/gi)) {
    const t = resolveTable(schema, m[1] ?? m[2]);
    if (t) tables.add(t);
  }
  const model = /\bon\s+the\s+(\w+)\s+(?:model|table|collection)\b/i.exec(text);
  if (model) {
    const t = resolveTableLoose(schema, model[1]);
    if (t) tables.add(t);
  }
  return tables.size === 1 ? [...tables][0] : undefined;
}

/** The one field of `table` the text before the connector names. */
function fieldOf(before: string, table: Table, schema: SchemaModel): Field | undefined {
  const found = new Set<Field>();
  for (const m of before.matchAll(/\b(\w+)\.(\w+)\b/g)) {
    const f = resolveTable(schema, m[1]) === table ? resolveField(table, m[2]) : undefined;
    if (f) found.add(f);
  }
  const r = new Reading(tidy(before), schema);
  for (const m of r.fieldMentions()) for (const h of m.hits) if (h.table === table) found.add(h.field);
  // "expires at", "updatedAt" said plainly, a field of the table in scope.
  const words = before
    .replace(/["'`(),:;]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const one = resolveField(table, words[i]);
    if (one && one.name.toLowerCase() === words[i].toLowerCase()) found.add(one);
    const two =
      i + 1 < words.length && /^[a-z]+$/.test(words[i + 1])
        ? resolveField(table, `${words[i]} ${words[i + 1]}`)
        : undefined;
    if (two) found.add(two);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

export function fieldRenamed(sentence: string, schema: SchemaModel): string | undefined {
  const text = sentence
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[.!?]+$/, "")
    .trim();
  if (REFUSED.test(text)) return undefined;
  const table = tableOf(text, schema);
  if (!table) return undefined;
  const m = new RegExp(
    String.raw`${CONNECTOR}\s*["'\x60]?([A-Za-z][A-Za-z0-9_]*)["'\x60]?((?:\s+[a-z][a-z0-9]*){0,2})?`,
    "i",
  ).exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index);
  const field = fieldOf(before, table, schema);
  if (!field) return undefined;
  let name = m[1];
  let end = m.index + m[0].length - (m[2]?.length ?? 0);
  // "country → country code", "expires at should be called expiry at": a name of several words at the very end.
  const tail = m[2]?.trim();
  if (
    tail &&
    /^[a-z]+$/.test(name) &&
    text.slice(m.index + m[0].length).trim() === "" &&
    !tail.split(/\s+/).some((w) => STOP.has(w) && w !== "at")
  ) {
    name = camel(`${name} ${tail}`);
    end = m.index + m[0].length;
  }
  if (STATE.test(name) || NOT_A_NAME.test(name) || STOP.has(name.toLowerCase())) return undefined;
  if (table.fields.some((f) => f.name.toLowerCase() === name.toLowerCase()) || resolveTable(schema, name))
    return undefined;
  const rest = `${before.replace(/\brename\b/gi, "")} ${text.slice(end)}`;
  if (
    OTHER_CHANGE.test(rest) ||
    /\b(?:and|also|then|plus)\b[^.]*\b(?:to|into|as)\s+["'`]?[A-Za-z]/i.test(text.slice(end))
  )
    return undefined;
  return `rename ${field.name} on ${table.name} to ${name}`;
}
