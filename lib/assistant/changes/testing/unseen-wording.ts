/**
 * A held-out set of change requests over one small schema, written for issue 17 before the change grammar was
 * reworked: several ordinary-English phrasings per kind (casual, terse, polite, typos, the field's words instead
 * of its code name, possessives, "Y on X", "in X, …", passive voice, questions). Not taken from the eval's phrasing
 * pools. `unseen-wording.test.ts` runs it through the designer; `scoreUnseen` scores one answer.
 */
import { applyOperations } from "../../../schema/operations";
import type { SchemaOperation } from "../../../schema/operations";
import type { Field, SchemaModel, Table, Validator } from "../../../schema/model";
import { emptySchema } from "../../../schema/model";
import type { Proposal } from "../../types";

const s: Validator = { kind: "string" };
const n: Validator = { kind: "number" };
const b: Validator = { kind: "boolean" };
const id = (table: string): Validator => ({ kind: "id", table });
const union = (...values: string[]): Validator => ({
  kind: "union",
  members: values.map((value) => ({ kind: "literal", value })),
});
const f = (name: string, validator: Validator, optional = false): Field => ({ name, validator, optional });
const table = (name: string, fields: Field[], indexes: [string, string[]][] = [], search: string[] = []): Table => ({
  name,
  fields,
  indexes: indexes.map(([iname, fields]) => ({ name: iname, fields })),
  searchIndexes: search.map((field) => ({ name: `search_${field}`, searchField: field, filterFields: [] })),
  vectorIndexes: [],
});

export function unseenSchema(): SchemaModel {
  return {
    ...emptySchema(),
    tables: [
      table(
        "users",
        [
          f("name", s),
          f("email", s),
          f("avatarUrl", s, true),
          f("role", union("admin", "member", "guest")),
          f("street", s, true),
          f("city", s, true),
          f("createdAt", n),
        ],
        [["by_email", ["email"]]],
      ),
      table(
        "projects",
        [f("name", s), f("ownerId", id("users")), f("description", s, true), f("archived", b), f("createdAt", n)],
        [["by_ownerId", ["ownerId"]]],
      ),
      table(
        "tasks",
        [
          f("title", s),
          f("projectId", id("projects")),
          f("assigneeId", id("users"), true),
          f("dueDate", n, true),
          f("status", union("todo", "doing", "done")),
          f("priority", n),
          f("notes", s, true),
          f("createdAt", n),
        ],
        [
          ["by_projectId", ["projectId"]],
          ["by_projectId_status", ["projectId", "status"]],
        ],
        ["title"],
      ),
      table(
        "comments",
        [f("taskId", id("tasks")), f("authorId", id("users")), f("body", s), f("createdAt", n)],
        [["by_taskId", ["taskId"]]],
      ),
      table(
        "userSettings",
        [f("userId", id("users")), f("theme", s), f("emailNotifications", b)],
        [["by_userId", ["userId"]]],
      ),
      table("invoices", [
        f("customerName", s),
        f("billingStreet", s),
        f("billingCity", s),
        f("billingZip", s),
        f("amount", n),
        f("paid", b),
        f("projectId", id("projects")),
      ]),
      table("tags", [f("label", s), f("color", s, true)]),
    ],
  };
}

export type UnseenKind =
  | "setOptional"
  | "setRequired"
  | "renameField"
  | "renameTable"
  | "addField"
  | "addRelation"
  | "addIndex"
  | "softDelete"
  | "enumNew"
  | "enumExtend"
  | "search"
  | "removeField"
  | "split"
  | "merge"
  | "alreadyDone"
  | "offTopic"
  | "contradictory"
  | "ambiguous";

export interface UnseenCase {
  kind: UnseenKind;
  request: string;
  /** Acceptable operation lists (any one of them). */
  accept?: SchemaOperation[][];
  /** No operation; `already`: the reply says "already"; `mentions`: a question naming one of them. */
  already?: true;
  mentions?: string[];
}

const optional = (t: string, field: string, opt = true): SchemaOperation[][] => [
  [{ op: "setOptional", table: t, field, optional: opt }],
];
const renameField = (t: string, from: string, to: string): SchemaOperation[][] => [
  [{ op: "renameField", table: t, from, to }],
];
const renameTable = (from: string, to: string): SchemaOperation[][] => [[{ op: "renameTable", from, to }]];
/** New fields, each optional or required. */
const added = (t: string, ...fields: [string, Validator][]): SchemaOperation[][] => {
  let lists: SchemaOperation[][] = [[]];
  for (const [name, validator] of fields) {
    lists = lists.flatMap((l) =>
      [true, false].map((opt): SchemaOperation[] => [
        ...l,
        { op: "addField", table: t, field: { name, validator, optional: opt } },
      ]),
    );
  }
  return lists;
};
const relation = (t: string, target: string, singular: string): SchemaOperation[][] =>
  [`${singular}Id`, singular].flatMap((name) =>
    [true, false].flatMap((opt): SchemaOperation[][] => {
      const add: SchemaOperation = { op: "addField", table: t, field: { name, validator: id(target), optional: opt } };
      return [[add], [add, { op: "addIndex", table: t, index: { name: `by_${name}`, fields: [name] } }]];
    }),
  );
const index = (t: string, ...fields: string[]): SchemaOperation[][] => [
  [{ op: "addIndex", table: t, index: { name: `by_${fields.join("_")}`, fields } }],
];
const softDelete = (t: string): SchemaOperation[][] => {
  const variants: [string, Validator, boolean][] = [
    ["deletedAt", n, true],
    ["isDeleted", b, true],
    ["isDeleted", b, false],
  ];
  return variants.flatMap(([name, validator, opt]) => {
    const add: SchemaOperation = { op: "addField", table: t, field: { name, validator, optional: opt } };
    return [[add], [add, { op: "addIndex", table: t, index: { name: `by_${name}`, fields: [name] } }]];
  });
};
const enumNew = (t: string, field: string, ...values: string[]) => added(t, [field, union(...values)]);
const enumExtend = (t: string, field: string, ...values: string[]): SchemaOperation[][] => [
  [{ op: "changeFieldType", table: t, field, validator: union(...values) }],
];
const search = (t: string, field: string): SchemaOperation[][] => [
  [{ op: "addSearchIndex", table: t, index: { name: `search_${field}`, searchField: field, filterFields: [] } }],
];
const remove = (t: string, field: string, ...indexes: string[]): SchemaOperation[][] => [
  [
    ...indexes.map((name): SchemaOperation => ({ op: "removeIndex", table: t, name })),
    { op: "removeField", table: t, field },
  ],
];
/** A new table holding `moved` fields of `from` (as they were), with a reference back, with or without its index. */
const split = (from: string, to: string, ref: string, moved: string[]): SchemaOperation[][] => {
  const source = unseenSchema().tables.find((t) => t.name === from);
  const fields = moved.map((m) => source?.fields.find((x) => x.name === m) ?? f(m, s));
  const refField = f(ref, id(from));
  const removes = moved.map((m): SchemaOperation => ({ op: "removeField", table: from, field: m }));
  return [
    [
      { op: "createTable", table: to, fields: [refField, ...fields], indexes: [{ name: `by_${ref}`, fields: [ref] }] },
      ...removes,
    ],
    [{ op: "createTable", table: to, fields: [refField, ...fields] }, ...removes],
  ];
};
const mergeSettings: SchemaOperation[][] = [
  [
    { op: "addField", table: "users", field: f("theme", s, true) },
    { op: "addField", table: "users", field: f("emailNotifications", b, true) },
    { op: "dropTable", table: "userSettings" },
  ],
];
const createdAtTables = ["users", "projects", "tasks", "comments"];
const allTables = ["users", "projects", "tasks", "comments", "userSettings", "invoices", "tags"];

export const UNSEEN_CASES: UnseenCase[] = [
  // make optional
  { kind: "setOptional", request: "not every task needs a priority", accept: optional("tasks", "priority") },
  {
    kind: "setOptional",
    request: "tasks dont always get a priorty, let it be empty",
    accept: optional("tasks", "priority"),
  },
  { kind: "setOptional", request: "Could you make the comment body optional?", accept: optional("comments", "body") },
  { kind: "setOptional", request: "invoice amount isn't always known yet", accept: optional("invoices", "amount") },
  { kind: "setOptional", request: "allow tasks without a priority", accept: optional("tasks", "priority") },
  {
    kind: "setOptional",
    request: "in userSettings, theme shouldn't be mandatory",
    accept: optional("userSettings", "theme"),
  },
  {
    kind: "setOptional",
    request: "the billing zip of invoices can be missing sometimes",
    accept: optional("invoices", "billingZip"),
  },
  {
    kind: "setOptional",
    request: "we sometimes create comments with no body, please relax that",
    accept: optional("comments", "body"),
  },
  // make required
  {
    kind: "setRequired",
    request: "every task must have a due date from now on",
    accept: optional("tasks", "dueDate", false),
  },
  { kind: "setRequired", request: "require an avatar url for users", accept: optional("users", "avatarUrl", false) },
  {
    kind: "setRequired",
    request: "projects' description should be mandatory",
    accept: optional("projects", "description", false),
  },
  { kind: "setRequired", request: "Can you make tag color required?", accept: optional("tags", "color", false) },
  {
    kind: "setRequired",
    request: "no task without an assignee please",
    accept: optional("tasks", "assigneeId", false),
  },
  {
    kind: "setRequired",
    request: "in tasks, notes must always be filled in",
    accept: optional("tasks", "notes", false),
  },
  {
    kind: "setRequired",
    request: "make the description on projects non-optional",
    accept: optional("projects", "description", false),
  },
  // rename a field
  { kind: "renameField", request: "rename body on comments to text", accept: renameField("comments", "body", "text") },
  {
    kind: "renameField",
    request: "in tasks, title should be called name",
    accept: renameField("tasks", "title", "name"),
  },
  {
    kind: "renameField",
    request: "the users' avatarUrl field should be named photoUrl",
    accept: renameField("users", "avatarUrl", "photoUrl"),
  },
  {
    kind: "renameField",
    request: "can you call invoices.amount total instead?",
    accept: renameField("invoices", "amount", "total"),
  },
  {
    kind: "renameField",
    request: "change the name of the label field on tags to title",
    accept: renameField("tags", "label", "title"),
  },
  {
    kind: "renameField",
    request: "emailNotifications in user settings is a bad name, call it notifyByEmail",
    accept: renameField("userSettings", "emailNotifications", "notifyByEmail"),
  },
  {
    kind: "renameField",
    request: "pls rename priorty on tasks to importance",
    accept: renameField("tasks", "priority", "importance"),
  },
  // rename a table
  { kind: "renameTable", request: "rename the tags table to labels", accept: renameTable("tags", "labels") },
  {
    kind: "renameTable",
    request: "userSettings should be called preferences",
    accept: renameTable("userSettings", "preferences"),
  },
  {
    kind: "renameTable",
    request: "let's call comments 'replies' instead",
    accept: renameTable("comments", "replies"),
  },
  {
    kind: "renameTable",
    request: "The invoices table needs a new name: bills",
    accept: renameTable("invoices", "bills"),
  },
  {
    kind: "renameTable",
    request: "could you rename projects to workspaces?",
    accept: renameTable("projects", "workspaces"),
  },
  { kind: "renameTable", request: "tasks → todos", accept: renameTable("tasks", "todos") },
  // add a typed field
  { kind: "addField", request: "add a pinned boolean to tasks", accept: added("tasks", ["pinned", b]) },
  { kind: "addField", request: "tasks need an estimate, a number", accept: added("tasks", ["estimate", n]) },
  { kind: "addField", request: "give users a bio, which is text", accept: added("users", ["bio", s]) },
  {
    kind: "addField",
    request: "Can projects have a color field? it should be a string",
    accept: added("projects", ["color", s]),
  },
  {
    kind: "addField",
    request: "for comments, add an editedAt timestamp",
    accept: added("comments", ["editedAt", n]),
  },
  {
    kind: "addField",
    request: "store the currency of invoices as a string",
    accept: added("invoices", ["currency", s]),
  },
  {
    kind: "addField",
    request: "add a pinned boolean and a nickname string to users",
    accept: added("users", ["pinned", b], ["nickname", s]),
  },
  {
    kind: "addField",
    request: "users should have a phone number (text)",
    accept: added("users", ["phoneNumber", s]),
  },
  // add a relation
  { kind: "addRelation", request: "each tag belongs to a project", accept: relation("tags", "projects", "project") },
  {
    kind: "addRelation",
    request: "comments should point to the project too",
    accept: relation("comments", "projects", "project"),
  },
  { kind: "addRelation", request: "link invoices to users", accept: relation("invoices", "users", "user") },
  {
    kind: "addRelation",
    request: "add a reference to the user on tags",
    accept: relation("tags", "users", "user"),
  },
  { kind: "addRelation", request: "Invoices should be tied to a task", accept: relation("invoices", "tasks", "task") },
  {
    kind: "addRelation",
    request: "a comment may be linked to an invoice",
    accept: relation("comments", "invoices", "invoice"),
  },
  // add an index for a query
  { kind: "addIndex", request: "we often list tasks by assignee", accept: index("tasks", "assigneeId") },
  {
    kind: "addIndex",
    request: "index comments on authorId and createdAt",
    accept: index("comments", "authorId", "createdAt"),
  },
  { kind: "addIndex", request: "looking up invoices by project is slow", accept: index("invoices", "projectId") },
  { kind: "addIndex", request: "we query users by their city", accept: index("users", "city") },
  { kind: "addIndex", request: "add an index so I can fetch tags by label", accept: index("tags", "label") },
  {
    kind: "addIndex",
    request: "make fetching tasks by status then due date quick",
    accept: index("tasks", "status", "dueDate"),
  },
  { kind: "addIndex", request: "for projects, we filter on archived a lot", accept: index("projects", "archived") },
  // soft delete
  {
    kind: "softDelete",
    request: "don't hard delete comments, just hide them",
    accept: softDelete("comments"),
  },
  {
    kind: "softDelete",
    request: "tasks should go to a trash instead of being deleted",
    accept: softDelete("tasks"),
  },
  { kind: "softDelete", request: "let people restore deleted projects", accept: softDelete("projects") },
  { kind: "softDelete", request: "soft-delete for invoices please", accept: softDelete("invoices") },
  {
    kind: "softDelete",
    request: "can we keep deleted tags around (marked as deleted)?",
    accept: softDelete("tags"),
  },
  {
    kind: "softDelete",
    request: "when someone removes a task, keep the row and just flag it deleted",
    accept: softDelete("tasks"),
  },
  // a new field with values
  {
    kind: "enumNew",
    request: "give tasks a size: small, medium or large",
    accept: enumNew("tasks", "size", "small", "medium", "large"),
  },
  {
    kind: "enumNew",
    request: "projects get a visibility, either public or private",
    accept: enumNew("projects", "visibility", "public", "private"),
  },
  {
    kind: "enumNew",
    request: "add a status to invoices with values draft, sent, paid",
    accept: enumNew("invoices", "status", "draft", "sent", "paid"),
  },
  {
    kind: "enumNew",
    request: "each comment has a kind which is note, question or answer",
    accept: enumNew("comments", "kind", "note", "question", "answer"),
  },
  {
    kind: "enumNew",
    request: "users need a plan field (free / pro / team)",
    accept: enumNew("users", "plan", "free", "pro", "team"),
  },
  {
    kind: "enumNew",
    request: "for tags, add a scope that's either personal or shared",
    accept: enumNew("tags", "scope", "personal", "shared"),
  },
  // a value added to an existing union
  {
    kind: "enumExtend",
    request: "add 'blocked' to the task statuses",
    accept: enumExtend("tasks", "status", "todo", "doing", "done", "blocked"),
  },
  {
    kind: "enumExtend",
    request: "users can also be owners",
    accept: enumExtend("users", "role", "admin", "member", "guest", "owner"),
  },
  {
    kind: "enumExtend",
    request: "allow archived as a task status",
    accept: enumExtend("tasks", "status", "todo", "doing", "done", "archived"),
  },
  {
    kind: "enumExtend",
    request: "we need a new role called viewer for users",
    accept: enumExtend("users", "role", "admin", "member", "guest", "viewer"),
  },
  {
    kind: "enumExtend",
    request: "status of tasks should accept 'cancelled' too",
    accept: enumExtend("tasks", "status", "todo", "doing", "done", "cancelled"),
  },
  {
    kind: "enumExtend",
    request: "Add 'review' between doing and done for tasks",
    accept: enumExtend("tasks", "status", "todo", "doing", "review", "done"),
  },
  // search
  { kind: "search", request: "let people search comments by body", accept: search("comments", "body") },
  {
    kind: "search",
    request: "I want full text search on invoice customer names",
    accept: search("invoices", "customerName"),
  },
  { kind: "search", request: "make project descriptions searchable", accept: search("projects", "description") },
  { kind: "search", request: "users should be findable by name", accept: search("users", "name") },
  { kind: "search", request: "search tags by label", accept: search("tags", "label") },
  { kind: "search", request: "add a search index on the notes of tasks", accept: search("tasks", "notes") },
  // remove a field
  { kind: "removeField", request: "we no longer need the notes field on tasks", accept: remove("tasks", "notes") },
  { kind: "removeField", request: "drop avatarUrl from users", accept: remove("users", "avatarUrl") },
  { kind: "removeField", request: "get rid of tag colors", accept: remove("tags", "color") },
  { kind: "removeField", request: "invoices.paid isn't used anymore", accept: remove("invoices", "paid") },
  {
    kind: "removeField",
    request: "userSettings: delete emailNotifications",
    accept: remove("userSettings", "emailNotifications"),
  },
  { kind: "removeField", request: "comments don't need a createdAt", accept: remove("comments", "createdAt") },
  // split
  {
    kind: "split",
    request:
      "move billingStreet, billingCity and billingZip of invoices into a new invoiceAddresses table linked to the invoice",
    accept: split("invoices", "invoiceAddresses", "invoiceId", ["billingStreet", "billingCity", "billingZip"]),
  },
  {
    kind: "split",
    request: "split street and city out of users into userAddresses",
    accept: split("users", "userAddresses", "userId", ["street", "city"]),
  },
  {
    kind: "split",
    request: "put the users' street and city in their own table called addresses, pointing back to users",
    accept: split("users", "addresses", "userId", ["street", "city"]),
  },
  {
    kind: "split",
    request:
      "create a projectDetails table for the description and archived of projects, and remove those from projects",
    accept: split("projects", "projectDetails", "projectId", ["description", "archived"]),
  },
  {
    kind: "split",
    request:
      "invoice billing info (billing street, billing city, billing zip) should live in a billingAddresses table referencing the invoice",
    accept: split("invoices", "billingAddresses", "invoiceId", ["billingStreet", "billingCity", "billingZip"]),
  },
  {
    kind: "split",
    request: "tasks: pull notes and dueDate out into taskDetails with a reference to the task",
    accept: split("tasks", "taskDetails", "taskId", ["notes", "dueDate"]),
  },
  // merge
  { kind: "merge", request: "merge userSettings into users", accept: mergeSettings },
  {
    kind: "merge",
    request: "we don't need a separate user settings table, put its fields on users",
    accept: mergeSettings,
  },
  { kind: "merge", request: "fold user settings into the users table", accept: mergeSettings },
  { kind: "merge", request: "combine userSettings with users and delete userSettings", accept: mergeSettings },
  {
    kind: "merge",
    request: "no userSettings table anymore — move theme and emailNotifications onto users",
    accept: mergeSettings,
  },
  {
    kind: "merge",
    request: "can the user settings live directly on users? drop userSettings after",
    accept: mergeSettings,
  },
  // already done
  { kind: "alreadyDone", request: "index comments by task", already: true },
  { kind: "alreadyDone", request: "make the due date optional on tasks", already: true },
  { kind: "alreadyDone", request: "title of tasks should be searchable", already: true },
  { kind: "alreadyDone", request: "allow done as a task status", already: true },
  { kind: "alreadyDone", request: "tasks must have a title", already: true },
  { kind: "alreadyDone", request: "add an email field to users", already: true },
  { kind: "alreadyDone", request: "projects should belong to a user", already: true },
  { kind: "alreadyDone", request: "make users.name required", already: true },
  // off-topic
  { kind: "offTopic", request: "what's the capital of Australia?" },
  { kind: "offTopic", request: "tell me a joke about databases" },
  { kind: "offTopic", request: "can you recommend a good book on gardening" },
  { kind: "offTopic", request: "how do I cook rice" },
  { kind: "offTopic", request: "translate 'good morning' into French" },
  { kind: "offTopic", request: "who won the world cup in 2018" },
  // self-contradictory
  {
    kind: "contradictory",
    request: "make dueDate on tasks required and optional",
    mentions: ["tasks", "dueDate"],
  },
  {
    kind: "contradictory",
    request: "tasks must always have notes but notes should never be set",
    mentions: ["tasks", "notes"],
  },
  {
    kind: "contradictory",
    request: "rename tags to labels but keep the name tags",
    mentions: ["tags", "labels"],
  },
  {
    kind: "contradictory",
    request: "remove the title from tasks and make it required",
    mentions: ["tasks", "title"],
  },
  {
    kind: "contradictory",
    request: "users.city must be optional and mandatory at the same time",
    mentions: ["users", "city"],
  },
  {
    kind: "contradictory",
    request: "make invoice amount optional. no, required. actually both",
    mentions: ["invoices", "amount"],
  },
  // ambiguous
  { kind: "ambiguous", request: "rename createdAt to created", mentions: createdAtTables },
  { kind: "ambiguous", request: "add a deadline", mentions: allTables },
  { kind: "ambiguous", request: "make name optional", mentions: ["users", "projects"] },
  {
    kind: "ambiguous",
    request: "add an index to tasks",
    mentions: ["title", "projectId", "assigneeId", "dueDate", "status", "priority", "notes", "createdAt"],
  },
  { kind: "ambiguous", request: "drop the name field", mentions: ["users", "projects"] },
  { kind: "ambiguous", request: "remove createdAt", mentions: createdAtTables },
  { kind: "ambiguous", request: "can we add a status field?", mentions: allTables },
];

/** Order-free form of a schema: field order and index names ignored. */
function canonical(schema: SchemaModel): string {
  const v = (x: Validator): unknown =>
    x.kind === "union" ? { union: x.members.map((m) => JSON.stringify(v(m))).sort() } : x;
  return JSON.stringify(
    [...schema.tables]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => ({
        name: t.name,
        fields: [...t.fields]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((x) => [x.name, v(x.validator), x.optional]),
        indexes: t.indexes.map((i) => i.fields.join(",")).sort(),
        search: t.searchIndexes.map((i) => `${i.searchField}|${[...i.filterFields].sort().join(",")}`).sort(),
      })),
  );
}

/** Whether `question` names one of `mentions` (code name, or its words, any casing). */
function names(question: string, mentions: string[]): boolean {
  const q = question.toLowerCase();
  const spaced = question.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return mentions.some((m) => {
    const w = m.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
    return q.includes(m.toLowerCase()) || spaced.includes(w) || spaced.includes(w.replace(/s$/, ""));
  });
}

/** "" when the answer is right for the case, else why not. */
export function scoreUnseen(c: UnseenCase, schema: SchemaModel, p: Proposal): string {
  const said = [p.explanation, ...p.questions, ...p.assumptions].join("\n");
  if (c.accept) {
    if (!p.valid) return `invalid: ${p.errors.join("; ")}`;
    const got = canonical(p.schema);
    for (const alt of c.accept) {
      const r = applyOperations(schema, alt);
      if (r.ok && canonical(r.schema) === got) return "";
    }
    return p.operations.length
      ? `other operations: ${JSON.stringify(p.operations).slice(0, 300)}`
      : `no operation: ${(p.questions[0] ?? p.explanation).slice(0, 160)}`;
  }
  if (p.operations.length) return `expected no operation, got ${p.operations.map((o) => o.op).join(", ")}`;
  if (c.already && !/\balready\b/i.test(said)) return `did not say "already": ${said.slice(0, 160)}`;
  if (c.mentions) {
    if (!p.questions.length) return `no question: ${said.slice(0, 160)}`;
    if (!p.questions.some((q) => names(q, c.mentions ?? []))) return `question not specific: ${p.questions[0]}`;
  }
  return "";
}
