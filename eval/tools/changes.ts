/**
 * Change requests over a real schema, in varied ordinary English, each with the operations it means
 * (eval/README.md, "Change requests"). Phrasings are split in two pools: even-numbered ones for the dev set, odd
 * ones for the test set, so the test set's wording is unseen by whoever tunes on dev.
 */
import type { Field, Table, Validator } from "../../lib/schema/model";
import type { SchemaOperation } from "../../lib/schema/operations";
import { enumValues } from "../real/annotate";
import type { ChangeCase, ChangeCategory } from "../real/cases";
import { singular, splitWords } from "../real/names";

export type Rng = () => number;

/** mulberry32 seeded from a string. */
export function rngFor(seed: string): Rng {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let a = (h << 13) | (h >>> 19);
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, xs: T[]): T => xs[Math.floor(rng() * xs.length)];
const human = (name: string): string => splitWords(name).join(" ");
const one = (table: string): string => {
  const ws = splitWords(table);
  ws[ws.length - 1] = singular(ws[ws.length - 1]);
  return ws.join(" ");
};
/** Either the code name or the words of it, as people write both. */
const say = (rng: Rng, name: string): string => (rng() < 0.5 ? name : human(name));

const SYSTEM = /^_/;
const scalar = (v: Validator): boolean =>
  ["string", "number", "boolean", "int64"].includes(v.kind) || (v.kind === "union" && enumValues(v) !== null);

/** Phrasings by category; `{t}` table, `{T1}` one of it, `{f}` field, `{n}` new name, `{x}` extra. */
const PHRASES: Record<string, string[]> = {
  setOptional: [
    "make {f} optional on {t}",
    "{f} in {t} should be optional",
    "not every {T1} has a {f}, so it shouldn't be required",
    "can you make the {f} field of {t} optional?",
    "{t} don't always have a {f} — make it optional please",
    "allow {t} without a {f}",
    "the {f} on {t} is not mandatory anymore",
    "let {f} be empty for {t}",
  ],
  setRequired: [
    "make {f} required on {t}",
    "every {T1} must have a {f}",
    "{f} on {t} should be mandatory",
    "require a {f} for all {t}",
    "{t} can't be saved without a {f} anymore, make it required",
    "{f} is required for {t} from now on",
    "make the {f} of {t} non-optional",
    "a {T1} always needs a {f}",
  ],
  renameField: [
    "rename {f} to {n} in {t}",
    "in {t}, call {f} {n} instead",
    "I'd like the {f} field on {t} to be named {n}",
    "change the name of {t}'s {f} field to {n}",
    "please rename {t}.{f} to {n}",
    "{f} on {t} should be called {n}",
    "rename the {f} column of {t} to {n}",
    "on {t}, {f} → {n}",
  ],
  renameTable: [
    "rename the {t} table to {n}",
    "{t} should be called {n}",
    "call {t} {n} from now on",
    "can we rename {t} to {n}?",
    "let's name the {t} table {n} instead",
    "change the table name {t} to {n}",
    "I want {t} renamed to {n}",
    "rename table {t} → {n}",
  ],
  addField: [
    "add a {x} field called {n} to {t}",
    "{t} need a {n} ({x})",
    "give every {T1} a {n}, it's a {x}",
    "store a {x} called {n} on {t}",
    "add {n} to {t} as a {x}",
    "I want to keep a {n} on each {T1} ({x})",
    "can {t} have a {n} field? it should be a {x}",
    "add a new {x} column {n} on {t}",
  ],
  addRelation: [
    "each {T1} belongs to a {x}",
    "link {t} to {y}: every {T1} has one {x}",
    "{t} should reference a {x}",
    "add a {x} to every {T1}",
    "every {T1} is owned by a {x}",
    "connect {t} to {y} so that each {T1} points to a {x}",
    "a {T1} should know which {x} it belongs to",
    "{t} need a link to their {x}",
  ],
  addIndex: [
    "I often look up {t} by {f}, add an index",
    "index {t} on {f}",
    "we query {t} by {f} a lot — can you make that fast?",
    "add an index on {f} for {t}",
    "speed up finding {t} by {f}",
    "queries that filter {t} on {f} are slow, please index it",
    "add an index so we can list {t} by {f}",
    "we need to fetch {t} by their {f}",
  ],
  addIndex2: [
    "I need to list {t} by {f} and then {x}",
    "add a compound index on {t}: {f}, {x}",
    "we query {t} filtered by {f} and {x}, add an index for that",
    "index {t} by {f} and {x}",
    "make looking up {t} by {f} plus {x} fast",
    "add an index on ({f}, {x}) to {t}",
    "queries on {t} use {f} and {x} together, please index them",
    "create an index of {t} over {f} and {x}",
  ],
  softDelete: [
    "add soft delete to {t}",
    "{t} should be soft-deleted instead of removed",
    "don't really delete {t}, just mark them as deleted",
    "support soft deletion for {t}",
    "we want to be able to restore deleted {t}",
    "make deleting a {T1} reversible (soft delete)",
    "add a soft-delete flag to {t}",
    "{t}: soft delete please",
  ],
  enumNew: [
    "add a {n} to {t} with values {x}",
    "{t} need a {n}: one of {x}",
    "each {T1} has a {n} which can be {x}",
    "add a {n} field to {t} — options are {x}",
    "give {t} a {n} ({x})",
    "a {T1}'s {n} is either {x}",
    "track the {n} of {t}, it's {x}",
    "add {n} on {t}, allowed values: {x}",
  ],
  enumExtend: [
    "add {x} as a possible {f} for {t}",
    "{t} {f} can also be {x}",
    "allow {x} as a {f} value on {t}",
    "we need a new {f} option for {t}: {x}",
    "add the value {x} to {t}.{f}",
    "{f} of a {T1} may now be {x} too",
    "support {x} in the {f} of {t}",
    "extend {t} {f} with {x}",
  ],
  search: [
    "make {t} searchable by {f}",
    "users should be able to search {t} by {f}",
    "add full-text search on {t} {f}",
    "I need search over the {f} of {t}",
    "add a search index for {t} on {f}",
    "let people search {f} in {t}",
    "we want text search on {t}.{f}",
    "search {t} by {f} please",
  ],
  removeField: [
    "remove {f} from {t}",
    "we don't need {t}.{f} anymore",
    "drop the {f} field on {t}",
    "get rid of {f} in {t}",
    "{t} no longer have a {f}, delete it",
    "delete the {f} field from {t}",
    "{f} on {t} is unused, remove it",
    "take {f} off {t}",
  ],
  split: [
    "move {f} and {x} of {t} into their own {n} table, linked to the {T1}",
    "split {f} and {x} out of {t} into a separate {n} table that points back to {t}",
    "{f} and {x} should live in a {n} table referencing {t} instead of on {t} itself",
    "extract {f} and {x} from {t} into a new {n} table (each row belongs to a {T1})",
    "put {t}' {f} and {x} in a {n} table with a reference to the {T1}, and remove them from {t}",
    "pull {f} and {x} out of {t} into {n}, one row per {T1}",
    "separate {f}/{x} from {t}: new table {n} that references {t}",
    "create a {n} table for the {f} and {x} of {t} and take them off {t}",
  ],
  merge: [
    "merge {t} into {y}: move their fields onto the {Y1} and drop {t}",
    "fold {t} into {y} and remove the {t} table",
    "we don't need a separate {t} table, put its fields on {y}",
    "combine {t} with {y} (keep the fields, delete {t})",
  ],
  offTopic: [
    "write me a poem about cats",
    "what's the weather like in Berlin today?",
    "tell me a joke",
    "who won the world cup in 2018?",
    "translate 'good morning' into Spanish",
    "how do I make pancakes?",
    "what's 17 times 23?",
    "recommend a good sci-fi novel",
    "can you book me a flight to Lisbon?",
    "what time is it in Tokyo?",
    "summarize the plot of Hamlet",
    "write a haiku about the ocean",
    "what's the capital of Australia?",
    "give me a recipe for banana bread",
    "sing me a song about databases",
    "I'm feeling tired today",
  ],
  alreadyIndex: [
    "add an index on {f} to {t}",
    "index {t} by {f}",
    "we look up {t} by {f}, add an index",
    "make queries of {t} by {f} fast",
  ],
  alreadyRequired: [
    "make {f} required on {t}",
    "every {T1} must have a {f}",
    "{f} should be mandatory on {t}",
    "require {f} on {t}",
  ],
  alreadyOptional: [
    "make {f} optional on {t}",
    "{f} on {t} should be optional",
    "allow {t} without a {f}",
    "{f} doesn't have to be set on {t}",
  ],
  alreadyField: ["add a {f} field to {t}", "{t} need a {f}", "give {t} a {f}", "store the {f} of each {T1}"],
  contradictory: [
    "make {f} on {t} both required and optional",
    "{f} must always be set on {t}, but it should be optional",
    "rename {t} to {n} but keep it called {t}",
    "remove {f} from {t} and make {f} required",
    "make {f} on {t} required, no wait, optional, and also required",
    "drop the {t} table but keep all of its data in {t}",
    "{t} need {f} to be mandatory and never set",
    "delete {f} from {t} while keeping {f} as it is",
  ],
  ambiguousRename: [
    "rename {f} to {n}",
    "call {f} {n} instead",
    "{f} should be named {n}",
    "please rename the {f} field to {n}",
  ],
  ambiguousOptional: ["make {f} optional", "{f} shouldn't be required", "allow an empty {f}", "{f} can be missing"],
  ambiguousAdd: ["add a {n} field", "we need a {n}", "add {n}", "store a {n} too"],
  ambiguousIndex: ["add an index to {t}", "{t} needs an index", "index {t}", "make {t} queries faster with an index"],
};

/**
 * More phrasings for the dev set only (added after the test set was frozen), so that tuning on dev meets more of
 * the ways people write each request; the test set keeps its own, unseen pool.
 */
const DEV_EXTRA: Record<string, string[]> = {
  setOptional: [
    "{f} on {t} can be left blank",
    "stop requiring {f} on {t}",
    "some {t} have no {f}; don't force it",
    "{f} should be nullable for {t}",
  ],
  setRequired: [
    "{f} on {t} must always be filled in",
    "don't allow {t} without {f}",
    "{t} always have a {f}, enforce that",
    "make {t} {f} required please",
  ],
  renameField: [
    "{f} → {n} on {t}",
    "can you rename {f} in the {t} table to {n}?",
    "use the name {n} for {t}.{f}",
    "{t} should say {n} instead of {f}",
  ],
  renameTable: [
    "{t} → {n}",
    "our {t} are really {n}, rename the table",
    "please rename {t} as {n}",
    "the {t} table should be named {n}",
  ],
  addField: [
    "{t} should also store a {n} ({x})",
    "add a field {n} of type {x} on {t}",
    "put a {x} {n} on every {T1}",
    "we also need {n} on {t}, as a {x}",
  ],
  addRelation: [
    "each {T1} is tied to one {x}",
    "add a reference from {t} to {y}",
    "{t} belong to {y}",
    "store which {x} each {T1} is for",
  ],
  addIndex: [
    "we filter {t} by {f} all the time",
    "add an index on {t}.{f}",
    "lookups of {t} by {f} need an index",
    "I keep querying {t} with {f}, index that",
  ],
  addIndex2: [
    "index {t} on {f} then {x}",
    "{t} are queried by {f} and {x} together, add an index",
    "we look up {t} using {f} + {x}",
    "compound index for {t}: {f} and {x}",
  ],
  softDelete: [
    "use soft deletes for {t}",
    "when a {T1} is deleted keep it but flag it",
    "{t} should never be hard-deleted",
    "add trash/restore support to {t}",
  ],
  enumNew: [
    "{t} get a {n} field with the options {x}",
    "store a {n} on {t}: {x}",
    "{n} for {t} should be one of {x}",
    "I want {t} to have a {n} ({x})",
  ],
  enumExtend: [
    "{x} should be a valid {f} for {t}",
    "add {x} to the allowed {f} values of {t}",
    "let {t} have {f} {x}",
    "new {f} for {t}: {x}",
  ],
  search: [
    "full text search on {t} {f} please",
    "we want to find {t} by searching their {f}",
    "add search to {t} using {f}",
    "enable searching {t} by {f}",
  ],
  removeField: [
    "{f} isn't used on {t}, drop it",
    "remove the {f} column from {t}",
    "{t} don't need {f}",
    "please delete {t}.{f}",
  ],
  split: [
    "move {f} and {x} from {t} to a new {n} table that links to the {T1}",
    "{t}: split {f} and {x} off into {n} (with a reference to the {T1})",
    "give {f} and {x} their own table {n}, pointing to {t}",
    "{n} should hold the {f} and {x} of each {T1}, not {t}",
  ],
  offTopic: [
    "what's the best pizza place in Naples?",
    "how are you doing today?",
    "explain quantum physics to me",
    "write a limerick about Mondays",
    "who is the president of France?",
    "convert 30 celsius to fahrenheit",
    "give me a workout plan for the week",
    "what's the meaning of life?",
    "tell me a fun fact about octopuses",
    "help me write a birthday card for my mom",
    "is it going to rain tomorrow?",
    "draw me a picture of a dog",
  ],
};

const RENAME_FIELD: Record<string, string> = {
  name: "title",
  title: "heading",
  description: "summary",
  content: "body",
  body: "content",
  text: "body",
  email: "emailAddress",
  phone: "phoneNumber",
  image: "imageUrl",
  imageUrl: "coverImage",
  url: "link",
  status: "state",
  notes: "remarks",
  amount: "total",
  price: "cost",
  type: "kind",
  category: "topic",
  location: "address",
  avatar: "avatarUrl",
  bio: "about",
  score: "points",
  createdAt: "created",
  updatedAt: "lastModified",
  dueDate: "deadline",
  date: "day",
  message: "text",
  role: "position",
  label: "caption",
  color: "colour",
  tags: "labels",
  isActive: "active",
  slug: "handle",
  username: "handle",
  displayName: "nickname",
  avatarUrl: "pictureUrl",
  summary: "abstract",
  duration: "length",
  quantity: "count",
  startTime: "startsAt",
  endTime: "endsAt",
  timestamp: "time",
  value: "amount",
  comment: "remark",
  rating: "stars",
  priority: "urgency",
  order: "position",
  website: "homepage",
};

const RENAME_TABLE: Record<string, string> = {
  posts: "articles",
  articles: "posts",
  messages: "chatMessages",
  tasks: "todos",
  todos: "tasks",
  notes: "memos",
  items: "products",
  products: "items",
  comments: "replies",
  events: "happenings",
  projects: "initiatives",
  users: "members",
  documents: "files",
  files: "assets",
  orders: "purchases",
  teams: "squads",
  groups: "circles",
  chats: "conversations",
  conversations: "threads",
  categories: "topics",
  tags: "labels",
  workspaces: "spaces",
  organizations: "companies",
  companies: "organizations",
  bookings: "reservations",
  reservations: "bookings",
  courses: "classes",
  lessons: "modules",
  payments: "transactions",
  transactions: "payments",
  notifications: "alerts",
  profiles: "accounts",
  reviews: "ratings",
  sessions: "visits",
  invitations: "invites",
  invites: "invitations",
  settings: "preferences",
  rooms: "spaces",
  expenses: "costs",
  leads: "prospects",
  clients: "customers",
  customers: "clients",
  students: "learners",
  quizzes: "tests",
  questions: "prompts",
  answers: "responses",
  boards: "canvases",
  channels: "rooms",
  videos: "clips",
  recipes: "dishes",
  goals: "objectives",
  habits: "routines",
};

const NEW_FIELDS: Array<{ name: string; word: string; v: Validator }> = [
  { name: "archived", word: "boolean", v: { kind: "boolean" } },
  { name: "priority", word: "number", v: { kind: "number" } },
  { name: "notes", word: "string", v: { kind: "string" } },
  { name: "tags", word: "list of strings", v: { kind: "array", element: { kind: "string" } } },
  { name: "color", word: "text", v: { kind: "string" } },
  { name: "isPinned", word: "true/false flag", v: { kind: "boolean" } },
  { name: "viewCount", word: "number", v: { kind: "number" } },
  { name: "externalUrl", word: "string", v: { kind: "string" } },
  { name: "rating", word: "numeric", v: { kind: "number" } },
  { name: "isFeatured", word: "boolean", v: { kind: "boolean" } },
  { name: "sortOrder", word: "integer number", v: { kind: "number" } },
  { name: "aliases", word: "array of strings", v: { kind: "array", element: { kind: "string" } } },
];

const ENUMS: Array<{ name: string; values: string[] }> = [
  { name: "status", values: ["draft", "published", "archived"] },
  { name: "priority", values: ["low", "medium", "high"] },
  { name: "visibility", values: ["public", "private", "unlisted"] },
  { name: "level", values: ["beginner", "intermediate", "advanced"] },
  { name: "stage", values: ["new", "active", "closed"] },
  { name: "reviewState", values: ["pending", "approved", "rejected"] },
  { name: "size", values: ["small", "medium", "large"] },
];
const EXTRA_VALUES = ["archived", "cancelled", "on_hold", "expired", "blocked", "paused", "review"];

const lit = (value: string): Validator => ({ kind: "literal", value });
const listWords = (xs: string[]): string =>
  xs.length <= 2 ? xs.join(" or ") : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`;

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`).replace(/\ba (?=[aeio]|un)/gi, "an ");
}

/** Both optional and required readings of an added field, when the request did not say. */
const eitherOptional = (table: string, field: Omit<Field, "optional">): SchemaOperation[][] => [
  [{ op: "addField", table, field: { ...field, optional: true } }],
  [{ op: "addField", table, field: { ...field, optional: false } }],
];

const userTables = (tables: Table[]): Table[] =>
  tables.filter(
    (t) => !/^auth[A-Z]/.test(t.name) && !t.generatedBy && !t.anyDocument && !t.variants && t.fields.length > 0,
  );
const indexed = (t: Table, f: string): boolean =>
  t.indexes.some((i) => i.fields.includes(f)) ||
  t.searchIndexes.some((i) => i.searchField === f || i.filterFields.includes(f)) ||
  t.vectorIndexes.some((i) => i.vectorField === f || i.filterFields.includes(f));
/** Fields people look records up by: references, enums, flags and key-like names. */
const lookupField = (f: Field): boolean =>
  f.validator.kind === "id" ||
  f.validator.kind === "boolean" ||
  enumValues(f.validator) !== null ||
  (scalar(f.validator) &&
    /(id|status|type|slug|email|date|at|kind|category|role|state|code|key|name|handle|username)$/i.test(f.name));
/** Text people search in. */
const TEXT_FIELD =
  /(title|name|content|body|text|description|message|bio|summary|notes?|question|answer|caption|label|query|prompt)$/i;
const safeName = (n: string): boolean => /^[A-Za-z][A-Za-z0-9]*$/.test(n);

/** One change case of `category` over `tables`, or null when the schema has nothing that fits. */
function make(
  category: string,
  tables: Table[],
  rng: Rng,
  pool: "dev" | "test",
): Omit<ChangeCase, "id" | "repo"> | null {
  const phrases = [
    ...PHRASES[category].filter((_, i) => (pool === "dev" ? i % 2 === 0 : i % 2 === 1)),
    ...(pool === "dev" ? (DEV_EXTRA[category] ?? []) : []),
  ];
  const tpl = pick(rng, phrases);
  const ts = userTables(tables).filter((t) => safeName(t.name));
  if (!ts.length) return null;
  const t = pick(rng, ts);
  const fields = t.fields.filter((f) => !SYSTEM.test(f.name) && safeName(f.name));
  const vars = (extra: Record<string, string>): Record<string, string> => ({
    t: say(rng, t.name),
    T1: one(t.name),
    ...extra,
  });
  const cat = (c: ChangeCategory, request: string, expect: ChangeCase["expect"]): Omit<ChangeCase, "id" | "repo"> => ({
    category: c,
    request,
    expect,
  });
  switch (category) {
    case "setOptional": {
      const f = fields.filter((x) => !x.optional && scalar(x.validator));
      if (!f.length) return null;
      const x = pick(rng, f);
      return cat("setOptional", fill(tpl, vars({ f: say(rng, x.name) })), {
        accept: [[{ op: "setOptional", table: t.name, field: x.name, optional: true }]],
      });
    }
    case "setRequired": {
      const f = fields.filter((x) => x.optional && scalar(x.validator));
      if (!f.length) return null;
      const x = pick(rng, f);
      return cat("setRequired", fill(tpl, vars({ f: say(rng, x.name) })), {
        accept: [[{ op: "setOptional", table: t.name, field: x.name, optional: false }]],
      });
    }
    case "renameField": {
      const f = fields.filter((x) => RENAME_FIELD[x.name] && !t.fields.some((y) => y.name === RENAME_FIELD[x.name]));
      if (!f.length) return null;
      const x = pick(rng, f);
      return cat("renameField", fill(tpl, vars({ f: x.name, n: RENAME_FIELD[x.name] })), {
        accept: [[{ op: "renameField", table: t.name, from: x.name, to: RENAME_FIELD[x.name] }]],
      });
    }
    case "renameTable": {
      const cands = ts.filter((x) => RENAME_TABLE[x.name] && !tables.some((y) => y.name === RENAME_TABLE[x.name]));
      if (!cands.length) return null;
      const x = pick(rng, cands);
      return cat("renameTable", fill(tpl, { t: x.name, n: RENAME_TABLE[x.name], T1: one(x.name) }), {
        accept: [[{ op: "renameTable", from: x.name, to: RENAME_TABLE[x.name] }]],
      });
    }
    case "addField": {
      const nf = NEW_FIELDS.filter((n) => !t.fields.some((f) => f.name.toLowerCase() === n.name.toLowerCase()));
      if (!nf.length) return null;
      const n = pick(rng, nf);
      return cat("addField", fill(tpl, vars({ n: say(rng, n.name), x: n.word })), {
        accept: eitherOptional(t.name, { name: n.name, validator: n.v }),
      });
    }
    case "addRelation": {
      // Plausible owners: tables other tables already point at (users, projects, workspaces, …).
      const inbound = (name: string): number =>
        ts.filter((x) => x.fields.some((f) => f.validator.kind === "id" && f.validator.table === name)).length;
      if (inbound(t.name) >= 2 || t.name === "users") return null;
      const targets = ts.filter(
        (y) =>
          y !== t &&
          inbound(y.name) >= 2 &&
          !t.fields.some((f) => JSON.stringify(f.validator).includes(`"table":"${y.name}"`)),
      );
      if (!targets.length) return null;
      const y = pick(rng, targets);
      const ys = one(y.name);
      const names = [
        `${splitWords(ys)
          .map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w))
          .join("")}Id`,
        splitWords(ys)
          .map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w))
          .join(""),
      ];
      const accept: SchemaOperation[][] = [];
      for (const name of names) {
        if (t.fields.some((f) => f.name === name)) continue;
        for (const optional of [true, false]) {
          const add: SchemaOperation = {
            op: "addField",
            table: t.name,
            field: { name, validator: { kind: "id", table: y.name }, optional },
          };
          accept.push([add], [add, { op: "addIndex", table: t.name, index: { name: `by_${name}`, fields: [name] } }]);
        }
      }
      if (!accept.length) return null;
      return cat("addRelation", fill(tpl, vars({ x: ys, y: say(rng, y.name) })), { accept });
    }
    case "addIndex": {
      const f = fields.filter((x) => lookupField(x) && !t.indexes.some((i) => i.fields[0] === x.name));
      if (!f.length) return null;
      const x = pick(rng, f);
      return cat("addIndex", fill(tpl, vars({ f: say(rng, x.name) })), {
        accept: [[{ op: "addIndex", table: t.name, index: { name: `by_${x.name}`, fields: [x.name] } }]],
      });
    }
    case "addIndex2": {
      const f = fields.filter(lookupField);
      if (f.length < 2) return null;
      const a = pick(rng, f);
      const b = pick(
        rng,
        f.filter((x) => x !== a),
      );
      if (t.indexes.some((i) => i.fields[0] === a.name && i.fields[1] === b.name)) return null;
      return cat("addIndex", fill(tpl, vars({ f: a.name, x: b.name })), {
        accept: [
          [{ op: "addIndex", table: t.name, index: { name: `by_${a.name}_${b.name}`, fields: [a.name, b.name] } }],
        ],
      });
    }
    case "softDelete": {
      if (t.fields.some((f) => /deleted|isDeleted|archived/i.test(f.name))) return null;
      const accept: SchemaOperation[][] = [];
      for (const [name, v, opts] of [
        ["deletedAt", { kind: "number" }, [true]],
        ["isDeleted", { kind: "boolean" }, [true, false]],
      ] as Array<[string, Validator, boolean[]]>) {
        for (const optional of opts) {
          const add: SchemaOperation = { op: "addField", table: t.name, field: { name, validator: v, optional } };
          accept.push([add], [add, { op: "addIndex", table: t.name, index: { name: `by_${name}`, fields: [name] } }]);
        }
      }
      return cat("softDelete", fill(tpl, vars({})), { accept });
    }
    case "enumNew": {
      const en = ENUMS.filter((e) => !t.fields.some((f) => f.name === e.name));
      if (!en.length) return null;
      const e = pick(rng, en);
      return cat("enumNew", fill(tpl, vars({ n: e.name, x: listWords(e.values) })), {
        accept: eitherOptional(t.name, { name: e.name, validator: { kind: "union", members: e.values.map(lit) } }),
      });
    }
    case "enumExtend": {
      const f = fields.filter((x) => enumValues(x.validator) !== null);
      if (!f.length) return null;
      const x = pick(rng, f);
      const values = enumValues(x.validator) as string[];
      const nv = EXTRA_VALUES.filter((v) => !values.includes(v));
      const v = pick(rng, nv);
      return cat("enumExtend", fill(tpl, vars({ f: x.name, x: v })), {
        accept: [
          [
            {
              op: "changeFieldType",
              table: t.name,
              field: x.name,
              validator: { kind: "union", members: [...values, v].map(lit) },
            },
          ],
        ],
      });
    }
    case "search": {
      const f = fields.filter((x) => x.validator.kind === "string" && TEXT_FIELD.test(x.name));
      if (!f.length || t.searchIndexes.length) return null;
      const x = pick(rng, f);
      return cat("search", fill(tpl, vars({ f: say(rng, x.name) })), {
        accept: [
          [
            {
              op: "addSearchIndex",
              table: t.name,
              index: { name: `search_${x.name}`, searchField: x.name, filterFields: [] },
            },
          ],
        ],
      });
    }
    case "removeField": {
      const f = fields.filter((x) => !indexed(t, x.name) && x.validator.kind !== "id");
      if (!f.length) return null;
      const x = pick(rng, f);
      return cat("removeField", fill(tpl, vars({ f: say(rng, x.name) })), {
        accept: [[{ op: "removeField", table: t.name, field: x.name }]],
      });
    }
    case "split": {
      const f = fields.filter(
        (x) => !indexed(t, x.name) && x.validator.kind !== "id" && !/(At|Id|Ids)$|^is[A-Z]/.test(x.name),
      );
      if (f.length < 3) return null;
      const a = pick(rng, f);
      const b = pick(
        rng,
        f.filter((x) => x !== a),
      );
      const n = `${one(t.name)
        .split(" ")
        .map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w))
        .join("")}Details`;
      if (tables.some((x) => x.name === n)) return null;
      const ref = `${one(t.name)
        .split(" ")
        .map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w))
        .join("")}Id`;
      const refField: Field = { name: ref, validator: { kind: "id", table: t.name }, optional: false };
      const fieldsOut: Field[] = [refField, a, b].map((x) => ({
        name: x.name,
        validator: x.validator,
        optional: x.optional,
      }));
      const removes: SchemaOperation[] = [
        { op: "removeField", table: t.name, field: a.name },
        { op: "removeField", table: t.name, field: b.name },
      ];
      const accept: SchemaOperation[][] = [
        [
          { op: "createTable", table: n, fields: fieldsOut, indexes: [{ name: `by_${ref}`, fields: [ref] }] },
          ...removes,
        ],
        [{ op: "createTable", table: n, fields: fieldsOut }, ...removes],
      ];
      return cat("split", fill(tpl, vars({ f: a.name, x: b.name, n })), { accept });
    }
    case "merge": {
      // A one-to-one side table (settings, profile, details, …): one reference to its owner, a few fields of its
      // own, and nothing else pointing at it.
      const cands = ts.filter((c) => {
        const refs = c.fields.filter((f) => f.validator.kind === "id");
        const owner =
          refs[0]?.validator.kind === "id"
            ? ts.find((x) => x.name === (refs[0].validator as { table: string }).table)
            : undefined;
        const own = c.fields.filter(
          (f) => f.validator.kind !== "id" && !SYSTEM.test(f.name) && !owner?.fields.some((g) => g.name === f.name),
        );
        const ownerWord = owner ? (one(owner.name).split(" ").pop() ?? "") : "";
        return (
          /(settings?|preferences?|profiles?|details?|stats|config|metadata|info|balances?)$/i.test(c.name) &&
          refs.length === 1 &&
          splitWords(refs[0].name).includes(ownerWord) &&
          own.length >= 1 &&
          own.length <= 12 &&
          owner &&
          owner !== c &&
          !ts.some((x) => x !== c && x.fields.some((f) => JSON.stringify(f.validator).includes(`"table":"${c.name}"`)))
        );
      });
      if (!cands.length) return null;
      const c = pick(rng, cands);
      const owner = (c.fields.find((f) => f.validator.kind === "id")!.validator as { table: string }).table;
      // Fields the owner already has (createdAt, updatedAt, …) go with the table.
      const ownerTable = ts.find((x) => x.name === owner);
      const own = c.fields.filter(
        (f) => f.validator.kind !== "id" && !SYSTEM.test(f.name) && !ownerTable?.fields.some((g) => g.name === f.name),
      );
      const ops: SchemaOperation[] = [
        ...own.map(
          (f): SchemaOperation => ({
            op: "addField",
            table: owner,
            field: { name: f.name, validator: f.validator, optional: true },
          }),
        ),
        { op: "dropTable", table: c.name },
      ];
      return cat("merge", fill(tpl, { t: say(rng, c.name), y: say(rng, owner), Y1: one(owner) }), { accept: [ops] });
    }
    case "offTopic":
      return cat("offTopic", tpl, { noOp: true });
    case "alreadyIndex": {
      const ix = t.indexes.filter((i) => i.fields.length && safeName(i.fields[0]));
      if (!ix.length) return null;
      const f = pick(rng, ix).fields[0];
      return cat("alreadyDone", fill(tpl, vars({ f })), { noOp: true, already: true });
    }
    case "alreadyRequired": {
      const f = fields.filter((x) => !x.optional && scalar(x.validator));
      if (!f.length) return null;
      return cat("alreadyDone", fill(tpl, vars({ f: pick(rng, f).name })), { noOp: true, already: true });
    }
    case "alreadyOptional": {
      const f = fields.filter((x) => x.optional && scalar(x.validator));
      if (!f.length) return null;
      return cat("alreadyDone", fill(tpl, vars({ f: pick(rng, f).name })), { noOp: true, already: true });
    }
    case "alreadyField": {
      const f = fields.filter((x) => scalar(x.validator) && splitWords(x.name).length <= 2);
      if (!f.length) return null;
      return cat("alreadyDone", fill(tpl, vars({ f: pick(rng, f).name })), { noOp: true, already: true });
    }
    case "contradictory": {
      const f = fields.filter((x) => scalar(x.validator));
      if (!f.length) return null;
      const x = pick(rng, f);
      return cat(
        "contradictory",
        fill(tpl, vars({ t: t.name, f: x.name, n: RENAME_TABLE[t.name] ?? `${t.name}Archive` })),
        { noOp: true, question: { mentions: [t.name, x.name] } },
      );
    }
    case "ambiguousRename":
    case "ambiguousOptional": {
      // A field name that several tables share, named without its table.
      const byName = new Map<string, Table[]>();
      for (const x of ts)
        for (const f of x.fields)
          if (
            !SYSTEM.test(f.name) &&
            safeName(f.name) &&
            (category === "ambiguousRename" ? RENAME_FIELD[f.name] : scalar(f.validator) && !f.optional)
          )
            byName.set(f.name, [...(byName.get(f.name) ?? []), x]);
      const shared = [...byName].filter(([, xs]) => xs.length >= 2);
      if (!shared.length) return null;
      const [f, owners] = pick(rng, shared);
      return cat("ambiguous", fill(tpl, { f, n: RENAME_FIELD[f] ?? "" }), {
        noOp: true,
        question: { mentions: owners.map((x) => x.name) },
      });
    }
    case "ambiguousAdd": {
      if (ts.length < 2) return null;
      const n = pick(rng, ["color", "rating", "deadline", "nickname", "score"]);
      return cat("ambiguous", fill(tpl, { n }), { noOp: true, question: { mentions: ts.map((x) => x.name) } });
    }
    case "ambiguousIndex": {
      if (fields.length < 2) return null;
      return cat("ambiguous", fill(tpl, vars({ t: t.name })), {
        noOp: true,
        question: { mentions: fields.map((x) => x.name) },
      });
    }
    default:
      throw new Error(`Unknown category ${category}`);
  }
}

export const REGULAR = [
  "setOptional",
  "setRequired",
  "renameField",
  "renameTable",
  "addField",
  "addRelation",
  "addIndex",
  "addIndex2",
  "softDelete",
  "enumNew",
  "enumExtend",
  "search",
  "removeField",
  "split",
];
export const ALREADY = ["alreadyIndex", "alreadyRequired", "alreadyOptional", "alreadyField"];
/** Off-topic and contradictory a quarter each, ambiguous half. */
export const UNCLEAR = [
  "offTopic",
  "contradictory",
  "ambiguousRename",
  "ambiguousOptional",
  "ambiguousAdd",
  "ambiguousIndex",
  "offTopic",
  "contradictory",
];

/** For one app: `regular` ordinary change requests, one already done and `unclear` off-topic, contradictory or ambiguous. */
export function changeCases(
  repo: string,
  tables: Table[],
  pool: "dev" | "test",
  regular: number,
  unclear = 1,
): ChangeCase[] {
  const rng = rngFor(`changes:${repo}`);
  const out: ChangeCase[] = [];
  const slug = repo.replace("/", "+");
  // "merge" came after the test set was frozen: dev only.
  const regularKinds = pool === "dev" ? [...REGULAR, "merge"] : REGULAR;
  for (const [kinds, n] of [
    [regularKinds, regular],
    [ALREADY, 1],
    [UNCLEAR, unclear],
  ] as const) {
    let made = 0;
    for (let attempt = 0; attempt < 40 && made < n; attempt++) {
      const c = make(pick(rng, kinds as unknown as string[]), tables, rng, pool);
      if (!c || out.some((o) => o.request === c.request)) continue;
      out.push({ id: `${slug}:${c.category}:${out.length}`, repo, ...c });
      made++;
    }
  }
  return out;
}
