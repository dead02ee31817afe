/**
 * Nouns a request introduces that the library does not know ("plants", "watering logs", "tweets"): they become
 * entities of the Vocabulary before facts are extracted.
 */
import { ATTRIBUTE_WORDS, NON_ENTITY_WORDS } from "./knowledge/attributes";
import { notationFor } from "./fields";
import { roleOf, type Vocabulary } from "./lexicon";
import { camel, singularPhrase } from "./names";
import {
  APP_TRIGGERS,
  ATTR_TRIGGERS,
  DETERMINERS,
  INTERFACE_WORDS,
  MANY,
  NOT_VERBS,
  segmentStarts,
  splitList,
  stripItem,
  termTags,
  VERBISH,
  verbInContext,
} from "./tokens";

/**
 * Adds nouns the request introduces: items of app-level lists ("an app to track plants and watering logs"),
 * plural subjects ("riders request trips"), objects of a verb after an entity ("users post tweets") and plural
 * things an entity has that are not attributes ("boards have columns").
 */
export function discoverNouns(clause: string[], vocab: Vocabulary): void {
  const tags = termTags(clause);
  const add = (phrase: string | undefined): void => {
    if (phrase) vocab.add(singularPhrase(phrase));
  };
  appLists(clause, vocab, tags).forEach(add);
  perEntity(clause, vocab, tags).forEach(add);
  verbObjects(clause, vocab, tags).forEach(add);
  for (const start of segmentStarts(clause)) {
    let i = start;
    while (i < clause.length && DETERMINERS.has(clause[i])) i++;
    const subject = candidateAt(clause, i, vocab, tags);
    if (subject && isVerbish(clause, subject.end, tags)) add(subject.phrase);
  }
  for (const m of vocab.mentions(clause, tags)) {
    // "save recipes into collections", "add songs to their playlists": the container is a noun too.
    const into =
      /^(?:into|onto|inside)$/.test(clause[m.end] ?? "") ||
      (/^(?:to|in)$/.test(clause[m.end] ?? "") &&
        /^(?:their|his|her|my|your|our|custom|named|shared|personal|private|public)$/.test(clause[m.end + 1] ?? ""));
    if (into) {
      let j = m.end + 1;
      while (
        j < clause.length &&
        (DETERMINERS.has(clause[j]) || /^(?:custom|named|shared|personal|private|public)$/.test(clause[j]))
      )
        j++;
      const container = candidateAt(clause, j, vocab, tags);
      if (container) add(container.phrase);
    }
    let k = m.end;
    const has = ATTR_TRIGGERS.has(clause[k] ?? "") && clause[k] !== ":" && clause[k] !== "(";
    let steps = 0;
    while (
      k < clause.length &&
      steps < 3 &&
      ((steps === 0 && /^(?:who|that|which)$/.test(clause[k])) ||
        VERBISH.has(clause[k]) ||
        (clause[k] === "and" && steps === 0) ||
        (steps > 0 && /^(in|at|on|into|for|with|to|from|by)$/.test(clause[k])) ||
        DETERMINERS.has(clause[k]) ||
        (((tags[k] ?? []).includes("Verb") || ATTR_TRIGGERS.has(clause[k])) &&
          !(steps > 0 && (tags[k] ?? []).includes("Plural") && (tags[k] ?? []).includes("Noun"))))
    )
      k++, steps++;
    if (steps === 0) continue;
    const object = candidateAt(clause, k, vocab, tags);
    if (!object) continue;
    if (has && notationFor("", camel(object.phrase)).notation !== "string") continue;
    add(object.phrase);
  }
}

/** "save bookmarks", "upload receipts", "send invoices": a plural noun right after a verb is a thing the app keeps. */
function verbObjects(clause: string[], vocab: Vocabulary, tags: string[][]): string[] {
  const out: string[] = [];
  clause.forEach((t, k) => {
    const tg = tags[k] ?? [];
    if (
      !tg.includes("Verb") ||
      tg.includes("Auxiliary") ||
      tg.includes("Modal") ||
      tg.includes("Noun") ||
      VERBISH.has(t) ||
      NOT_VERBS.has(t)
    )
      return;
    let j = k + 1;
    while (
      j < clause.length &&
      j - k <= 3 &&
      (DETERMINERS.has(clause[j]) ||
        /^(?:new|custom|other|favorite|favourite|daily|recurring|shared|private|public|personal)$/.test(clause[j]))
    )
      j++;
    const object = candidateAt(clause, j, vocab, tags);
    if (object) out.push(object.phrase);
  });
  return out;
}

/** "keep a log entry for each workout", "a score per round": a singular thing kept per entity is a table. */
function perEntity(clause: string[], vocab: Vocabulary, tags: string[][]): string[] {
  const out: string[] = [];
  clause.forEach((t, k) => {
    const per = t === "per" ? 1 : t === "for" && /^(?:each|every)$/.test(clause[k + 1] ?? "") ? 2 : 0;
    if (!per || k < 2) return;
    for (const n of [2, 1]) {
      const ws = clause.slice(k - n, k);
      const before = clause[k - n - 1] ?? "";
      if (
        !/^(?:a|an|one|the|own|separate)$/.test(before) ||
        ws.some((w) => !/^[a-z]+$/.test(w) || DETERMINERS.has(w) || VERBISH.has(w))
      )
        continue;
      const phrase = ws.join(" ");
      if (vocab.mentions(ws).some((m) => m.end === ws.length && m.start === 0) || !acceptable(phrase)) break;
      if (n === 2 && (tags[k - 2] ?? []).includes("Verb") && !(tags[k - 2] ?? []).includes("Noun")) continue;
      out.push(phrase);
      break;
    }
  });
  return out;
}

/** Items of lists that describe the app rather than an entity. */
function appLists(clause: string[], vocab: Vocabulary, tags: string[][]): string[] {
  const out: string[] = [];
  for (let i = 0; i < clause.length; i++) {
    if (!APP_TRIGGERS.has(clause[i])) continue;
    if (vocab.mentions(clause.slice(0, i)).length > 0 && !clause.slice(i + 1, i + 3).some((t) => MANY.has(t))) continue;
    for (const item of splitList(clause, i + 1)) {
      const phrase = stripItem(item.map((k) => clause[k]));
      if (!phrase || phrase.split(" ").length > 3) continue;
      const ws = phrase.split(" ");
      if (ws.some((w) => VERBISH.has(w)) || vocab.mentions(ws).some((m) => m.end === ws.length)) continue;
      const last = ws[ws.length - 1];
      const lastIndex = item.find((k) => clause[k] === last) ?? item[item.length - 1];
      const firstIndex = lastIndex - (ws.length - 1);
      const verbAt = (k: number): boolean =>
        (tags[k] ?? []).includes("Verb") && !(tags[k] ?? []).includes("Gerund") && !(tags[k] ?? []).includes("Noun");
      // "manage invoices" is a verb phrase; "service records" is a noun (compromise may tag "service" a verb).
      if (ws.length > 1 && ws.slice(0, -1).some((w, j) => verbAt(firstIndex + j) && !vocab.has(w))) continue;
      if (ws.length > 2 || vocab.mentions(ws).length > 1) continue;
      const lastTags = tags[lastIndex] ?? [];
      if (verbInContext(clause, tags, lastIndex)) continue;
      // "responsive layouts", "educational purposes": a describing word before the noun is no part of a record's
      // name; the noun alone is read where it stands.
      if (ws.length === 2 && adjectiveAt(tags, firstIndex)) {
        if (singularPhrase(last) !== last && !lastTags.includes("Adjective") && acceptable(last)) {
          out.push(last);
          continue;
        }
      }
      const plural = singularPhrase(last) !== last;
      // "a watering log for each plant": a singular item kept per entity is a table too.
      const perEntity =
        /^(?:for each|for every|per)$/.test(clause.slice(lastIndex + 1, lastIndex + 3).join(" ")) ||
        clause[lastIndex + 1] === "per";
      if ((!plural && !perEntity) || lastTags.includes("Adjective") || lastTags.includes("Adverb")) continue;
      if (!acceptable(phrase)) continue;
      out.push(phrase);
    }
    break;
  }
  return out;
}

/** compromise reads the word as an adjective and not as a noun ("responsive", "international", "weakest"). */
function adjectiveAt(tags: string[][], k: number): boolean {
  const t = tags[k] ?? [];
  return t.includes("Adjective") && !t.includes("Noun");
}

function acceptable(phrase: string): boolean {
  const single = singularPhrase(phrase);
  const last = single.split(" ").pop() ?? "";
  if (
    NON_ENTITY_WORDS.has(single) ||
    NON_ENTITY_WORDS.has(last) ||
    ATTRIBUTE_WORDS.has(last) ||
    INTERFACE_WORDS.has(last) ||
    roleOf(single)
  )
    return false;
  // "bedrooms", "skills", "scores": words that name a typed value are attributes, not tables.
  return ["string", "text", "any"].includes(notationFor("", camel(phrase)).notation);
}

/** An unknown plural noun phrase (one or two words) starting at `k`. */
function candidateAt(
  clause: string[],
  k: number,
  vocab: Vocabulary,
  tags: string[][],
): { phrase: string; end: number } | undefined {
  for (const n of [2, 1]) {
    const ws = clause.slice(k, k + n);
    if (
      ws.length < n ||
      ws.some((w) => !/^[a-z]+$/.test(w) || DETERMINERS.has(w) || VERBISH.has(w) || NOT_VERBS.has(w))
    )
      continue;
    const last = ws[n - 1];
    const lastTags = tags[k + n - 1] ?? [];
    if (singularPhrase(last) === last || lastTags.includes("Adjective") || lastTags.includes("Adverb")) continue;
    // "it captures coding activity", "iOS requires notification categories": a verb, not a plural noun.
    if (verbInContext(clause, tags, k + n - 1)) return undefined;
    // "writes go through the api", "uses", "needs": a lone word the tagger reads as a verb, with no noun before it.
    if (n === 1 && lastTags.includes("Verb") && !lastTags.includes("Noun") && !(tags[k - 1] ?? []).includes("Noun"))
      continue;
    // "all commands", "all changes": a quantifier is no part of a name.
    if (n === 2 && /^(?:all|both|every|each)$/.test(ws[0])) continue;
    if (n === 2 && !(tags[k] ?? []).some((t) => t === "Noun" || t === "Adjective" || t === "Gerund")) continue;
    if ((tags[k] ?? []).includes("Pronoun")) continue;
    const phrase = ws.join(" ");
    if (vocab.mentions(ws).length > 0 || !acceptable(phrase)) continue;
    return { phrase, end: k + n };
  }
  return undefined;
}

function isVerbish(clause: string[], k: number, tags: string[][]): boolean {
  const t = clause[k] ?? "";
  return (
    VERBISH.has(t) ||
    t === "who" ||
    t === "that" ||
    ((tags[k] ?? []).includes("Verb") && !(tags[k] ?? []).includes("Noun"))
  );
}
