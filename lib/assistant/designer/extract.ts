/**
 * Facts from a design request: which entities the user names, their attributes, and how they relate.
 * Works clause by clause on tokens; entity mentions come from the Vocabulary, direction of ambiguous relations
 * ("appointments with doctors") from the entity library.
 */
import { ATTRIBUTE_WORDS, ENUM_ATTRIBUTES, NON_ENTITY_WORDS } from "./knowledge/attributes";
import { DOMAINS, INTERACTION_VERBS, JOINS, MANY_TO_MANY_VERBS, ROLE_VERBS } from "./knowledge/domains";
import { emptyDirectives, type Directives } from "./directives";
import type { DomainKnowledge } from "./knowledge/types";
import { canonical, knowledgeOf, roleOf, type Mention, type Vocabulary } from "./lexicon";
import { looseValues, PEOPLE, valueSets } from "./value-sets";
import { singularPhrase } from "./names";
import {
  ATTR_TRIGGERS,
  BELONGS,
  DETERMINERS,
  HAS,
  NOT_VERBS,
  segmentStarts,
  splitList,
  stripItem,
  termTags,
  VERB,
  VERBISH,
} from "./tokens";

export interface AttributeFact {
  entity: string;
  phrase: string;
  values?: string[];
  optional?: boolean;
  unit?: string /** Files in Convex storage: an array of storage ids. */;
  storage?: boolean;
}

const MEDIA = /^(?:photo|image|picture|video|attachment|file|screenshot|document|pdf|recording|thumbnail)$/;
export interface RelationFact {
  child: string;
  parent: string;
  /** Field name when it is not `<parent>Id` (roles, library names). */
  field?: string;
  optional?: boolean;
  /** "deals have a company": a reference only if "company" is a table of the design, else an attribute. */
  soft?: boolean;
}
export interface RoleFact {
  entity: string;
  role: string /** Entity the role points at when named ("who is also an employee"). */;
  target?: string;
}
/** "filter tickets by status": the entity needs an index led by that field. */
export interface IndexFact {
  entity: string;
  phrase: string;
}

export interface Facts {
  domains: DomainKnowledge[];
  /** Entities the user named, in order of first mention. */
  explicit: string[];
  attributes: AttributeFact[];
  relations: RelationFact[];
  manyToMany: Array<[string, string]>;
  roles: RoleFact[];
  indexes: IndexFact[];
  /** Constraints and search wishes about the whole design. */
  directives: Directives;
  /** Media words read as storage fields ("with photos"): not tables unless named on their own elsewhere. */
  media: string[];
  /** Values of a known kind mentioned in passing ("from todo to done"), on the nearest entity when there is one. */
  looseValues: Array<{ entity?: string; field: string; values: string[] }>;
  /** Kinds of people the request names, in order ("parent", "freelancer"). */
  people: string[];
  /** The entities each clause names, in order: records named together are often linked. */
  clauses: string[][];
  /**
   * Words the request uses as the head of a noun phrase somewhere (singular), when known: a word only ever seen in
   * front of another noun ("maintenance requests", "feedback comments") is a modifier there.
   */
  heads?: Set<string>;
}

/** Facts with nothing read yet; `given` fills what a caller already knows (domains, named entities, clauses). */
export function emptyFacts(given: Partial<Facts> = {}): Facts {
  return {
    domains: [],
    explicit: [],
    attributes: [],
    relations: [],
    manyToMany: [],
    roles: [],
    indexes: [],
    directives: emptyDirectives(),
    media: [],
    looseValues: [],
    people: [],
    clauses: [],
    ...given,
  };
}

/** Domains whose keywords appear in the text, strongest (most keyword hits) first. */
export function detectDomains(text: string): DomainKnowledge[] {
  const scored = DOMAINS.map((d) => ({
    d,
    hits: d.keywords.filter((k) =>
      new RegExp(`(^|[^a-z])${k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^a-z]|$)`).test(text),
    ).length,
  }));
  return scored
    .filter((s) => s.hits > 0)
    .sort((a, b) => b.hits - a.hits)
    .map((s) => s.d);
}

/** Facts of one clause, appended to `facts`. */
export function extractClause(clause: string[], vocab: Vocabulary, facts: Facts): void {
  const found = vocab.mentions(clause, termTags(clause));
  const choices = valueSets(clause, found);
  const loose = looseValues(clause, found, choices.spans);
  // "tasks move from todo to done": a state named in passing is a value, not the entity of the same name.
  const mentions = found.filter((m) => m.plural || !loose.some((v) => v.positions.includes(m.start)));
  facts.clauses.push(mentions.map((m) => m.entity));
  const noteExplicit = (m: Mention): void => {
    if (!facts.explicit.includes(m.entity)) facts.explicit.push(m.entity);
  };
  const firstNew = facts.explicit.length;
  for (const m of mentions) if (m.plural) noteExplicit(m);
  if (clause.includes("manytomany") && distinct(mentions).length === 2) {
    const [a, b] = distinct(mentions);
    facts.manyToMany.push([a.entity, b.entity]);
    noteExplicit(a);
    noteExplicit(b);
  } else if (clause.includes("manytomany") && mentions.length > 2) {
    // "posts with tags (many-to-many) and comments": the mention just before the marker pairs with the subject.
    const at = clause.indexOf("manytomany");
    const before = [...mentions].reverse().find((m) => m.end <= at && at - m.end <= 2);
    const owner =
      before &&
      [...mentions]
        .reverse()
        .find(
          (m) =>
            m.end <= before.start &&
            /\b(has|have|with|contains?|can have)\b/.test(clause.slice(m.end, before.start).join(" ")),
        );
    if (before && owner) facts.manyToMany.push([owner.entity, before.entity]);
  }
  const inChoice = (k: number): boolean => [...choices.spans].some(([s, e]) => k >= s && k < e);
  let listSubject: { m: Mention; kind: RelationKind } | undefined;
  let lastSubject: Mention | undefined;
  let perSubject: Mention | undefined;
  roleSubject(clause, mentions, facts);
  // "tasks of project have an assignee": the head noun, not the possessor, is the subject of what follows.
  const headOf = (m: Mention): Mention =>
    (clause[m.start - 1] === "of" && mentions.find((h) => h.end === m.start - 1 && h.plural)) || m;
  // "restaurant waitlists", "project tasks", "item photos": a record named right before another qualifies it.
  for (let i = 0; i + 1 < mentions.length; i++) {
    const [q, h] = [mentions[i], mentions[i + 1]];
    if (
      q.end === h.start &&
      !q.plural &&
      q.entity !== h.entity &&
      !isUserKey(q.entity) &&
      !facts.relations.some((r) => r.child === h.entity && r.parent === q.entity)
    ) {
      facts.relations.push({
        child: h.entity,
        parent: q.entity,
        field: libraryRef(h.entity, q.entity),
        optional: true,
      });
      noteExplicit(q);
    }
  }
  for (let i = 0; i + 1 < mentions.length; i++) {
    const a = headOf(mentions[i]);
    const b = mentions[i + 1];
    // Parenthetical remarks do not separate list items: "labels (many to many) and checklists".
    // Choices ("public or private") between two mentions do not change how they relate.
    const between = clause
      .slice(a.end, b.start)
      .filter((_, k) => !inChoice(a.end + k))
      .join(" ")
      .replace(/\( [^)]*\)/g, "")
      .replace(/\s+/g, " ")
      .trim();
    if (
      listSubject &&
      listSubject.kind !== "belongs" &&
      /^(?:,|and|or|, and|, or|as well as|plus)(?: (?:a|an|the|many|multiple|some))?$/.test(between)
    ) {
      relate(listSubject.m, b, listSubject.kind, between, facts);
      noteExplicit(b);
      continue;
    }
    // "each order belongs to a customer and a store", "every booking references a trip and an event": a second
    // parent, named with its own article.
    if (listSubject?.kind === "belongs" && !b.plural && /^,? ?(?:and|or|as well as|plus) (?:a|an|one)$/.test(between)) {
      relate(listSubject.m, b, "belongs", between, facts);
      noteExplicit(b);
      continue;
    }
    // "tasks can be assigned to a user and have comments": the clause subject has the comments.
    const subject = lastSubject ?? mentions[0];
    const andHas = /^and (.*)$/.exec(between);
    if (andHas && subject !== a && (HAS.test(andHas[1]) || BELONGS.test(andHas[1]))) {
      const k = relationKind(andHas[1], subject, b, facts);
      if (k) relate(subject, b, k, andHas[1], facts);
      noteExplicit(b);
      listSubject = k ? { m: subject, kind: k } : undefined;
      continue;
    }
    // "grades per student per assignment": every "per" attaches to the first subject.
    if (/^(?:per|for each|for every)$/.test(between) && perSubject && perSubject !== a) {
      relate(perSubject, b, "belongs", between, facts);
      noteExplicit(b);
      continue;
    }
    if (/^(?:per|for each|for every)$/.test(between)) perSubject = a;
    // "agents get assigned tickets": the object gets the role reference.
    const inverse = /^(?:can |may |will )?(?:get|gets|are|is|be) assigned(?: (?:a|an|the|some))?$/.exec(between);
    if (inverse) {
      facts.relations.push({ child: b.entity, parent: a.entity, field: "assigneeId", optional: true });
      noteExplicit(a);
      noteExplicit(b);
      continue;
    }
    // "users save recipes into collections": collections hold recipes (many-to-many) and belong to the user.
    const c = mentions[i + 2];
    const saveVerb =
      /^(?:can |may |will )?(?:save|saves|add|adds|put|puts|organize|organizes|organise|organises|group|groups|sort|sorts|collect|collects|pin|pins|file|files|store|stores|bookmark|bookmarks|curate|curates|gather|gathers|keep|keeps)(?: (?:their|the|a|an|some|favorite|favourite))?$/.test(
        between,
      );
    if (
      saveVerb &&
      c &&
      /^(?:into|onto|inside|to|in)(?: (?:their|his|her|my|your|our|a|an|the|custom|named|shared|personal|private|public))*$/.test(
        clause.slice(b.end, c.start).join(" "),
      ) &&
      c.entity !== b.entity &&
      c.entity !== a.entity
    ) {
      facts.manyToMany.push([c.entity, b.entity]);
      facts.relations.push({ child: c.entity, parent: a.entity, field: libraryRef(c.entity, a.entity) });
      noteExplicit(a);
      noteExplicit(b);
      noteExplicit(c);
      lastSubject = a;
      i++;
      continue;
    }
    const before = facts.relations.length;
    const kind = relationKind(between, a, b, facts);
    listSubject = kind ? { m: a, kind } : undefined;
    if (kind || facts.relations.length > before) lastSubject = a;
    if (kind) {
      // "has a dedicated maintenance team": a record named right before another only qualifies it; the link goes
      // to the head.
      const next = mentions[i + 2];
      const head =
        next && next.start === b.end && !b.plural && next.entity !== b.entity && next.entity !== a.entity ? next : b;
      relate(a, head, kind, between, facts, mentions);
      noteExplicit(a);
      if (kind !== "has" || head.plural || /many|multiple|several/.test(between)) noteExplicit(head);
    }
  }
  for (const v of choices.facts) facts.attributes.push({ entity: v.entity, phrase: v.field, values: v.values });
  for (const v of loose) facts.looseValues.push({ entity: v.entity, field: v.field, values: v.values });
  // The kinds of people an app names ("parents, students and freelancers") are the values of the users' role.
  for (const t of clause) {
    const single = singularPhrase(t);
    if (PEOPLE.has(single) && single !== "user" && !facts.people.includes(single)) facts.people.push(single);
  }
  attributeLists(clause, mentions, facts, choices.spans, firstNew);
  verbEntities(clause, mentions, vocab, facts);
  filters(clause, mentions, facts);
}

function isUserKey(entity: string): boolean {
  return entity === "user" || canonical(entity) === "user";
}

/** Verb forms that name the record of the action: "users react to messages" → reactions. */
const VERB_ENTITIES: Record<string, string> = {
  react: "reaction",
  reacts: "reaction",
  reacted: "reaction",
  like: "like",
  likes: "like",
  liked: "like",
  upvote: "vote",
  upvotes: "vote",
  downvote: "vote",
  downvotes: "vote",
  vote: "vote",
  votes: "vote",
  rate: "rating",
  rates: "rating",
  rated: "rating",
  review: "review",
  reviews: "review",
  reviewed: "review",
  comment: "comment",
  comments: "comment",
  commented: "comment",
  bookmark: "bookmark",
  bookmarks: "bookmark",
  favorite: "favorite",
  favorites: "favorite",
  favourite: "favorite",
  favourites: "favorite",
  favorited: "favorite",
  rsvp: "rsvp",
  rsvps: "rsvp",
  star: "star",
  stars: "star",
  starred: "star",
};

/** true when the verb between two different mentions is recorded as its own entity (see verbEntities). */
function recordedVerb(verb: string): boolean {
  return verb in VERB_ENTITIES;
}

/** "users like tweets", "users comment on photos": a verb that names an entity creates it, linked to both sides. */
function verbEntities(clause: string[], mentions: Mention[], vocab: Vocabulary, facts: Facts): void {
  const tags = termTags(clause);
  clause.forEach((t, k) => {
    const entity = VERB_ENTITIES[t] ?? (INTERACTION_VERBS.has(t) && vocab.has(t) ? t : undefined);
    if (!entity || mentions.some((m) => m.start === k)) return;
    if (!VERB_ENTITIES[t] && !(tags[k] ?? []).includes("Verb")) return;
    const object = mentions.find(
      (m) =>
        m.start > k &&
        m.start - k <= 3 &&
        clause.slice(k + 1, m.start).every((w) => /^(on|the|a|an|other|their|its|to|for|with|at)$/.test(w)),
    );
    // "React to messages with emojis" (a feature list): the people using the app do it.
    const implied =
      k === 0 || (k <= 2 && /^(?:can|to|and|users?|you)$/.test(clause[k - 1] ?? ""))
        ? { start: -1, end: -1, entity: "user", plural: true }
        : undefined;
    const subject = [...mentions].reverse().find((m) => m.end <= k) ?? implied;
    if (!object || !subject || subject.entity === object.entity || subject.entity === entity) return;
    vocab.add(entity);
    if (!facts.explicit.includes(entity)) facts.explicit.push(entity);
    facts.relations.push({ child: entity, parent: object.entity, field: libraryRef(entity, object.entity) });
    facts.relations.push({ child: entity, parent: subject.entity, field: libraryRef(entity, subject.entity) });
    // "react to messages with emojis": what the action is done with belongs to the reaction, not the message.
    if (clause[object.end] === "with") {
      const phrase = stripItem((splitList(clause, object.end + 1)[0] ?? []).map((j) => clause[j]));
      for (const a of facts.attributes) {
        if (a.entity === object.entity && a.phrase === phrase)
          Object.assign(a, { entity, phrase: singularPhrase(phrase) });
      }
    }
  });
}

const FILTER_VERBS = new Set([
  "filter",
  "query",
  "find",
  "lookup",
  "look",
  "sort",
  "group",
  "fetch",
  "list",
  "show",
  "see",
  "search",
  "browse",
  "order",
  "load",
  "get",
]);

/** "filter tickets by status", "look up articles by slug". */
function filters(clause: string[], mentions: Mention[], facts: Facts): void {
  for (const m of mentions) {
    if (clause[m.end] !== "by") continue;
    const before = clause.slice(Math.max(0, m.start - 4), m.start);
    if (!before.some((w) => FILTER_VERBS.has(w))) continue;
    const phrase = stripItem(clause.slice(m.end + 1, m.end + 4));
    if (phrase) facts.indexes.push({ entity: m.entity, phrase });
  }
}

/** Words that describe the record after them ("dedicated", "assigned", "primary"), never glue between records. */
const DESCRIBER =
  /^(?:[a-z]+(?:ed|al|ive|ous|ic|ful|ary|ble)|main|primary|single|default|specific|personal|shared|private|public|new|own|current|home|parent|linked)$/;

/** `between` without up to two describing words at its end ("has a dedicated maintenance" → "has a"). */
function withoutDescribers(between: string): string {
  const ws = between.split(" ");
  let cut = 0;
  // "a dedicated maintenance team": one plain noun may follow the describing word.
  if (
    ws.length >= 3 &&
    DESCRIBER.test(ws[ws.length - 2]) &&
    /^[a-z]+$/.test(ws[ws.length - 1]) &&
    !VERBISH.has(ws[ws.length - 1])
  )
    cut = 2;
  else if (ws.length >= 2 && DESCRIBER.test(ws[ws.length - 1])) cut = 1;
  if (!cut) return between;
  const rest = ws.slice(0, ws.length - cut);
  // The verb itself ("is linked", "assigned") is not a describing word.
  if (!/^(?:a|an|the|one|its|their|each|every|exactly one)$/.test(rest[rest.length - 1] ?? "")) return between;
  return rest.join(" ");
}

/** How the text between two mentions relates them, or undefined when it does not. */
type RelationKind = "has" | "belongs" | "m2m" | "verb";

function relationKind(between: string, a: Mention, b: Mention, facts: Facts): RelationKind | undefined {
  for (const [verb, role] of Object.entries(ROLE_VERBS)) {
    if (new RegExp(`(^| )${verb}( (a|an|one|the|some))?$`).test(between)) {
      facts.relations.push({ child: a.entity, parent: b.entity, field: `${role}Id`, optional: role === "assignee" });
      return undefined;
    }
  }
  const many = /\b(many|multiple|several|various|numerous|any number)\b/.test(between);
  if (BELONGS.test(between)) return many ? "m2m" : "belongs";
  if (HAS.test(between)) return "has";
  // "must have a dedicated maintenance team", "belongs to an assigned support agent": describing words before the
  // record do not change how the two relate.
  const plain = withoutDescribers(between);
  if (plain !== between && BELONGS.test(plain)) return many ? "m2m" : "belongs";
  if (plain !== between && HAS.test(plain)) return "has";
  const verb = VERB.exec(between);
  if (verb && recordedVerb(verb[1]) && a.entity !== b.entity) return undefined;
  if (verb && !NOT_VERBS.has(verb[1]) && between.split(" ").length <= 5) {
    if (many || MANY_TO_MANY_VERBS.has(verb[1])) return "m2m";
    const prep = /\b(in|into|on|to|for|at|under|from|inside|within)\b/.test(between);
    if (prep) return "belongs";
    return "verb";
  }
  return undefined;
}

function relate(a: Mention, b: Mention, kind: RelationKind, between: string, facts: Facts, others?: Mention[]): void {
  if (kind === "m2m") {
    facts.manyToMany.push([a.entity, b.entity]);
    return;
  }
  // The library knows the direction of common pairs ("appointments with doctors", "users write posts").
  const libraryAB = libraryRef(a.entity, b.entity);
  const libraryBA = libraryRef(b.entity, a.entity);
  const direct = libraryRefExists(a.entity, b.entity) || libraryRefExists(b.entity, a.entity);
  if (kind === "belongs") {
    // "students enroll in courses": a known many-to-many pair; "categories for transactions": the library's direction.
    if (!direct && knownJoin(a.entity, b.entity)) facts.manyToMany.push([a.entity, b.entity]);
    else if (
      /^(?:for|of|with|about|on)\b/.test(between) &&
      !libraryRefExists(a.entity, b.entity) &&
      libraryRefExists(b.entity, a.entity)
    )
      facts.relations.push({ child: b.entity, parent: a.entity, field: libraryBA });
    else facts.relations.push({ child: a.entity, parent: b.entity, field: libraryAB });
    return;
  }
  const quantified = /\b(many|multiple|several|various|numerous|any number|list)\b/.test(between);
  const many = quantified || b.plural;
  if (kind === "has" && many && knownJoin(a.entity, b.entity) && (quantified || !direct)) {
    facts.manyToMany.push([a.entity, b.entity]);
    return;
  }
  // "invoices sent to clients with line items": line items belong to invoices (library), not to clients.
  if (
    kind === "has" &&
    /^with\b/.test(between) &&
    !direct &&
    (others ?? []).some((o) => o !== a && o.entity !== b.entity && libraryRefExists(b.entity, o.entity))
  )
    return;
  if (kind === "has") {
    // "each organization has a subscription": the library says the subscription points at the organization.
    if (!many && libraryRefExists(b.entity, a.entity) && !libraryRefExists(a.entity, b.entity))
      facts.relations.push({ child: b.entity, parent: a.entity, field: libraryBA });
    else if (!many)
      facts.relations.push({
        child: a.entity,
        parent: b.entity,
        field: libraryAB,
        soft: /\b(a|an|one)$/.test(between) && !libraryRefExists(a.entity, b.entity),
      });
    else if (libraryRefExists(a.entity, b.entity) && !libraryRefExists(b.entity, a.entity) && a.entity !== b.entity)
      facts.relations.push({ child: a.entity, parent: b.entity, field: libraryAB });
    else if (!libraryRefExists(b.entity, a.entity) && knowledgeOf(b.entity)?.shared && !knowledgeOf(a.entity)?.shared)
      facts.manyToMany.push([a.entity, b.entity]);
    else facts.relations.push({ child: b.entity, parent: a.entity, field: libraryBA });
    return;
  }
  // "customers place orders": the object belongs to the subject, unless it is shared ("students take courses").
  if (libraryRefExists(b.entity, a.entity))
    facts.relations.push({ child: b.entity, parent: a.entity, field: libraryBA });
  else if (libraryRefExists(a.entity, b.entity))
    facts.relations.push({ child: a.entity, parent: b.entity, field: libraryAB });
  else if (a.entity === b.entity || knowledgeOf(b.entity)?.shared) facts.manyToMany.push([a.entity, b.entity]);
  else facts.relations.push({ child: b.entity, parent: a.entity });
}

/** true when the library gives `child` a reference to `parent`. */
function libraryRefExists(child: string, parent: string): boolean {
  const target = canonical(parent);
  return (knowledgeOf(child)?.refs ?? []).some((r) => r.to.includes(target) || r.to.includes(parent));
}

/** true when the library knows a join entity for the pair. */
function knownJoin(a: string, b: string): boolean {
  const x = canonical(a);
  const y = canonical(b);
  return JOINS.some(
    (j) =>
      (j.between[0] === x && j.between[1] === y) ||
      (j.between[0] === y && j.between[1] === x) ||
      (j.between[0] === a && j.between[1] === b) ||
      (j.between[0] === b && j.between[1] === a),
  );
}

/** "Sales reps own opportunities", "editors who publish articles": a role noun as subject gives the object a reference. */
function roleSubject(clause: string[], mentions: Mention[], facts: Facts): void {
  for (const start of segmentStarts(clause)) {
    let i = start;
    while (i < clause.length && DETERMINERS.has(clause[i])) i++;
    for (const n of [2, 1]) {
      const phrase = clause.slice(i, i + n).join(" ");
      const role = roleOf(phrase);
      if (!role || singularPhrase(phrase) === phrase || mentions.some((m) => m.start === i)) continue;
      const object = mentions.find((m) => m.start > i + n && m.start - (i + n) <= 4);
      if (!object) break;
      const gap = clause
        .slice(i + n, object.start)
        .filter((t) => !["who", "that", "can", "also", "the", "their", "a", "an", "all", "many"].includes(t));
      if (gap.length !== 1 || /^(and|or|,|with|of)$/.test(gap[0])) break;
      facts.roles.push({
        entity: object.entity,
        role: /^owns?$/.test(gap[0]) ? "owner" : role.replace(/ (\w)/g, (_m, c: string) => c.toUpperCase()),
      });
      break;
    }
  }
}

/** Field name when the library says `child` references `parent`, e.g. ("post", "user") → "authorId". */
export function libraryRef(child: string, parent: string): string | undefined {
  const k = knowledgeOf(child);
  const target = canonical(parent);
  for (const r of k?.refs ?? []) {
    if (r.to.includes(target) || r.to.includes(parent)) return r.field ?? undefined;
  }
  return undefined;
}

/** "contacts have a name, an email and a phone", "tasks (title, status: todo/doing/done)". */
function attributeLists(
  clause: string[],
  mentions: Mention[],
  facts: Facts,
  choices: Map<number, number>,
  firstNew: number,
): void {
  for (const possessor of mentions) {
    const m =
      (clause[possessor.start - 1] === "of" && mentions.find((h) => h.end === possessor.start - 1 && h.plural)) ||
      possessor;
    let i = possessor.end;
    // "properties for sale or rent, with price and bedrooms": the choices are read already; the list follows.
    while (choices.has(i)) i = choices.get(i) ?? i + 1;
    if (clause[i] === "," && ATTR_TRIGGERS.has(clause[i + 1] ?? "") && clause[i + 1] !== "(") i++;
    while (
      i < clause.length &&
      (["can", "may", "must", "should", "will", "also", "each", "always", "usually", "do", "does"].includes(
        clause[i],
      ) ||
        (/^needs?$/.test(clause[i]) && clause[i + 1] === "to") ||
        (clause[i] === "to" && /^needs?$/.test(clause[i - 1] ?? "")))
    )
      i++;
    if (!ATTR_TRIGGERS.has(clause[i] ?? "")) continue;
    if (clause[i] === "like" && clause[i - 1] !== "fields") continue;
    const close = clause[i] === "(" ? clause.indexOf(")", i) : -1;
    const items = splitList(close > 0 ? clause.slice(0, close) : clause, i + 1);
    const inChoice = (k: number): boolean => [...choices].some(([a, b]) => k >= a && k < b);
    for (let n = 0; n < items.length; n++) {
      // Values read as choices ("support for pdf, docx and csv files") are not fields.
      if (items[n].every(inChoice)) continue;
      const tokens = items[n].map((k) => clause[k]);
      const stripped = stripItem(tokens);
      const itemRole = stripped && !stripped.includes(" of ") ? roleOf(stripped) : undefined;
      if (itemRole && stripped.includes(" ")) {
        facts.roles.push({ entity: m.entity, role: itemRole });
        continue;
      }
      const inside = mentions.filter((o) => o !== m && items[n].includes(o.start));
      if (inside.length) {
        // "deals have a value and a company": a lone singular entity is a reference, decided like "has a".
        const lead = items[n].findIndex((k) => !DETERMINERS.has(clause[k]));
        // "properties with price, bedrooms and photos": pictures of a thing are files in storage, not a table.
        if (
          inside.length === 1 &&
          inside[0].plural &&
          MEDIA.test(inside[0].entity) &&
          items[n][lead] === inside[0].start
        ) {
          facts.attributes.push({
            entity: m.entity,
            phrase: clause.slice(inside[0].start, inside[0].end).join(" "),
            storage: true,
          });
          facts.media.push(inside[0].entity);
          const at = facts.explicit.indexOf(inside[0].entity);
          if (at >= firstNew) facts.explicit.splice(at, 1);
          continue;
        }
        if (inside.length === 1 && !inside[0].plural && items[n][lead] === inside[0].start)
          relate(m, inside[0], "has", "has a", facts);
        continue;
      }
      const attr = parseItem(tokens);
      if (!attr) continue;
      if (attr.valuesFollow) {
        const rest = items
          .slice(n + 1)
          .map((it) => stripItem(it.map((k) => clause[k])))
          .filter(Boolean);
        facts.attributes.push({ entity: m.entity, phrase: attr.phrase, values: [...(attr.values ?? []), ...rest] });
        break;
      }
      const role = roleOf(attr.phrase);
      // "a manager who is also an employee": the role points at that entity instead of users.
      const last = items[n][items[n].length - 1];
      const who = /^who (?:is|are) (?:also )?(?:a|an|another|one of the|other)? ?/.test(
        clause.slice(last + 1, last + 6).join(" "),
      );
      const target = who ? mentions.find((o) => o.start > last && o.start - last <= 6) : undefined;
      if (role && !attr.values)
        facts.roles.push({ entity: m.entity, role, ...(target ? { target: target.entity } : {}) });
      else
        facts.attributes.push({
          entity: m.entity,
          phrase: attr.phrase,
          values: attr.values,
          optional: attr.optional,
          unit: attr.unit,
        });
    }
  }
}

interface ParsedItem {
  phrase: string;
  values?: string[];
  optional?: boolean;
  valuesFollow?: boolean;
  unit?: string;
}

const UNITS =
  /\b(?:in|as) (hours|minutes|seconds|days|weeks|months|years|cents|dollars|euros|pounds|usd|eur|kg|kilograms|grams|lbs|km|kilometers|miles|meters|percent|points|ms|milliseconds)\b/;

function parseItem(tokens: string[]): ParsedItem | undefined {
  let optional: boolean | undefined;
  if (tokens.includes("optional")) optional = true;
  if (tokens.includes("required") || tokens.includes("mandatory")) optional = false;
  const open = tokens.indexOf("(");
  let values: string[] | undefined;
  let body = tokens;
  if (open >= 0) {
    const close = tokens.indexOf(")", open);
    values = tokens
      .slice(open + 1, close < 0 ? undefined : close)
      .join(" ")
      .split(/ ?(?:,|\/| or |\band\b) ?/)
      .map((s) => s.trim())
      .filter(Boolean);
    body = tokens.slice(0, open);
  }
  const slash = body.indexOf("/");
  if (slash > 0 && !values) {
    const valueTokens = body
      .slice(slash - 1)
      .join(" ")
      .split(" / ");
    body = body.slice(0, slash - 1);
    values = valueTokens;
  }
  const valuesAt = body.findIndex(
    (t, k) =>
      (t === "be" && body[k - 1] === "can") ||
      (t === "of" && (body[k - 1] === "one" || ENUM_ATTRIBUTES.test(body[k - 1] ?? ""))) ||
      t === "either" ||
      t === ":",
  );
  let valuesFollow = false;
  if (valuesAt > 0) {
    const after = body.slice(valuesAt + 1).filter((t) => !["either", "of", "be", "one"].includes(t));
    values = [...(values ?? []), ...(after.length ? [after.join(" ")] : [])];
    body = body.slice(
      0,
      body.findIndex(
        (t, k) => ["can", "one", "either", ":", "is", "which", "that"].includes(t) || (t === "of" && k === valuesAt),
      ),
    );
    valuesFollow = true;
  }
  const phrase = stripItem(body);
  if (!phrase || phrase.split(" ").length > 4) return undefined;
  const unit = UNITS.exec(body.join(" "))?.[1];
  if (NON_ENTITY_WORDS.has(phrase) && !ATTRIBUTE_WORDS.has(phrase)) return undefined;
  if (!/^[a-z]/.test(phrase)) return undefined;
  return { phrase, values, optional, valuesFollow, unit };
}

function distinct(mentions: Mention[]): Mention[] {
  const seen = new Set<string>();
  return mentions.filter((m) => (seen.has(m.entity) ? false : (seen.add(m.entity), true)));
}
