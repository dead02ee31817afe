/**
 * Co-reference statistics learned from real schemas (knowledge/learned.json, "pairs"): given that tables A and B
 * are both in an app, how often A holds a reference to B. Names are compared as normalised keys (singular words,
 * the library's aliases, the usual synonyms of "user"), with the last word of a compound name ("maintenance
 * request" → "request") as a weaker fallback.
 */
import learned from "./knowledge/learned.json";
import { canonical } from "./lexicon";
import { singularPhrase, words } from "./names";

/** Names that mean the app's people in real schemas (the eval's synonym list does the same for "users"). */
const USER_WORDS = new Set(["user", "account", "profile", "member", "person", "people", "customer user"]);

/** The comparison key of a table name or entity key: "OrderItems" → "order item", "profiles" → "user". */
export function corefKey(name: string): string {
  const key = singularPhrase(words(name).join(" "));
  if (USER_WORDS.has(key)) return "user";
  const c = canonical(key);
  return USER_WORDS.has(c) ? "user" : c;
}

/** The head (last word) of a key: "maintenance request" → "request". */
export function headKey(key: string): string {
  return key.split(" ").pop() ?? key;
}

/** [apps with both, apps where the first references the second, the usual field name]. */
export type PairStat = [number, number, string];

interface PairFile {
  pairs?: Record<string, PairStat>;
  heads?: Record<string, PairStat>;
}

const DATA = learned as unknown as PairFile;

function lookup(table: Record<string, PairStat> | undefined, a: string, b: string): PairStat | undefined {
  const k = `${a}>${b}`;
  return table && Object.hasOwn(table, k) ? table[k] : undefined;
}

export interface CoReference {
  /** The usual reference field. */
  field: string;
  /** Share of apps with both tables where the first references the second. */
  share: number;
  apps: number;
}

/** Minimum evidence: apps holding both tables, and the share of them with the reference. */
const MIN_BOTH = 3;
const MIN_SHARE = 0.5;
const MIN_BOTH_HEAD = 4;
const MIN_SHARE_HEAD = 0.6;

/**
 * The reference real apps usually have from `a` to `b` when both exist, or undefined when the evidence is weak.
 * Exact keys first; the heads of compound names only when the exact pair was never seen together.
 */
export function usualReference(a: string, b: string): CoReference | undefined {
  const ka = corefKey(a);
  const kb = corefKey(b);
  if (ka === kb) return undefined;
  const exact = lookup(DATA.pairs, ka, kb);
  if (exact) {
    const [both, refs, field] = exact;
    return both >= MIN_BOTH && refs / both >= MIN_SHARE ? { field, share: refs / both, apps: both } : undefined;
  }
  const ha = headKey(ka);
  const hb = headKey(kb);
  if (ha === hb || (ha === ka && hb === kb)) return undefined;
  const head = lookup(DATA.heads, ha, hb);
  if (!head) return undefined;
  const [both, refs, field] = head;
  return both >= MIN_BOTH_HEAD && refs / both >= MIN_SHARE_HEAD ? { field, share: refs / both, apps: both } : undefined;
}

/** [apps with the table, apps where it references another table, apps where another table references it]. */
type RoleStat = [number, number, number];
const ROLES = (learned as unknown as { roles?: Record<string, RoleStat> }).roles ?? {};
/** Shares over all tables of the corpus: a table references another in 45 % of apps, is referenced in 25 %. */
const PRIOR_OUT = 0.45;
const PRIOR_IN = 0.25;
const WEIGHT = 2;

function role(key: string): RoleStat | undefined {
  return Object.hasOwn(ROLES, key) ? ROLES[key] : undefined;
}

function smoothed(entity: string, at: 1 | 2, prior: number): number {
  const key = corefKey(entity);
  const head = role(`~${headKey(key)}`);
  const fromHead = head ? (head[at] + WEIGHT * prior) / (head[0] + WEIGHT) : prior;
  const own = role(key);
  return own ? (own[at] + WEIGHT * fromHead) / (own[0] + WEIGHT) : fromHead;
}

/** How often real apps' tables of this name hang off another table (share, smoothed towards its head word). */
export function childness(entity: string): number {
  return smoothed(entity, 1, PRIOR_OUT);
}

/** How often real apps' tables of this name are referenced by another table (smoothed like childness). */
export function parentness(entity: string): number {
  return smoothed(entity, 2, PRIOR_IN);
}

/** Pseudo-counts of the back-off: exact pair → head-word pair → the two names' roles. */
const PAIR_WEIGHT = 2;
const HEAD_WEIGHT = 2;

function rawPair(table: Record<string, PairStat> | undefined, a: string, b: string): [number, number] | undefined {
  const s = lookup(table, a, b);
  return s ? [s[0], s[1]] : undefined;
}

/**
 * How likely a table named `a` references one named `b` when an app has both, learned from real schemas and
 * smoothed for names seen rarely or never: the exact pair's share backs off to the head words' pair ("chat
 * message" → "message"), which backs off to how often tables like `a` hang off another and tables like `b` are
 * referenced. Users are not parents here (defaultOwners scopes records by user).
 */
export function parentScore(a: string, b: string): number {
  const ka = corefKey(a);
  const kb = corefKey(b);
  if (ka === kb || kb === "user") return 0;
  const fromRoles = Math.min(1, (childness(a) * parentness(b)) / PRIOR_IN);
  const ha = headKey(ka);
  const hb = headKey(kb);
  const head = ha !== hb ? rawPair(DATA.heads, ha, hb) : undefined;
  const fromHead = head ? (head[1] + HEAD_WEIGHT * fromRoles) / (head[0] + HEAD_WEIGHT) : fromRoles;
  const exact = rawPair(DATA.pairs, ka, kb);
  return exact ? (exact[1] + PAIR_WEIGHT * fromHead) / (exact[0] + PAIR_WEIGHT) : fromHead;
}
