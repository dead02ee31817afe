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
import { camel, isPluralWord, singularPhrase, words } from "./names";
import { fieldForValues, keptSetField, knownValues, PEOPLE, wholeSetField } from "./value-sets";

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
  "into",
  "values",
  "options",
  "is",
  "are",
  "of",
  ":",
];
/** Cues after which a list may be joined by "and" or by commas only. */
const OPEN_CUES = new Set([":", "such as", "like", "include", "includes", "including", "between", "into"]);
/** Cues that say the subject is one of the values. */
const CHOICE_CUES = new Set(["can be", "could be", "may be", "is either", "are either", "either", "one of"]);

/** Field words a list may follow ("status", "difficulty level", "billing cycle"). */
const FIELD_WORD =
  /^(?:status(?:es)?|stages?|states?|types?|kinds?|categor(?:y|ies)|levels?|modes?|priorit(?:y|ies)|roles?|visibility|tiers?|plans?|frequenc(?:y|ies)|cycles?|difficult(?:y|ies)|severit(?:y|ies)|sentiments?|moods?|formats?|phases?|intervals?|sources?|channels?|methods?|genres?|sizes?|ratings?|outcomes?|results?|positions?|classes|class|grades?|units?|currenc(?:y|ies)|languages?|platforms?|periods?|schedules?|shelves|shelf|labels?|tags?|flags?|providers?|condition|conditions|themes?|permissions?|styles?|tones?|audiences?)$/;
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
  "today",
  "now",
  "soon",
  "too",
  "also",
  "already",
  "currently",
]);

/** Glue words a value may contain ("in transit", "want to", "on hold"). */
const INNER = new Set(["to", "in", "on", "at", "by", "for", "from", "not"]);

/** Prepositions that lead a value without being part of it ("for sale or rent"). */
const LEADING = new Set(["for", "from", "by", "at", "as", "with"]);

interface Token {
  text: string;
  /** Singular form (for matching table names). */
  sing: string;
  /** Written with a capital (or a digit) first: a name ("Magic", "Pokemon"). */
  cap: boolean;
}

function tokenize(sentence: string): Token[] {
  const prepared = sentence
    // "inProgress" is two words; "OpenAI", "PayPal", "GitHub" are names, one word each.
    .replace(/\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/g, (w) => w.replace(/([a-z0-9])([A-Z])/g, "$1 $2"))
    .replace(/[‘’']/g, "")
    .replace(/→|->|=>|»/g, " > ")
    // "(MCQ + descriptive)", "Q & A or polls": a plus or an ampersand between words joins them like "and".
    .replace(/\s\+\s/g, " and ")
    .replace(/\s&\s/g, " and ")
    // "Pro ($9/mo)": a price beside a value is no part of the list.
    .replace(/\([^()]*[$€£¥][^()]*\)/g, " ")
    // "a role — attacker, defender or healer": a dash before a list reads as a colon.
    .replace(/\s[—–]\s?|\s-\s/g, " : ");
  const raw = prepared.match(/[A-Za-z0-9][A-Za-z0-9-]*|[(),/|:>]/g) ?? [];
  return raw.map((cased) => {
    const text = cased.toLowerCase();
    return { text, sing: /^[a-z]/.test(text) ? singularPhrase(text) : text, cap: /^[A-Z0-9]/.test(cased) };
  });
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
  // "multiple choice, true/false and short answer": in a list joined by commas or words, a slash joins one value.
  const slashInItem = tokens.slice(from, to).some((t) => t.text === "," || t.text === "or" || t.text === "and");
  for (let k = from; k < to; k++) {
    const t = tokens[k].text;
    if (t === "/" && slashInItem && out[out.length - 1].length && /^[a-z0-9]/.test(tokens[k + 1]?.text ?? "")) continue;
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
  // "sent by email or SMS", "paid via card or cash": what comes before a preposition in the first value is the
  // sentence's verb.
  const prep = list[0].findLastIndex((w, i) => i > 0 && i < list[0].length - 1 && (LEADING.has(w) || VIA.has(w)));
  if (prep > 0) list[0] = list[0].slice(prep + 1);
  if (list.some((ws) => ws.length > 3 || ws.some((w) => STOP.has(w) && !INNER.has(w)))) return undefined;
  // "set OPENAI_API_KEY or ANTHROPIC_API_KEY": settings' names, not values.
  if (list.some((ws) => /(?:key|token|secret)$/.test(ws[ws.length - 1]))) return undefined;
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

/** "video, article or quiz lessons": a plural after the last value, longer than the others, is their noun. */
function nounAfterLast(values: string[]): void {
  const ws = values[values.length - 1].split(" ");
  const longest = Math.max(1, ...values.slice(0, -1).map((v) => v.split(" ").length));
  if (ws.length > longest && /[^s]s$/.test(ws[ws.length - 1])) values[values.length - 1] = ws.slice(0, -1).join(" ");
}

/** Verbs a feature list names ("create, edit and delete notes"): actions on a table, not kinds of it. */
const ACTIONS = new Set(
  (
    "create edit delete update remove add view read write share manage track organize organise browse search " +
    "filter sort upload download save export import archive restore invite join leave follow like comment " +
    "rate review publish schedule assign complete approve reject submit send receive book cancel buy sell " +
    "rent pay copy duplicate move rename tag pin star print preview sync record log list find discover explore " +
    "register login logout signin signup"
  ).split(" "),
);

/** Verbs that sort records into kinds ("categorized into", "tagged as"). */
const SORTED = /^(?:categori[sz]ed|classified|grouped|sorted|tagged|labell?ed|marked|rated|typed|divided|split)$/;

/** Half the values or more are actions. */
function actions(values: string[]): boolean {
  return values.filter((v) => ACTIONS.has(v.split(" ")[0])).length * 2 >= values.length;
}

/** A word before a field word that makes it a verb ("can grade", "to rate"). */
const MODAL = /^(?:can|could|will|would|should|must|may|might|to|and|or|then|also)$/;

/** Prepositions before a value that the verb in front of them takes ("sent via email", "paid through stripe"). */
const VIA = new Set(["via", "through", "into", "using", "over"]);

/**
 * A heading that names a field ("Membership tiers", "Job types:", "User roles") over two or more short lines (a
 * README's bullets, one value each, maybe with a description after a colon or a dash) reads as one list:
 * "Membership tiers: Bronze, Silver, Gold." The descriptions stay, each on its own line.
 */
function headedLists(text: string): string {
  const lines = [...tableColumns(text).split("\n"), ...roleHeadings(text)];
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = lines[i].trim().replace(/[.:]$/, "");
    const ws = head.split(/\s+/);
    if (ws.length > 4 || !FIELD_WORD.test(ws[ws.length - 1].toLowerCase()) || !/^[A-Za-z][\w\s-]*$/.test(head)) {
      out.push(lines[i]);
      continue;
    }
    const labels: string[] = [];
    const rest: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j].trim();
      // "Bronze: gym floor access", "Gold – everything", "Pro (for teams)": a label then its description; a line
      // alone is a value only when it is one or two words ("Full-time.").
      const m =
        /^([A-Za-z0-9][\w'+/-]*(?: [\w'+/-]+){0,2})\s*(?:[:–—]|\s-\s|\()\s*(.*)$/.exec(line) ??
        /^([A-Za-z0-9][\w'+/-]*(?: [\w'+/-]+)?)\.?()$/.exec(line);
      if (!m || /^(?:the|a|an|and|or|to|with|for)$/i.test(m[1].split(" ")[0])) break;
      labels.push(m[1]);
      if (m[2]) rest.push(m[2]);
    }
    if (labels.length < 2 || labels.length > 8) {
      out.push(lines[i]);
      continue;
    }
    out.push(`${head}: ${labels.join(", ")}.`, ...rest);
    i = j - 1;
  }
  return out.join("\n");
}

/**
 * A README table whose header names a field ("| Mode | Scope |", "| Plan | Price |") lists that field's values in
 * its column: "Modes: Quiz, Blitz, Survival." (the description has its cells between commas, one row a line).
 */
function tableColumns(text: string): string {
  const cellsOf = (line: string): string[] | undefined => {
    const m = /^\s*,\s*(.*?)\s*,\s*\.?\s*$/.exec(line);
    return m ? m[1].split(/\s*,\s*/) : undefined;
  };
  const out: string[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const header = cellsOf(lines[i]);
    const rule = i + 1 < lines.length ? cellsOf(lines[i + 1]) : undefined;
    if (!header || !rule || rule.length !== header.length || !rule.every((c) => /^:?-{2,}:?$/.test(c))) {
      out.push(lines[i]);
      continue;
    }
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length; j++) {
      const row = cellsOf(lines[j]);
      if (!row || row.length !== header.length) break;
      rows.push(row);
    }
    // The table's cells are no sentences: only the columns a field word heads are read, as lists.
    header.forEach((h, col) => {
      const words = h.trim().split(/\s+/);
      if (words.length > 3 || !FIELD_WORD.test((words[words.length - 1] ?? "").toLowerCase())) return;
      const cells = [...new Set(rows.map((r) => r[col].trim()))].filter((c) => /^[A-Za-z][\w' -]*$/.test(c));
      if (cells.length >= 2 && cells.length <= 8 && cells.every((c) => c.split(/\s+/).length <= 3))
        out.push(`${h}: ${cells.join(", ")}.`);
    });
    i = j - 1;
  }
  return out.join("\n");
}

/**
 * Sections written for kinds of people ("For Kids (ages 6-18):", "For Parents:", "User Features:", "Admin
 * Dashboard") name the users' roles: two or more such headings give a line "Roles: kid, parent."
 */
function roleHeadings(text: string): string[] {
  const roles: string[] = [];
  for (const line of text.split("\n")) {
    const m =
      /^\s*for\s+(?:the\s+)?([a-z]+)(?:\s*\([^)]*\))?\s*[.:]?\s*$/i.exec(line) ??
      /^\s*([a-z]+)\s+(?:features?|dashboard|portal|panel|view|tools|capabilities|experience|side|area|app)\s*[.:]?\s*$/i.exec(
        line,
      );
    const who = m ? singularPhrase(m[1].toLowerCase()) : "";
    if ((PEOPLE.has(who) || who === "user") && !roles.includes(who)) roles.push(who);
  }
  return roles.length >= 2 ? [`Roles: ${roles.join(", ")}.`] : [];
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
  /** Said as choices ("can be video, article or quiz"): values even when tables of the design have their names. */
  choice?: boolean;
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
    const named = lead.some((w) => FIELD_WORD.test(w));
    // "(title, due date, priority)" lists fields, "(register/login)" actions: values only after a field word.
    // "(user list, basic stats)": two phrases with only a comma between them are features, not values.
    const inside = tokens.slice(k + 1, close).map((t) => t.text);
    const joined = ["or", "and", "/", "|"].some((j) => inside.includes(j)) || (values?.length ?? 0) >= 3;
    if (values && ((!fieldList(values) && !actions(values) && joined) || named))
      out.push({ values, at: k, end: close + 1, lead });
    k = close;
  }
  // Kinds named right before a table or a field word: "daily, weekly and monthly reports", "one-time or recurring
  // tasks", "free and pro plans", "multiple choice, true/false and short answer formats".
  const fieldWords = tokens.flatMap((t, k) => (FIELD_WORD.test(t.text) && !mentionStarts.includes(k) ? [k] : []));
  const heads = [...mentionStarts, ...fieldWords];
  for (const at of heads) {
    // "image files": the word before the noun is the list's last value, the noun after it the head.
    if (heads.includes(at + 1)) continue;
    let first = at;
    for (let j = at - 1; j >= 0 && at - j <= 14; j--) {
      const t = tokens[j].text;
      if (taken(j) || (j < at - 1 && mentionStarts.includes(j))) break;
      if (t === "," || t === "/" || t === "or" || t === "and") continue;
      if (!/^[a-z0-9]/.test(t) || STOP.has(t)) break;
      first = j;
    }
    if (first === at) continue;
    const list = items(tokens, first, at, true);
    if (!list) continue;
    const span = tokens.slice(first, at).map((t) => t.text);
    const table = mentionStarts.includes(at);
    // "and" joins kinds when there are three of them, or before a field word ("free and pro plans"), or when the
    // values are of a set real apps keep ("one-time and recurring donations", "income and expense transactions").
    // "(title, amount, stage)": a field word that ends a comma list is one of its peers, not their noun.
    const peers = span[span.length - 2] === "," || (fieldList(list) && !span.includes("or"));
    const joined =
      span.includes("or") || span.includes("/") || list.length >= 3 || !table || knownValues(list.map(literalValue));
    if (!joined || peers) continue;
    // "create, edit and delete notes": actions on the table, not kinds of it.
    if (table && actions(list)) continue;
    // The first value takes no more words than the longest other one ("generate daily, weekly and monthly"); a
    // last value longer than all the others is a phrase of its own ("email or Google and start tracking habits").
    const longest = Math.max(...list.slice(1).map((v) => v.split(" ").length));
    if (list[list.length - 1].split(" ").length > Math.max(1, ...list.slice(0, -1).map((v) => v.split(" ").length)))
      continue;
    const firstWords = list[0].split(" ");
    if (firstWords.length > longest) list[0] = firstWords.slice(-longest).join(" ");
    out.push({ values: list, at: first, end: at, lead: table ? [] : [tokens[at].text], head: table ? at : undefined });
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
  // The list that starts at `start` and ends after the value that follows the joiner at `join` (or at `end` when
  // there is none): "or full sun" is two words; a preposition after the last value starts the rest of the sentence.
  const listAt = (start: number, join: number, end: number): { values: string[]; stop: number } | undefined => {
    let stop = end;
    if (join >= 0) {
      stop = Math.min(join + 2, end);
      while (
        stop < end &&
        ![",", "and", "or"].includes(tokens[stop].text) &&
        stop - join < 4 &&
        !LEADING.has(tokens[stop].text) &&
        !INNER.has(tokens[stop].text) &&
        !VIA.has(tokens[stop].text)
      )
        stop++;
    }
    // "or delivery orders" (a value then its noun): keep what items() accepts.
    let values = items(tokens, start, stop, true);
    while (!values && join >= 0 && stop > join + 2) {
      stop--;
      values = items(tokens, start, stop, true);
    }
    return values ? { values, stop } : undefined;
  };
  // Cue words followed by a list joined by "or" (or commas): "can be shade, partial or full sun"; after a field word
  // also by "and": "a status of todo, doing and done", "workouts of type running, cycling and swimming".
  const ENDS = ["(", ")", ":", "with", "that", "which", "who", "when", "where", "for", "to", "so", "but", "while"];
  for (let k = 0; k < tokens.length; k++) {
    if (taken(k)) continue;
    const cues = CUES.map((c) => c.split(" ")).filter((cw) => cw.every((w, i) => tokens[k + i]?.text === w));
    // "statuses open, in progress, resolved and closed": a field word is its own cue.
    const self =
      FIELD_WORD.test(tokens[k].text) &&
      /^[a-z0-9]/.test(tokens[k + 1]?.text ?? "") &&
      !MODAL.test(tokens[k - 1]?.text ?? "") &&
      !CUES.some((c) => c.split(" ")[0] === tokens[k + 1].text)
        ? [[]]
        : [];
    for (const cw of [...cues, ...self]) {
      const cue = cw.join(" ");
      const start = k + Math.max(cw.length, 1);
      const fieldLed = cw.length === 0 || FIELD_WORD.test(tokens[k - 1]?.text ?? "");
      // Up to the end of the clause: a bracket, a colon or a glue word that starts a new thought (not one that
      // starts a value: "can be for sale or for rent").
      let end = start;
      while (
        end < tokens.length &&
        end - start < 16 &&
        (!ENDS.includes(tokens[end].text) ||
          (end === start && cw.length > 0) ||
          ["or", "and"].includes(tokens[end - 1].text) ||
          // "for sale, for rent or for lease": the glue word every value starts with.
          (tokens[end - 1].text === "," && tokens[start].text === tokens[end].text))
      )
        end++;
      const open = OPEN_CUES.has(cue);
      // The list ends at its last item: "or full sun" closes it. Without "or", after a field word or an open cue
      // ("include", ":", "between") the list ends after the value that follows an "and".
      const ors: number[] = [];
      const ands: number[] = [];
      for (let j = end - 1; j > start; j--) {
        if (tokens[j].text === "or") ors.push(j);
        if (tokens[j].text === "and") ands.push(j);
      }
      const joins = ors.length ? ors.slice(0, 1) : fieldLed || open ? ands : [];
      let found: { values: string[]; stop: number } | undefined;
      for (const j of joins) if (!found) found = listAt(start, j, end);
      if (!found && open && !joins.length) found = listAt(start, -1, end);
      if (!found) continue;
      const { values, stop } = found;
      nounAfterLast(values);
      const span = tokens.slice(start, stop).map((t) => t.text);
      // "roles admin and member" is a list only when the values are of a known set; three are a list.
      if (!open && !span.includes("or") && values.length < 3 && !knownValues(values.map(literalValue))) continue;
      const lead = cw.length === 0 ? [tokens[k].text] : leadBefore(k);
      const named = lead.some((w) => FIELD_WORD.test(w) || SORTED.test(w));
      if (fieldList(values) && !named) continue;
      // "can grade submissions or leave feedback": actions, unless a field word names them ("access: view or edit").
      if (!fieldLed && actions(values)) continue;
      // A list read already (before a field word or a table) is not read again from its cue.
      if (out.some((l) => l.at < stop && l.end > start)) continue;
      out.push({ values, at: start, end: stop, lead, choice: CHOICE_CUES.has(cue) && span.includes("or") });
      k = stop - 1;
      break;
    }
  }
  // Any other list joined by "or": "agents run on OpenAI, Anthropic or Google models", "pay by card, cash or
  // voucher". Two values only when they are of a known set.
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k].text !== "or" || taken(k)) continue;
    let first = k;
    for (let j = k - 1; j >= 0 && k - j <= 14; j--) {
      const t = tokens[j].text;
      if (taken(j) || mentionStarts.includes(j)) break;
      if (t === "," || t === "/") continue;
      if (!/^[a-z0-9]/.test(t) || STOP.has(t) || t === "and" || t === "or") break;
      first = j;
    }
    if (first === k) continue;
    let end = k + 1;
    while (end < tokens.length && end - k <= 4 && /^[a-z0-9]/.test(tokens[end].text) && !STOP.has(tokens[end].text))
      end++;
    const found = listAt(first, k, end);
    if (!found) continue;
    const values = found.values;
    // The first value takes no more words than the longest other one.
    nounAfterLast(values);
    const longest = Math.max(...values.slice(1).map((v) => v.split(" ").length));
    const firstWords = values[0].split(" ");
    if (firstWords.length > longest) values[0] = firstWords.slice(-longest).join(" ");
    if (values.length < 3 && !keptSetField(values.map(literalValue)) && fieldForValues(values) === "type") continue;
    if (actions(values)) continue;
    if (fieldList(values)) continue;
    out.push({ values, at: first, end: found.stop, lead: leadBefore(first) });
    k = found.stop - 1;
  }
  // Names listed with "and" in the middle of a sentence: "across Yu-Gi-Oh!, Magic, and Pokemon", "Claude Code,
  // Codex, Cursor, and Gemini". Three or more, each written with a capital; not the tools it is built with, not
  // the people who made it.
  for (let k = 1; k < tokens.length; k++) {
    if (taken(k) || !tokens[k].cap || !/^[a-z]/.test(tokens[k].text)) continue;
    if (
      /^(?:with|using|by|on|in|via)$/.test(tokens[k - 1].text) &&
      /^(?:built|made|powered|created|developed|written|runs?|deployed|hosted)$/.test(tokens[k - 2]?.text ?? "")
    )
      continue;
    if (/^(?:by|stack)$/.test(tokens[k - 1].text)) continue;
    const names: string[] = [];
    let j = k;
    let joined = false;
    while (j < tokens.length && names.length < 9) {
      const ws: string[] = [];
      while (j < tokens.length && tokens[j].cap && /^[a-z0-9]/.test(tokens[j].text) && ws.length < 3 && !taken(j))
        ws.push(tokens[j++].text);
      if (!ws.length) break;
      names.push(ws.join(" "));
      if (tokens[j]?.text === "," && tokens[j + 1]?.text === "and") {
        joined = true;
        j += 2;
      } else if (tokens[j]?.text === "and" && !joined) {
        joined = true;
        j += 1;
      } else if (tokens[j]?.text === "," && !joined) j += 1;
      else break;
    }
    if (!joined || names.length < 3 || !/^[a-z0-9]/.test(tokens[j - 1]?.text ?? "")) continue;
    if (fieldList(names) || actions(names) || names.some((n) => STOP.has(n))) continue;
    // The words in front ("across", "any machine") rarely name the field: a known set or "type" does.
    out.push({ values: names, at: k, end: j, lead: leadBefore(k).filter((w) => FIELD_WORD.test(w)) });
    k = j - 1;
  }
  // Words of one closed set, however joined: "for Japanese, English, and French", "on iOS and Android".
  for (let k = 0; k < tokens.length; k++) {
    if (taken(k) || !/^[a-z]/.test(tokens[k].text)) continue;
    const found: string[] = [];
    let j = k;
    let end = k;
    while (j < tokens.length && !taken(j)) {
      const fits = (v: string): boolean => Boolean(wholeSetField([...found, v, v]));
      const one = literalValue(tokens[j].text);
      const two = /^[a-z]/.test(tokens[j + 1]?.text ?? "")
        ? literalValue(`${tokens[j].text} ${tokens[j + 1].text}`)
        : "";
      const value = two && fits(two) ? two : one;
      if (!fits(value)) break;
      found.push(value);
      j += value === two ? 2 : 1;
      end = j;
      const sep = tokens[j]?.text;
      if (sep === "," && ["and", "or"].includes(tokens[j + 1]?.text ?? "")) j += 2;
      else if (sep === "," || sep === "/" || sep === "and" || sep === "or") j += 1;
      else break;
    }
    if (found.length >= 2 && new Set(found).size >= 2) {
      out.push({ values: found, at: k, end, lead: leadBefore(k) });
      k = end - 1;
    }
  }
  return out;
}

/** The field a list belongs to: the field word just before it, else the name its values suggest. */
/** Words in front of a list that never name its field ("multiple payment methods", "choose between", "users"). */
const NOT_FIELD =
  /^(?:which|that|is|are|multiple|various|several|different|many|numerous|supported|custom|available|all|choose|select|pick|run|runs|set|get|go|goes|come|comes|make|use|user|users|people|app)$/;

function fieldName(l: Listed, tableWords: Set<string>): string {
  const lead = l.lead.filter((w) => !tableWords.has(singularPhrase(w)) && !NOT_FIELD.test(w) && !ACTIONS.has(w));
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
  const kept = keptSetField(l.values.map(literalValue));
  if (kept) return kept;
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
  const sentences = headedLists(text)
    .split(/[.!?;\n]+(?=\s|$)|\n+/)
    .map((sentence) => {
      const tokens = tokenize(sentence);
      const mentions: Array<{ at: number; table: CreateTable }> = [];
      tokens.forEach((t, k) => {
        const two = k > 0 ? `${tokens[k - 1].text} ${t.sing}` : "";
        const hit = (two && byKey.get(two)) || byKey.get(t.sing);
        if (hit) mentions.push({ at: k, table: hit });
      });
      return { tokens, mentions };
    });
  const users = byKey.get("user");
  for (const [index, { tokens, mentions }] of sentences.entries()) {
    for (const l of listsOf(
      tokens,
      mentions.map((m) => m.at),
    )) {
      // "pets can be dogs, cats or birds": kinds said in the plural are stored in the singular.
      const plural = l.values.every((v) => /^[a-z]+$/.test(v) && isPluralWord(v));
      const values = [...new Set(l.values.map((v) => literalValue(plural ? singularPhrase(v) : v)).filter(Boolean))];
      if (values.length < 2) continue;
      // Values that name tables of the design are entities, not choices ("posts, comments and tags").
      if (!l.choice && values.filter((v) => byKey.has(singularPhrase(v.replace(/_/g, " ")))).length * 2 > values.length)
        continue;
      const named = fieldName(l, tableWords);
      // A list in a sentence that names no table (a heading, "A platform for Japanese, English and French") is on
      // the users for a role or a tier, else on the table named before it, else on the first one named after it.
      const target =
        mentions.find((m) => l.head !== undefined && m.at === l.head)?.table ??
        [...mentions].reverse().find((m) => m.at < l.at)?.table ??
        mentions.find((m) => m.at >= l.end)?.table ??
        (users && /^(?:role|tier|plan)$/.test(named) ? users : undefined) ??
        lastTable ??
        sentences.slice(index + 1).find((x) => x.mentions.length)?.mentions[0].table;
      if (!target) continue;
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
          values.some((v) => literalValue(f.name) === literalValue(`${v} ${field.name}`).replace(/_/g, "")) ||
          // "statusesOpen" read from "statuses open, in progress and closed".
          (f.validator.kind === "string" &&
            words(f.name).length > 1 &&
            words(field.name).includes(singularPhrase(words(f.name)[0])) &&
            values.includes(literalValue(words(f.name).slice(1).join(" "))))) &&
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
  // A role of admins alone ("the first user becomes admin") sets them apart from the other users: "user" is the
  // other value.
  if (/\busers?\b/i.test(text))
    for (const c of creates) {
      const table = changed.get(c.table) ?? c;
      const role = table.fields?.find((f) => f.name === "role");
      const held = role ? literals(role.validator) : [];
      if (!role || !held.length || !held.every((v) => /^(?:admin|administrator|superadmin|super_admin)$/.test(v)))
        continue;
      const field = { ...role, validator: literalUnion([...held, "user"]) };
      changed.set(c.table, { ...table, fields: (table.fields ?? []).map((f) => (f === role ? field : f)) });
      assumptions.push(`"${c.table}.role" tells admins from the other users: "${[...held, "user"].join('", "')}".`);
    }
  if (!changed.size) return { operations, assumptions };
  return {
    operations: operations.map((o) =>
      o.op === "createTable" && changed.has(o.table) ? (changed.get(o.table) ?? o) : o,
    ),
    assumptions,
  };
}
