/**
 * Words of a request: tokens, clauses, and mentions of entities (known ones, the current schema's tables and
 * nouns the request introduces). Inflection comes from `pluralize`; part-of-speech from `compromise`.
 */
import nlp from "compromise";
import type { SchemaModel } from "../../schema/model";
import { ATTRIBUTE_WORDS, NON_ENTITY_WORDS } from "./knowledge/attributes";
import { ROLE_NOUNS } from "./knowledge/domains";
import { ENTITIES } from "./knowledge/entities";
import type { EntityKnowledge } from "./knowledge/types";
import { singularPhrase, words } from "./names";
import { hasPronoun } from "./tokens";

export interface Mention {
  /** Token positions [start, end). */
  start: number;
  end: number;
  /** Entity key: the user's singular words ("client", "order item"). */
  entity: string;
  plural: boolean;
}

/** Words after an entity noun that make it a description of the app ("task tracker", "chat app"). */
const APP_WORDS = new Set([
  "app",
  "apps",
  "application",
  "system",
  "platform",
  "tool",
  "tracker",
  "manager",
  "site",
  "website",
  "software",
  "service",
  "backend",
  "product",
  "startup",
  "clone",
  "database",
  "schema",
  "dashboard",
  "portal",
  "builder",
  "generator",
  "planner",
  "organizer",
  "organiser",
  "saas",
  "template",
  "starter",
  "demo",
  "bot",
  "extension",
  "plugin",
  "game",
  "engine",
  "hub",
  "marketplace",
  "client",
]);
/** Words after a singular entity noun that make it a modifier of the app ("team chat", "recipe sharing"). */
const SINGULAR_APP_WORDS = new Set([
  "chat",
  "messenger",
  "management",
  "sharing",
  "booking",
  "tracking",
  "planning",
  "scheduling",
  "collaboration",
  "journal",
  "diary",
  "log",
  "feed",
  "board",
  "workspace",
  "community",
  "network",
]);

const BY_NAME = new Map<string, EntityKnowledge>();
for (const e of ENTITIES) {
  BY_NAME.set(e.entity, e);
  for (const a of e.aliases ?? []) if (!BY_NAME.has(a)) BY_NAME.set(a, e);
}

/** Aliases that only add a qualifier ("support agent" → "agent") name the same table as the entity itself. */
const SAME_TABLE = new Map<string, string>();
for (const e of ENTITIES) {
  const head = e.entity.split(" ").pop();
  for (const a of e.aliases ?? [])
    if (a !== e.entity && a.endsWith(` ${e.entity}`) && head) SAME_TABLE.set(a, e.entity);
}
// "people sign in": people are the app's users.
SAME_TABLE.set("person", "user");
SAME_TABLE.set("account holder", "user");

/** Library knowledge for an entity key or alias. */
export function knowledgeOf(entity: string): EntityKnowledge | undefined {
  return BY_NAME.get(entity);
}

/** The library's canonical name for an entity key ("client" → "customer"), or the key itself. */
export function canonical(entity: string): string {
  return BY_NAME.get(entity)?.entity ?? entity;
}

/** Normalises text before tokenising: joins words that mean one thing, removes emphasis. */
export function normalize(text: string): string {
  return (
    text
      // "a team chat like Slack", "similar to Trello": the product named is a hint (kept as "slack-style" for the
      // domain), never an entity "like" or a verb.
      .replace(
        /\b(?:like|similar to|inspired by|(?:a )?clone of|based on|modeled on|modelled on)\s+((?:[A-Z][\w.+-]*)(?:\s+[A-Z][\w.+-]*)?)/g,
        (_m, name: string) => ` ${name.replace(/\s+/g, "-")}-style `,
      )
      // "Next.js", "Socket.io": the product name alone, so "js" never reads as a plural noun.
      .replace(/\b([A-Za-z]+)\.(js|ts|io|ai|dev|app|sh|so|fm|gg)\b/g, "$1")
      // "iOS", "iPhone", "eBay": one lower-case letter before capitals is part of the name, not a camelCase word.
      .replace(/([a-z0-9])(?=[A-Z])/g, (_m, c: string, at: number, all: string) =>
        /[a-z]/.test(c) && !/[A-Za-z0-9]/.test(all[at - 1] ?? "") ? c : `${c} `,
      )
      .toLowerCase()
      .replace(/many[\s-]+to[\s-]+many|n:m|m:n/g, " manytomany ")
      .replace(/one[\s-]+to[\s-]+many|1:n/g, " onetomany ")
      .replace(/e-commerce/g, "ecommerce")
      .replace(/\breal[ -]estate\b/g, "realestate")
      .replace(/to-dos?/g, "todo")
      .replace(/\bsub-(task|item|categor|folder|page|section|project|team)/g, "sub$1")
      .replace(/&/g, " and ")
      // "a thread of messages", "a list of tasks": a collection word just means many.
      .replace(
        /\b(?:a|an|the|its|their) (?:list|set|collection|series|history|thread|log|stream|bunch|chain|feed|group) of\b/g,
        "many",
      )
      .replace(/[`"“”‘’*_]/g, " ")
      // "each project's tasks" → "each tasks of project": the possessor is the parent.
      .replace(/\b([a-z]+)['’]s ((?:[a-z]+ )?[a-z]+s)\b/g, (m, owner: string, owned: string) =>
        /^(?:it|that|what|there|here|who|let|he|she|one|everyone|today|this)$/.test(owner) ? m : `${owned} of ${owner}`,
      )
      .replace(/'s\b/g, "")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/** Splits normalised text into clauses on sentence ends, semicolons and line breaks; keeps ":" as a token. */
export function clauses(text: string): string[][] {
  return text
    .split(/[.!?;]+(?=\s|$)|\n+/)
    .map((c) => c.match(/[a-z0-9][a-z0-9'-]*|[,:()/]/g) ?? [])
    .filter((c) => c.length > 0);
}

/** Vocabulary of entity names: library entities and aliases, the schema's tables, and request nouns. */
export class Vocabulary {
  private readonly names = new Map<string, string>();

  constructor(schema: SchemaModel) {
    for (const key of BY_NAME.keys()) this.names.set(key, key);
    for (const t of schema.tables) this.add(singularPhrase(t.name));
  }

  add(entity: string): void {
    // "it captures …", "the content they want": a pronoun is never (part of) a record's name.
    if (!entity || NON_ENTITY_WORDS.has(entity) || ATTRIBUTE_WORDS.has(entity) || hasPronoun(entity)) return;
    this.names.set(entity, entity);
  }

  has(entity: string): boolean {
    return this.names.has(entity);
  }

  /** Entity mentions in a clause, longest match first, skipping app descriptions like "chat app". */
  mentions(tokens: string[], tags?: string[][]): Mention[] {
    const out: Mention[] = [];
    for (let i = 0; i < tokens.length; ) {
      const m = this.matchAt(tokens, i);
      // "users post tweets", "save favorite listings", "a board like trello": a one-word singular match used as a verb,
      // adjective or preposition is not a mention.
      const t = tags?.[i] ?? [];
      const verb =
        m &&
        tags &&
        m.end - m.start === 1 &&
        !m.plural &&
        (t.includes("Verb") || t.includes("Adjective") || t.includes("Preposition")) &&
        !t.includes("Noun");
      // "a web application": one application is the app itself; "applications" are records (job applications).
      const theApp = m && !m.plural && m.end - m.start === 1 && /^applications?$/.test(tokens[m.start]);
      const appWord =
        APP_WORDS.has(tokens[m?.end ?? 0] ?? "") ||
        (m &&
          !m.plural &&
          m.end - m.start === 1 &&
          SINGULAR_APP_WORDS.has(tokens[m.end] ?? "") &&
          !this.names.has(`${tokens[m.start]} ${tokens[m.end]}`));
      if (m && !verb && !appWord && !theApp) {
        out.push(m);
        i = m.end;
      } else i++;
    }
    return out;
  }

  private matchAt(tokens: string[], i: number): Mention | undefined {
    for (let n = 3; n >= 1; n--) {
      const slice = tokens.slice(i, i + n);
      if (slice.length < n || slice.some((t) => !/^[a-z]/.test(t))) continue;
      const phrase = slice.join(" ");
      const single = singularPhrase(phrase);
      const found = this.names.get(single) ?? this.names.get(phrase);
      const entity = found && (SAME_TABLE.get(found) ?? found);
      if (entity) return { start: i, end: i + n, entity, plural: single !== phrase };
    }
    return undefined;
  }
}

/** The role a noun names ("assignee", "owner", "project owner" → "owner"), or undefined. */
export function roleOf(phrase: string): string | undefined {
  const single = singularPhrase(phrase);
  if (ROLE_NOUNS[single]) return single;
  // "project owner", "ticket assignee": the head noun is the role.
  const head = single.split(" ").pop() ?? "";
  return single.includes(" ") && ROLE_NOUNS[head] ? head : undefined;
}

/** true when compromise tags the phrase's last word as a noun. */
export function isNounPhrase(phrase: string): boolean {
  const ws = words(phrase);
  if (ws.length === 0) return false;
  const doc = nlp(ws.join(" "));
  const terms = doc.terms().json() as Array<{ terms: Array<{ tags: string[] }> }>;
  const last = terms[terms.length - 1]?.terms[0]?.tags ?? [];
  return last.includes("Noun") && !last.includes("Pronoun");
}
