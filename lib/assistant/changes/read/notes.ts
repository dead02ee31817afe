/**
 * Notes around a change that are no part of it: an example or a remark in parentheses ("(e.g. "en-GB")", "(1–5)",
 * "(British spelling please)"; "(string, 2 letters)" keeps only its type), the purpose said before the command
 * ("For the map view on mobile add …", "Users want to favourite knowledge: add …", "… last logged in — add …": the
 * one table the lead-in names is the command's scope), and the purpose or default said after it (", for the homepage
 * carousel", ", defaults to not muted on the app side", "so we can sort by it").
 */
import type { SchemaModel } from "../../../schema/model";
import { COMMAND_VERB } from "../clause";
import { TYPE_WORD } from "./families";
import { Reading } from "./reading";

const TYPE_LEAD = String.raw`(?:an?\s+)?(?:(?:list|array|set)\s+of\s+)?[a-z]+`;

/** The parentheses of a text rewritten: examples and remarks dropped, a type with a remark kept as the type. */
export function parentheticalNotes(text: string): string {
  return text.replace(/(^|\s)\(([^()]*)\)/g, (whole, before: string, inner: string) => {
    const s = inner.trim();
    // "(number, required)": presence said with the type is part of the change.
    if (/\b(?:required|optional|mandatory|nullable)\b/i.test(s)) return whole;
    // "(string, 2 letters)", "(a number, in minutes)": the type said first.
    // ("email, phone" lists fields, not a type and a remark.)
    const typed = new RegExp(String.raw`^(${TYPE_LEAD})\s*[,;:—–-]\s*(.+)$`, "i").exec(s);
    if (
      typed &&
      TYPE_WORD.test(typed[1].split(/\s+/).at(-1)?.replace(/s$/, "") ?? "") &&
      /\d|\b(?:letters?|chars?|characters?|digits?|max|min|long|short|format|iso|utc|ms|milliseconds?|seconds?|minutes?|hours?|days?|cents?|in|of|from|like)\b/i.test(
        typed[2],
      )
    )
      return `${before}(${typed[1]})`;
    if (
      /^(?:e\.?\s?g\b\.?|i\.?\s?e\b\.?|for example\b|for instance\b|ex\b\.?|example\b|like\b|such as\b|say\b)/i.test(
        s,
      ) ||
      /^[\d\s.,–—-]+(?:\s*(?:letters?|chars?|characters?|digits?|stars?|points?|minutes?|hours?|days?|ms|seconds?))?$/i.test(
        s,
      ) ||
      /\b(?:please|pls|spelling|thanks|sorry|fyi|btw)\b/i.test(s) ||
      // "(ms since epoch)", "(UTC)", "(ISO 8601)": a unit or format, not a type.
      /^(?:ms|milliseconds?|seconds?|unix|epoch|utc|iso|in\s+\w+)\b/i.test(s) ||
      (/["']/.test(s) && !/\b(?:one of|either|values?|options?)\b/i.test(s) && /,/.test(s) === false)
    )
      return "";
    return whole;
  });
}

const COMMAND = new RegExp(`^${COMMAND_VERB}`, "i");

/**
 * "Mobile timer screen needs to save how long it took: add durationMinutes (a number) to mcp servers": the command
 * after a lead-in that asks for nothing itself (no command word), scoped to the one table the lead-in names when
 * the command names none. Undefined when the sentence has no such lead-in.
 */
export function afterLeadIn(text: string, schema: SchemaModel): string | undefined {
  const lead = /^(.{3,160}?)(?:\s[—–-]+\s|:\s+)(?=\S)(.*)$/.exec(text.trim());
  if (!lead || !COMMAND.test(lead[2].trim()) || new RegExp(`\\b${COMMAND_VERB}`, "i").test(lead[1])) return undefined;
  if (lead[1].split(/\s+/).length < 3) return undefined;
  const before = new Reading(lead[1], schema);
  const command = new Reading(lead[2], schema);
  // "created_at on share redemptions: make it optional": "it" is what the lead-in names — it stays.
  if (/\b(?:it|its|them|their|this|that|those|these)\b/i.test(lead[2])) return undefined;
  const leadTables = before.tables();
  const own = command.tables();
  // "I don't want a separate preferences table — put its fields on clients": the lead-in says what to merge.
  if (before.fieldMentions().length && !command.mentions.length) return undefined;
  if (own.length || !leadTables.length) return lead[2].trim();
  return leadTables.length === 1 ? `for ${leadTables[0].name}, ${lead[2].trim()}` : undefined;
}

/** "For the map view on mobile add countryCode …": the command after a purpose that names no table, or undefined. */
export function afterPurpose(text: string, schema: SchemaModel): string | undefined {
  const purpose = new RegExp(String.raw`^for\s+(?:\w+\s+){0,6}?(?=${COMMAND_VERB})`, "i").exec(text.trim());
  if (!purpose || new Reading(purpose[0], schema).tables().length) return undefined;
  return text.trim().slice(purpose[0].length);
}

/**
 * "there should be a color string on shelves", "shelves.color should be a new string field": a new field wished to
 * exist, as "add …". Undefined otherwise.
 */
export function fieldWish(text: string, schema: SchemaModel): string | undefined {
  const t = text.trim().replace(/[.!?]+$/, "");
  const there =
    /^(?:(?:and|also|so)\s+)?there\s+(?:should|must|needs?\s+to|has\s+to|ought\s+to)\s+(?:also\s+)?be\s+(.+?)\s+(?:on|in|for)\s+(?:the\s+|each\s+|every\s+|all\s+)?([\w ]+?)(?:\s+(?:table|collection))?$/i.exec(
      t,
    );
  if (there && new Reading(there[2], schema).tables().length === 1) return `add ${there[1]} to ${there[2]}`;
  const dotted =
    /^["'`]?(\w+)\.([A-Za-z]\w*)["'`]?\s+(?:should|must|needs?\s+to|has\s+to|will)\s+be\s+(?:an?\s+)?(?:new\s+)?((?:optional\s+|required\s+)?[a-z]+(?:\s+of\s+[a-z]+)?)\s+(?:field|column|property|attribute)$/i.exec(
      t,
    );
  const table = dotted ? new Reading(dotted[1], schema).tables() : [];
  if (dotted && table.length === 1 && !table[0].fields.some((f) => f.name.toLowerCase() === dotted[2].toLowerCase())) {
    const modifier = /^(optional|required)\s+/i.exec(dotted[3]);
    return `add ${modifier ? `${modifier[1].toLowerCase()} ` : ""}${dotted[2]} (${dotted[3].replace(/^(?:optional|required)\s+/i, "")}) to ${table[0].name}`;
  }
  return undefined;
}

/**
 * "Optional boolean isFeatured on organizations", "projects: is pinned flag (true/false)", "raw records tags (list
 * of strings)": a new field said as a noun phrase with its type and no verb, as "add …". Undefined otherwise.
 */
const VERB = /\b(?:should|must|needs?|wants?|would|could|can|will|is|are|was|were|has|have|had|be|been|do|does|did)\b/i;

export function verblessAddition(text: string, schema: SchemaModel): string | undefined {
  const t = text.trim().replace(/[.!?]+$/, "");
  if (new RegExp(`\\b${COMMAND_VERB}`, "i").test(t)) return undefined;
  if (!t.split(/[\s(),:]+/).some((w) => TYPE_WORD.test(w.replace(/s$/, "")) || TYPE_WORD.test(w))) return undefined;
  const r = new Reading(t, schema);
  const tables = r.tables();
  if (tables.length !== 1) return undefined;
  const table = tables[0];
  // "projects: is pinned flag (true/false)": a table, a colon and the field ("is …" / "has …" name a boolean).
  const labelled = /^["'`]?([\w ]+?)["'`]?\s*:\s*(.+)$/.exec(t);
  if (labelled && new Reading(labelled[1], schema).tables()[0] === table && !/:/.test(labelled[2]))
    return VERB.test(labelled[2].replace(/^(?:is|has)\s+(?=[a-z])/i, ""))
      ? undefined
      : `add ${labelled[2]} to ${table.name}`;
  if (VERB.test(t)) return undefined;
  // "raw records tags (…)": the table's words first, then the field.
  const first = r.mentions.find((m) => m.kind === "table" && m.table === table);
  if (first && first.start === 0) {
    const rest = r.ts.slice(first.end).map((x) => x.raw);
    const at = t.indexOf(rest[0] ?? "\u0000", t.toLowerCase().indexOf(r.ts[first.end - 1].raw.toLowerCase()));
    if (rest.length && at > 0) return `add ${t.slice(at)} to ${table.name}`;
  }
  if (/\s(?:on|to|for|in)\s+(?:the\s+|each\s+|every\s+|all\s+)?\S/i.test(t)) return `add ${t}`;
  return undefined;
}

/**
 * The command of a sentence with the purpose said before it ("For the map view on mobile add …") or after it
 * (", for the homepage carousel", ", defaults to …", "so we can sort by it") set aside, or undefined when there is
 * none.
 */
export function withoutNotes(text: string, schema: SchemaModel): string | undefined {
  let t = text.trim().replace(/[.!?]+$/, "");
  // ", for the homepage carousel", ", defaults to not muted …", " so we can sort by it": what it is for.
  const tail =
    /(?:,\s*|\s+)(?:for\s+(?:the|our|my|a|an)\s|so\s+(?:that\s+)?(?:we|i|you|they|it|the)\b|defaults?\s+to\b|used\s+(?:for|by|in|to)\b|because\b|since\b|to\s+(?:match|support|line\s+up|help|make|show|power|drive|feed)\b).*$/i.exec(
      t,
    );
  if (tail) {
    const rest = tail[0];
    const named = new Reading(rest, schema).tables();
    const kept = /\b(?:required|optional|mandatory|not optional|not required)\b/i.exec(rest);
    if (!named.length && !/\b(?:table|collection)\b/i.test(rest))
      t = `${t.slice(0, tail.index)}${kept ? `, ${kept[0]}` : ""}`;
  }
  return t !== text.trim().replace(/[.!?]+$/, "") ? t : undefined;
}
