/**
 * Choices the user lists for an entity without naming the field: "properties for sale or rent", "channels (public
 * or private)", "public or private channels", "games that are easy, medium or hard". They become one union field
 * whose values are the user's words, named after what the values are (visibility, listingType, difficulty…).
 */
import type { Mention } from "./lexicon";
import { ATTRIBUTE_WORDS, ENUM_ATTRIBUTES } from "./knowledge/attributes";
import { literalValue, notationFor } from "./fields";

/** Field names by the values they usually hold; the set with most of the user's values names the field. */
const VALUE_SETS: Array<{ field: string; values: string[] }> = [
  {
    field: "visibility",
    values: ["public", "private", "unlisted", "internal", "secret", "hidden", "shared", "personal", "team"],
  },
  { field: "listingType", values: ["sale", "rent", "lease", "rental", "buy", "sell"] },
  { field: "priority", values: ["low", "medium", "high", "urgent", "critical", "normal"] },
  { field: "difficulty", values: ["easy", "medium", "hard", "beginner", "intermediate", "advanced", "expert"] },
  {
    field: "role",
    values: [
      "admin",
      "member",
      "owner",
      "editor",
      "viewer",
      "guest",
      "moderator",
      "contributor",
      "reader",
      "writer",
      "user",
      "assistant",
    ],
  },
  {
    field: "status",
    values: [
      "draft",
      "published",
      "active",
      "inactive",
      "archived",
      "open",
      "closed",
      "pending",
      "approved",
      "rejected",
      "done",
      "completed",
      "todo",
      "in_progress",
      "new",
      "resolved",
      "cancelled",
      "canceled",
      "paid",
      "unpaid",
      "overdue",
      "scheduled",
      "confirmed",
      "declined",
      "accepted",
      "live",
      "ended",
      "available",
      "sold",
      "reserved",
      "lost",
      "found",
      "won",
      "upcoming",
      "past",
      "ongoing",
      "finished",
      "started",
      "planned",
      "shipped",
      "delivered",
      "returned",
      "read",
      "unread",
      "sent",
      "failed",
      "succeeded",
      "expired",
      "blocked",
      "backlog",
      "in_review",
      "verified",
      "unverified",
      "online",
      "offline",
      "away",
      "busy",
    ],
  },
  { field: "type", values: ["income", "expense", "transfer", "deposit", "withdrawal", "credit", "debit", "refund"] },
  {
    field: "billingInterval",
    values: ["monthly", "yearly", "annual", "annually", "weekly", "quarterly", "daily", "one_time"],
  },
  { field: "gender", values: ["male", "female", "nonbinary", "non_binary", "other"] },
  { field: "size", values: ["small", "medium", "large", "xl", "xs", "s", "m", "l"] },
  { field: "mediaType", values: ["image", "video", "audio", "text", "link", "file", "photo", "gif"] },
  { field: "format", values: ["online", "in_person", "hybrid", "remote", "onsite", "virtual"] },
  { field: "direction", values: ["incoming", "outgoing", "inbound", "outbound"] },
  { field: "mealType", values: ["breakfast", "lunch", "dinner", "snack", "brunch"] },
  { field: "side", values: ["buy", "sell", "bid", "ask", "long", "short"] },
  // Names everyone knows as a closed set: a list made only of them is a field's values.
  {
    field: "language",
    values: [
      "english",
      "spanish",
      "french",
      "german",
      "italian",
      "portuguese",
      "dutch",
      "russian",
      "chinese",
      "mandarin",
      "cantonese",
      "japanese",
      "korean",
      "arabic",
      "hindi",
      "bengali",
      "urdu",
      "turkish",
      "polish",
      "swedish",
      "norwegian",
      "danish",
      "finnish",
      "greek",
      "hebrew",
      "indonesian",
      "vietnamese",
      "thai",
      "ukrainian",
      "persian",
      "swahili",
      "tagalog",
    ],
  },
  { field: "platform", values: ["ios", "android", "web", "desktop", "macos", "windows", "linux"] },
  {
    field: "platform",
    values: [
      "instagram",
      "tiktok",
      "youtube",
      "twitter",
      "facebook",
      "linkedin",
      "reddit",
      "twitch",
      "discord",
      "x",
      "whatsapp",
      "telegram",
      "messenger",
      "slack",
      "wechat",
      "snapchat",
      "pinterest",
      "threads",
      "bluesky",
      "mastodon",
    ],
  },
  { field: "currency", values: ["usd", "eur", "gbp", "jpy", "inr", "cad", "aud", "chf", "cny", "ngn", "brl", "mxn"] },
  {
    field: "dayOfWeek",
    values: ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
  },
];

/** Words that are never choice values (they start clauses or name quantities). */
const NOT_VALUES = new Set([
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
  "other",
  "others",
  "both",
  "not",
  "no",
  "it",
  "them",
  "they",
  "their",
  "its",
  "has",
  "have",
  "with",
  "can",
  "may",
  "who",
  "that",
  "which",
  "one",
  "two",
  "users",
  "people",
  "and",
  "or",
  "etc",
]);

/** A word that names a field rather than a value ("title", "due date", "email"). */
function attributeLike(value: string): boolean {
  const name = value.replace(/ (\w)/g, (_m, c: string) => c.toUpperCase());
  return (
    ATTRIBUTE_WORDS.has(value) ||
    ATTRIBUTE_WORDS.has(value.split(" ").pop() ?? "") ||
    notationFor("", name).notation !== "string" ||
    ENUM_ATTRIBUTES.test(name)
  );
}

/** People an app may give a role to ("parents, students and freelancers", "candidate/interviewer"). */
export const PEOPLE = new Set([
  "admin",
  "administrator",
  "manager",
  "staff",
  "parent",
  "student",
  "teacher",
  "tutor",
  "freelancer",
  "candidate",
  "interviewer",
  "recruiter",
  "technician",
  "client",
  "customer",
  "business",
  "buyer",
  "seller",
  "vendor",
  "driver",
  "rider",
  "passenger",
  "patient",
  "doctor",
  "nurse",
  "mentor",
  "mentee",
  "coach",
  "trainer",
  "athlete",
  "player",
  "host",
  "guest",
  "organizer",
  "attendee",
  "member",
  "owner",
  "editor",
  "viewer",
  "moderator",
  "author",
  "reader",
  "creator",
  "volunteer",
  "donor",
  "employee",
  "employer",
  "landlord",
  "tenant",
  "agent",
  "operator",
  "instructor",
  "learner",
  "reviewer",
  "contributor",
  "subscriber",
  "supplier",
  "provider",
  "therapist",
  "worker",
  "contractor",
  "partner",
  "user",
  "superadmin",
  "analyst",
  "engineer",
  "cashier",
  "citizen",
  "resident",
  "courier",
  "merchant",
  "investor",
  "streamer",
  "artist",
  "judge",
  "participant",
  "applicant",
  "recipient",
  "sender",
  "requester",
  "approver",
  "assignee",
  "dispatcher",
  "caregiver",
  "physician",
  "pharmacist",
  "counselor",
  "advisor",
  "consultant",
  "founder",
  "shopper",
  "traveler",
  "traveller",
  "planner",
  "chef",
  "waiter",
  "professor",
  "parent",
  "kid",
  "child",
  "scout",
  "fan",
  "follower",
  "influencer",
  "sponsor",
  "referee",
  "speaker",
  "exhibitor",
  "intern",
  "guardian",
  "broker",
  "realtor",
  "homeowner",
  "mechanic",
  "inspector",
  "auditor",
  "accountant",
  "lawyer",
  "attorney",
  "bidder",
  "collector",
  "writer",
  "journalist",
  "photographer",
  "designer",
  "developer",
  "supervisor",
  "director",
  "researcher",
  "voter",
  "visitor",
  "patron",
  "diner",
  "tourist",
  "guide",
  "trainee",
  "gamer",
  "listener",
  "musician",
  "performer",
  "beneficiary",
  "lecturer",
  "principal",
  "librarian",
  "borrower",
  "lender",
  "farmer",
  "retailer",
  "shipper",
  "dentist",
  "veterinarian",
  "sitter",
  "walker",
]);

/** Values of a bare token list ("positive , neutral , or anxious"): 2..8 short items, none naming a field. */
function valueListOf(tokens: string[]): string[] | undefined {
  const values: string[] = [];
  let current: string[] = [];
  for (const t of tokens) {
    if (t === "," || t === "or" || t === "/" || t === "and") {
      if (current.length) values.push(current.join(" "));
      current = [];
      continue;
    }
    if (!/^[a-z][a-z0-9_-]*$/.test(t) || NOT_VALUES.has(t) || current.length >= 2) return undefined;
    current.push(t);
  }
  if (current.length) values.push(current.join(" "));
  // "(single-stock, multi-stock, or discovery mode)": the last item names the kind; the value is "discovery".
  const last = values.length - 1;
  if (last > 0 && / (?:mode|type|kind|style|format|level|option|plan|tier)s?$/.test(values[last]))
    values[last] = values[last].replace(/ \w+$/, "");
  if (values.length < 2 || values.length > 8 || values.some(attributeLike)) return undefined;
  return values.map(literalValue).filter(Boolean);
}

export interface ValueSetFact {
  entity: string;
  field: string;
  values: string[];
}

/** The field name the values suggest: the best-matching set, else "type". */
export function fieldForValues(values: string[]): string {
  let best = { field: "type", hits: 0 };
  for (const set of VALUE_SETS) {
    const hits = values.filter((v) => set.values.includes(v)).length;
    if (hits > best.hits) best = { field: set.field, hits };
  }
  return best.field;
}

/** The field of the set real apps keep (LOOSE) that holds most of the values, when one holds two of them. */
export function keptSetField(values: string[]): string | undefined {
  let best: { field: string; hits: number } | undefined;
  for (const set of LOOSE) {
    const hits = values.filter((v) => set.values.includes(v)).length;
    if (hits >= 2 && hits > (best?.hits ?? 0)) best = { field: set.field, hits };
  }
  return best?.field;
}

/** The field of a set that holds every one of the values ("Japanese, English and French" → language), if any. */
export function wholeSetField(values: string[]): string | undefined {
  const sets = [...VALUE_SETS, ...LOOSE];
  return sets.find((s) => values.length >= 2 && values.every((v) => s.values.includes(v)))?.field;
}

/** The most values one set (VALUE_SETS or LOOSE) holds. */
export function setHits(values: string[]): number {
  return Math.max(0, ...[...VALUE_SETS, ...LOOSE].map((s) => values.filter((v) => s.values.includes(v)).length));
}

/** True when one of the values belongs to a set real apps keep as a union (a status, a tier, a media type…). */
export function knownValues(values: string[]): boolean {
  return values.some((v) => VALUE_SETS.some((s) => s.values.includes(v)) || LOOSE.some((s) => s.values.includes(v)));
}

/** A list of 2..6 one- or two-word values joined by "or" (and commas/slashes), starting at `from`, up to `to`. */
function valueList(
  clause: string[],
  from: number,
  to: number,
  commas: false | "fields" | "any" = false,
): string[] | undefined {
  const tokens = clause.slice(from, to);
  if (!tokens.includes("or") && !tokens.includes("/") && !(commas && tokens.includes(","))) return undefined;
  const values: string[] = [];
  let current: string[] = [];
  for (const t of tokens) {
    if (t === "," || t === "or" || t === "/" || t === "and") {
      if (current.length) values.push(current.join(" "));
      current = [];
      continue;
    }
    if (!/^[a-z][a-z0-9-]*$/.test(t) || NOT_VALUES.has(t)) return undefined;
    current.push(t);
    if (current.length > 2) return undefined;
  }
  if (current.length) values.push(current.join(" "));
  const last = values.length - 1;
  if (last > 0 && / (?:mode|type|kind|style|format|level|option|plan|tier)s?$/.test(values[last]))
    values.forEach((v, k) => {
      // "practice mode or ranked mode": every item that repeats the kind word loses it.
      if (v.endsWith(values[last].replace(/^.* /, ` `)) && v.includes(" ")) values[k] = v.replace(/ \w+$/, "");
    });
  // "marked read/unread", "tagged as question, discussion or announcement": the verb in front of the first value.
  if (values.length > 1 && /^\w+ed (?:as )?\S+$/.test(values[0]) && values.slice(1).every((v) => !v.includes(" ")))
    values[0] = values[0].replace(/^\w+ed (?:as )?/, "");
  if (values.length < 2 || values.length > 8) return undefined;
  // "(title, due date, priority)" lists fields, not values.
  if (commas === "fields" && !tokens.includes("or") && !tokens.includes("/") && values.some(attributeLike))
    return undefined;
  return values.map(literalValue).filter(Boolean);
}

/**
 * Value sets of a clause, and the token spans they use (start → end) so attribute lists skip them. A span that
 * holds an entity mention is not a value set ("tasks or projects").
 */
export function valueSets(
  clause: string[],
  mentions: Mention[],
): { facts: ValueSetFact[]; spans: Map<number, number> } {
  const facts: ValueSetFact[] = [];
  const spans = new Map<number, number>();
  const mentionIn = (a: number, b: number): boolean => mentions.some((m) => m.start < b && m.end > a);
  const add = (entity: string, values: string[], start: number, end: number): void => {
    facts.push({ entity, field: fieldForValues(values), values });
    spans.set(start, end);
  };
  for (const m of mentions) {
    const k = m.end;
    // "channels (public or private)"
    if (clause[k] === "(") {
      const close = clause.indexOf(")", k);
      const values = close > k && !mentionIn(k, close) ? valueList(clause, k + 1, close, "fields") : undefined;
      if (values) {
        add(m.entity, values, k, close + 1);
        continue;
      }
    }
    // "properties for sale or rent", "games that are easy, medium or hard", "which can be public or private"
    const lead =
      /^(?:for|either|as|that are|which are|that can be|which can be|that is|which is|can be|are either|are|marked|marked as|labeled|labelled)$/;
    for (const n of [3, 2, 1]) {
      const words = clause.slice(k, k + n).join(" ");
      if (!lead.test(words)) continue;
      let end = k + n;
      while (
        end < clause.length &&
        end - (k + n) < 12 &&
        !["(", ")", ":", "with", "that", "which", "who", "and"].includes(clause[end])
      )
        end++;
      // "and" may join the last value: "easy, medium and hard"
      if (clause[end] === "and" && /^[a-z]/.test(clause[end + 1] ?? "") && !mentionIn(end + 1, end + 2)) end += 2;
      let stop = end;
      while (stop > k + n && clause[stop - 1] === ",") stop--;
      const values = !mentionIn(k + n, stop) ? valueList(clause, k + n, stop) : undefined;
      if (values && (n > 1 || fieldForValues(values) !== "type" || values.every((v) => !v.includes("_")))) {
        add(m.entity, values, k, stop);
        break;
      }
    }
  }
  // "public or private channels": values right before a plural mention.
  for (const m of mentions) {
    if (!m.plural || m.start < 3) continue;
    let start = m.start - 1;
    while (
      start > 0 &&
      /^[a-z][a-z0-9-]*$|^,$|^\/$/.test(clause[start - 1]) &&
      !["with", "for", "of", "and"].includes(clause[start - 1]) &&
      m.start - start < 12
    )
      start--;
    for (let s = start; s < m.start - 2; s++) {
      if (!/^[a-z]/.test(clause[s]) || NOT_VALUES.has(clause[s]) || mentionIn(s, m.start)) continue;
      const values = valueList(clause, s, m.start, "any");
      // "public or private channels"; three or more short words are kinds even when they name no known set ("pdf, docx, csv and image files").
      if (values?.every((v) => !v.includes("_")) && (fieldForValues(values) !== "type" || values.length >= 3)) {
        add(m.entity, values, s, m.start);
        break;
      }
    }
  }
  return { facts, spans };
}

/** Words that name a value of their set even when the user does not list them as choices (common words left out). */
const LOOSE: Array<{ field: string; values: string[]; learned?: true }> = [
  {
    field: "status",
    values: [
      "draft",
      "published",
      "archived",
      "pending",
      "approved",
      "rejected",
      "completed",
      "todo",
      "in_progress",
      "resolved",
      "cancelled",
      "canceled",
      "paid",
      "unpaid",
      "overdue",
      "scheduled",
      "confirmed",
      "declined",
      "accepted",
      "shipped",
      "delivered",
      "unread",
      "failed",
      "expired",
      "backlog",
      "done",
      "in_review",
      "submitted",
      "processing",
      "refunded",
      "queued",
      "running",
      "paused",
      "succeeded",
      "dismissed",
      "revoked",
    ],
  },
  { field: "priority", values: ["low", "medium", "high", "urgent", "critical"] },
  { field: "role", values: ["admin", "editor", "viewer", "moderator", "owner", "member", "guest"] },
  { field: "visibility", values: ["public", "private", "unlisted"] },
  { field: "difficulty", values: ["easy", "medium", "hard", "beginner", "intermediate", "advanced"] },
  { field: "billingInterval", values: ["monthly", "yearly", "annual", "weekly"] },
  // Sets real apps keep as unions (the learning corpus, eval/learn: values seen as literals of such a field in
  // several apps), read when a sentence names two of their values.
  { field: "tier", values: ["free", "pro", "premium", "plus", "enterprise", "starter"], learned: true },
  { field: "type", values: ["text", "image", "video", "audio", "voice", "pdf"], learned: true },
  { field: "theme", values: ["light", "dark"], learned: true },
  {
    field: "provider",
    values: ["openai", "anthropic", "google", "openrouter", "groq", "gemini", "mistral"],
    learned: true,
  },
  { field: "paymentMethod", values: ["cash", "card", "crypto", "paypal"], learned: true },
  { field: "severity", values: ["minor", "major", "critical"], learned: true },
  { field: "gender", values: ["male", "female"], learned: true },
];

/**
 * "tasks move from todo to in progress to done", "admins and editors can publish": two or more words of one
 * value set in a clause, outside listed choices, are that field's values on the nearest entity.
 */
export function looseValues(
  clause: string[],
  mentions: Mention[],
  spans: Map<number, number>,
): Array<{ entity?: string; field: string; values: string[]; positions: number[] }> {
  const out: Array<{ entity?: string; field: string; values: string[]; positions: number[] }> = [];
  const inSpan = (k: number): boolean => [...spans].some(([a, b]) => k >= a && k < b);
  const tokens = clause.map((t, k) =>
    t === "in" && clause[k + 1] === "progress"
      ? "in_progress"
      : t === "to" && clause[k + 1] === "do" && clause[k - 1] !== "have"
        ? "todo"
        : t === "in" && clause[k + 1] === "review"
          ? "in_review"
          : t,
  );
  // "buyer/seller agents", "candidate/interviewer assignment", "SMS/email templates"
  for (let k = 0; k + 2 < clause.length; k++) {
    if (clause[k + 1] !== "/" || inSpan(k) || (k > 0 && clause[k - 1] === "/")) continue;
    let end = k;
    while (clause[end + 1] === "/" && /^[a-z][a-z0-9]{0,15}$/.test(clause[end + 2] ?? "")) end += 2;
    const values = clause.slice(k, end + 1).filter((t) => t !== "/");
    if (values.length < 2 || !values.every((v) => /^[a-z][a-z0-9]{0,15}$/.test(v) && !NOT_VALUES.has(v))) continue;
    // "true/false questions", "yes/no": a boolean said as its two answers, not a set of values.
    if (values.every((v) => /^(?:true|false|yes|no|on|off)$/.test(v))) continue;
    // "a minimal /app/admin page": a path, not values.
    if (values.some((v) => /^(?:app|api|src|lib|www|http|https|com|docs)$/.test(v))) continue;
    // "(register/login)", "sign in/sign up": actions, not values.
    if (values.every((v) => /^(?:register|login|logout|signin|signup|in|up|out|read|write|edit|view)$/.test(v)))
      continue;
    const people = values.every((v) => PEOPLE.has(v.replace(/s$/, "")));
    const after = mentions.find((m) => m.start === end + 1);
    const before = [...mentions].reverse().find((m) => m.end === k || m.end === k - 1);
    out.push({
      entity: people && !after ? undefined : (after ?? before)?.entity,
      field: people ? "role" : fieldForValues(values),
      values: values.map((v) => literalValue(people ? v.replace(/s$/, "") : v)),
      positions: [],
    });
    k = end;
  }
  // "mood leaning (Positive, Neutral, or Anxious)", "types: person, group, botnet"
  for (let k = 1; k < clause.length; k++) {
    const paren = clause[k] === "(" && !mentions.some((m) => m.end === k);
    const colon =
      clause[k] === ":" &&
      /^(?:types?|kinds?|categor(?:y|ies)|roles?|status(?:es)?|levels?|modes?|tipos?|stages?|states?|priorit(?:y|ies)|tiers?|plans?|formats?)$/.test(
        clause[k - 1],
      );
    if ((!paren && !colon) || inSpan(k)) continue;
    let end = paren ? clause.indexOf(")", k) : clause.length;
    if (end < 0) continue;
    if (colon) while (end > k + 1 && !/^[a-z]/.test(clause[end - 1])) end--;
    const tokens = clause.slice(k + 1, end).filter((t) => t !== "etc");
    const values = valueListOf(tokens);
    if (!values || (paren && mentions.some((m) => m.start > k && m.start < end && !PEOPLE.has(m.entity)))) continue;
    // "(user list, basic stats)": two phrases in brackets are features; values are joined by "or", or are three
    // or more, or are of a known set.
    if (paren && !tokens.includes("or") && values.length < 3 && setHits(values) < 2) continue;
    const nameWords = clause.slice(Math.max(0, k - 2), k).filter(
      (w) =>
        /^[a-z]+$/.test(w) &&
        !NOT_VALUES.has(w) &&
        // "filter books by genre (…)": the preposition is not part of the field's name.
        !/^(?:by|for|of|in|on|with|to|from|per|into|as|at)$/.test(w) &&
        !mentions.some((m) => clause[m.start] === w),
    );
    const known = fieldForValues(values);
    const field =
      known !== "type"
        ? known
        : nameWords.length
          ? nameWords.map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w)).join("")
          : "type";
    const before = [...mentions].reverse().find((m) => m.end <= k);
    out.push({
      entity: before?.entity ?? mentions.find((m) => m.start >= end)?.entity,
      field: /^(?:types?|kinds?|tipos?)$/.test(field) ? "type" : field,
      values,
      positions: [],
    });
    spans.set(k, end);
  }
  // A list the sentence spells out (after a colon, in brackets) is read by the list readers, on the table it names.
  const listed = tokens.includes(":") || tokens.includes("(");
  for (const set of LOOSE) {
    if (set.learned && listed) continue;
    const found: Array<{ value: string; at: number }> = [];
    tokens.forEach((t, k) => {
      const v = set.field === "role" ? t.replace(/s$/, "") : t;
      if (
        set.values.includes(v) &&
        !inSpan(k) &&
        !found.some((f) => f.value === v) &&
        !(
          set.field === "role" &&
          mentions.some((m) => m.start === k && !["admin", "editor", "viewer", "moderator"].includes(v))
        )
      )
        found.push({ value: v, at: k });
    });
    if (found.length < 2) continue;
    const at = found[0].at;
    const isValue = (m: Mention): boolean =>
      found.some((f) => f.at === m.start) ||
      ["admin", "editor", "viewer", "moderator", "owner", "member", "guest"].includes(m.entity);
    const before = [...mentions].reverse().find((m) => m.end <= at && !isValue(m));
    const after = mentions.find((m) => m.start > at && !isValue(m));
    out.push({
      entity: set.field === "role" ? undefined : (before ?? after)?.entity,
      field: set.field,
      values: found.map((f) => f.value),
      positions: found.map((f) => f.at),
    });
  }
  return out;
}
