/**
 * Token-level helpers shared by noun discovery and fact extraction: word classes, list splitting, item
 * cleanup, clause segments and compromise's part-of-speech tags (memoised).
 */
import nlp from "compromise";

export const DETERMINERS = new Set([
  "a",
  "an",
  "the",
  "one",
  "each",
  "every",
  "its",
  "their",
  "his",
  "her",
  "our",
  "my",
  "your",
  "own",
  "some",
  "any",
  "exactly",
  "single",
  "optional",
  "required",
  "mandatory",
  "also",
  "just",
  "only",
  "multiple",
  "many",
  "several",
  "lots",
  "of",
  "list",
  "number",
  "zero",
  "or",
  "more",
  "at",
  "least",
  "possibly",
  "maybe",
  "additional",
  "extra",
  "new",
]);
export const MANY = new Set([
  "many",
  "multiple",
  "several",
  "lots",
  "list",
  "manytomany",
  "numerous",
  "more",
  "various",
  "any",
]);
export const ATTR_TRIGGERS = new Set([
  "has",
  "have",
  "with",
  "contains",
  "contain",
  "includes",
  "include",
  "including",
  "stores",
  "store",
  "tracks",
  "track",
  "needs",
  "need",
  "gets",
  "get",
  "keeps",
  "keep",
  "records",
  "record",
  "holds",
  "hold",
  ":",
  "(",
  "fields",
  "like",
  "having",
]);
export const LIST_END = new Set(["that", "which", "who", "where", "so", "because", "but", "while", "when", "whose"]);
export const ITEM_STOP = new Set([
  "in",
  "on",
  "to",
  "for",
  "by",
  "with",
  "from",
  "at",
  "per",
  "that",
  "which",
  "who",
  "as",
  "like",
  "into",
  "can",
  "is",
  "are",
  "should",
  "must",
  "will",
]);
export const APP_TRIGGERS = new Set([
  "with",
  "track",
  "tracking",
  "tracks",
  "manage",
  "manages",
  "managing",
  "store",
  "stores",
  "storing",
  "including",
  "includes",
  "like",
  ":",
  "for",
  "of",
  "containing",
  "contains",
  "tables",
  "about",
  "has",
  "have",
  "handles",
  "handle",
  "needs",
  "need",
]);
export const BELONGS =
  /^(?:(?:each|every|that|which) )?(?:(?:can|may|must|should|will|always) )?(?:belongs? to|(?:is|are) part of|part of|(?:is|are) in|lives? in|(?:is|are) under|(?:is|are) inside|inside|within|sits? in|goes in|go in|(?:is|are) (?:linked|attached|tied|scoped|connected) to|(?:linked|attached|tied|scoped|connected) to|(?:is|are) for|(?:is|are) associated with|associated with|references?|points? to|per|for|in|of|under|on|about|from|at|between|(?:is|are|was|were) (?:made|placed|booked|created|written|left|posted) (?:by|for|at|in|on|with))(?: (?:a|an|one|the|exactly one|a single|its|their|some|specific|particular))?$/;
export const HAS =
  /^(?:(?:each|every|that|which) )?(?:(?:can|may|must|should|will) )?(?:has|have|contains?|includes?|holds?|owns?|with|gets?|keeps?|lists?|groups?|consists? of|(?:is|are) made of|made of|(?:is|are) made up of|made up of|comprises?|is composed of)(?: (?:a|an|one|the|exactly one|a single|many|multiple|several|lots of|a list of|a number of|zero or more|one or more|any number of|some|its own|their own|its|their|own|various|numerous))*$/;
export const VERB =
  /^(?:(?:can|may|must|should|will|often|usually|also|then|who|that|which|be|been|get|gets|is|are|always) )*([a-z]+)(?: (?:up|out|in|into|on|to|for|at|with|from|under|about|by|inside|within|of))?(?: (?:a|an|one|the|many|multiple|several|lots of|some|their|its|any|other|each|every|own|new|favorite|favourite|existing|related|recurring|open|monthly|weekly|daily|yearly|annual))*$/;
export const VERBISH = new Set([
  "has",
  "have",
  "had",
  "can",
  "could",
  "are",
  "is",
  "be",
  "was",
  "were",
  "belong",
  "belongs",
  "should",
  "must",
  "will",
  "may",
  "do",
  "does",
  "get",
  "gets",
]);
export const NOT_VERBS = new Set([
  "where",
  "when",
  "who",
  "which",
  "that",
  "whose",
  "and",
  "or",
  "but",
  "also",
  "then",
  "plus",
  "as",
  "is",
  "are",
  "the",
  "a",
  "an",
  "while",
  "so",
  "both",
  "than",
  "not",
  "no",
  "without",
]);

/**
 * Pronouns (and "she", pluralize's singular of "they"): never a record nor part of a record's name ("it captures
 * coding activity", "the content they want").
 */
export const PRONOUNS = new Set(
  (
    "i me my mine we us our ours you your yours he him his she her hers it its itself they them their theirs " +
    "themselves this these those someone somebody something everyone everybody everything anyone anybody anything " +
    "nobody nothing whoever whatever"
  ).split(" "),
);

/**
 * Words about how the interface looks: a phrase ending in one ("hover effects", "gradient backgrounds", "partner
 * logos", "dark themes") names no record, and neither does its modifier.
 */
export const INTERFACE_WORDS = new Set(
  (
    "screen button modal layout theme color colour style animation interface typography palette effect background " +
    "icon logo font gradient shadow blur border panel banner tooltip dropdown toggle slider toast spinner skeleton " +
    "sidebar navbar header footer widget hover glow glassmorphism responsiveness"
  ).split(" "),
);

/** true when any word of the phrase is a pronoun. */
export function hasPronoun(phrase: string): boolean {
  return phrase.split(" ").some((w) => PRONOUNS.has(w));
}

const VERB_BASE = new Map<string, boolean>();

/** true when compromise reads the word alone as a verb ("handle", "require", "capture"; not "request", "task"). */
function verbWord(word: string): boolean {
  const hit = VERB_BASE.get(word);
  if (hit !== undefined) return hit;
  const terms = nlp(word).terms().json() as Array<{ terms: Array<{ tags: string[] }> }>;
  const tags = terms.length === 1 ? (terms[0]?.terms[0]?.tags ?? []) : [];
  const out = tags.includes("Verb") && !tags.includes("Noun");
  if (VERB_BASE.size > 5000) VERB_BASE.clear();
  VERB_BASE.set(word, out);
  return out;
}

/**
 * A word ending in -s that is the verb of its clause, not a plural noun: after a pronoun ("it captures coding
 * activity"), before a pronoun ("deduplicates them"), or a verb after a singular noun and before its object
 * ("iOS requires notification categories", "a worker handles the upload", "the frontend handles upload").
 * "maintenance requests are raised" stays a noun: nothing like an object follows.
 */
export function verbInContext(clause: string[], tags: string[][], k: number): boolean {
  const word = clause[k] ?? "";
  if (!/^[a-z]+s$/.test(word)) return false;
  const t = tags[k] ?? [];
  const prev = tags[k - 1] ?? [];
  const next = tags[k + 1] ?? [];
  const nextWord = clause[k + 1] ?? "";
  if (prev.includes("Pronoun") && PRONOUNS.has(clause[k - 1] ?? "") && !DETERMINERS.has(clause[k - 1] ?? ""))
    return true;
  if (PRONOUNS.has(nextWord) && /^(?:it|them|us|you|me|him|her)$/.test(nextWord)) return true;
  const base = word.replace(/(?:es|s)$/, "");
  const verbish = (t.includes("Verb") && !t.includes("Noun")) || verbWord(word.slice(0, -1)) || verbWord(base);
  if (!verbish) return false;
  // The subject: a singular noun, or any word right after an article ("the frontend handles …").
  const subject =
    /^[a-z]/.test(clause[k - 1] ?? "") &&
    !NOT_VERBS.has(clause[k - 1] ?? "") &&
    ((prev.includes("Noun") && !prev.includes("Plural")) || /^(?:a|an|the)$/.test(clause[k - 2] ?? ""));
  const object =
    /^[a-z]/.test(nextWord) &&
    !/^(?:and|or|but|in|on|at|for|with|from|to|of|by|per|are|is|were|was|can|should|must|will|may)$/.test(nextWord) &&
    (next.includes("Determiner") ||
      next.includes("Noun") ||
      next.includes("Adjective") ||
      next.includes("Gerund") ||
      (next.includes("Infinitive") && !next.includes("PastTense")) ||
      DETERMINERS.has(nextWord));
  return subject && object;
}

/** Item token positions of a list starting at `from`: split on "," / "and" / "or" / "plus", ends at "that"/"which"/... */
export function splitList(clause: string[], from: number): number[][] {
  const items: number[][] = [];
  let current: number[] = [];
  let depth = 0;
  for (let i = from; i < clause.length; i++) {
    const t = clause[i];
    if (t === "(") depth++;
    if (t === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && LIST_END.has(t)) break;
    if (depth === 0 && (t === "," || t === "and" || t === "or" || t === "plus")) {
      if (current.length) items.push(current);
      current = [];
      continue;
    }
    current.push(i);
  }
  if (current.length) items.push(current);
  return items;
}

/** Drops determiners and quantifiers and stops at prepositions: "an optional due date for the task" → "due date". */
export function stripItem(tokens: string[]): string {
  let i = 0;
  while (i < tokens.length && DETERMINERS.has(tokens[i])) i++;
  const out: string[] = [];
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    if (ITEM_STOP.has(t) || t === "(" || t === ")" || t === ":" || t === "/") break;
    if (t === "of" && !/^(date|number|place|time|proof|point|terms)$/.test(tokens[i - 1] ?? "")) break;
    out.push(t);
  }
  return out.join(" ").trim();
}

/** Token positions where a clause segment starts: the clause start and after ":", ",", "and". */
export function segmentStarts(clause: string[]): number[] {
  const out = [0];
  clause.forEach((t, k) => {
    if ((t === ":" || t === "," || t === "and" || t === "while") && k + 1 < clause.length) out.push(k + 1);
  });
  return out;
}

const TAG_CACHE = new Map<string, string[][]>();

/** compromise's tags for each token of a clause (punctuation tokens get none); memoised, tagging is the slow part. */
export function termTags(clause: string[]): string[][] {
  const key = clause.join(" ");
  const hit = TAG_CACHE.get(key);
  if (hit) return hit;
  if (TAG_CACHE.size > 2000) TAG_CACHE.clear();
  const tags = tagClause(clause);
  TAG_CACHE.set(key, tags);
  return tags;
}

/**
 * Verbs that start feature bullets and instructions ("Track expenses per trip", "Share gardens with family"):
 * at the start of a clause, or after "and"/"or"/a comma, they are the verb, never a noun modifying the next word
 * (compromise reads a capitalised first word as a noun). Words that also name records ("book", "order",
 * "project", "post", "review") are left out: "Book reviews" may be a table.
 */
const IMPERATIVES = new Set(
  (
    "track log share manage create view browse search upload download invite follow organize organise schedule " +
    "send receive save store export import generate monitor analyze analyse compare discover explore find join add " +
    "edit delete remove set get build customize customise sync connect submit assign approve publish write read " +
    "watch listen record collect capture visualize visualise earn redeem claim buy sell rent donate filter sort pin " +
    "mark complete finish start launch host register subscribe pay split convert translate summarize summarise ask " +
    "learn practice practise study teach train measure count calculate predict recommend swipe scan print check " +
    "reserve cancel keep see browse manage access leave rank vote"
  ).split(" "),
);

/**
 * Verbs that also name records ("book", "plan", "order"): read as the verb only as the first word of a clause or
 * list item ("- Book travel", "- Plan trips"), never after "and"/"or"/a comma, where "book reviews" may be a table.
 */
const CLAUSE_START_IMPERATIVES = new Set(["book", "plan", "order"]);

/** Re-reads a clause-initial imperative (see IMPERATIVES) as a verb, and the plural after it as a noun. */
function imperatives(clause: string[], out: string[][]): void {
  const words = clause.map((t, i) => ({ t, i })).filter(({ t }) => /^[a-z0-9]/.test(t) || t === "," || t === ":");
  words.forEach(({ t, i }, k) => {
    const before = words[k - 1]?.t;
    const leads =
      IMPERATIVES.has(t) && (k === 0 || before === "and" || before === "or" || before === "," || before === ":");
    if (!leads && !(k === 0 && CLAUSE_START_IMPERATIVES.has(t))) return;
    const next = words[k + 1];
    if (!next || !/^[a-z]/.test(next.t)) return;
    const tags = out[next.i] ?? [];
    const nextNoun = tags.includes("Noun") || (tags.includes("Verb") && /s$/.test(next.t));
    if (!nextNoun || !(out[i] ?? []).includes("Noun")) return;
    out[i] = ["Verb", "Imperative", "Infinitive"];
    if (!tags.includes("Noun")) out[next.i] = ["Noun", "Plural"];
  });
}

function tagClause(clause: string[]): string[][] {
  const out: string[][] = clause.map(() => []);
  const doc = nlp(clause.filter((t) => /^[a-z0-9]/.test(t)).join(" "));
  const terms = (doc.terms().json() as Array<{ terms: Array<{ tags: string[]; normal?: string; text?: string }> }>).map(
    (t) => t.terms[0],
  );
  // compromise may split a token ("concept-learning" → concept, learning): align on the letters, not the index,
  // and give the token the tags of its last term (the head of a compound).
  const letters = (x: string): string => x.toLowerCase().replace(/[^a-z0-9]/g, "");
  let k = 0;
  clause.forEach((t, i) => {
    if (!/^[a-z0-9]/.test(t)) return;
    const want = letters(t);
    let got = "";
    let tags: string[] = [];
    while (k < terms.length && got.length < want.length) {
      const term = terms[k++];
      got += letters(term?.normal ?? term?.text ?? "");
      tags = term?.tags ?? [];
      if (!want.startsWith(got)) break;
    }
    out[i] = tags;
  });
  imperatives(clause, out);
  return out;
}
