/**
 * The annotation rule (eval/README.md, "What a reader can be expected to get"): from a description people wrote
 * and the app's real schema, the tables, relations, indexes and enum values a reader of the description can be
 * expected to design. Purely textual alignment of the description with the truth; it shares no code with the
 * designer.
 */
import type { Table, Validator } from "../../lib/schema/model";
import { SYNONYMS, singular, splitWords } from "./names";

export interface ExpectedTable {
  /** The real table's name. */
  name: string;
  /** Why it is expected: the words of the description that name it. */
  namedBy: string;
}
export interface ExpectedRelation {
  from: string;
  to: string;
  /** The real reference field. */
  field: string;
}
export interface ExpectedIndex {
  table: string;
  kind: "ref" | "search" | "vector";
  /** For "ref": the referenced table; the index must lead with a reference to it. */
  to?: string;
  /** The real index's fields (information only). */
  fields: string[];
}
export interface ExpectedEnum {
  table: string;
  field: string;
  values: string[];
}
export interface Expectation {
  tables: ExpectedTable[];
  relations: ExpectedRelation[];
  indexes: ExpectedIndex[];
  enums: ExpectedEnum[];
}

/** Tables a library creates (Convex Auth, components' helpers): nobody describes them. */
const LIBRARY_TABLE = /^(auth[A-Z]\w*|rateLimits|migrations|sessions?Tokens?)$/;

/** The description's words, lower case, with both singular and plural readings of each. */
function textWords(text: string): string[] {
  return splitWords(text);
}

/** True when `phrase` (words) occurs in `words` with each word matching in singular or plural form. */
function occurs(words: string[], phrase: string[]): boolean {
  if (!phrase.length) return false;
  const sw = words.map(singular);
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (sw[i + k] !== phrase[k] && words[i + k] !== phrase[k]) continue outer;
    return true;
  }
  return false;
}

/** Enum values too common as plain words to show that the description lists them. */
const GENERIC_VALUE = new Set([
  "other",
  "none",
  "all",
  "yes",
  "no",
  "default",
  "custom",
  "unknown",
  "true",
  "false",
  "new",
  "off",
  "and",
]);

const USER_IMPLIED =
  /\b(users?|sign(?:s|ed)?[ -]?(?:in|up)|log(?:s|ged)?[ -]?in|login|authenticat\w*|accounts?|profiles?)\b/i;
const SEARCH_ASKED = /\bsearch/i;
const VECTOR_ASKED = /\b(semantic|vectors?|embeddings?|similarity|similar|rag|retrieval)\b/i;

/** The words of the description that name `table` itself, or null. */
function namedBy(table: string, words: string[], text: string): string | null {
  const key = splitWords(table).map(singular);
  if (occurs(words, key)) return key.join(" ");
  if (new RegExp(`\\b${table}\\b`).test(text)) return table;
  return null;
}

/**
 * A synonym of a one-word name ("accounts" for users, "chats" for conversations) that names no other table of the
 * app: when the app has both `users` and `members`, "users" names only `users`.
 */
function namedBySynonym(table: string, words: string[], text: string, taken: Set<string>): string | null {
  const key = splitWords(table).map(singular);
  if (key.length !== 1) return null;
  const group = SYNONYMS.find((g) => g.includes(key[0]));
  for (const w of group ?? []) if (w !== key[0] && !taken.has(singular(w)) && occurs(words, [w])) return singular(w);
  if (key[0] === "user" && USER_IMPLIED.test(text)) return USER_IMPLIED.exec(text)?.[0] ?? "users";
  return null;
}

function refTarget(v: Validator): { to: string; direct: boolean } | null {
  if (v.kind === "id") return { to: v.table, direct: true };
  if (v.kind === "array" && v.element.kind === "id") return { to: v.element.table, direct: false };
  if (v.kind === "union") {
    const ids = v.members.filter((m) => m.kind === "id");
    const others = v.members.filter((m) => m.kind !== "id" && m.kind !== "null");
    if (ids.length === 1 && others.length === 0 && ids[0].kind === "id") return { to: ids[0].table, direct: true };
  }
  return null;
}

/** String literal members of a union of literals (at least two), else null. */
export function enumValues(v: Validator): string[] | null {
  if (v.kind !== "union") return null;
  const vals = v.members.map((m) => (m.kind === "literal" && typeof m.value === "string" ? m.value : null));
  if (vals.length < 2 || vals.some((x) => x === null)) return null;
  return vals as string[];
}

/** Applies the annotation rule. */
export function annotate(description: string, tables: Table[]): Expectation {
  const words = textWords(description);
  const expected: ExpectedTable[] = [];
  const candidates = tables.filter((t) => !LIBRARY_TABLE.test(t.name) && !t.generatedBy);
  for (const t of candidates) {
    const by = namedBy(t.name, words, description);
    if (by) expected.push({ name: t.name, namedBy: by });
  }
  // Words that already name a table of the app (singular), and every table's own one-word name.
  const taken = new Set([
    ...expected.map((t) => t.namedBy),
    ...candidates.map((t) => splitWords(t.name).map(singular).join(" ")),
  ]);
  for (const t of candidates) {
    if (expected.some((e) => e.name === t.name)) continue;
    const by = namedBySynonym(t.name, words, description, taken);
    if (by) {
      expected.push({ name: t.name, namedBy: by });
      taken.add(by);
    }
  }
  expected.sort(
    (a, b) => candidates.findIndex((t) => t.name === a.name) - candidates.findIndex((t) => t.name === b.name),
  );
  const names = new Set(expected.map((t) => t.name));
  const relations: ExpectedRelation[] = [];
  const indexes: ExpectedIndex[] = [];
  const enums: ExpectedEnum[] = [];
  for (const t of tables.filter((x) => names.has(x.name))) {
    for (const f of t.fields) {
      const r = refTarget(f.validator);
      if (r && names.has(r.to) && r.to !== t.name && !relations.some((x) => x.from === t.name && x.to === r.to)) {
        relations.push({ from: t.name, to: r.to, field: f.name });
        if (r.direct)
          indexes.push({
            table: t.name,
            kind: "ref",
            to: r.to,
            fields: t.indexes.find((i) => i.fields[0] === f.name)?.fields ?? [f.name],
          });
      }
      const values = enumValues(f.validator);
      if (values) {
        const found = values.filter(
          (val) =>
            val.length >= 3 &&
            !GENERIC_VALUE.has(val.toLowerCase()) &&
            (occurs(words, splitWords(val).map(singular)) || occurs(words, splitWords(val))),
        );
        if (found.length >= 2) enums.push({ table: t.name, field: f.name, values: found });
      }
    }
    if (t.searchIndexes.length && SEARCH_ASKED.test(description))
      indexes.push({ table: t.name, kind: "search", fields: [t.searchIndexes[0].searchField] });
    if (t.vectorIndexes.length && VECTOR_ASKED.test(description))
      indexes.push({ table: t.name, kind: "vector", fields: [t.vectorIndexes[0].vectorField] });
  }
  return { tables: expected, relations, indexes, enums };
}
