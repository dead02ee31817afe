/**
 * Sentences and messages: a message read sentence by sentence, a sentence split into commands where the next words
 * start one ("make dueDate required on tasks and rename title to name"), a table said first as the scope of what
 * follows, wishes with no table ("we need an index"), and a refused removal followed by a change of the field kept.
 */
import type { SchemaModel } from "../../../schema/model";
import { COMMAND_VERB, leadingScope, splitCommands } from "../clause";
import { TOGETHER, VALUE_LIST } from "./families";
import { ground } from "./ground";
import { codeNotation } from "./code";
import { ambiguousPresence } from "./ambiguous";
import { dottedValues } from "./enum-values";
import { fieldRenamed } from "./field-rename";
import { readClause } from "./kinds";
import { afterLeadIn, afterPurpose, fieldWish, parentheticalNotes, verblessAddition, withoutNotes } from "./notes";
import { unlabel } from "./label";
import { notation } from "./notation";
import { Reading } from "./reading";
import { relationSaid } from "./relation-words";
import { addedAndRefused, indexedAndRefused } from "./refusal";
import { joinRenameTarget, tableRenamed } from "./table-rename";
import { tidy } from "./tidy";
import { STOP, tokens } from "./tokens";

/** The canonical command for a change request over `schema`, or undefined when this reader cannot read it whole. */
export function readChange(sentence: string, schema: SchemaModel, labels = true): string | undefined {
  if (schema.tables.length === 0) return undefined;
  if (!labels) return readUnlabelled(sentence, schema);
  // "[Naming] …", "JIRA PLAT-55: …", "in Prisma terms: …": the label is no part of the change. A heading of plain
  // words ("Data team request: …") is set aside only when the sentence does not read with it ("Trash bin feature:
  // deleted rows stay" says what the change is).
  const unlabelled = unlabel(sentence, schema, false);
  const headed = unlabel(unlabelled, schema);
  if (headed !== unlabelled) return readChange(unlabelled, schema, false) ?? readChange(headed, schema, false);
  return readUnlabelled(unlabelled, schema);
}

function readUnlabelled(sentence: string, schema: SchemaModel): string | undefined {
  // SQL, Prisma and defineTable notations read by their own grammar.
  const code = codeNotation(sentence, schema);
  if (code) return code;
  // Examples and remarks in parentheses are no part of the change; a lead-in or a purpose is set aside when the
  // sentence does not read with it. Then the grammar of clauses, and when it reads nothing, a table's or a field's
  // new name, a reference, a presence change said in other words ("the interviews table needs to become screenings").
  const noted = parentheticalNotes(sentence);
  const led = afterLeadIn(noted, schema) ?? noted;
  const plain = afterPurpose(led, schema) ?? led;
  const read =
    readPlain(plain, schema) ??
    tableRenamed(plain, schema) ??
    fieldRenamed(plain, schema) ??
    relationSaid(plain, schema) ??
    ambiguousPresence(plain, schema);
  if (read) return read;
  // What the notes set aside must not decide the table: a reading without them names only tables the sentence named.
  const named = new Set(new Reading(tidy(sentence), schema).tables());
  const own = (read: string | undefined) =>
    read && new Reading(read, schema).tables().every((t) => named.has(t)) ? read : undefined;
  const bare = withoutNotes(plain, schema);
  const fromBare = own(bare ? readPlain(bare, schema) : undefined);
  if (fromBare) return fromBare;
  const added = verblessAddition(bare ?? plain, schema) ?? fieldWish(bare ?? plain, schema);
  return own(added ? readPlain(added, schema) : undefined);
}

function readPlain(sentence: string, schema: SchemaModel): string | undefined {
  const noted = notation(sentence, schema);
  // "add a projects ref to employeeInvites": a relation notation gives the canonical command itself.
  if (/^\w+ references \w+$/.test(noted)) return noted;
  const text = tidy(noted)
    .replace(/^(?:(?:ok(?:ay)?|so|hey|hi|now|also|and)[,\s]+)+/i, "")
    // "As a maintainer I want …", "as an admin, we need …": the user story's role is no part of the change.
    .replace(/^as an?\s+(?:[\w-]+\s+){0,2}?[\w-]+,?\s+(?=(?:i|we)\b)/i, "")
    // "Long story short, orders needs …", "tl;dr: …": a discourse marker before the request.
    .replace(/^(?:long story short|in short|tl;?dr|basically|in a nutshell|bottom line|anyway|btw|fyi)\s*[,:]?\s+/i, "")
    // "it'd be nice if usage quotas had …", "we're adding share count to …": a wish said as a wish.
    .replace(/^(?:it'?d|it would|that would|would)\s+be\s+(?:nice|great|good|cool|helpful|useful)\s+if\s+/i, "")
    .replace(/^(?:we'?re|we are|i'?m|i am)\s+(?:adding|going to add|planning to add)\b/i, "add")
    // "… — matches what the frontend uses": the reason after a dash is no part of the change.
    .replace(/\s+[—–-]+\s+(?:matches|match|because|since|so that|to match|that'?s|this is|as that)\b.*$/i, "")
    .replace(/[?!.]+$/, "")
    .trim();
  if (!text || text.length > 300) return undefined;
  const kept = keptThenChanged(text, schema);
  if (kept) return kept;
  const refused = addedAndRefused(text, schema) ?? indexedAndRefused(text, schema);
  if (refused) return refused;
  // "don't index members by email", "no index on email please": an operation refused asks for no change.
  if (refuses(text)) return undefined;
  const dotted = dottedValues(text, schema);
  if (dotted) return dotted;
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
  if (refuses(body)) return undefined;
  const pairs = renamePairs(body);
  const parts = pairs ?? splitCommands(body);
  const startsCommand = new RegExp(`^${COMMAND_VERB}`, "i");
  if (parts.length > 1 && (pairs || !TOGETHER.test(body)) && parts.every((p) => startsCommand.test(p))) {
    let scope = scoped.table;
    // A later command names what an earlier one renamed by its new name ("rename title to heading, then rename
    // heading back to title"): each is read on the schema as the commands before it left it.
    let now = schema;
    let last: string | undefined;
    let renamed = false;
    const read = parts.map((part) => {
      const r = new Reading(part, now, scope);
      let command = alsoRenamed(part, last) ?? readClause(r);
      // "rename title on books to heading, then make it required": "it" is what the command before changed.
      const it = last && subjectOf(last);
      if (!command && it && /\bit\b/i.test(part)) command = readClause(new Reading(part.replace(/\bit\b/i, it), now));
      last = command;
      scope = r.tables()[0] ?? scope;
      const before = now;
      now = command ? renamedBy(command, now) : now;
      if (now !== before) renamed = true;
      // "add genre to books and remove genre from books": a field added is there for the commands after it.
      now = command ? addedBy(command, now) : now;
      // The table in scope is the same table under its new name.
      const at = scope ? before.tables.indexOf(scope) : -1;
      if (at >= 0) scope = now.tables[at];
      return command;
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
    // "make phone optional and make phone required": one field set both ways is one contradictory command (each
    // alone, the one already true would be dropped as done and the other applied).
    const presence = commands.map((c) => /^make (\w+\.\w+) (required|optional)$/.exec(c));
    for (const [i, m] of presence.entries()) {
      const other = m && presence.findIndex((o, j) => j > i && o && o[1] === m[1] && o[2] !== m[2]);
      if (m && other !== null && other >= 0) {
        commands[i] = `make ${m[1]} both required and optional`;
        commands.splice(other, 1);
        break;
      }
    }
    // Read on a renamed schema, a command is applied after the rename: one sentence each, in order.
    return commands.join(renamed ? ". " : " and ");
  }
  return readClause(new Reading(body, schema, scoped.table));
}

/**
 * "rename title to name and subtitle to tagline", "rename title to heading, then heading back to title": a list of
 * renames, one command per pair (undefined when the sentence is not such a list).
 */
function renamePairs(text: string): string[] | undefined {
  const m = /^(?:please\s+)?rename\s+(.+)$/i.exec(text);
  if (!m) return undefined;
  const word = String.raw`(?!(?:also|then|and|or|maybe|it|them|rename|to|into|as|back)\b)[\w.']+`;
  const pair = String.raw`${word}(?:\s${word}){0,3}?\s+(?:back\s+)?(?:to|into|as)\s+["'\x60]?\w+["'\x60]?`;
  const items = m[1].split(
    new RegExp(
      String.raw`\s*,\s*(?:and\s+)?(?:then\s+)?(?:rename\s+)?|\s+(?:and|then|and then)\s+(?:rename\s+)?(?=${pair})`,
      "i",
    ),
  );
  const whole = new RegExp(String.raw`^${pair}(?:\s+(?:on|in|of|for)\s+(?:the\s+)?\w+(?:\s+table)?)?$`, "i");
  if (items.length < 2 || !items.every((p) => whole.test(p.trim()))) return undefined;
  // "rename title to name and description to details in tasks": the table said last is every pair's.
  const onTable = /\s+((?:on|in|of|for)\s+(?:the\s+)?\w+(?:\s+table)?)$/i;
  const last = onTable.exec(items[items.length - 1].trim());
  const bare = new RegExp(`^${pair}$`, "i");
  return items.map((p) => `rename ${p.trim()}${last && bare.test(p.trim()) ? ` ${last[1]}` : ""}`);
}

/** "… and (rename it) also to closedAt" after a rename: the same thing renamed again, by the name it now has. */
function alsoRenamed(part: string, previous: string | undefined): string | undefined {
  const again =
    /^(?:please\s+)?rename\s+(?:it\s+|that\s+|them\s+)?(?:also\s+)?(?:to|as|into)\s+["'`]?([A-Za-z]\w*)["'`]?$/i.exec(
      part,
    );
  if (!again || !previous) return undefined;
  const field = /^rename \w+ on (\w+) to (\w+)$/.exec(previous);
  if (field) return `rename ${field[2]} on ${field[1]} to ${again[1]}`;
  const table = /^rename \w+ table to (\w+)$/.exec(previous);
  return table ? `rename ${table[1]} table to ${again[1]}` : undefined;
}

/** The field a canonical command changed, as "<field> on <table>" (by its new name after a rename), or undefined. */
function subjectOf(command: string): string | undefined {
  const renamed = /^rename \w+ on (\w+) to (\w+)$/.exec(command);
  if (renamed) return `${renamed[2]} on ${renamed[1]}`;
  const changed = /^(?:make|change) (\w+)\.(\w+) (?:required|optional|to \w+(?: of \w+)?)$/.exec(command);
  return changed ? `${changed[2]} on ${changed[1]}` : undefined;
}

/** The schema with the field a canonical "add name (type) to table" adds, when that table does not have it yet. */
function addedBy(command: string, schema: SchemaModel): SchemaModel {
  const m = /^add (?:required |optional )?(\w+) \((.+)\) to (\w+)$/.exec(command);
  if (!m) return schema;
  const [, name, , tableName] = m;
  return {
    ...schema,
    tables: schema.tables.map((t) =>
      t.name === tableName && !t.fields.some((f) => f.name === name)
        ? { ...t, fields: [...t.fields, { name, validator: { kind: "any" }, optional: true }] }
        : t,
    ),
  };
}

/** The schema after a canonical rename ("rename title on books to heading", "rename books table to titles"). */
function renamedBy(command: string, schema: SchemaModel): SchemaModel {
  const field = /^rename (\w+) on (\w+) to (\w+)$/.exec(command);
  const table = /^rename (\w+) table to (\w+)$/.exec(command);
  if (!field && !table) return schema;
  return {
    ...schema,
    tables: schema.tables.map((t) =>
      field && t.name === field[2]
        ? { ...t, fields: t.fields.map((f) => (f.name === field[1] ? { ...f, name: field[3] } : f)) }
        : table && t.name === table[1]
          ? { ...t, name: table[2] }
          : t,
    ),
  };
}

/**
 * "do not remove the phone from members, make it required": a removal said not to happen produces nothing; what
 * follows it is read with "it" standing for the field kept. Undefined when the sentence is not of that form.
 */
export function keptThenChanged(text: string, schema: SchemaModel): string | undefined {
  const m =
    /^(?:please\s+)?(?:do not|never|not)\s+(?:\w+\s+)?(?:remove|delete|drop|get rid of|ditch|scrap)\s+(.+?)\s*(?:[,;:.!]|\s-\s|\bbut\b|\s(?:and|then|and then)\s+(?=(?:please\s+)?(?:make|set|mark|rename|change|convert|index|keep|turn)\b))\s*(?:(?:but|and|just|rather|instead|please|simply|only)\s+)*(.+)$/i.exec(
      text,
    );
  if (!m || !/\b(?:it|them)\b/i.test(m[2])) return undefined;
  const kept = new Reading(m[1], schema);
  const s = kept.subject();
  if (!s) return undefined;
  // "them": every field of that table the refusal named ("don't remove phone and email from members, …").
  const fields = /\bthem\b/i.test(m[2]) ? kept.subjects(s).map((f) => f.name) : [s.field.name];
  const rest = m[2]
    .replace(/\b(?:it|them)\b/i, `${fields.join(" and ")} on ${s.table.name}`)
    .replace(/\s+instead$/i, "")
    .trim();
  const read = readChange(rest, schema);
  return read && !/^(?:remove|drop|add soft delete)\b/.test(read) ? read : undefined;
}

/**
 * "artifactViews: delete viewedAt; also make viewedAt required": a removal and, in the next sentence, a change of
 * the same name are one request, so the contradiction is seen (each read alone, the change would find nothing).
 * The text with those two sentences joined by ", and"; the text as it was otherwise.
 */
export function joinRemovedThenChanged(text: string): string {
  return text.replace(
    /\b((?:remove|delete|drop|get rid of)\s+(?:the\s+)?["'`]?(\w+)\b[^.;!?\n]*)[.;!]+\s+(?:(?:and|also|then|but)[,\s]+)*((?:please\s+)?(?:make|set|mark|rename|change|index|require)\b[^.;!?\n]*\b\2\b)/gi,
    "$1, and $3",
  );
}

/** "1) require X 2) let Y be soft deleted": numbered items are sentences of their own. */
export function splitNumbered(text: string): string {
  if (!/(?:^|\s)1[.)]\s+\S.*\s2[.)]\s+\S/.test(text)) return text;
  return text
    .replace(/(?:^|\s+)\d+[.)]\s+/g, ". ")
    .replace(/^\.\s+/, "")
    .replace(/([.!?;])\s*\.\s+/g, "$1 ");
}

/** Words that name a type on their own, for a sentence that only gives the type of what the one before added. */
const TYPE_SENTENCE =
  /([^.;!?\n]*[a-z][^.;!?\n]*)[.;!?]+\s+(?:it'?s|it is|it holds|it will be|it should be|it'?ll be|they'?re|they are|that'?s|(?:the\s+)?type\s*(?:is|:|=))?\s*(?:an?\s+|plain\s+)?((?:(?:multiple|several|many)\s+|(?:an?\s+)?(?:list|array|set)\s+of\s+)?(?:boolean|bool|flag|checkbox|string|text|number|numeric|integer|int|float|decimal|timestamp|date|datetime|url|email|yes\/no|true\/false)s?\b[^.;!?\n]*)/gi;

/**
 * "can deposits get a durationMs field? it's an integer", "… had an accent color. a string is fine": a sentence
 * that only gives a type belongs to the sentence before it ("…, a string is fine").
 */
export function joinTypeSentence(text: string): string {
  return joinValuesSentence(text).replace(
    TYPE_SENTENCE,
    (_m, before: string, type: string) => `${before}, ${/^(?:multiple|several|many)\b/i.test(type) ? "" : "a "}${type}`,
  );
}

/**
 * "Can notifications get a priority field? Values: low/medium/high": a sentence that only lists the values belongs
 * to the sentence before it ("… a priority field: low/medium/high").
 */
function joinValuesSentence(text: string): string {
  return text.replace(
    /([^.;!?\n]*[a-z][^.;!?\n]*?)\s*[.;!?]+\s+(?:the\s+)?(?:allowed\s+|possible\s+|valid\s+)?(?:values?|options?|choices?)\s*(?::|are|=)\s*([^.;!?\n]+)/gi,
    (_m, before: string, values: string) => `${before}: ${values.trim()}`,
  );
}

/** A wish for a kind of thing with no table, field or name: "we need an index", "can we add a new field". */
const BARE_WISH =
  /^(?:(?:we|i)\s+(?:need|want|would like|'d like)(?:\s+to\s+add)?|(?:can|could|would)\s+(?:you|we|i)\s+(?:please\s+)?(?:add|get|have|create)|let'?s\s+(?:add|create)|please\s+(?:add|create)|add|create|give me)\s+(?:a\s+|an\s+|another\s+|new\s+|some\s+|one\s+more\s+)*(index|field|column|relation|relationship|reference|link|table)(?:e?s)?(?:\s+(?:please|too|as well))?$/i;

/** A field wished for without a table: "track a deadline too", "give it a score", "add a field for the deadline". */
const FIELD_WISH =
  /^(?:please\s+)?(?:(?:we|i)\s+(?:need|want|would like|'d like)(?:\s+to\s+(?:add|store|track|keep|record))?|add|store|track|keep|record|include|capture|give\s+(?:it|them))\s+(?:a\s+|an\s+|the\s+|some\s+)?(?:(?:field|column)\s+for\s+(?:the\s+|a\s+|an\s+)?)?([a-z]\w*(?:\s[a-z]\w*)?)(?:\s+(?:field|column|attribute|property))?(?:\s+(?:too|as well|please))?$/i;

/**
 * A clause that only refuses an operation: "don't index members by email", "never rename users", "no index on
 * email please", "no new fields". ("don't make phone optional" is a wish for the opposite, read by the clause.)
 */
const REFUSED =
  /^(?:please\s+)?(?:(?:(?:please\s+)?(?:do not|never|not|no need to)|we do not want to|i do not want to)\s+(?:\w+\s+)?(?:index|add|create|remove|delete|drop|rename)\b|no\s+(?:new\s+|extra\s+|separate\s+|other\s+)?(?:index|indexes|indices|lookups?|fields?|columns?|renames?)\b(?!\s+(?:longer|more than)\b))/i;

/**
 * Whether a sentence the reader did not read still asks for something: a command with an object of its own ("add a
 * comments table", not "please add it"), a wish ("we need …", "can you …"), or words of the schema's own kinds
 * (table, field, index, …). A reason or context ("the import keeps failing", "nothing else for now") asks nothing.
 */
function asksSomething(sentence: string, schema: SchemaModel): boolean {
  const s = sentence.replace(/^(?:(?:also|and|then|so|plus|oh|ok|okay)[,\s]+)+/i, "");
  if (new RegExp(`^${COMMAND_VERB}`, "i").test(s))
    return !new RegExp(
      `^${COMMAND_VERB}\\s+(?:it|that|this|them|so|the (?:table|field|column|name))(?:\\s+(?:too|as well|please|now|then|accordingly))*(?:\\s+(?:so|to match|because)\\b.*)?$`,
      "i",
    ).test(s);
  if (/^nothing\b|\bnothing else\b/i.test(s)) return false;
  // "Actually call it barcode too": a correction of what was asked is part of the request.
  if (CORRECTION.test(s) || /\b(?:call|name|keep)\s+(?:it|them|both)\b/i.test(s)) return true;
  const wish = /\b(?:should|must|needs?|has to|have to|want|wants|would like|let'?s|make|add|remove)\b/i.test(s);
  // "we also need a comments table", "there should be an index": the schema's kinds of things, wished for.
  if (
    wish &&
    /\b(?:tables?|collections?|fields?|columns?|index(?:es)?|relations?|relationships?|references?|enum|union)\b/i.test(
      s,
    )
  )
    return true;
  if (
    /\b(?:we|i)\s+(?:also\s+)?(?:need|want|would like|'d like)\b|^(?:can|could|would|will)\s+(?:you|we)\b|^please\b/i.test(
      s,
    )
  )
    return true;
  // "the email should be unique": a wish about the schema's own names; "the error column on jobs was added for an
  // experiment" only tells.
  return wish && ground(tokens(s), schema, new Set()).length > 0;
}

/**
 * Whether a clause only refuses an operation: not "don't really delete lobbies, just mark them as deleted" (a soft
 * delete) nor "don't remove phone but make it optional" (the refusal says what to do instead).
 */
function refuses(clause: string): boolean {
  const m = REFUSED.exec(clause);
  return (
    !!m &&
    !new RegExp(`\\b${COMMAND_VERB}`, "i").test(clause.slice(m[0].length)) &&
    !/\b(?:really|actually|physically|permanently|hard|just|but|instead|rather|only|mark|hide|archive|keep)\b/i.test(
      clause,
    )
  );
}

/**
 * The canonical commands of a sentence's comma-joined clauses, each read alone (a clause that names no table is
 * read on `table`), or undefined unless there are two or three and every one reads.
 */
function clausesOf(sentence: string, schema: SchemaModel, table: string | undefined): string[] | undefined {
  // "`aliases String[]` on Thread, may be absent": a change written as code is read whole, its notes with it.
  if (codeNotation(unlabel(sentence, schema, false), schema)) return undefined;
  const parts = sentence
    .replace(/[.!?;]+$/, "")
    .split(/\s*,\s*(?:and\s+|plus\s+)?(?:(?:also|then)\s+)?(?:while you'?re at it,?\s*)?/i)
    .map((p) => p.trim())
    .filter(Boolean);
  // "must be required, but it can be missing": a clause about "it" is no change of its own.
  // "which can be low, medium or high": the items of a list of values are no clauses (a clause has a few words).
  if (
    parts.length < 2 ||
    parts.length > 3 ||
    parts.some((p) => p.split(/\s+/).length < 3) ||
    VALUE_LIST.test(sentence.replace(/[.!?;]+$/, "")) ||
    parts.slice(1).some((p) => /^but\b|\b(?:it|they|them)\b/i.test(p))
  )
    return undefined;
  const out: string[] = [];
  let scope = table;
  for (const part of parts) {
    const own = new Reading(tidy(part), schema).tables();
    const read =
      (!own.length && scope ? readChange(`for ${scope}, ${part}`, schema) : undefined) ?? readChange(part, schema);
    if (!read || /\bboth required and optional\b/.test(read)) return undefined;
    out.push(read);
    scope = own.length === 1 ? own[0].name : scope;
  }
  return out;
}

/** Whether every sentence of a message only refuses an operation ("don't index members by email."). */
export function refusesOnly(request: string): boolean {
  const sentences = request.split(/(?<=[.!?;])\s+|\n+/).filter((x) => x.trim());
  return (
    sentences.length > 0 &&
    sentences.every((s) =>
      refuses(
        tidy(s)
          .replace(/[?!.;]+$/, "")
          .trim(),
      ),
    )
  );
}

/**
 * The sentences of a message: split after ".", "!", "?", ";" and at line ends, but not inside code ("`reviewedBy
 * Profile? @relation`", a Prisma attribute after "?").
 */
function splitSentences(text: string): string[] {
  const MARK = "\u0000";
  const masked = text
    // "(e.g. "A-12")", "i.e.", "etc.": an abbreviation's dot ends no sentence.
    .replace(/\b(e\.\s?g|i\.\s?e|etc|vs|approx)\.(?=\s)/gi, (m) => m.replace(/\./g, `${MARK}0`))
    .replace(/`[^`\n]*`/g, (code) => code.replace(/[.!?;]/g, (c) => `${MARK}${".!?;".indexOf(c)}`))
    .replace(/\?(?=\s+@)/g, `${MARK}2`)
    // "where updatedBy = ? order by createdAt": a query's placeholder.
    .replace(/([=<>]\s*)\?/g, `$1${MARK}2`);
  return masked
    .split(/(?<=[.!?;])\s+|\n+/)
    .map((x) => x.replace(new RegExp(`${MARK}(\\d)`, "g"), (_m, i: string) => ".!?;"[Number(i)]));
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
  // "why is clerkId required on users? it shouldn't be": a question about the state, then its denial.
  const denied = text.replace(
    /\bwhy (?:is|are) (.+?) (required|mandatory|optional)\b([^?]*)\?+\s*(?:it|they) (?:should not|shouldn't|should never|does not need to|doesn't need to|need not|must not) be\b[.!]?/i,
    (_m, what: string, state: string, rest: string) =>
      `make ${what}${rest.trimEnd()} ${/^optional$/i.test(state) ? "required" : "optional"}.`,
  );
  if (denied !== text) return readRequest(denied, schema);
  const joined = joinRenameTarget(joinTypeSentence(joinRemovedThenChanged(splitNumbered(text))));
  if (joined !== text) return readRequest(joined, schema);
  if (CORRECTION.test(text) && /[.;!?]\s/.test(text)) {
    const whole = readChange(text.replace(/[.;!?]+\s+/g, ", "), schema);
    if (whole) return whole;
  }
  // "- make updatedAt optional", "* remove isPublic": a bullet is a sentence of its own.
  const sentences = splitSentences(text)
    .map((x) => x.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, ""))
    .filter((x) => x.trim());
  let changed = false;
  let last: string | undefined;
  // The one table a sentence names ("Schema cleanup for garages:", "for ai_trips we need three changes", or the
  // change just read): the scope of the sentences after it that name none ("- make name optional").
  let scope: string | undefined;
  let namedField: string | undefined;
  const wasRead: boolean[] = [];
  const scoping = new Set<number>();
  let scopeFrom = -1;
  const out = sentences.map((s, i) => {
    // "index pull_requests.body": a table named in a dotted field counts as named.
    const dotted = [...s.matchAll(/\b(\w+)\.\w+/g)].flatMap((m) => schema.tables.filter((t) => t.name === m[1]));
    const named = [...new Set([...new Reading(tidy(s), schema).tables(), ...dotted])];
    let read: string | undefined;
    if (scope && !named.length) {
      const bare = s.replace(/^(?:(?:and|also|then|so|plus)[,\s]+)+/i, "");
      read = readChange(`for ${scope}, ${bare}`, schema);
      if (read && scopeFrom >= 0) scoping.add(scopeFrom);
    }
    read ??= readChange(s, schema);
    // "rename title to heading, and startedAt should be required", "make notes soft-deletable, and while you're at
    // it make text optional": clauses joined by a comma are read one by one (the table of the first scopes the
    // rest) when each reads alone and the sentence read whole misses one of them.
    const clauses = clausesOf(s, schema, named.length === 1 ? named[0].name : scope);
    if (clauses && (!read || clauses.some((c) => !read?.includes(c)))) read = clauses.join(" and ");
    // "make returnedAt on loans required. Also make it optional.": "it" is the field the sentence before changed,
    // else the one field a sentence before named ("the error column on jobs is unused. Let's remove it.").
    const it = last ?? namedField;
    if (!read && it && /\bit\b/i.test(s)) read = readChange(s.replace(/\bit\b/i, it), schema);
    const own = new Reading(tidy(s), schema, scope ? schema.tables.find((t) => t.name === scope) : undefined);
    const inScope = own.tables();
    const fields = [
      ...new Set(
        own
          .fieldMentions()
          .flatMap((m) => m.hits.filter((h) => inScope.includes(h.table)))
          .map((h) => `${h.field.name} on ${h.table.name}`),
      ),
    ];
    if (fields.length === 1) namedField = fields[0];
    else if (fields.length > 1) namedField = undefined;
    const field = read && /^make (\w+)\.(\w+) (?:required|optional)$/.exec(read);
    last = field ? `${field[2]} on ${field[1]}` : undefined;
    if (read) changed = true;
    const tables = read ? new Reading(read, schema).tables() : named;
    if (tables.length === 1) {
      scope = tables[0].name;
      scopeFrom = read ? -1 : i;
    } else if (tables.length > 1) scope = undefined;
    wasRead[i] = !!read;
    return read ?? s.replace(/[.!?;:]+$/, "");
  });
  // "ALTER … SET NOT NULL; and also it should be nullable": one field made required and then, in addition,
  // optional in two sentences (no correction between them) is one contradictory command.
  const presence = out.map((o, i) => (wasRead[i] ? /^make (\w+\.\w+) (required|optional)$/.exec(o) : null));
  for (const [i, m] of presence.entries()) {
    const j = m ? presence.findIndex((o, k) => k > i && o && o[1] === m[1] && o[2] !== m[2]) : -1;
    // Only when the later one adds to the earlier ("and also …", "… too"); else it is the request after its reason
    // ("we keep getting rows with no X. make it required").
    const adds =
      j > 0 && /^(?:and|also|plus)\b|\b(?:also|too|as well|at the same time|same time)\b/i.test(sentences[j]);
    if (m && j > 0 && adds && !CORRECTION.test(sentences[j])) {
      out[i] = `make ${m[1]} both required and optional`;
      out.splice(j, 1);
      wasRead.splice(j, 1);
      break;
    }
  }
  // A sentence that only refuses an operation asks for nothing: left as written, it would read as that operation.
  // Beside a change read, a sentence that asks for nothing (the reason, the context, "nothing else for now",
  // "please add it", a heading that only named the table of the changes after it) is no request of its own: left
  // as written, its nouns would become new tables.
  const asked = out.filter((o, i) => {
    if (wasRead[i]) return true;
    if (scoping.has(i)) return false;
    // "Schema cleanup for garages:": a sentence that names only a table the changes read are on is their heading.
    const r = new Reading(tidy(o), schema);
    const only = r.tables();
    if (
      only.length === 1 &&
      !r.fieldMentions().length &&
      out.some((x, j) => wasRead[j] && new RegExp(`\\b${only[0].name}\\b`).test(x))
    )
      return false;
    const t = tidy(o).trim();
    return !refuses(t) && asksSomething(t, schema);
  });
  return changed ? asked.join(". ") : undefined;
}
