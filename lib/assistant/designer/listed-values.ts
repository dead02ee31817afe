/**
 * Values the user lists keep their words. After the design is planned, each list of choices in the request —
 * "(upcoming, completed, failed)", "which can be shade, partial or full sun", "either pickup or delivery",
 * "a status of queued, shipped or returned", "priority: low / high" — is checked against the new tables: the
 * values become (or replace) a union field on the table the sentence names nearest before the list, named after
 * the field word in front of it. Template values never stand in for values the user gave.
 */
import type { Field, Validator } from "../../schema/model";
import type { SchemaOperation } from "../../schema/operations";
import { ATTRIBUTE_WORDS, ENUM_ATTRIBUTES } from "./knowledge/attributes";
import { literalUnion, literalValue } from "./fields";
import { camel, singularPhrase, words } from "./names";
import { fieldForValues } from "./value-sets";

type CreateTable = Extract<SchemaOperation, { op: "createTable" }>;

/** Words that lead into a list of choices. */
const CUES = [
  "can be",
  "could be",
  "may be",
  "is either",
  "are either",
  "either",
  "one of",
  "set to",
  "marked as",
  "as",
  "such as",
  "like",
  "include",
  "includes",
  "including",
  "via",
  "rated",
  "between",
  "values",
  "options",
  "is",
  "are",
  "of",
  ":",
];
/** Field words a list may follow ("status", "difficulty level", "billing cycle"). */
const FIELD_WORD =
  /^(?:status(?:es)?|stages?|states?|types?|kinds?|categor(?:y|ies)|levels?|modes?|priorit(?:y|ies)|roles?|visibility|tiers?|plans?|frequenc(?:y|ies)|cycles?|difficult(?:y|ies)|severit(?:y|ies)|sentiments?|moods?|formats?|phases?|intervals?|sources?|channels?|methods?|genres?|sizes?|ratings?|outcomes?|results?|positions?|classes|class|grades?|units?|currenc(?:y|ies)|languages?|platforms?|periods?|schedules?|shelves|shelf|labels?|tags?|flags?|providers?|condition|conditions)$/;
/** Words that are never values (articles, pronouns, quantities, glue). */
const STOP = new Set([
  "a",
  "an",
  "the",
  "each",
  "every",
  "all",
  "any",
  "some",
  "many",
  "more",
  "most",
  "other",
  "others",
  "etc",
  "both",
  "not",
  "no",
  "it",
  "its",
  "they",
  "them",
  "their",
  "we",
  "you",
  "your",
  "our",
  "my",
  "with",
  "without",
  "that",
  "which",
  "who",
  "when",
  "where",
  "how",
  "what",
  "has",
  "have",
  "can",
  "will",
  "should",
  "must",
  "to",
  "for",
  "from",
  "in",
  "on",
  "at",
  "by",
  "into",
  "via",
  "using",
  "use",
  "users",
  "user",
  "app",
  "data",
  "support",
  "supports",
  "including",
  "include",
  "includes",
  "e",
  "g",
  "eg",
  "ie",
]);

/** Glue words a value may contain ("in transit", "want to", "on hold"). */
const INNER = new Set(["to", "in", "on", "at", "by", "for", "from", "not"]);

/** Prepositions that lead a value without being part of it ("for sale or rent"). */
const LEADING = new Set(["for", "from", "by", "at", "as", "with"]);

interface Token {
  text: string;
  /** Singular form (for matching table names). */
  sing: string;
}

function tokenize(sentence: string): Token[] {
  const raw = sentence
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[‘’']/g, "")
    .replace(/→|->|=>|»/g, " > ")
    // "a role — attacker, defender or healer": a dash before a list reads as a colon.
    .replace(/\s[—–]\s?|\s-\s/g, " : ")
    .match(/[a-z0-9][a-z0-9-]*|[(),/|:>]/g);
  return (raw ?? []).map((text) => ({ text, sing: /^[a-z]/.test(text) ? singularPhrase(text) : text }));
}

/** Splits tokens [from, to) into list items; undefined unless it reads as 2..8 short values. */
/** "(title, due date, priority)" lists fields, not values. */
function fieldList(values: string[]): boolean {
  return values.filter((v) => ATTRIBUTE_WORDS.has(v) || ATTRIBUTE_WORDS.has(v.split(" ").pop() ?? "")).length >= 2;
}

function items(tokens: Token[], from: number, to: number, needJoiner: boolean): string[] | undefined {
  const out: string[][] = [[]];
  let joiners = 0;
  let separators = 0;
  for (let k = from; k < to; k++) {
    const t = tokens[k].text;
    if (t === "," || t === "/" || t === "|" || t === ">") {
      separators++;
      if (out[out.length - 1].length) out.push([]);
      continue;
    }
    if (t === "or" || t === "and" || t === "nor") {
      joiners++;
      if (out[out.length - 1].length) out.push([]);
      continue;
    }
    if (!/^[a-z0-9]/.test(t)) return undefined;
    out[out.length - 1].push(t);
  }
  const list = out
    .map((ws) => {
      while (ws.length && ((STOP.has(ws[0]) && !INNER.has(ws[0])) || (ws.length > 1 && LEADING.has(ws[0])))) ws.shift();
      return ws;
    })
    .filter((ws) => ws.length > 0);
  if (list.length < 2 || list.length > 8) return undefined;
  if (needJoiner && joiners === 0 && separators < 2) return undefined;
  if (list.some((ws) => ws.length > 3 || ws.some((w) => STOP.has(w) && !INNER.has(w)))) return undefined;
  // "practice mode or ranked mode": the field word every item repeats is not part of the values.
  const last = list[0][list[0].length - 1];
  if (list.every((ws) => ws.length > 1 && ws[ws.length - 1] === last) && FIELD_WORD.test(last))
    for (const ws of list) ws.pop();
  // "marked read/unread", "hosted on Runwae or external": a participle (and its preposition) in front of the first
  // value only is the sentence's verb.
  if (list[0].length > 1 && /ed$/.test(list[0][0]) && list.slice(1).every((ws) => ws.length === 1)) {
    list[0].shift();
    if (list[0].length > 1 && INNER.has(list[0][0])) list[0].shift();
  }
  const values = list.map((ws) => ws.join(" "));
  return values;
}

interface Listed {
  values: string[];
  /** Token position where the list starts (for the nearest table before it). */
  at: number;
  end: number;
  /** Words just before the list or its cue, nearest last. */
  lead: string[];
  /** Position of the table the list qualifies when it stands right before it ("monthly reports"). */
  head?: number;
}

function listsOf(tokens: Token[], mentionStarts: number[] = []): Listed[] {
  const out: Listed[] = [];
  const taken = (k: number): boolean => out.some((l) => k >= l.at && k < l.end);
  const leadBefore = (k: number): string[] => {
    const lead: string[] = [];
    // "a light need which can be …", "status that is …": the field words come before the relative pronoun.
    let from = k - 1;
    while (from >= 0 && /^(?:which|that|is|are|it|they|its|their|either|a|an|the)$/.test(tokens[from].text)) from--;
    for (let j = from; j >= 0 && lead.length < 3; j--) {
      const t = tokens[j].text;
      if (!/^[a-z]/.test(t) || STOP.has(t) || t === "or" || t === "and") break;
      lead.unshift(t);
    }
    return lead;
  };
  // Parenthesised lists.
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k].text !== "(") continue;
    const close = tokens.findIndex((t, j) => j > k && t.text === ")");
    if (close < 0) continue;
    const values = items(tokens, k + 1, close, false);
    const lead = leadBefore(k);
    if (values && (!fieldList(values) || lead.some((w) => FIELD_WORD.test(w))))
      out.push({ values, at: k, end: close + 1, lead });
    k = close;
  }
  // Kinds named right before a table: "daily, weekly and monthly reports", "one-time or recurring tasks".
  const fieldWords = tokens.flatMap((t, k) => (FIELD_WORD.test(t.text) && !mentionStarts.includes(k) ? [k] : []));
  for (const at of [...mentionStarts, ...fieldWords]) {
    const picked: string[] = [];
    let j = at - 1;
    let first = at;
    let joiner = false;
    while (j >= 0 && /^[a-z0-9]/.test(tokens[j].text) && !STOP.has(tokens[j].text) && !taken(j)) {
      picked.unshift(tokens[j].text);
      first = j;
      const sep = tokens[j - 1]?.text;
      if (sep !== "or" && sep !== "and" && sep !== ",") break;
      joiner = joiner || sep === "or";
      j -= (sep === "or" || sep === "and") && tokens[j - 2]?.text === "," ? 3 : 2;
    }
    if (picked.length < 2 || (!joiner && picked.length < 3)) continue;
    const table = mentionStarts.includes(at);
    out.push({
      values: picked,
      at: first,
      end: at,
      lead: table ? [] : [tokens[at].text],
      head: table ? at : undefined,
    });
  }
  // A progression: "to do → in progress → done" (two arrows or more).
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k].text !== ">" || taken(k)) continue;
    let last = k;
    for (let j = k + 1; j < tokens.length && j - last <= 4; j++) if (tokens[j].text === ">") last = j;
    if (last === k) continue;
    const word = (j: number): boolean => /^[a-z0-9]/.test(tokens[j]?.text ?? "") && !STOP.has(tokens[j].text);
    let start = k;
    while (start > 0 && k - start < 2 && (word(start - 1) || (tokens[start - 1].text === "to" && start < k))) start--;
    let end = last + 1;
    while (end < tokens.length && end - last <= 2 && word(end)) end++;
    const values = items(tokens, start, end, false);
    if (values) out.push({ values, at: start, end, lead: leadBefore(start) });
    k = end;
  }
  // Cue words followed by a list joined by "or" (or commas): "can be shade, partial or full sun".
  for (let k = 0; k < tokens.length; k++) {
    if (taken(k)) continue;
    for (const cue of CUES) {
      const cw = cue.split(" ");
      if (!cw.every((w, i) => tokens[k + i]?.text === w)) continue;
      const start = k + cw.length;
      // Up to the end of the clause: a bracket, a colon or a glue word that starts a new thought.
      let end = start;
      while (
        end < tokens.length &&
        end - start < 16 &&
        !["(", ")", ":", "with", "that", "which", "who", "when", "where", "for", "to", "so", "but", "while"].includes(
          tokens[end].text,
        )
      )
        end++;
      // The list ends at its last item: "or full sun" closes it.
      const lastJoin = (() => {
        for (let j = end - 1; j >= start; j--) if (tokens[j].text === "or") return j;
        return -1;
      })();
      if (lastJoin < 0 && !(cue === ":" || cue === "such as" || cue === "like" || /^includ/.test(cue))) continue;
      let stop = end;
      if (lastJoin >= 0) {
        stop = Math.min(lastJoin + 2, end);
        while (stop < end && tokens[stop].text !== "," && stop - lastJoin < 4) stop++;
        // "or full sun" (two words) vs "or delivery orders" (a value then its noun): keep what items() accepts.
      }
      let values = items(tokens, start, stop, true);
      while (!values && stop > lastJoin + 2 && lastJoin >= 0) {
        stop--;
        values = items(tokens, start, stop, true);
      }
      const lead = leadBefore(k);
      if (!values || (fieldList(values) && !lead.some((w) => FIELD_WORD.test(w)))) continue;
      // A list read already (before a field word or a table) is not read again from its cue.
      if (out.some((l) => l.at < stop && l.end > start)) continue;
      out.push({ values, at: start, end: stop, lead });
      k = stop - 1;
      break;
    }
  }
  return out;
}

/** The field a list belongs to: the field word just before it, else the name its values suggest. */
function fieldName(l: Listed, tableWords: Set<string>): string {
  const lead = l.lead.filter((w) => !tableWords.has(singularPhrase(w)) && !/^(?:which|that|is|are)$/.test(w));
  const at = lead.findLastIndex((w) => FIELD_WORD.test(w));
  if (at >= 0) {
    const phrase = lead.slice(Math.max(0, at - 1), at + 1);
    // "billing cycle", "light need": a modifier before the field word stays when it is not a verb-ish word.
    const head = singularPhrase(phrase[phrase.length - 1]);
    const name = phrase.length === 2 && !/(?:ing|ed)$/.test(phrase[0]) ? camel(`${phrase[0]} ${head}`) : camel(head);
    return ENUM_ATTRIBUTES.test(camel(head)) ? camel(head) : name;
  }
  const suggested = fieldForValues(l.values.map(literalValue));
  if (suggested !== "type") return suggested;
  // "a light need which can be …": the words in front name the field.
  if (lead.length && lead.length <= 2 && lead.every((w) => /^[a-z]+$/.test(w) && !/(?:ly)$/.test(w)))
    return camel(lead.join(" "));
  return "type";
}

function literals(v: Validator): string[] {
  if (v.kind === "literal" && typeof v.value === "string") return [v.value];
  if (v.kind === "union") return v.members.flatMap(literals);
  return [];
}

/**
 * Puts the values the request lists onto the new tables of a design (see the file comment). Returns the
 * operations with the createTable fields adjusted, and assumptions for the reply.
 */
export function applyListedValues(
  text: string,
  operations: SchemaOperation[],
): { operations: SchemaOperation[]; assumptions: string[] } {
  const creates = operations.filter((o): o is CreateTable => o.op === "createTable");
  if (!creates.length) return { operations, assumptions: [] };
  const byKey = new Map<string, CreateTable>();
  for (const c of creates) byKey.set(singularPhrase(words(c.table).join(" ")), c);
  const tableWords = new Set([...byKey.keys()].flatMap((k) => k.split(" ")));
  const present = new Set(creates.flatMap((c) => (c.fields ?? []).flatMap((f) => literals(f.validator))));
  const assumptions: string[] = [];
  const changed = new Map<string, CreateTable>();
  const spoken = ` ${words(text).join(" ")} `;
  const said = (value: string): boolean => spoken.includes(` ${value.replace(/_/g, " ")} `);
  let lastTable: CreateTable | undefined;
  for (const sentence of text.split(/[.!?;\n]+(?=\s|$)|\n+/)) {
    const tokens = tokenize(sentence);
    const mentions: Array<{ at: number; table: CreateTable }> = [];
    tokens.forEach((t, k) => {
      const two = k > 0 ? `${tokens[k - 1].text} ${t.sing}` : "";
      const hit = (two && byKey.get(two)) || byKey.get(t.sing);
      if (hit) mentions.push({ at: k, table: hit });
    });
    for (const l of listsOf(
      tokens,
      mentions.map((m) => m.at),
    )) {
      const values = [...new Set(l.values.map(literalValue).filter(Boolean))];
      if (values.length < 2) continue;
      // Values that name tables of the design are entities, not choices ("posts, comments and tags").
      if (values.filter((v) => byKey.has(singularPhrase(v.replace(/_/g, " ")))).length * 2 > values.length) continue;
      const target =
        mentions.find((m) => l.head !== undefined && m.at === l.head)?.table ??
        [...mentions].reverse().find((m) => m.at < l.at)?.table ??
        mentions.find((m) => m.at >= l.end)?.table ??
        lastTable;
      if (!target) continue;
      const named = fieldName(l, tableWords);
      // "daily, weekly and monthly reports": an interval is a billing one only on what is billed.
      const name =
        named === "billingInterval" && !/subscription|plan|price|pricing|billing|membership|invoice/i.test(target.table)
          ? "frequency"
          : named;
      const current = (changed.get(target.table) ?? target).fields ?? [];
      // A union of the target that holds all these values already is this field, whatever its name: it keeps
      // them (and nothing the user did not say); elsewhere in the design the values are already read.
      const holder = current.find(
        (f) => f.validator.kind === "union" && values.every((v) => literals(f.validator).includes(v)),
      );
      if (holder && literals(holder.validator).every((v) => said(v) || values.includes(v))) continue;
      if (!holder && values.every((v) => present.has(v))) continue;
      const had = holder ?? current.find((f) => f.name === name);
      if (had && had.validator.kind !== "union" && had.validator.kind !== "string" && had.validator.kind !== "literal")
        continue;
      // Values the field already holds stay when the request says them too; template values the user did not say go.
      const kept = had ? literals(had.validator).filter((v) => said(v) && !values.includes(v)) : [];
      const field: Field = {
        name: had?.name ?? name,
        validator: literalUnion([...values, ...kept]),
        optional: had?.optional ?? false,
      };
      // "a stage of lead, qualified, won or lost": the values are not fields of their own.
      const valueField = (f: Field): boolean =>
        f !== had &&
        f !== field &&
        (values.includes(literalValue(f.name)) ||
          values.some((v) => literalValue(f.name) === literalValue(`${v} ${field.name}`).replace(/_/g, ""))) &&
        !(changed.get(target.table) ?? target).indexes?.some((i) => i.fields.includes(f.name));
      // One field per meaning: another union whose values are all among these is the same choice read twice.
      const subsumed = (f: Field): boolean =>
        f !== had &&
        f !== field &&
        !(changed.get(target.table) ?? target).indexes?.some((i) => i.fields.includes(f.name)) &&
        f.validator.kind === "union" &&
        literals(f.validator).every((v) =>
          // "tagged_critical" read from "tagged critical, major or minor": the same value, badly cut.
          literals(field.validator).some((x) => v === x || v.split("_").includes(x)),
        );
      const fields = (had ? current.map((f) => (f === had ? field : f)) : [...current, field]).filter(
        (f) => !subsumed(f) && !valueField(f),
      );
      changed.set(target.table, { ...target, fields });
      values.forEach((v) => present.add(v));
      assumptions.push(
        `"${target.table}.${field.name}" holds the values you listed: ${values.map((v) => `"${v}"`).join(", ")}.`,
      );
    }
    if (mentions.length) lastTable = mentions[mentions.length - 1].table;
  }
  if (!changed.size) return { operations, assumptions };
  return {
    operations: operations.map((o) =>
      o.op === "createTable" && changed.has(o.table) ? (changed.get(o.table) ?? o) : o,
    ),
    assumptions,
  };
}
