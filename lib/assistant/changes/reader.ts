/**
 * A change request read by its structure rather than by one wording: the schema's own tables and fields are found
 * in the text (code names, their words, singular or plural, possessives, "the X field of Y", small typos), the
 * operation comes from families of verbs and phrases (lists of synonyms, not one phrase each), and the arguments
 * (new name, type, values, fields of an index in order, the new table of a split) are read around them. The result
 * is the grammar's canonical command ("make tasks.priority optional", "look up tasks by status, dueDate"), which the
 * follow-up handlers validate and apply, saying "already" when it is done. Undefined when the sentence is not a
 * change of this schema that can be read completely.
 */
import type { Field, SchemaModel, Table } from "../../schema/model";
import { camel, isPluralWord, nameKey, singularPhrase, words } from "../designer/names";
import { editDistance, resolveField } from "../designer/resolve";
import { literalsOf } from "./enums";
import { COMMAND_VERB, leadingScope, splitCommands } from "./clause";
import { validatorFromWords } from "./validator-words";

interface Token {
  /** The word as written ("billingZip", "users"). */
  raw: string;
  /** Lower case. */
  w: string;
}

interface TableMention {
  kind: "table";
  start: number;
  end: number;
  table: Table;
}

interface FieldMention {
  kind: "field";
  start: number;
  end: number;
  hits: { table: Table; field: Field }[];
}

type Mention = TableMention | FieldMention;

/** Words that never name a table or field on their own (they are the sentence's grammar). */
const STOP = new Set(
  (
    "a an the of on in for to from into onto by with and or but not no is are be been being it its their them they " +
    "this that these those each every all any some we i you us our my me please can could would should must may " +
    "might will shall do does did done have has had get gets make made let new own field fields column columns " +
    "table tables value values type called named name also too just only so then than when where which who what " +
    "how as at instead anymore longer more very really lot often always sometimes never yet there here one two"
  ).split(" "),
);
/** Words that cannot be a new name. */
const NOT_A_NAME =
  /^(?:the|a|an|it|them|this|that|to|as|be|is|are|instead|please|now|too|something|else|better|different|other|required|optional|mandatory|nullable|unique|searchable|indexed)$/i;

/** Words that may name a field (they are real fields often enough) even though they are common. */
const FIELDY = new Set(["name", "type", "value", "values"]);

/** Lower-cased text with filler that carries no meaning for a change taken out, and the user's shorthand expanded. */
export function tidy(text: string): string {
  return (
    text
      .replace(/[“”]/g, '"')
      .replace(/[‘’]/g, "'")
      .replace(/\b(?:pls|plz|pleas|plese)\b/gi, "please")
      .replace(
        /\b(can|won|don|doesn|isn|aren|shouldn|mustn|wouldn|couldn|didn|hasn|haven|wasn|weren|needn)'?t\b/gi,
        (_m, w: string) => {
          const lower = w.toLowerCase();
          return `${lower === "can" ? "can" : lower === "won" ? "will" : lower.slice(0, -1)} not`;
        },
      )
      .replace(/\b(?:thx|thanks|thank you|cheers|ty)\s*[.!]*\s*$/i, "")
      .replace(/\b(?:true|yes)\s*\/\s*(?:false|no)\b/gi, "boolean")
      // "priceCents → price", "users -> members": a rename.
      .replace(
        /^(?!\s*(?:please\s+)?(?:rename|change|move|convert|turn|switch|set|make)\b)(.+?)\s*(?:→|->|=>)\s*(\S+)$/i,
        "rename $1 to $2",
      )
      .replace(/\s+/g, " ")
      .trim()
  );
}

/** The words of a text with their original spelling; possessive endings dropped ("users'", "task's"). */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  const cleaned = text.replace(/(\w)'s\b/g, "$1").replace(/(\w)s'(?=\s|$|[,.;:!?])/g, "$1s");
  for (const m of cleaned.matchAll(/[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)?|[0-9]+|,/g))
    out.push({ raw: m[0], w: m[0].toLowerCase() });
  return out;
}

/** Tables and fields the tokens name, longest first, never overlapping. */
interface Hit {
  table: Table;
  field: Field;
}

/** Lookup tables for one schema's names, built once per schema object. */
interface Names {
  tables: Map<string, Table>;
  fields: Map<string, Hit[]>;
  /** Fields by their loose key ("due date" finds "dueAt"), only where one field of its table has that key. */
  loose: Map<string, Hit[]>;
  /** Every table and field key with what it names, for typos. */
  all: { key: string; table: Table; field?: Field }[];
}

const NAMES = new WeakMap<SchemaModel, Names>();

/** "due date" ~ "dueAt", "start time" ~ "startsAt": a field's words without the time suffix (as resolveField). */
function looseKey(name: string): string {
  return singularPhrase(words(name).join(" "))
    .replace(/ (at|date|time|on|id|url)$/, "")
    .replace(/ /g, "")
    .replace(/(?:ed|e|s)$/, "");
}

function namesOf(schema: SchemaModel): Names {
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
function ground(ts: Token[], schema: SchemaModel, exclude: Set<number>): Mention[] {
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

function tableByKey(names: Names, phrase: string): Table | undefined {
  const key = nameKey(phrase);
  return key ? (names.tables.get(key) ?? names.tables.get(phrase.toLowerCase())) : undefined;
}

/** Fields any table has by this phrase: code name, its words, singular or plural, "assignee" for "assigneeId". */
function fieldHits(names: Names, phrase: string): Hit[] {
  const ws = words(phrase);
  const key = ws.join("");
  if (!key) return [];
  const single = words(singularPhrase(phrase)).join("");
  const out = [...(names.fields.get(key) ?? []), ...(single !== key ? (names.fields.get(single) ?? []) : [])];
  if (!out.length && ws.length > 1) out.push(...(names.loose.get(looseKey(phrase)) ?? []));
  return out.filter((h, i) => out.indexOf(h) === i);
}

// Families of words for each operation. Each is a list of alternatives, matched anywhere in the tidied text.
const ALT = (xs: string[]) => new RegExp(`(?:^|\\b)(?:${xs.join("|")})(?:\\b|$)`, "i");

const REQUIRED = ALT([
  "required",
  "mandatory",
  "compulsory",
  "non[- ]?optional",
  "not optional",
  "not be optional",
  "n't be optional",
  "must (?:always )?(?:have|has|contain|include)",
  "(?:should|must|need to|needs to|has to|have to) always (?:have|has|be)",
  "always (?:have|has|need|needs|come with)",
  "must (?:always )?be (?:set|filled(?: in)?|given|present|provided|there)",
  "(?:should|must|has to|have to|need to|needs to) be (?:always )?(?:set|filled(?: in)?|given|present|provided|there)",
  "require[sd]?",
  "(?:every|each|all) ITEM(?: ITEM)? (?:needs?|requires?) (?:an? |the |its |their )?ITEM",
  "requiring",
  "never (?:be )?(?:empty|blank|missing|null|left (?:empty|blank|out))",
  "(?:can'?t|cannot|can not|must not|mustn'?t|shouldn'?t|should not) be (?:empty|blank|missing|null|left (?:empty|blank|out)|saved without|created without|stored without)",
  "no \\w+ without",
  "(?:can'?t|cannot|can not|must not|mustn'?t|shouldn'?t|never) (?:exist|be saved|be created|be stored|be added) without",
  "(?:don'?t|do not|never) (?:allow|accept|permit|save|store) (?:any )?\\w+(?: \\w+)? without",
]);

const OPTIONAL = ALT([
  "optional",
  "nullable",
  "(?:not|n'?t|no longer|never) (?:be )?(?:required|mandatory|compulsory|needed)",
  "(?:not|n'?t) always",
  "not every",
  "not all",
  "sometimes",
  "occasionally",
  "(?:can|may|might|could|should|is allowed to|are allowed to) (?:be )?(?:missing|empty|blank|null|unset|omitted|absent|left (?:out|blank|empty|unset)|skipped)",
  "(?:can|may|might|could) (?:lack|skip|omit|leave out|not have|have no|go without)",
  "without",
  "with no",
  "(?:have|has) no",
  "relax",
  "(?:don'?t|do not|stop|no need to) (?:require|force|enforce)",
  "unknown",
  "(?:not|n'?t) (?:always )?(?:known|set|available|filled)",
  "allow (?:an? )?(?:empty|missing|blank|null|no)",
  "leave (?:it |them )?(?:empty|blank|out)",
  "let it be (?:empty|blank|missing)",
  "if (?:it'?s|they'?re) (?:missing|empty|blank)",
  "never (?:be )?set",
  "fine (?:if|when|to)",
]);

const RENAME = ALT([
  "rename[sd]?",
  "renaming",
  "re-?name",
  "call(?:ed)?",
  "named",
  "name (?:it|them|this|that|the)",
  "new name",
  "name (?:should|must|will) be",
  "should say",
  "should read",
  "known as",
  "instead of",
]);

const REMOVE = ALT([
  "remove[sd]?",
  "delete[sd]?",
  "drop(?:ped)?",
  "get rid of",
  "rid of",
  "ditch",
  "scrap",
  "lose",
  "kill",
  "trash",
  "no longer (?:need|use|store|want|have|track|fill)",
  "(?:don'?t|doesn'?t|do not|does not|won'?t|will not|never) (?:need|use|want|fill|store|track)",
  "(?:not|n'?t|no longer) (?:used|needed|necessary|in use|useful|relevant)",
  "unused",
  "obsolete",
  "deprecated",
  "useless",
  "redundant",
  "no (?:need|use) for",
  "(?:shouldn'?t|should not|mustn'?t|must not) have",
  "take out",
  "stop(?:ped|s)? (?:using|tracking|storing|filling(?: in)?|recording|needing)",
  "strip",
]);

const SEARCH = ALT(["search\\w*", "findable", "full[- ]?text", "keyword lookup"]);

const INDEX = ALT([
  "index(?:es|ed|ing)?",
  "quer(?:y|ies|ied|ying)",
  "look(?:s|ed|ing)? ?ups?",
  "look(?:s|ed|ing)? (?:\\w+ )?up",
  "fetch\\w*",
  "list(?:s|ed|ing)?",
  "filter\\w*",
  "sort\\w*",
  "order(?:s|ed|ing)? by",
  "group(?:s|ed|ing)? by",
  "slow",
  "fast(?:er)?",
  "quick(?:er|ly)?",
  "speed up",
  "efficient\\w*",
  "load\\w*",
  "retriev\\w*",
  "read\\w*",
  "find\\w*",
  "get (?:all )?(?:the )?\\w+ (?:by|for|of)",
]);

const RELATION = ALT([
  "belongs? to",
  "belonging to",
  "reference[sd]?",
  "referencing",
  "refer(?:s|ring)? to",
  "point(?:s|ing|ed)? (?:back )?to",
  "link(?:s|ed|ing)?",
  "tie[sd]? to",
  "attach(?:ed|es)? to",
  "associated? (?:with|to)",
  "connect(?:s|ed)? (?:to|with)",
  "relate[sd]? to",
  "know (?:which|what)",
  "is (?:for|part of|about) (?:a|an|one|the)",
  "foreign key",
  "relation(?:ship)?",
]);

const SOFT_DELETE = ALT([
  "soft[- ]?delet\\w*",
  "trash\\w*",
  "recycle bin",
  "bin",
  "restor\\w*",
  "undelet\\w*",
  "un-?delet\\w*",
  "recover\\w* deleted",
  "(?:mark|flag)\\w* (?:\\w+ ){0,3}(?:as )?(?:deleted|removed)",
  "instead of (?:being )?(?:deleted|removed|erased)",
  "(?:don'?t|do not|never|not|shouldn'?t|should not) (?:really |actually |permanently |hard[- ]?|physically |fully )?(?:be )?(?:delete|deleted|remove|removed|erase|erased|destroy|destroyed)",
  "hard[- ]?delet\\w*",
  "(?:keep|kept) (?:\\w+ ){0,3}(?:deleted|removed)",
  "deleted \\w+ (?:around|visible|recoverable)",
  "keep the (?:row|record|document)s?",
  "deleted,? (?:just |only )?(?:keep|hide|flag|mark) (?:it|them)",
  "(?:flag|mark) (?:it|them) (?:as )?deleted",
]);

const MERGE = ALT([
  "merge[sd]?",
  "merging",
  "fold(?:ed|s)?",
  "combine[sd]?",
  "absorb\\w*",
  "consolidate[sd]?",
  "(?:can |could |should )?(?:just |directly )?(?:live|go|sit|be stored|be kept) (?:directly |just )?(?:on|in|inside) (?!an? )",
  "(?:put|move|keep) (?:its|their) (?:fields|columns|data) (?:on|onto|into|in)",
  "(?:don'?t|do not) need (?:a |the )?separate",
  "no (?:separate )?\\w+(?: \\w+)? table",
]);

const SPLIT = ALT([
  "split",
  "separate",
  "extract",
  "pull(?:ed)? (?:\\w+ ){0,6}out",
  "move[sd]?",
  "put",
  "(?:its|their) own table",
  "new \\w+ table",
  "(?:should )?live in",
  "table (?:called|named)",
  "create (?:an? )?\\w+ table",
  "\\w+ table (?:for|to hold|holding|with)",
]);

const ADD = ALT([
  "add(?:s|ed)?",
  "give",
  "store",
  "track",
  "record",
  "keep",
  "include",
  "have",
  "has",
  "need",
  "needs",
  "get",
  "gets",
  "put",
  "want",
  "attach",
  "introduce",
  "capture",
  "save",
  "hold",
]);

const TYPE_WORD =
  /^(?:boolean|bool|flag|checkbox|string|text|str|number|numeric|integer|int|float|double|decimal|timestamp|date|datetime|money|currency|price|url|email|bigint|int64|json)$/i;

/** A value list: "small, medium or large", "free / pro / team", "either public or private". */
const VALUE_LIST =
  /(?:^|[\s(:,—–-])(?:either\s+|one\s+of\s+)?((?:["']?[a-z][\w-]*["']?\s*(?:,|\/|\bor\b)\s*(?:or\s+|and\s+)?)+["']?[a-z][\w-]*["']?)\s*\)?\s*$/i;

/** The canonical command for a change request over `schema`, or undefined when this reader cannot read it whole. */
export function readChange(sentence: string, schema: SchemaModel): string | undefined {
  if (schema.tables.length === 0) return undefined;
  const text = tidy(sentence)
    .replace(/^(?:(?:ok(?:ay)?|so|hey|hi|now|also|and)[,\s]+)+/i, "")
    .replace(/[?!.]+$/, "")
    .trim();
  if (!text || text.length > 300) return undefined;
  const kept = keptThenChanged(text, schema);
  if (kept) return kept;
  // "we need an index", "can you add a field?": a kind of thing and nothing else — the grammar asks for which table.
  const bare = BARE_WISH.exec(text);
  // "store a score", "I want a deadline field": a new field with no table — the grammar asks which table gets it.
  const loose = FIELD_WISH.exec(text);
  // Only a single thing ("a score", "a deadline field"): "track expenses" may well be a new table of the design.
  const single = /\b(?:a|an)\s+\w|\b(?:field|column|attribute|property)\b/i.test(text);
  if (loose && single && !bare && !ground(tokens(text), schema, new Set()).length && !STOP.has(loose[1].toLowerCase()))
    return `add ${loose[1]}`;
  if (bare)
    return `add ${/^[aeiou]/i.test(bare[1]) ? "an" : "a"} ${bare[1].toLowerCase().replace(/^reference$/, "relation")}`;
  // "make dueDate required on tasks and rename title to name": command by command, unless the parts belong
  // together (a merge or split names its tables across them; "remove X and make it required" contradicts itself).
  // "for tags, add …": the table said first is the scope of what follows.
  const scoped = leadingScope(text, schema);
  const body = scoped.table ? scoped.text : text;
  const parts = splitCommands(body);
  const startsCommand = new RegExp(`^${COMMAND_VERB}`, "i");
  if (parts.length > 1 && !TOGETHER.test(body) && parts.every((p) => startsCommand.test(p))) {
    let scope = scoped.table;
    const read = parts.map((part) => {
      const r = new Reading(part, schema, scope);
      scope = r.tables()[0] ?? scope;
      return r.read();
    });
    if (!read.some(Boolean)) return undefined;
    const commands = parts.map((part, i) => read[i] ?? part);
    // "remove email from members and index members by email": what is removed and then changed is read with the
    // removal last, so both operations are seen and the conflict asks (read in order, the change would find nothing).
    for (let i = commands.length - 2; i >= 0; i--) {
      const gone = /^(?:remove (\w+) from (\w+)|drop the (\w+) table)$/.exec(commands[i]);
      const name = gone && (gone[1] ?? gone[3]);
      const later = commands.slice(i + 1);
      if (name && later.some((c) => !/^(?:rename|add|remove|drop)\b/.test(c) && new RegExp(`\\b${name}\\b`).test(c)))
        commands.push(...commands.splice(i, 1));
    }
    return commands.join(" and ");
  }
  return new Reading(body, schema, scoped.table).read();
}

/**
 * "do not remove the phone from members, make it required": a removal said not to happen produces nothing; what
 * follows it is read with "it" standing for the field kept. Undefined when the sentence is not of that form.
 */
export function keptThenChanged(text: string, schema: SchemaModel): string | undefined {
  const m =
    /^(?:please\s+)?(?:do not|never|not)\s+(?:\w+\s+)?(?:remove|delete|drop|get rid of|ditch|scrap)\s+(.+?)\s*(?:[,;:]|\s-\s|\bbut\b)\s*(?:(?:but|and|just|rather|instead|please|simply|only)\s+)*(.+)$/i.exec(
      text,
    );
  if (!m || !/\b(?:it|them)\b/i.test(m[2])) return undefined;
  const s = new Reading(m[1], schema).subject();
  if (!s) return undefined;
  const rest = m[2]
    .replace(/\b(?:it|them)\b/i, `${s.field.name} on ${s.table.name}`)
    .replace(/\s+instead$/i, "")
    .trim();
  const read = readChange(rest, schema);
  return read && !/^(?:remove|drop|add soft delete)\b/.test(read) ? read : undefined;
}

/**
 * The question for a request that asks for one operation on a field and refuses it in the same breath ("index
 * books by isbn and don't index books by isbn"), or undefined.
 */
export function selfRefusal(request: string, schema: SchemaModel): string | undefined {
  if (!schema.tables.length) return undefined;
  const found = refusedAndAsked(tidy(request), schema);
  return (
    found &&
    `Should I ${found.verb} "${found.table}.${found.field}" or not? The request asks for it and against it, so nothing changes yet.`
  );
}

function refusedAndAsked(
  text: string,
  schema: SchemaModel,
): { verb: string; table: string; field: string } | undefined {
  for (const verb of ["index", "add", "remove", "delete", "drop", "rename", "merge", "split"]) {
    const negated = new RegExp(String.raw`\b(?:do not|never|not|no)\s+(?:\w+\s+)?${verb}\b`, "i").exec(text);
    if (!negated) continue;
    const before = text.slice(0, negated.index);
    const after = text.slice(negated.index + negated[0].length);
    const affirmed = new RegExp(String.raw`\b${verb}\b`, "i");
    const [yes, no] = affirmed.test(before) ? [before, after] : affirmed.test(after) ? [after, before] : [];
    if (yes === undefined || no === undefined) continue;
    const fieldsOf = (part: string) => {
      const r = new Reading(part, schema);
      const tables = r.tables();
      return r.fieldMentions().flatMap((m) => {
        const hits = m.hits.filter((h) => !tables.length || tables.includes(h.table));
        return hits.length === 1 ? [hits[0]] : [];
      });
    };
    const noFields = fieldsOf(`${no}`);
    const same = fieldsOf(yes).find((h) => noFields.some((x) => x.field === h.field));
    if (same) return { verb, table: same.table.name, field: same.field.name };
  }
  return undefined;
}

/** A wish for a kind of thing with no table, field or name: "we need an index", "can we add a new field". */
const BARE_WISH =
  /^(?:(?:we|i)\s+(?:need|want|would like|'d like)(?:\s+to\s+add)?|(?:can|could|would)\s+(?:you|we|i)\s+(?:please\s+)?(?:add|get|have|create)|let'?s\s+(?:add|create)|please\s+(?:add|create)|add|create|give me)\s+(?:a\s+|an\s+|another\s+|new\s+|some\s+|one\s+more\s+)*(index|field|column|relation|relationship|reference|link|table)(?:e?s)?(?:\s+(?:please|too|as well))?$/i;

/** A field wished for without a table: "track a deadline too", "give it a score", "add a field for the deadline". */
const FIELD_WISH =
  /^(?:please\s+)?(?:(?:we|i)\s+(?:need|want|would like|'d like)(?:\s+to\s+(?:add|store|track|keep|record))?|add|store|track|keep|record|include|capture|give\s+(?:it|them))\s+(?:a\s+|an\s+|the\s+|some\s+)?(?:(?:field|column)\s+for\s+(?:the\s+|a\s+|an\s+)?)?([a-z]\w*(?:\s[a-z]\w*)?)(?:\s+(?:field|column|attribute|property))?(?:\s+(?:too|as well|please))?$/i;

/** Deleting for good, said next to a soft delete ("hard delete", "deleted for real"), not negated. */
const HARD_DELETE =
  /^(?!.*\b(?:not|never|instead of|rather than)\s+(?:\w+\s+)?(?:hard[- ]?delet|really delet|delet\w* (?:for real|permanently))).*\b(?:hard[- ]?delet\w*|(?:delet\w*|remov\w*|drop\w*) (?:\w+ )?(?:for real|permanently|for good)|really (?:delete|remove|drop)|permanently (?:delete|remove|drop))/i;

/** The second new name of "rename X to Y and (also) to Z", "… to Y, or to Z", or undefined. */
function secondTarget(text: string, first: string): string | undefined {
  const m =
    /\bto\s+["'`]?(\w+)["'`]?\s*(?:,\s*)?(?:and|or|,)\s*(?:also\s+|then\s+)?(?:to|as)\s+["'`]?([A-Za-z]\w*)/i.exec(
      text,
    );
  if (!m || m[1].toLowerCase() !== first.toLowerCase()) return undefined;
  return NOT_A_NAME.test(m[2]) || m[2].toLowerCase() === first.toLowerCase() ? undefined : m[2];
}

/** Words that make a message of several verbs one change. */
const TOGETHER =
  /\b(?:merge|fold|combine|absorb|consolidate|split|separate|extract|move|put|own table|its fields|their fields|keep|but|both|instead)\b|\b(?:remove|delete|drop)\b.*\b(?:required|mandatory|rename)\b/i;

class Reading {
  readonly ts: Token[];
  mentions: Mention[];
  /** The token of a second new name ("rename sku to code and also to barcode"), or -1. */
  secondAt = -1;

  constructor(
    readonly text: string,
    readonly schema: SchemaModel,
    /** The table a leading "in tasks, …" or an earlier command named, for a part that names none. */
    readonly scope?: Table,
  ) {
    this.ts = tokens(text);
    this.mentions = ground(this.ts, schema, new Set());
  }

  /**
   * The text with the schema's names masked and negations folded in, for telling the operation: a field called
   * "name" is no rename, "shouldn't be mandatory" is optional and "non-optional" required.
   */
  family(): string {
    const masked = new Set<number>();
    const tables = this.tables();
    for (const m of this.mentions) {
      // A field of a table the sentence does not talk about is an ordinary word here ("a new name: bills").
      if (m.kind === "field" && tables.length && !m.hits.some((h) => tables.includes(h.table))) continue;
      for (let k = m.start; k < m.end; k++) masked.add(k);
    }
    return (
      this.ts
        .map((t, i) => (masked.has(i) ? "ITEM" : t.raw))
        .join(" ")
        .replace(/ ,/g, ",")
        // "optional rather than required": the word set aside is no second wish.
        .replace(
          /\b(?:rather than|instead of)\s+(?:being\s+)?(?:required|mandatory|compulsory|optional|nullable)\b/gi,
          "",
        )
        // "don't make phone optional", "no longer optional": the opposite.
        .replace(
          /\b(?:do not|never|not) (?:make|set|mark|keep) (?:\w+ ){0,3}?(optional|nullable|required|mandatory|compulsory)\b/gi,
          (_m, w: string) => (/^(?:optional|nullable)$/i.test(w) ? "required" : "optional"),
        )
        .replace(/\bno longer (?:be )?(?:optional|nullable)\b/gi, "required")
        .replace(/\b(?:not|no longer|never) (?:be )?(?:required|mandatory|compulsory)\b/gi, "optional")
        .replace(
          /\b(?:stop|no longer|not|never|do not|does not) (?:requir\w*|forc\w*|enforc\w*|insist\w* on)\b/gi,
          "optional",
        )
        // "don't allow empty notes": required.
        .replace(
          /\b(?:do not|does not|never|not|no longer)\s+(?:allow|accept|permit)\s+(?:an?\s+|any\s+)?(?:empty|missing|blank|null)\b/gi,
          "required",
        )
        // "it can't be empty", "never left blank": required.
        .replace(
          /\b(?:cannot|can not|must not|should not|will not|never|not|no)\s+(?:be\s+)?(?:left\s+)?(?:empty|blank|missing|null|unset)\b/gi,
          "required",
        )
        // "don't allow interviews without a description", "no task without an assignee": required.
        .replace(
          /\b(?:do not|does not|never|cannot|can not|must not|should not|will not|no)\s+(?:\w+\s+){0,4}?without\b/gi,
          "required",
        )
        .replace(/\b(?:not|never) always (?:have|has|need|needs|get|gets|come with|be|are|is)\b/gi, "sometimes lack")
        .replace(/\b(?:non[- ]?optional|not (?:be )?optional)\b/gi, "required")
    );
  }

  read(): string | undefined {
    if ((!this.mentions.length && !this.scope) || this.unknownScope()) return undefined;
    const t = this.family();
    // "make pageCount a number and a string": one field given two types — both are read, the conflict asks.
    const types =
      /\b(?:make|change|convert|turn|switch|set)\b.*?\b(?:to |into |be )?(?:an? )?(\w+)\s+(?:and|and also|but also)\s+(?:to |into )?(?:an? )?(\w+)\b/i.exec(
        this.text,
      );
    if (
      types &&
      TYPE_WORD.test(types[1]) &&
      TYPE_WORD.test(types[2]) &&
      types[1].toLowerCase() !== types[2].toLowerCase()
    ) {
      const s = this.subject();
      if (s) {
        const f = `${s.table.name}.${s.field.name}`;
        // The type it has now goes last, so both changes are read (one already done would be no change).
        const now = validatorFromWords(types[1], this.schema)?.validator.kind === s.field.validator.kind;
        const [x, y] = now ? [types[2], types[1]] : [types[1], types[2]];
        return `change ${f} to ${x} and change ${f} to ${y}`;
      }
    }
    // "make pageCount on books a string": one type word said of one field is its new type, not a new table.
    const oneType = /^(?:please\s+)?make\s+.+?\s+(?:an?\s+)?(\w+)$/i.exec(this.text);
    if (
      oneType &&
      TYPE_WORD.test(oneType[1]) &&
      !/\b(?:and|or|required|optional|new|add|field|column|unique|searchable|index\w*|list|array|arrays|union|enum|one|each|every)\b/i.test(
        this.text,
      )
    ) {
      const s = this.subject();
      const last = this.ts.length - 1;
      if (s && !this.mentions.some((m) => m.start <= last && m.end > last))
        return `change ${s.table.name}.${s.field.name} to ${oneType[1].toLowerCase()}`;
    }
    // "change notes on tasks to one of low, high", "convert price to a number": a type change is the grammar's.
    if (/^(?:please\s+)?(?:change|convert|turn|switch)\b.*\b(?:to|into)\b/i.test(this.text) && !RENAME.test(t))
      return undefined;
    if (MERGE.test(t)) {
      const merged = this.merge();
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
      const split = this.split();
      if (split) return split;
      // "separate …", "… their own table": a split this reader cannot complete is left to the grammar.
      if (/\b(?:split|separate|extract|own table|new table|merge)\b/i.test(t)) return undefined;
    }
    if (SOFT_DELETE.test(t) && !/\b(?:search|index)\b/i.test(t)) {
      const tables = this.tables();
      // "soft delete books and hard delete them": both ways of deleting at once — the conflict asks which.
      if (tables.length === 1 && HARD_DELETE.test(t))
        return `add soft delete to ${tables[0].name} and drop the ${tables[0].name} table`;
      if (tables.length) return `add soft delete to ${tables.map((x) => x.name).join(" and ")}`;
    }
    const required = REQUIRED.test(t);
    const optional = OPTIONAL.test(t) && !/\b(?:no \w+ without|never \w+ without|can'?t \w+ without)\b/i.test(t);
    const removal = REMOVE.test(t);
    if (removal && (required || /\b(?:rename|keep)\b/i.test(t)) && this.subject()) {
      const s = this.subject();
      if (s) return `${s.table.name} need ${s.field.name} to be required and never set`;
    }
    // "remove the loans table and keep the loans table": a table both dropped and kept — the conflict asks.
    if (removal && /\bkeep\b/i.test(t) && /\btables?\b/i.test(t) && this.tables().length === 1 && !this.subject()) {
      const table = this.tables()[0].name;
      return `add soft delete to ${table} and drop the ${table} table`;
    }
    // "a new role called viewer" names something new; it renames nothing.
    if (RENAME.test(t) && !/\b(?:new|another|extra|an?) (?:\w+ ){0,2}(?:called|named)\b/i.test(t)) {
      const renamed = this.rename();
      // "rename tags to labels but keep the name tags": both at once is a question.
      if (renamed && /\bkeep\b/i.test(t)) return `${renamed}, but keep its name`;
      // "rename sku to code and also to barcode": one name renamed to two — read as a chain the conflict asks about.
      const first = renamed && / to (\S+)$/.exec(renamed)?.[1];
      const second = first && secondTarget(this.text, first);
      if (renamed && first && second) {
        const onField = / on (\S+) to \S+$/.exec(renamed);
        return onField
          ? `${renamed}. rename ${first} on ${onField[1]} to ${second}`
          : `${renamed}. rename ${first} table to ${second}`;
      }
      if (renamed) return renamed;
    }
    // Words that say it outright; both at once is a contradiction whatever else the sentence says ("mandatory and
    // blank", "required, but it can be missing", "required but leave it empty").
    const saysRequired =
      /\b(?:required|mandatory|compulsory|always (?:be )?set|must (?:always )?(?:have|be set)|always (?:have|has))\b/i.test(
        t,
      );
    const saysOptional =
      /\b(?:optional|nullable|never (?:be )?set|not set|unset|empty|blank|missing|left out|omitted)\b/i.test(t);
    if (required || optional || (saysRequired && saysOptional)) {
      const s = this.subject(false);
      if (s) {
        if (saysRequired && saysOptional) return `make ${s.table.name}.${s.field.name} both required and optional`;
        // Both families but neither word said outright: not read here (the grammar decides or asks).
        if (required && optional && !saysRequired && !saysOptional) return undefined;
        const isRequired = required && optional ? saysRequired : required;
        // "make description and dueDate required on tasks": each field of the list.
        return this.subjects(s)
          .map((f) => `make ${s.table.name}.${f.name} ${isRequired ? "required" : "optional"}`)
          .join(" and ");
      }
      if (!s && this.ambiguousField()) return undefined;
    }
    if (SEARCH.test(t)) {
      const s = this.subject(false, true);
      if (s) return `make ${s.table.name} searchable by ${s.field.name}`;
    }
    // "we pull tickets by attendee": a table read by one of its fields is a read pattern, whatever the verb.
    if (INDEX.test(t) || /\bITEM\b.*\bby (?:their |its |the )?ITEM\b/.test(t)) {
      const idx = this.index();
      if (idx) return idx;
      // "put an index on tasks", "tasks need an index": an index asked for with no fields — the grammar asks which.
      const tables = this.tables();
      if (
        /\bindex(?:es)?\b/i.test(t) &&
        !/\b(?:remove|delete|drop|search\w*|vector|embeddings?|similar\w*|semantic|unique)\b/i.test(t) &&
        tables.length === 1 &&
        !this.fieldMentions().some((m) => m.hits.some((h) => h.table === tables[0]))
      )
        return `add an index to ${tables[0].name}`;
    }
    const values = this.valuesEdit();
    if (values) return values;
    if (RELATION.test(t)) {
      const rel = this.relation();
      if (rel) return rel;
    }
    // "remove guest from the roles of memberships": a value of a list, the grammar's to take out.
    const literal = this.tables().some((tb) =>
      tb.fields.some((f) => (literalsOf(f) ?? []).some((v) => this.ts.some((x) => x.w === v.toLowerCase()))),
    );
    if (removal && literal) return undefined;
    if (removal) {
      const s = this.subject();
      if (s)
        return this.subjects(s)
          .map((f) => `remove ${f.name} from ${s.table.name}`)
          .join(" and ");
      const tables = this.tables();
      if (tables.length === 1 && /\btables?\b/i.test(t)) return `drop the ${tables[0].name} table`;
    }
    if (ADD.test(t)) {
      const added = this.addFields();
      if (added) return added;
    }
    return undefined;
  }

  /**
   * "rename title on invoices to subject" when there is no invoices table: the sentence names a table this schema
   * does not have, so nothing is guessed (the grammar says it is missing).
   */
  unknownScope(): boolean {
    if (this.tables().length) return false;
    const covered = new Set<number>();
    for (const m of this.mentions) for (let k = m.start; k < m.end; k++) covered.add(k);
    return this.ts.some(
      (t, i) =>
        i > 0 &&
        /^(?:on|in|from|of|for)$/.test(this.ts[i - 1].w) &&
        !covered.has(i) &&
        !STOP.has(t.w) &&
        (isPluralWord(t.w) || this.ts[i + 1]?.w === "table"),
    );
  }

  /** Tables mentioned, in order, once each. */
  tables(): Table[] {
    const out: Table[] = [];
    for (const m of this.mentions) if (m.kind === "table" && !out.includes(m.table)) out.push(m.table);
    if (!out.length && this.scope) out.push(this.scope);
    return out;
  }

  /** Field mentions that are not also a table mention at the same place. */
  fieldMentions(): FieldMention[] {
    return this.mentions.filter(
      (m): m is FieldMention =>
        m.kind === "field" &&
        !this.mentions.some((o) => o.kind === "table" && o.start === m.start && this.preferTable(o, m)),
    );
  }

  /** "project" is the table unless the other table mentioned has a field by that name. */
  preferTable(table: TableMention, field: FieldMention): boolean {
    const others = this.mentions.filter((o) => o.kind === "table" && o.start !== table.start) as TableMention[];
    return !field.hits.some((h) => others.some((o) => o.table === h.table));
  }

  /** The one field the sentence is about, grounded in a table named beside it (or the only table that has it). */
  subject(allowTableOnly = false, stringOnly = false): { table: Table; field: Field } | undefined {
    const tables = this.tables();
    for (const m of this.fieldMentions()) {
      let hits = m.hits.filter((h) => !stringOnly || h.field.validator.kind === "string");
      if (!hits.length) hits = m.hits;
      const inNamed = hits.filter((h) => tables.includes(h.table));
      if (inNamed.length === 1) return inNamed[0];
      if (inNamed.length > 1) {
        // Both tables named ("projects' description", "users' ... projects"): the nearest one.
        return inNamed.sort((a, b) => this.distance(m, a.table) - this.distance(m, b.table))[0];
      }
      if (hits.length === 1 && !tables.length) return hits[0];
    }
    if (allowTableOnly) return undefined;
    return undefined;
  }

  /** The subject's field and the other fields of its table the sentence lists with it, in order. */
  subjects(s: { table: Table; field: Field }): Field[] {
    const out: Field[] = [];
    for (const m of this.fieldMentions()) {
      const hit = m.hits.find((h) => h.table === s.table);
      if (hit && !out.includes(hit.field)) out.push(hit.field);
    }
    return out.includes(s.field) ? out : [s.field];
  }

  ambiguousField(): boolean {
    return this.fieldMentions().some((m) => m.hits.length > 1) && this.tables().length === 0;
  }

  distance(m: Mention, table: Table): number {
    const at = this.mentions.filter((o) => o.kind === "table" && o.table === table).map((o) => o.start);
    return Math.min(...at.map((a) => Math.abs(a - m.start)));
  }

  /** The token index of the first word after any of `markers` (a regex over one lower-case word sequence). */
  after(marker: RegExp): number[] {
    const out: number[] = [];
    const lower = this.ts.map((t) => t.w);
    for (let i = 0; i < lower.length; i++) {
      const rest = lower.slice(i).join(" ");
      const m = marker.exec(rest);
      if (m && m.index === 0) out.push(i + m[0].split(" ").length);
    }
    return out;
  }

  /** A name the user gives (a word that is not grammar), at or after token `i`. */
  nameAt(i: number): string | undefined {
    for (let k = i; k < this.ts.length && k < i + 4; k++) {
      const w = this.ts[k].w;
      if (/^(?:the|a|an|be|it|them|to|as|new|instead|table|field|column|just|simply|from|now|on)$/.test(w)) continue;
      return this.ts[k].raw;
    }
    return undefined;
  }

  rename(): string | undefined {
    // The new name: after "to", "as", "into", "called", "named", "call it", "name:", or the last word of "call T X".
    const text = this.text;
    let newName: string | undefined;
    let newAt = -1;
    // What may follow the new name: the end, a scope ("… on customers"), or another clause.
    const after = String.raw`(?=\s*$|\s*[.!?,;]|\s+(?:instead|please|from now on|going forward|and|but|on|in|for|of|from)\b)`;
    const explicit =
      new RegExp(
        String.raw`\b(?:to|as|into|called|named|name(?: it)?|call (?:it|them|the (?:table|field|column))|say|read|with)\s+["'\x60]?([A-Za-z]\w*)["'\x60]?${after}`,
        "i",
      ).exec(text) ?? /(?:→|->|:)\s*["'`]?([A-Za-z]\w*)["'`]?\s*$/.exec(text);
    const insteadOf = /\b(?:say|use|read|be called)\s+["'`]?(\w+)["'`]?\s+instead\s+of\s+["'`]?(\w+)["'`]?/i.exec(text);
    if (insteadOf) newName = insteadOf[1];
    else if (explicit) newName = explicit[1];
    else {
      // "let's call comments replies", "call T X": the name right after the thing named.
      const m =
        /\b(?:call|name)\s+(?:the\s+)?(?!(?:on|in|for|of|to|as)\b)([\w.' ]+?)\s+["'`]?([A-Za-z]\w*)["'`]?(?:\s+(?:instead|from now on))?$/i.exec(
          text,
        );
      if (m) newName = m[2];
    }
    if (!newName || NOT_A_NAME.test(newName)) return undefined;
    for (let i = this.ts.length - 1; i >= 0; i--)
      if (this.ts[i].raw === newName || this.ts[i].w === newName.toLowerCase()) {
        newAt = i;
        break;
      }
    // "to patrons and also to readers": a second new name is a name too, not a word of the schema or unexplained.
    const second = secondTarget(text, newName);
    if (second) {
      const at = this.ts.findIndex((t) => t.w === second.toLowerCase());
      if (at >= 0) {
        if (newAt === at) newAt = this.ts.findIndex((t) => t.w === newName?.toLowerCase());
        this.secondAt = at;
      }
    }
    const keep = this.mentions;
    this.mentions = ground(
      this.ts,
      this.schema,
      new Set([...(newAt >= 0 ? [newAt] : []), ...(this.secondAt >= 0 ? [this.secondAt] : [])]),
    );
    try {
      if (insteadOf) {
        const old = this.mentions.find((m) => this.ts[m.start]?.w === insteadOf[2].toLowerCase());
        if (!old) return undefined;
      }
      const s = this.subject();
      if (s) return `rename ${s.field.name} on ${s.table.name} to ${newName}`;
      const fields = this.fieldMentions();
      const tables = this.tables();
      if (fields.length && !tables.length && fields[0].hits.length > 1)
        return `rename ${fields[0].hits[0].field.name} to ${newName}`;
      const ownFields = fields.filter((m) => m.hits.some((h) => tables.includes(h.table)));
      if (tables.length === 1 && !ownFields.length && !this.unexplained(newAt))
        return `rename ${tables[0].name} table to ${newName}`;
      return undefined;
    } finally {
      if (!this.mentions.length) this.mentions = keep;
    }
  }

  /**
   * A word that is neither the schema's, grammar, the new name nor a word of renaming ("rename title to name in
   * tasks" when tasks has no title): the sentence says something this reading does not explain.
   */
  unexplained(newAt: number): boolean {
    const covered = new Set<number>([newAt, this.secondAt]);
    const tables = this.tables();
    for (const m of this.mentions)
      if (m.kind === "table" || m.hits.some((h) => tables.includes(h.table)))
        for (let k = m.start; k < m.end; k++) covered.add(k);
    return this.ts.some(
      (t, i) =>
        !covered.has(i) &&
        t.raw !== "," &&
        !STOP.has(t.w) &&
        !/^(?:rename|renamed|call|called|calling|named|name|new|table|want|like|let|really|needs?|please|from|going|forward|instead|reads?|say|rather|prefer|better|change|s|lets|keep|keeping)$/.test(
          t.w,
        ),
    );
  }

  merge(): string | undefined {
    const tables = this.tables();
    if (tables.length !== 2) return undefined;
    const [a, b] = tables;
    // The table after "into/onto/on/with/in" keeps its name; the other one goes.
    const target = this.tableAfter(/\b(?:into|onto|on|with|in|to)\s+(?:the\s+)?$/i);
    const dropped = this.tableAfter(/\b(?:drop|delete|remove)\s+(?:the\s+)?$/i);
    const keep = target && target !== dropped ? target : dropped ? (dropped === a ? b : a) : undefined;
    if (!keep) return undefined;
    const gone = keep === a ? b : a;
    return `merge ${gone.name} into ${keep.name}`;
  }

  /** A table mention whose preceding text ends with `before`. */
  tableAfter(before: RegExp): Table | undefined {
    for (const m of this.mentions) {
      if (m.kind !== "table") continue;
      const prefix = this.ts
        .slice(0, m.start)
        .map((t) => t.w)
        .join(" ");
      if (before.test(`${prefix} `)) return m.table;
    }
    return undefined;
  }

  split(): string | undefined {
    const text = this.text;
    const named =
      /\btable\s+(?:called|named)\s+["'`]?([A-Za-z]\w*)/i.exec(text) ??
      /\bnew\s+table\s+["'`]?([A-Za-z]\w*)/i.exec(text) ??
      /\b(?:into|in|to)\s+(?:an?\s+|the\s+)?(?:new\s+|separate\s+)?(?:table\s+)?["'`]?([A-Za-z]\w*)["'`]?(?:\s+table)?\b(?!\s+(?:table\s+)?(?:of|for))/i.exec(
        text.replace(/\b(?:their|its)\s+own\s+table\b/gi, "own table"),
      ) ??
      /\b(?:an?|the)\s+(?:new\s+)?["'`]?([A-Za-z]\w*)["'`]?\s+table\b/i.exec(text) ??
      /\bcreate\s+(?:an?\s+)?["'`]?([A-Za-z]\w*)["'`]?\s+table\b/i.exec(text);
    const name = named?.[1];
    if (!name || STOP.has(name.toLowerCase()) || /^(?:own|new|separate)$/i.test(name)) return undefined;
    if (this.schema.tables.some((t) => nameKey(t.name) === nameKey(name))) return undefined;
    const newAt = this.ts.findIndex((t) => t.raw === name);
    const mentions = ground(this.ts, this.schema, new Set(newAt >= 0 ? [newAt] : []));
    const tables: Table[] = [];
    for (const m of mentions) if (m.kind === "table" && !tables.includes(m.table)) tables.push(m.table);
    // The source is the table whose fields are named; the fields in the order written.
    for (const source of [...tables, ...this.schema.tables]) {
      const fields: string[] = [];
      for (const m of mentions) {
        if (m.kind !== "field") continue;
        const hit = m.hits.find((h) => h.table === source);
        if (hit && !fields.includes(hit.field.name)) fields.push(hit.field.name);
      }
      if (fields.length && (tables.includes(source) || !tables.length))
        return `separate ${fields.join(", ")} from ${source.name}: new table ${name}`;
    }
    return undefined;
  }

  relation(): string | undefined {
    const tables = this.tables();
    // "add a reference to users": from which table is not said — the grammar asks, naming the tables.
    if (
      tables.length === 1 &&
      /^(?:please\s+)?(?:add|create)\s+(?:an?\s+)?(?:reference|relation(?:ship)?|link|foreign key)\s+to\b/i.test(
        this.text,
      )
    )
      return "add a relation";
    if (tables.length !== 2) return undefined;
    // "add createdBy to projects referencing users": a name of its own is the grammar's to read.
    const named = /^(?:please\s+)?(?:add|create|give)\s+(?:an?\s+|the\s+)?(\w+)\s*(?:\(|(?:to|on|as)\b)/i.exec(
      this.text,
    );
    if (named && !/^(?:reference|ref|link|relation|relationship|pointer|foreign)$/i.test(named[1])) return undefined;
    const target = this.tableAfter(
      /\b(?:to|with|which|what|for)\s+(?:an?\s+|the\s+|one\s+|its\s+|their\s+|a\s+single\s+)?$/i,
    );
    if (!target) return undefined;
    const source = tables[0] === target ? tables[1] : tables[0];
    return `${source.name} references ${target.name}`;
  }

  index(): string | undefined {
    const tables = this.tables();
    const byAt = this.after(/^(?:by|on|per|using|via|with|for|through|then|and|plus|,)\b/);
    // "add an index on entries.mood": the table is the field's.
    const owner =
      tables[0] ??
      this.fieldMentions().find((m) => m.hits.length === 1 && this.ts[m.start].raw.includes("."))?.hits[0].table;
    // Several tables, or an order ("sort … within a project", "newest first"): the grammar reads those itself.
    // "tickets by attendee": a table word that is also a field of the table read ("attendee" is attendeeId) is the field.
    const others = this.mentions.filter(
      (m): m is TableMention =>
        m.kind === "table" &&
        m.table !== owner &&
        !this.mentions.some((f) => f.kind === "field" && f.start === m.start && f.hits.some((h) => h.table === owner)),
    );
    if (
      !owner ||
      others.length > 0 ||
      /\b(?:sort\w*|order\w*|within|newest|latest|oldest|recent\w*|first)\b/i.test(this.text)
    )
      return undefined;
    const fields: string[] = [];
    for (const m of this.mentions) {
      if (m.kind !== "field") continue;
      const hit = m.hits.find((h) => h.table === owner);
      if (!hit) continue;
      // A table mention of the owner itself is not a field of it.
      if (this.mentions.some((o) => o.kind === "table" && o.start === m.start && o.table === owner)) continue;
      if (!byAt.some((b) => b <= m.start)) continue;
      if (!fields.includes(hit.field.name)) fields.push(hit.field.name);
    }
    if (!fields.length) return undefined;
    return `look up ${owner.name} by ${fields.join(" and ")}`;
  }

  /** A value added to a union field that exists, or a new field with a list of values. */
  valuesEdit(): string | undefined {
    const text = this.text;
    const list = VALUE_LIST.exec(text.replace(/\)$/, ""));
    const tables = this.tables();
    const unions = (t: Table) => t.fields.filter((f) => literalsOf(f));
    // A new field with values: "give tasks a size: small, medium or large".
    if (list && tables.length === 1) {
      const values = list[1]
        .split(/\s*(?:,|\/|\bor\b|\band\b)\s*/i)
        .map((v) => v.replace(/^(?:or|and)\s+/i, "").replace(/["']/g, ""))
        .filter(Boolean);
      const before = text.slice(0, list.index + 1);
      const table = tables[0];
      const fieldName = this.newFieldBefore(before);
      const known = fieldName ? table.fields.find((f) => f.name.toLowerCase() === fieldName.toLowerCase()) : undefined;
      if (values.length >= 2 && fieldName && !known) return `give ${table.name} a ${fieldName} (${values.join(", ")})`;
    }
    // A new value of an existing list: a word that is not a value yet, and a union field named or implied.
    const quoted = /["'`]([\w -]+?)["'`]/.exec(text)?.[1];
    const candidates: { table: Table; field: Field }[] = [];
    for (const m of this.fieldMentions())
      for (const h of m.hits)
        if (literalsOf(h.field) && (tables.includes(h.table) || !tables.length)) candidates.push(h);
    // The list's own name unsaid ("users can also be owners", "'review' between doing and done"): the table's one
    // list, or the list whose values the sentence names.
    if (!candidates.length)
      for (const t of tables) {
        const us = unions(t);
        const byValue = us.filter((f) => (literalsOf(f) ?? []).some((v) => this.ts.some((x) => x.w === v)));
        if (byValue.length === 1) candidates.push({ table: t, field: byValue[0] });
        else if (us.length === 1 && /\b(?:can|could|may|might|should) (?:also |now )?be\b/i.test(text))
          candidates.push({ table: t, field: us[0] });
      }
    if (this.ts.some((x) => TYPE_WORD.test(x.w))) return undefined;
    if (candidates.length !== 1) return undefined;
    const { table, field } = candidates[0];
    const known = literalsOf(field) ?? [];
    if (
      !/\b(?:add|allow|accept|support|include|new|also|another|extra|value|option|possible|valid|can be|could be|may be)\b/i.test(
        text,
      )
    )
      return undefined;
    // The value: quoted, else the first word that is neither a name of the schema nor grammar, new before known.
    const inMention = new Set<number>();
    for (const m of this.mentions)
      if (m.kind === "table" || m.hits.some((h) => h.table === table))
        for (let k = m.start; k < m.end; k++) inMention.add(k);
    const words_ = this.ts.filter(
      (x, i) => !inMention.has(i) && x.raw !== "," && !STOP.has(x.w) && !VALUE_NOISE.test(x.w) && !ADD.test(x.w),
    );
    const value =
      quoted ?? words_.find((x) => !known.includes(x.w) && !known.includes(singularPhrase(x.w)))?.raw ?? words_[0]?.raw;
    if (!value) return undefined;
    // "can also be cancelled or on hold": several values are the grammar's to list.
    const at = this.text.toLowerCase().indexOf(value.toLowerCase());
    if (at >= 0 && /^["'`]?\s*(?:,|\/|or\b|and\b)/i.test(this.text.slice(at + value.length))) return undefined;
    const v = value.toLowerCase();
    if (STOP.has(v)) return undefined;
    // "owners" when the values are singular.
    const single = singularPhrase(v).replace(/ /g, "");
    const word = known.includes(v) ? v : known.includes(single) || !known.some((k) => k.endsWith("s")) ? single : v;
    return `add ${word} to the ${field.name} of ${table.name}`;
  }

  /** The new field's name in "give tasks a size: …", "reviewState for outline items should be one of …". */
  newFieldBefore(before: string): string | undefined {
    const count = tokens(before).length;
    const inMention = new Set<number>();
    for (const m of this.mentions) if (m.kind === "table") for (let k = m.start; k < m.end; k++) inMention.add(k);
    const ok = (t: Token, i: number) =>
      !inMention.has(i) &&
      t.raw !== "," &&
      t.w.length > 1 &&
      !STOP.has(t.w) &&
      !ADD.test(t.w) &&
      !/^(?:either|options?|values?|choices?|states?|which|with|possible|one|field|new)$/.test(t.w);
    const at = this.ts.slice(0, count).findIndex(ok);
    // "a contact preference which can be …": the name's words run until grammar.
    let end = at;
    while (at >= 0 && end + 1 < count && end - at < 2 && ok(this.ts[end + 1], end + 1)) end++;
    const first =
      at >= 0
        ? {
            raw: this.ts
              .slice(at, end + 1)
              .map((t) => t.raw)
              .join(" "),
          }
        : undefined;
    return first ? camel(first.raw) : undefined;
  }

  /** "add a pinned boolean and a nickname string to users", "give users a bio, which is text". */
  addFields(): string | undefined {
    const tables = this.tables();
    if (tables.length !== 1) return undefined;
    const table = tables[0];
    const inTable = new Set<number>();
    for (const m of this.mentions)
      if (m.kind === "table" && m.table === table) for (let k = m.start; k < m.end; k++) inTable.add(k);
    const text = this.text;
    const ts = this.ts;
    const body = ts
      .map((t, i) => ({ ...t, i }))
      .filter((t) => !inTable.has(t.i))
      .filter((t) => !ADD.test(t.w) || TYPE_WORD.test(t.w))
      .filter((t) => !FILLER.test(t.w) || (/^(?:is|has|can)$/.test(t.w) && namesNext(ts, t.i)));
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
    const marked =
      /(?:\bas|\bof type|\btyped|\bwhich is|\bthat is|\bit is|\bit should be|\bit will be|\bit must be|\(|:)\s*(?:an?\s+)?([a-z]+)\b/i.exec(
        text,
      ) ?? /,\s*(?:an?\s+)?([a-z]+)\s*$/i.exec(text);
    if (marked && TYPE_WORD.test(marked[1])) {
      const at = ts.findIndex(
        (t, i) => t.w === marked[1].toLowerCase() && i >= tokens(text.slice(0, marked.index)).length,
      );
      const name = body.filter((t) => t.i < at && t.w !== "and" && t.raw !== ",");
      if (!name.length || name.length > 3) return undefined;
      return `add ${camel(name.map((t) => t.raw).join(" "))} (${marked[1].toLowerCase()}) to ${table.name}`;
    }
    // Items: each a run of name words and one type word, before or after them ("a pinned boolean and a nickname
    // string", "a boolean pinned"). A word that is a type and also ends common names ("phone number", "due date",
    // "alt text") ends a name; "required"/"optional" go with the item.
    const items: { name: string; type: string; modifier?: string }[] = [];
    for (const part of splitOn(body, (t) => t.w === "and" || t.w === "or" || t.raw === ",")) {
      const modifier = part.find((t) => /^(?:required|optional|mandatory)$/.test(t.w))?.w;
      const words = part.filter((t) => !/^(?:required|optional|mandatory)$/.test(t.w));
      const types = words.filter((t) => TYPE_WORD.test(t.w));
      const name = words.filter((t) => !TYPE_WORD.test(t.w));
      const last = words.at(-1);
      if (types.length === 1 && name.length && last === types[0] && AMBIGUOUS_TYPE.test(last.w)) return undefined;
      if (modifier && types.length === 1 && name.length) {
        items.push({ name: camel(name.map((t) => t.raw).join(" ")), type: types[0].w, modifier });
        continue;
      }
      if (types.length !== 1 || !name.length || name.length > 3)
        return items.length ? undefined : this.untyped(table, body);
      items.push({ name: camel(name.map((t) => t.raw).join(" ")), type: types[0].w });
    }
    if (!items.length) return this.untyped(table, body);
    for (const it of items) if (!/^[a-z]/i.test(it.name) || !validatorFromWords(it.type, this.schema)) return undefined;
    return items
      .map((it) => `add ${it.modifier ? `${it.modifier} ` : ""}${it.name} (${it.type}) to ${table.name}`)
      .join(" and ");
  }

  /** No type: "add an email field to users" when users has one is done already (the grammar says so). */
  untyped(table: Table, body: Token[]): string | undefined {
    const one = body.filter((t) => t.w !== "and");
    const field = one.length && one.length <= 3 ? resolveField(table, one.map((t) => t.raw).join(" ")) : undefined;
    return field ? `add a ${field.name} field to ${table.name}` : undefined;
  }
}

/** Type words that also end ordinary names ("phone number", "due date", "alt text", "start time"). */
const AMBIGUOUS_TYPE = /^(?:number|date|time|text|url|email|money|price|currency|flag|datetime)$/i;

/** Words around a list's new value that are not it. */
const VALUE_NOISE =
  /^(?:adds?|allow|allowed|accept|support|include|new|also|another|extra|values?|options?|possible|valid|called|named|between|after|before|need|needs|want|wants|too|well|more|either|type|types|kind|choice|choices|state|states|list|set)$/;

/** Words around the name and type of a new field that are neither. */
const FILLER =
  /^(?:to|on|for|in|of|into|the|every|each|all|also|please|should|must|could|can|would|you|we|i|it|field|column|attribute|property|which|is|be|a|an|new|as|type|kind|that|this|its|their|now|too|with|will|called|named|typed|there)$/;

/** "is pinned", "has paid": a boolean's name starts with the verb when a name word follows it. */
function namesNext(ts: Token[], i: number): boolean {
  const next = ts[i + 1];
  return Boolean(next && /^[a-z]/i.test(next.raw) && !STOP.has(next.w) && !TYPE_WORD.test(next.w));
}

function splitOn<T>(xs: T[], at: (x: T) => boolean): T[][] {
  const out: T[][] = [[]];
  for (const x of xs) {
    if (at(x)) out.push([]);
    else out[out.length - 1].push(x);
  }
  return out.filter((p) => p.length);
}

/** "no, required", "wait", "actually both": a message that takes back what it just said. */
const CORRECTION = /\b(?:no wait|wait|no,|actually|i mean|or rather|scratch that|both)\b/i;

/**
 * A whole message read sentence by sentence: each sentence this reader understands becomes its canonical command,
 * the others stay as written. A message that corrects itself across sentences ("make amount optional. no,
 * required. actually both") is read as one sentence, so the contradiction is seen. Undefined when nothing was read.
 */
export function readRequest(request: string, schema: SchemaModel): string | undefined {
  const text = request.trim();
  if (!text || schema.tables.length === 0) return undefined;
  // "don't drop the phone on members; make it mandatory": the refusal and the change are one request.
  const kept = keptThenChanged(tidy(text).replace(/[?!.]+$/, ""), schema);
  if (kept) return kept;
  if (CORRECTION.test(text) && /[.;!?]\s/.test(text)) {
    const whole = readChange(text.replace(/[.;!?]+\s+/g, ", "), schema);
    if (whole) return whole;
  }
  const sentences = text.split(/(?<=[.!?;])\s+|\n+/).filter((x) => x.trim());
  let changed = false;
  let last: string | undefined;
  const out = sentences.map((s) => {
    let read = readChange(s, schema);
    // "make returnedAt on loans required. Also make it optional.": "it" is the field the sentence before changed.
    if (!read && last && /\bit\b/i.test(s)) read = readChange(s.replace(/\bit\b/i, last), schema);
    const field = read && /^make (\w+)\.(\w+) (?:required|optional)$/.exec(read);
    last = field ? `${field[2]} on ${field[1]}` : undefined;
    if (read) changed = true;
    return read ?? s.replace(/[.!?;]+$/, "");
  });
  return changed ? out.join(". ") : undefined;
}
