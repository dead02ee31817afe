/** Lists of values: a new value of a union field that exists, or a new field with its values. */
import type { Field, SchemaModel, Table } from "../../../schema/model";
import { camel, singularPhrase } from "../../designer/names";
import { literalsOf } from "../enums";
import { ADD, TYPE_WORD, VALUE_LIST } from "./families";
import type { Reading } from "./reading";
import { STOP, tokens, type Token } from "./tokens";

/** A value added to a union field that exists, or a new field with a list of values. */
export function valuesEdit(r: Reading): string | undefined {
  // "monthly|yearly", "\"light\" | \"dark\"": values written as a union type are a list.
  const text = r.text.replace(/\s*\|\s*/g, ", ");
  // "with options small, medium and large": the last value after "and".
  const listed = /\bwith\s+(?:the\s+)?(?:options|values|choices|states)\b/i.test(text)
    ? text.replace(/\s+and\s+(?=["']?[a-z][\w-]*["']?\s*$)/i, ", ")
    : text;
  const list = VALUE_LIST.exec(listed.replace(/\)$/, ""));
  const tables = r.tables();
  // "add billingCycle (monthly|yearly) to source_health": a new field named with its values.
  const paren = /^(?:please\s+)?add\s+(?:an?\s+)?(?:new\s+)?([A-Za-z]\w*)\s*\(([^)]+)\)\s+(?:to|on|for)\b/i.exec(text);
  const direct = paren && tables.length === 1 ? newListField(tables[0], paren[1], paren[2]) : undefined;
  if (direct) return direct;
  const unions = (t: Table) => t.fields.filter((f) => literalsOf(f));
  // A new field with values: "give tasks a size: small, medium or large".
  // "store a starred on each debate, boolean": a type said last is no list of values.
  if (list && tables.length === 1 && !tokens(list[1]).some((x) => TYPE_WORD.test(x.w))) {
    const values = splitValues(list[1]);
    const before = text.slice(0, list.index + 1);
    const table = tables[0];
    const fieldName = newFieldBefore(r, before);
    const known = fieldName ? table.fields.find((f) => f.name.toLowerCase() === fieldName.toLowerCase()) : undefined;
    if (values.length >= 2 && fieldName && !known) return `give ${table.name} a ${fieldName} (${values.join(", ")})`;
  }
  // A new value of an existing list: a word that is not a value yet, and a union field named or implied.
  const quoted = /["'`]([\w -]+?)["'`]/.exec(text)?.[1];
  const candidates: { table: Table; field: Field }[] = [];
  for (const m of r.fieldMentions())
    for (const h of m.hits) if (literalsOf(h.field) && (tables.includes(h.table) || !tables.length)) candidates.push(h);
  // The list's own name unsaid ("users can also be owners", "'review' between doing and done"): the table's one
  // list, or the list whose values the sentence names.
  if (!candidates.length)
    for (const t of tables) {
      const us = unions(t);
      const byValue = us.filter((f) => (literalsOf(f) ?? []).some((v) => r.ts.some((x) => x.w === v)));
      if (byValue.length === 1) candidates.push({ table: t, field: byValue[0] });
      else if (
        us.length === 1 &&
        (/\b(?:can|could|may|might|should) (?:also |now )?be\b/i.test(text) || CAN_BE_TOO.test(text))
      )
        candidates.push({ table: t, field: us[0] });
    }
  if (r.ts.some((x) => TYPE_WORD.test(x.w))) return undefined;
  if (candidates.length !== 1) return undefined;
  const { table, field } = candidates[0];
  const known = literalsOf(field) ?? [];
  if (
    !/\b(?:add|allow|accept|support|include|new|also|another|extra|value|option|possible|valid|can be|could be|may be)\b/i.test(
      text,
    ) &&
    !CAN_BE_TOO.test(text)
  )
    return undefined;
  // The value: quoted, else the first word that is neither a name of the schema nor grammar, new before known.
  const inMention = new Set<number>();
  for (const m of r.mentions)
    if (m.kind === "table" || m.hits.some((h) => h.table === table))
      for (let k = m.start; k < m.end; k++) inMention.add(k);
  const words_ = r.ts.filter(
    (x, i) => !inMention.has(i) && x.raw !== "," && !STOP.has(x.w) && !VALUE_NOISE.test(x.w) && !ADD.test(x.w),
  );
  // Values written in capitals ("ADMIN, OWNER"): the new one is too.
  const capitals = known.length > 0 && known.every((k) => /^[A-Z0-9_]+$/.test(k));
  const fresh = words_.filter(
    (x) =>
      !known.includes(x.w) &&
      !known.includes(singularPhrase(x.w)) &&
      !known.includes(x.raw) &&
      (!capitals || /^[A-Z0-9_]+$/.test(x.raw)),
  );
  const value = quoted ?? fresh[0]?.raw ?? words_[0]?.raw;
  if (!value) return undefined;
  // "can also be cancelled or on hold": several values are the grammar's to list.
  const at = r.text.toLowerCase().indexOf(value.toLowerCase());
  if (at >= 0 && /^["'`]?\s*(?:,|\/|or\b|and\b)/i.test(r.text.slice(at + value.length))) return undefined;
  // A value written in capitals ("LOST") keeps the user's case; "Lost" at a sentence's start is an ordinary word.
  const v =
    capitals || (/^[A-Z][A-Z0-9_]+$/.test(value) && !known.includes(value.toLowerCase())) ? value : value.toLowerCase();
  if (STOP.has(v.toLowerCase())) return undefined;
  // "owners" when the values are singular; "on_hold" and capitals as written.
  const single = /s$/.test(v) && !capitals ? singularPhrase(v).replace(/ /g, "") : v;
  const word = known.includes(v) ? v : known.includes(single) || !known.some((k) => k.endsWith("s")) ? single : v;
  return `add ${word} to the ${field.name} of ${table.name}`;
}

/** The values of a list as written: "a, b or c", "a / b", "a and b". */
function splitValues(values: string): string[] {
  return values
    .split(/\s*(?:,|\/|\bor\b|\band\b)\s*/i)
    .map((v) =>
      v
        .replace(/^(?:or|and)\s+/i, "")
        .replace(/["'`]/g, "")
        .trim(),
    )
    .filter(Boolean);
}

/** "give T a name (a, b)" when the name is new and the values are words, not types. */
function newListField(table: Table, name: string, values: string): string | undefined {
  const vs = splitValues(values.replace(/\s*\|\s*/g, ", "));
  if (vs.length < 2 || !vs.every((v) => /^[A-Za-z][\w-]*$/.test(v) && !TYPE_WORD.test(v))) return undefined;
  if (table.fields.some((f) => f.name.toLowerCase() === name.toLowerCase())) return undefined;
  return `give ${table.name} a ${name} (${vs.join(", ")})`;
}

/** "comments.theme: \"light\" | \"dark\"": a new field of a table, written as code, with its values. */
export function dottedValues(text: string, schema: SchemaModel): string | undefined {
  const m = /^["'`]?(\w+)\.([A-Za-z]\w*)["'`]?\s*:\s*(.+)$/.exec(text);
  const table = m && schema.tables.find((t) => t.name === m[1]);
  return m && table ? newListField(table, m[2], m[3]) : undefined;
}

/** The new field's name in "give tasks a size: …", "reviewState for outline items should be one of …". */
function newFieldBefore(r: Reading, before: string): string | undefined {
  // "carry a difficulty, limited to easy or hard": the word after an article, right before the list's lead-in.
  const named =
    /\b(?:an?|its|their)\s+([a-z]\w*)\s*(?:,|:|—|–|\(|\s(?:which|that|limited|restricted|either|one of|with)\b)[^,]*$/i.exec(
      before,
    );
  if (
    named &&
    !STOP.has(named[1].toLowerCase()) &&
    !TYPE_WORD.test(named[1]) &&
    !r.schema.tables.some((t) => t.name.toLowerCase() === named[1].toLowerCase())
  )
    return camel(named[1]);
  const count = tokens(before).length;
  const inMention = new Set<number>();
  for (const m of r.mentions) if (m.kind === "table") for (let k = m.start; k < m.end; k++) inMention.add(k);
  const ok = (t: Token, i: number) =>
    !inMention.has(i) &&
    t.raw !== "," &&
    t.w.length > 1 &&
    !STOP.has(t.w) &&
    !ADD.test(t.w) &&
    !/^(?:either|options?|values?|choices?|states?|which|with|possible|one|field|new|enum|like|limited)$/.test(t.w);
  const at = r.ts.slice(0, count).findIndex(ok);
  // "a contact preference which can be …": the name's words run until grammar.
  let end = at;
  while (at >= 0 && end + 1 < count && end - at < 2 && ok(r.ts[end + 1], end + 1)) end++;
  const first =
    at >= 0
      ? {
          raw: r.ts
            .slice(at, end + 1)
            .map((t) => t.raw)
            .join(" "),
        }
      : undefined;
  return first ? camel(first.raw) : undefined;
}

/** "can a user's role be auditor too?": a question whether a list may hold one more value. */
const CAN_BE_TOO = /^(?:can|could|may|might)\b[^.?!]*\bbe\b[^.?!]*\b(?:too|also|as well)\b/i;

/** Words around a list's new value that are not it. */
const VALUE_NOISE =
  /^(?:adds?|allow|allowed|accept|support|include|new|also|another|extra|values?|options?|possible|valid|called|named|between|after|before|need|needs|want|wants|too|well|more|either|type|types|kind|choice|choices|state|states|list|set|besides|beside)$/;
