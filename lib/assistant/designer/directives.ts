/**
 * Requests about the design as a whole rather than one entity: explicit constraints ("no join tables", "we never
 * store users", "no comments table") and search ("full-text search over notes", "semantic search", "find similar
 * recipes"). They are taken out of a sentence before it is read for edits and entities, so "search" in a design
 * request never becomes a field, a table or a follow-up question about a schema that does not exist yet.
 */
import type { SchemaModel } from "../../schema/model";
import { readChange } from "../changes/reader";
import { classifyIntent } from "../intent/classify";
import { nameKey, singularPhrase, words } from "./names";

export interface SearchWish {
  /** Entity phrase the search is over (singular words), when the request names it. */
  target?: string;
  /** Field phrase ("search recipes by title"), when named. */
  field?: string;
}

export interface Directives {
  /** "no join tables", "use arrays of ids": many-to-many links become arrays of ids. */
  noJoinTables: boolean;
  /** "we never store users": no users table; references to people hold the auth provider's user id. */
  noUsers: boolean;
  /** "no comments table", "don't store payments": entities (singular) left out of the design. */
  excluded: string[];
  search: SearchWish[];
  vector: SearchWish[];
  /** The user's words for each constraint, to quote in the reply. */
  quotes: string[];
  /** People sign in ("log in", "accounts", "authentication", "profiles"): the design has users. */
  accounts: boolean;
  /** "multi-tenant", "per-workspace", "per organization": records are scoped by the tenant table. */
  tenancy: boolean;
}

export function emptyDirectives(): Directives {
  return {
    noJoinTables: false,
    noUsers: false,
    excluded: [],
    search: [],
    vector: [],
    quotes: [],
    accounts: false,
    tenancy: false,
  };
}

const NOUN = "([a-z][a-z-]*(?: [a-z][a-z-]*)?)";
const ARTICLE = "(?:the |their |all |all the |your |our |my |its |his |her |a |an |every |each )?";
const SEARCH_PREP = "(?:over|across|on|for|of|through|in|within|among|into|inside)";

const ACCOUNTS =
  /\b(?:users?|members?|person|persons|people|sign(?:s|ed|ing)?[ -]?(?:in|up|on)|log(?:s|ged|ging)?[ -]?in|login|logins|authenticat\w*|auth|accounts?|user profiles?|profiles?|registered users|register)\b/i;

const TENANCY =
  /\b(?:multi[- ]?tenan\w*|tenants?|your (?:team|organi[sz]ation|workspace|company)|team ?mates|shared workspaces?|team workspaces?|multi[- ]?(?:org|organi[sz]ation|workspace)s?|per[- ](?:org|organi[sz]ation|workspace|tenant|company|team)|(?:org|organi[sz]ation|workspace|tenant)[- ](?:scoped|level|wide|isolated|isolation))\b/i;

const NO_JOINS = [
  /\b(?:no|without|avoid(?:ing)?|(?:do not|don'?t|never|not) (?:use|want|need|create|add)(?: any)?|skip|zero)\s+(?:any\s+)?(?:separate\s+)?(?:join|junction|link(?:ing)?|pivot|bridge|through|association|mapping|relation(?:ship)?)\s*tables?\b/i,
  /\b(?:use|store|keep|with|as)\s+(?:an?\s+)?arrays?\s+of\s+(?:ids|references|refs)\b(?:\s+instead(?:\s+of\s+join\s+tables?)?)?/i,
  /\bstore\s+(?:the\s+)?ids\s+(?:in|as)\s+(?:an?\s+)?arrays?\b/i,
];

const NO_USERS = [
  /\b(?:we\s+|i\s+)?(?:never|don'?t|do not|won'?t|will not|shouldn'?t|should not|must not|can'?t|cannot|do not want to|don'?t want to|don'?t need to|do not need to)\s+(?:\w+\s+)?(?:store|keep|save|persist|have|need|hold|create|want)\s+(?:a\s+|any\s+|the\s+)?(?:users?|user (?:data|records|profiles|accounts)|accounts|people)(?:\s+tables?)?(?:\s+(?:ourselves|in (?:the |our |convex|the database)\w*))?\b/i,
  /\bno\s+(?:users?|accounts?)\s+(?:table|collection)s?\b/i,
  /\b(?:users?|accounts)\s+(?:are|is|live|lives|stay|stays)\s+(?:only\s+)?(?:managed|handled|stored|kept|owned)?\s*(?:by|in|with)\s+(?:clerk|auth0|workos|firebase|supabase|cognito|okta|an? (?:external|third[- ]party) (?:auth|identity)[\w ]*)\b(?:,?\s*(?:so\s+)?(?:we\s+)?(?:never|don'?t|do not)\s+store\s+them)?/i,
];

const NO_TABLE =
  /\b(?:no|without|(?:do not|don'?t|never) (?:store|keep|track|save|create|add|need|want))\s+(?:an?\s+|any\s+|separate\s+)?([a-z][a-z ]*?)\s+(?:table|collection)s?\b/gi;

const VECTOR = [
  new RegExp(
    `\\b(?:semantic|vector|similarity|meaning[- ]based|ai[- ]powered|natural[- ]language|embedding[- ]based)\\s+(?:search(?:es|ing)?|lookups?|retrieval|matching)(?:\\s+${SEARCH_PREP}\\s+${ARTICLE}${NOUN})?`,
    "gi",
  ),
  new RegExp(
    `\\b(?:using|with|via|through|store|stores|storing|keep|generate|compute)?\\s*(?:vector\\s+)?embeddings?(?:\\s+(?:of|for|on)\\s+${ARTICLE}${NOUN})?`,
    "gi",
  ),
  new RegExp(
    `\\b(?:find|finds|finding|recommend|recommends|show|shows|suggest|suggests|surface|surfaces|discover|match)\\s+(?:other\\s+)?similar\\s+${NOUN}`,
    "gi",
  ),
  /\b(?:rag|retrieval[- ]augmented(?: generation)?)\b/gi,
];

const SEARCH = [
  new RegExp(
    `\\b(?:full[- ]text\\s+|keyword\\s+|text\\s+|fast\\s+|instant\\s+)?search(?:es|ing)?\\s+(?:box\\s+|bar\\s+|feature\\s+)?${SEARCH_PREP}\\s+${ARTICLE}${NOUN}(?:\\s+by\\s+(?:their\\s+|its\\s+)?${NOUN})?`,
    "gi",
  ),
  new RegExp(
    `\\b(?:can|could|should|to|and|or|lets? \\w+|allows? \\w+ to)\\s+search\\s+(?:for\\s+)?${ARTICLE}${NOUN}(?:\\s+by\\s+(?:their\\s+|its\\s+)?${NOUN})?`,
    "gi",
  ),
  new RegExp(
    `(?:^|[:;,.-]\\s*)search(?:es)?\\s+(?!(?:bar|box|feature|page|results?|engine|index|functionality)\\b)(?:for\\s+|through\\s+)?${ARTICLE}${NOUN}(?:\\s+by\\s+(?:their\\s+|its\\s+)?${NOUN})?`,
    "gi",
  ),
  new RegExp(
    `\\b${NOUN}\\s+(?:are|is|should be|must be|need to be|needs to be)\\s+(?:fully\\s+)?searchable(?:\\s+by\\s+(?:their\\s+|its\\s+)?${NOUN})?`,
    "gi",
  ),
  new RegExp(`\\bsearchable\\s+${NOUN}`, "gi"),
  /\b(?:with\s+|and\s+|plus\s+)?(?:a\s+)?(?:full[- ]text\s+search|search(?:\s+(?:feature|functionality|bar|box|page))?)\b(?!\s*(?:index|indexes))/gi,
];

/**
 * Takes directives out of one sentence. Search over a table that already exists is left in the sentence for the
 * follow-up handler (it edits the existing table); on new entities it is part of the design.
 */
export function takeDirectives(sentence: string, schema: SchemaModel, d: Directives): string {
  // A change of the tables this project has is no design constraint ("no userSettings table, put its fields on
  // users" merges; "embedding" inside a field name is no vector wish): it is read as the change it is.
  const change = asChange(sentence, schema);
  if (change) return change;
  let text = sentence;
  if (ACCOUNTS.test(text)) d.accounts = true;
  if (TENANCY.test(text)) d.tenancy = true;
  for (const re of NO_JOINS) {
    text = text.replace(re, (m) => {
      d.noJoinTables = true;
      d.quotes.push(m.trim());
      return " ";
    });
  }
  for (const re of NO_USERS) {
    text = text.replace(re, (m) => {
      d.noUsers = true;
      d.quotes.push(m.trim());
      return " ";
    });
  }
  text = text.replace(NO_TABLE, (m, what: string) => {
    const entity = singularPhrase(
      what
        .replace(/^(?:the|a|an)\s+/i, "")
        .trim()
        .toLowerCase(),
    );
    if (!entity || /^(?:join|junction|link|linking|pivot|bridge|extra|separate|new)$/.test(entity)) return m;
    if (entity === "user" || entity === "account") d.noUsers = true;
    else if (!d.excluded.includes(entity)) d.excluded.push(entity);
    d.quotes.push(m.trim());
    return " ";
  });
  if (!/search|embedding|similar|\brag\b|retrieval/i.test(text)) return text;
  // "search on stocks notes": any table the phrase names makes it an edit of that table, for the follow-ups.
  const existing = (phrase?: string): boolean =>
    Boolean(
      phrase &&
        schema.tables.some(
          (t) => nameKey(t.name) === nameKey(phrase) || words(phrase).some((w) => nameKey(w) === nameKey(t.name)),
        ),
    );
  for (const re of VECTOR) {
    text = text.replace(re, (m, ...rest: unknown[]) => {
      const [target] = captures(rest);
      const wish = wishOf(target);
      if (
        existing(wish.target) ||
        (!wish.target && schema.tables.length > 0 && !/embedding|semantic|vector|similar/i.test(m))
      )
        return m;
      if (!d.vector.some((v) => v.target === wish.target)) d.vector.push(wish);
      // "store embeddings": the embeddings may be a table of their own; keep the noun ("using embeddings" is how).
      const kept = /\b(?:store|stores|storing|keep|generate|compute)\b/i.test(m)
        ? (/embeddings?/i.exec(m)?.[0] ?? "")
        : "";
      return wish.target ? ` ${target} ` : ` ${kept} `;
    });
  }
  for (const re of SEARCH) {
    text = text.replace(re, (m, ...rest: unknown[]) => {
      const [target, field] = captures(rest);
      const wish = wishOf(target, field);
      if (existing(wish.target) || (!wish.target && schema.tables.length > 0)) return m;
      if (!d.search.some((v) => v.target === wish.target)) d.search.push(wish);
      // Keep the noun so "search over notes" still names notes.
      return wish.target ? ` ${target} ` : " ";
    });
  }
  return text.replace(/\s+/g, " ").trim();
}

/** The canonical change command for a sentence that changes the schema's own tables, or undefined. */
function asChange(sentence: string, schema: SchemaModel): string | undefined {
  if (schema.tables.length === 0 || classifyIntent(sentence, schema).intent !== "change") return undefined;
  return readChange(sentence, schema);
}

/** The capture groups of a replace callback's arguments (they end where the match offset, a number, begins). */
function captures(rest: unknown[]): Array<string | undefined> {
  const end = rest.findIndex((x) => typeof x === "number");
  return rest.slice(0, end < 0 ? rest.length : end).map((x) => (typeof x === "string" ? x : undefined));
}

function wishOf(target?: string, field?: string): SearchWish {
  const t = target
    ?.toLowerCase()
    .trim()
    .replace(/\b(?:and|or|with|by|using|so|to|that|which)\b.*$/, "")
    .trim();
  const phrase =
    t && !/^(?:it|them|everything|anything|all|things|stuff|the app|data|content)$/.test(t)
      ? singularPhrase(t)
      : undefined;
  const f = field
    ?.toLowerCase()
    .trim()
    .replace(/\b(?:and|or|with|using|so|to|that|which)\b.*$/, "")
    .trim();
  return { ...(phrase && words(phrase).length ? { target: phrase } : {}), ...(f ? { field: f } : {}) };
}
