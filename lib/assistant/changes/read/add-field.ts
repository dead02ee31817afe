/** New fields: "add a pinned boolean and a nickname string to users", "give users a bio, which is text". */
import type { SchemaModel, Table } from "../../../schema/model";
import { attributeField } from "../../designer/fields";
import { camel, singularPhrase } from "../../designer/names";
import { resolveField, resolveTable } from "../../designer/resolve";
import { validatorFromWords } from "../validator-words";
import { ADD, TYPE_WORD } from "./families";
import type { Outcome } from "./outcome";
import type { Reading } from "./reading";
import { FIELDY, NOT_A_NAME, STOP, tokens, type Token } from "./tokens";

/** New fields on the one table named. */
export function adding(r: Reading, t: string): Outcome {
  if (ADD.test(t)) {
    const added = addFields(r);
    if (added) return added;
  }
  return undefined;
}

function addFields(r: Reading): string | undefined {
  const tables = r.tables();
  // "record the customer's company name on orders": a table said only as the owner of the phrase is no target.
  const owners = tables.filter((tb) =>
    r.mentions.every(
      (m) => m.kind !== "table" || m.table !== tb || new RegExp(`\\b${r.ts[m.end - 1].raw}'s?\\s`, "i").test(r.text),
    ),
  );
  const owned = tables.length === 2 && owners.length === 1;
  if (tables.length !== 1 && !owned) return undefined;
  const table = owned ? tables.filter((tb) => tb !== owners[0])[0] : tables[0];
  const inTable = new Set<number>();
  for (const m of r.mentions)
    if (m.kind === "table" && m.table === table) for (let k = m.start; k < m.end; k++) inTable.add(k);
  const text = r.text;
  const ts = r.ts;
  const body = ts
    .map((t, i) => ({ ...t, i }))
    .filter((t) => !inTable.has(t.i))
    .filter((t) => !ADD.test(t.w) || TYPE_WORD.test(t.w))
    .filter((t) => !FILLER.test(t.w) || (/^(?:is|has|can)$/.test(t.w) && namesNext(ts, t.i) && !inTable.has(t.i + 1)));
  if (owned) return phrase(table, body, text);
  // "store whether the order is gift wrapped": a yes/no about the table's row is a boolean named "is…"/"has…".
  const whether =
    /\bwhether\s+(?:(?:the|each|every|a|an|this)\s+)?(\w+)(?:'s)?\s+(is|was|has|have|are)\s+([a-z]+(?:\s+[a-z]+){0,2}?)\s*(?:(?:on|in|for|to)\s+\w+)?\s*$/i.exec(
      text,
    );
  if (whether && inTable.has(ts.findIndex((t) => t.raw === whether[1]))) {
    const said = whether[3].split(/\s+/);
    const verb = /^(?:has|have)$/i.test(whether[2]) ? "has" : "is";
    const name = camel([verb, ...said].join(" "));
    if (said.some((w) => STOP.has(w.toLowerCase())) || table.fields.some((f) => f.name === name)) return undefined;
    return `add ${name} (boolean) to ${table.name}`;
  }
  const typeOf = (w: string) => (TYPE_WORD.test(w) ? w.toLowerCase() : undefined);
  // "a … field called isPinned", "named is featured": the name is said outright; the type is the type word.
  const called =
    /\b(?:called|named)\s+["'`]?([A-Za-z][\w]*(?:\s+[A-Za-z]\w*)?)["'`]?(?=\s+(?:to|on|for|in|into)\b|\s*$)/i.exec(
      text,
    );
  if (called) {
    const type = body.map((t) => typeOf(t.w)).find(Boolean);
    const name = camel(called[1]);
    const modifier = /\b(required|optional|mandatory)\b/i.exec(text.slice(0, called.index))?.[1].toLowerCase();
    return type && !TYPE_WORD.test(name)
      ? `add ${modifier ? `${modifier} ` : ""}${name} (${type}) to ${table.name}`
      : undefined;
  }
  // An explicit type: "… as a string", "…, a number", "…, which is text", "(text)", "of type text".
  // "…, a string is fine", "…, a boolean flag, optional since old rows lack it", "…, a number (int)": the type
  // said last comes first; then "as", "of type", "(text)", ":" and the like. The first that names a type.
  const marked = [
    /,\s*(?:(?:an?|plain|multiple|several|many|required|optional|mandatory)\s+)*(?:(?:list|array|set)\s+of\s+)?([a-z]+?)s?\b(?:\s+(?:flag|value|values|field|type|per\s+\w+))?(?:\s*\([^)]*\))?(?:\s*,?\s*(?:is fine|is ok|works|will do|please|optional|required|not required|(?:since|because|as)\b.*))*\s*$/i.exec(
      text,
    ),
    /(?:\bas|\bof type|\btyped|\btype\s+is|\btype|\bwhich is|\bthat is|\bit is|\bit should be|\bit will be|\bit must be|\(|:|\s[—–-])\s*(?:an?\s+|plain\s+)?(?:(?:an?\s+)?(?:array|list|set)\s+of\s+)?([a-z]+?)s?\b/i.exec(
      text,
    ),
  ].find((m) => m && TYPE_WORD.test(m[1]));
  if (marked && TYPE_WORD.test(marked[1])) {
    const at = ts.findIndex(
      (t, i) =>
        (t.w === marked[1].toLowerCase() || t.w === `${marked[1].toLowerCase()}s`) &&
        i >= tokens(text.slice(0, marked.index)).length,
    );
    // "several image urls (text values), store them as a list", "multiple strings per user": a list of that type.
    const type = /\b(?:as an? (?:list|array)|list of|array of|multiple|several|many)\b/i.test(text)
      ? `list of ${marked[1].toLowerCase()}`
      : marked[1].toLowerCase();
    // "add an optional timezone (string)", "a required isLocked, a boolean", "…, not required": the modifier goes
    // with the field.
    const modifier = /\bnot (?:be )?(?:required|mandatory)\b/i.test(text)
      ? "optional"
      : (body.find((t) => t.i < at && /^(?:required|optional|mandatory)$/.test(t.w))?.w ??
        body.find((t) => t.i > at && /^(?:required|optional|mandatory)$/.test(t.w))?.w);
    // The name is said before the type; when the table comes between them ("add share count to messages for the
    // new dashboard, an integer"), before the table.
    const tableAt = Math.min(...inTable);
    // "tags (array of strings)", "tags, it is string[]": the words of the type's lead-in are no part of the name.
    const markAt = tokens(text.slice(0, marked.index)).length;
    let name = body.filter(
      (t) =>
        t.i < at &&
        (t.i < markAt || !/^(?:array|list|set|of|it|is|an?)$/.test(t.w)) &&
        t.w !== "and" &&
        t.raw !== "," &&
        !/^(?:required|optional|mandatory|not)$/.test(t.w),
    );
    name = afterArticle(name, ts);
    // "each customer's signup source (text)": the name is what the table's possessive owns.
    const tableEnd = Math.max(...inTable);
    if (ts[tableEnd] && new RegExp(`\\b${ts[tableEnd].raw}'s\\s`, "i").test(text) && tableEnd < at)
      name = name.filter((t) => t.i > tableEnd);
    else if (name.some((t) => t.i < tableAt) && tableAt < at) name = name.filter((t) => t.i < tableAt);
    // "a list of allowed domains (strings)": the words of the list are no part of its name.
    if (/^list of /.test(type))
      while (name.length > 1 && /^(?:list|array|set|of)$/.test(name[0].w)) name = name.slice(1);
    // "a muted flag (bool)": "flag" only says the type again.
    if (type === "boolean" || type === "bool")
      while (name.length > 1 && /^flag$/.test(name[name.length - 1].w)) name = name.slice(0, -1);
    if (!name.length || name.length > 3) return undefined;
    return `add ${modifier ? `${modifier} ` : ""}${camel(name.map((t) => t.raw).join(" "))} (${type}) to ${table.name}`;
  }
  // Items: each a run of name words and one type word, before or after them ("a pinned boolean and a nickname
  // string", "a boolean pinned"). A word that is a type and also ends common names ("phone number", "due date",
  // "alt text") ends a name; "required"/"optional" go with the item.
  const items: { name: string; type: string; modifier?: string }[] = [];
  for (const part of splitOn(body, (t) => t.w === "and" || t.w === "or" || t.raw === ",")) {
    const modifier = part.find((t) => /^(?:required|optional|mandatory)$/.test(t.w))?.w;
    const words = part.filter((t) => !/^(?:required|optional|mandatory)$/.test(t.w));
    const types = words.filter((t) => TYPE_WORD.test(t.w));
    const name = afterArticle(
      words.filter((t) => !TYPE_WORD.test(t.w)),
      ts,
    );
    const last = words.at(-1);
    // "a priority number", "a muted flag": the type word after a name that is no identifier's ("phone number",
    // "order number" name their field) only says the type.
    if (
      types.length === 1 &&
      name.length &&
      last === types[0] &&
      /^(?:number|flag)$/.test(last.w) &&
      !NUMBERED.test(name[name.length - 1].w)
    ) {
      items.push({ name: camel(name.map((t) => t.raw).join(" ")), type: last.w, modifier });
      continue;
    }
    if (types.length === 1 && name.length && last === types[0] && AMBIGUOUS_TYPE.test(last.w))
      return body.length === part.length ? phrase(table, body, r.text) : undefined;
    if (modifier && types.length === 1 && name.length) {
      items.push({ name: camel(name.map((t) => t.raw).join(" ")), type: types[0].w, modifier });
      continue;
    }
    if (types.length !== 1 || !name.length || name.length > 3)
      return items.length ? undefined : untyped(table, body, r.text, r.schema);
    items.push({ name: camel(name.map((t) => t.raw).join(" ")), type: types[0].w });
  }
  if (!items.length) return untyped(table, body, r.text, r.schema);
  for (const it of items) if (!/^[a-z]/i.test(it.name) || !validatorFromWords(it.type, r.schema)) return undefined;
  return items
    .map((it) => `add ${it.modifier ? `${it.modifier} ` : ""}${it.name} (${it.type}) to ${table.name}`)
    .join(" and ");
}

/** No type: "add an email field to users" when users has one is done already (the grammar says so). */
function untyped(table: Table, body: (Token & { i: number })[], text: string, schema: SchemaModel): string | undefined {
  const one = body.filter((t) => t.w !== "and");
  const field = one.length && one.length <= 3 ? resolveField(table, one.map((t) => t.raw).join(" ")) : undefined;
  if (field) return `add a ${field.name} field to ${table.name}`;
  // "add closedAt to tickets": a new name written as code, with no type — the type its name implies (a time for
  // "…At", a boolean for "is…"), the name kept whole.
  const code = one.length === 1 && /^[a-z]+(?:[A-Z][a-z0-9]*)+$/.test(one[0].raw) ? one[0].raw : undefined;
  if (!code) return phrase(table, body, text);
  if (table.fields.some((f) => f.name.toLowerCase() === code.toLowerCase())) return undefined;
  // "add a uploadId on usageQuotas": "…Id" after a table's name is a reference to that table.
  const target = /^([a-z]\w*?)Id$/.exec(code);
  const referenced = target ? resolveTable(schema, target[1]) : undefined;
  if (referenced && referenced !== table) return `add ${code} (reference to ${referenced.name}) to ${table.name}`;
  const v = attributeField(singularPhrase(table.name), code).field.validator;
  const type = v.kind === "boolean" || v.kind === "number" ? v.kind : v.kind === "string" ? "string" : undefined;
  return type ? `add ${code} (${type}) to ${table.name}` : undefined;
}

/**
 * "keep track of the last login time of users", "record the customer's company name on orders": a new field said
 * as a noun phrase of several words with no type. The phrase in camelCase (what a possessive owns; a "…time" ends
 * in "At"), the type its head word implies, optional unless said required. Only heads whose type is plain.
 */
function phrase(table: Table, body: (Token & { i: number })[], text: string): string | undefined {
  const modifier = body.find((t) => /^(?:required|optional|mandatory)$/.test(t.w))?.w;
  let words = body.filter((t) => !/^(?:required|optional|mandatory)$/.test(t.w));
  // "the customer's company name": the name is what the possessive owns.
  const owner = words.findLastIndex((t) => new RegExp(`\\b${t.raw}'s?\\s`, "i").test(text));
  if (owner >= 0) words = words.slice(owner + 1);
  // "ensure every task has a title": the words of a name are said together.
  if (words.length < 2 || words.length > 4 || words.some((t, k) => k && t.i !== words[k - 1].i + 1)) return undefined;
  if (words.some((t) => !/^[A-Za-z][a-z]*$/.test(t.raw) || (STOP.has(t.w) && !FIELDY.has(t.w)) || NOT_A_NAME.test(t.w)))
    return undefined;
  // "a string external url": a type word before the head is a type said, not part of the name.
  if (words.slice(0, -1).some((t) => TYPE_WORD.test(t.w))) return undefined;
  const head = words.at(-1)?.w ?? "";
  if (!PHRASE_HEAD.test(head) && !/^(?:is|has)$/.test(words[0].w)) return undefined;
  const said = words.map((t) => t.raw);
  if (head === "time") said[said.length - 1] = "at";
  const name = camel(said.join(" "));
  // "ensure every task has a due date": a phrase that ends in a field the table has is about that field.
  const ends = said.slice(0, -1).map((_, i) => camel(said.slice(i).join(" ")).toLowerCase());
  if (table.fields.some((f) => ends.includes(f.name.toLowerCase()) || f.name.toLowerCase() === name.toLowerCase()))
    return undefined;
  const v = attributeField(singularPhrase(table.name), name).field.validator;
  const type = v.kind === "boolean" || v.kind === "number" || v.kind === "string" ? v.kind : undefined;
  return type ? `add ${modifier ? `${modifier} ` : ""}${name} (${type}) to ${table.name}` : undefined;
}

/** Head words of a field's name whose type is plain (a string, a number or a time). */
const PHRASE_HEAD =
  /^(?:name|address|title|text|url|email|label|code|description|note|notes|count|number|amount|price|total|time|date)$/;

/** Words that "number" follows in the name of an identifier ("phone number", "order number", "serial number"). */
const NUMBERED =
  /^(?:phone|mobile|cell|fax|telephone|tel|account|serial|order|tracking|reference|ref|invoice|vat|tax|registration|passport|license|licence|card|house|street|building|room|seat|flight|model|part|item|policy|case|ticket|id|identification|social|routing|iban|contact|whatsapp|emergency|customer|member|employee|student|batch|lot|unit|apartment|suite|plate|vehicle|chassis|document|receipt|check|cheque|confirmation|booking|transaction|version|build|page|line|step|sequence|episode|issue|chapter|verse|bank)$/i;

/** Type words that also end ordinary names ("phone number", "due date", "alt text", "start time"). */
const AMBIGUOUS_TYPE = /^(?:number|date|time|text|url|email|money|price|currency|flag|datetime)$/i;

/** Words around the name and type of a new field that are neither. */
const FILLER =
  /^(?:to|on|for|in|of|into|the|every|each|all|also|please|should|must|could|can|would|you|we|i|it|field|column|attribute|property|table|collection|like|want|wants|need|needs|have|get|gets|hold|holds|carry|carries|which|is|be|a|an|new|as|type|kind|that|this|its|their|now|too|with|will|called|named|typed|there|may|might|plain|several|multiple|many)$/;

/** "is pinned", "has paid": a boolean's name starts with the verb when a name word follows it. */
function namesNext(ts: Token[], i: number): boolean {
  const next = ts[i + 1];
  return Boolean(next && /^[a-z]/i.test(next.raw) && !STOP.has(next.w) && !TYPE_WORD.test(next.w));
}

/**
 * "shelves lack a color string", "is it possible to add a color string": a new field's name is said after its
 * article — the words before the last "a"/"an"/"some" among the name's words are the sentence's, not the name's.
 */
function afterArticle<T extends Token & { i: number }>(name: T[], ts: Token[]): T[] {
  if (name.length < 2) return name;
  const first = name[0].i;
  const last = name[name.length - 1].i;
  let article = -1;
  for (let i = first; i < last; i++) if (/^(?:a|an|some)$/.test(ts[i].w)) article = i;
  const kept = article >= 0 ? name.filter((t) => t.i > article) : name;
  return kept.length ? kept : name;
}

function splitOn<T>(xs: T[], at: (x: T) => boolean): T[][] {
  const out: T[][] = [[]];
  for (const x of xs) {
    if (at(x)) out.push([]);
    else out[out.length - 1].push(x);
  }
  return out.filter((p) => p.length);
}
