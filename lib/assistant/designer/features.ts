/**
 * Follow-ups that add a capability rather than edit one field: soft delete, timestamps, search, ownership,
 * indexes, uniqueness and boolean flags.
 */
import { findField } from "../../schema/model";
import type { SchemaOperation } from "../../schema/operations";
import { indexForQuery } from "../changes/query-index";
import { camel, indexName, nameKey, singularPhrase, words } from "./names";
import {
  apply,
  containsRun,
  locateField,
  pluralWords,
  resolveField,
  resolveTable,
  resolveTableLoose,
  targetTables,
  type FollowUpContext,
} from "./resolve";

export function softDelete(text: string, ctx: FollowUpContext): string {
  // No table named on a schema of several: ask, unless the request says every table.
  const everything =
    /\b(?:all|every|each)\s+(?:the\s+)?(?:tables?|collections?|documents?|records?)\b|\beverything\b|\beverywhere\b/i.test(
      text,
    );
  if (
    !ctx.scope &&
    !everything &&
    ctx.schema.tables.length > 1 &&
    targetTables(text, { ...ctx, assumptions: [] }, "soft delete").length === ctx.schema.tables.length
  ) {
    ctx.questions.push(
      `Which tables should be soft-deleted (an optional "deletedAt" with an index): ${ctx.schema.tables
        .slice(0, 40)
        .map((t) => `"${t.name}"`)
        .join(", ")}? Say "every table" for all of them.`,
    );
    return "";
  }
  const tables = targetTables(text, ctx, "soft delete");
  if (tables.length === 0) {
    ctx.questions.push("Which table should support soft delete? There are no tables yet.");
    return "";
  }
  const ops: SchemaOperation[] = [];
  for (const t of tables) {
    if (!findField(t, "deletedAt"))
      ops.push({
        op: "addField",
        table: t.name,
        field: {
          name: "deletedAt",
          validator: { kind: "number" },
          optional: true,
          description: "Set when the document is soft-deleted (ms since epoch).",
        },
      });
    if (!t.indexes.some((i) => i.fields[0] === "deletedAt"))
      ops.push({ op: "addIndex", table: t.name, index: { name: "by_deletedAt", fields: ["deletedAt"] } });
  }
  if (ops.length === 0)
    ctx.notes.push(
      `${tables.map((t) => `"${t.name}"`).join(", ")} already ${tables.length === 1 ? "has" : "have"} soft delete ("deletedAt" with an index).`,
    );
  if (ops.length)
    apply(
      ctx,
      ops,
      `Adds soft delete (optional "deletedAt" plus index "by_deletedAt") to ${tables.map((t) => `"${t.name}"`).join(", ")}; queries should filter out deleted documents.`,
    );
  return "";
}

export function timestamps(text: string, ctx: FollowUpContext): string {
  if (/created\s?at/i.test(text) && !/updated|modified|timestamps/i.test(text)) {
    ctx.notes.push(`Convex already stores "_creationTime" on every document, so no "createdAt" field is needed.`);
    return "";
  }
  const tables = targetTables(text, ctx, "the timestamp");
  const ops: SchemaOperation[] = tables
    .filter((t) => !findField(t, "updatedAt"))
    .map((t) => ({
      op: "addField",
      table: t.name,
      field: {
        name: "updatedAt",
        validator: { kind: "number" },
        optional: true,
        description: "Last change (ms since epoch); set it in every mutation that patches the document.",
      },
    }));
  ctx.assumptions.push(`Creation time needs no field: Convex stores "_creationTime" on every document.`);
  if (ops.length === 0 && tables.length)
    ctx.notes.push(
      `${tables.map((t) => `"${t.name}"`).join(", ")} already ${tables.length === 1 ? "has" : "have"} "updatedAt".`,
    );
  if (ops.length) apply(ctx, ops, `Adds "updatedAt" to ${tables.map((t) => `"${t.name}"`).join(", ")}.`);
  return "";
}

const SEARCHABLE = ["title", "name", "body", "content", "description", "subject", "text", "message", "summary"];

export function search(text: string, ctx: FollowUpContext): string {
  // "users should be able to search projects by name": the table after the verb is the one searched.
  const object = /\bsearch(?:es|ing)?\s+(?:for\s+|through\s+|in\s+|on\s+)?(?:the\s+|all\s+)?([\w ]+?)\s+by\b/i.exec(
    text,
  )?.[1];
  const objectTable = object ? resolveTableLoose(ctx.schema, object) : undefined;
  const named = objectTable ? [objectTable] : targetTables(text, { ...ctx, assumptions: [] }, "search");
  const ws = words(text).flatMap((w) => [w, singularPhrase(w)]);
  const candidates =
    named.length < ctx.schema.tables.length
      ? named
      : ctx.schema.tables.filter((t) =>
          t.fields.some((f) => ws.includes(f.name.toLowerCase()) || containsRun(ws, words(f.name))),
        );
  if (candidates.length !== 1) {
    ctx.questions.push(
      candidates.length === 0
        ? "Which table and field should be searchable?"
        : `Which table should be searchable: ${candidates.map((t) => `"${t.name}"`).join(", ")}?`,
    );
    return "";
  }
  const table = candidates[0];
  const strings = table.fields.filter((f) => f.validator.kind === "string");
  // A field the user names may be any string-valued one (ids are strings too); otherwise a usual text field.
  const namedField = table.fields
    .filter((f) => (f.validator.kind === "string" || f.validator.kind === "id") && containsRun(ws, words(f.name)))
    .sort((a, b) => words(b.name).length - words(a.name).length)[0];
  const field = namedField ?? SEARCHABLE.map((n) => strings.find((f) => f.name === n)).find(Boolean);
  if (!field) {
    ctx.questions.push(`Which string field of "${table.name}" should be searchable?`);
    return "";
  }
  const name = `search_${field.name}`;
  if (table.searchIndexes.some((i) => i.searchField === field.name)) {
    ctx.notes.push(`"${table.name}.${field.name}" already has a search index.`);
    return "";
  }
  // Filter fields only when asked ("filterable by project", "within a project"): each one costs index space.
  const asked = /\b(?:filter(?:ed|able)?\s+by|within\s+(?:a|an|each|the)|per)\s+(.+)$/i.exec(text)?.[1] ?? "";
  const filters = asked
    ? asked
        .split(/\s*(?:,|\band\b)\s*/)
        .map((p) => resolveField(table, p)?.name)
        .filter((n): n is string => Boolean(n) && n !== field.name)
    : [];
  apply(
    ctx,
    [{ op: "addSearchIndex", table: table.name, index: { name, searchField: field.name, filterFields: filters } }],
    `Adds search index "${name}" on "${table.name}.${field.name}"${filters.length ? ` filterable by ${filters.join(", ")}` : ""}.`,
  );
  return "";
}

export function owner(what: string, ctx: FollowUpContext): string | void {
  const phrase = what.replace(/^(?:the|each|every|all)\s+/i, "").trim();
  const table = resolveTable(ctx.schema, phrase);
  if (!table) {
    if (ctx.schema.tables.length === 0 || words(phrase).length > 3) return `${pluralWords(phrase)} have an owner`;
    ctx.questions.push(`There is no table "${phrase}". Which table needs an owner?`);
    return;
  }
  const existing = table.fields.find(
    (f) => f.validator.kind === "id" && /^(owner|user|author|creator|createdBy)(Id)?$/.test(f.name),
  );
  if (existing) {
    ctx.notes.push(`"${table.name}.${existing.name}" already records who owns each document.`);
    return;
  }
  const users =
    ctx.schema.tables.find((t) => nameKey(t.name) === "user") ??
    ctx.schema.tables.find((t) => ["member", "account", "person", "profile"].includes(nameKey(t.name)));
  const ops: SchemaOperation[] = [];
  let usersName = users?.name;
  if (!usersName) {
    usersName = "users";
    ops.push({
      op: "createTable",
      table: "users",
      fields: [
        { name: "name", validator: { kind: "string" }, optional: false },
        { name: "email", validator: { kind: "string" }, optional: false },
      ],
      indexes: [{ name: "by_email", fields: ["email"] }],
    });
  }
  ops.push({
    op: "addField",
    table: table.name,
    field: { name: "ownerId", validator: { kind: "id", table: usersName }, optional: true },
  });
  ops.push({ op: "addIndex", table: table.name, index: { name: indexName(["ownerId"]), fields: ["ownerId"] } });
  ctx.assumptions.push(
    `"ownerId" is optional so existing "${table.name}" documents stay valid; backfill it, then make it required.`,
  );
  apply(
    ctx,
    ops,
    `Adds "${table.name}.ownerId" referencing "${usersName}"${users ? "" : " (a new table)"}, with index "by_ownerId".`,
  );
}

export function addIndexOn(what: string, ctx: FollowUpContext): void {
  const by = /^(?:the\s+)?(.+?)\s+by\s+(.+)$/i.exec(what.trim());
  const p = by ? `${by[2]} on ${by[1]}` : what.trim();
  const dotted = /^(\w+)\.(\w+)$/.exec(p);
  const split = dotted ? [dotted[2], dotted[1]] : /^(.+?)\s+(?:on|in|of|for|to)\s+(?:the\s+)?(.+?)$/i.exec(p)?.slice(1);
  // A named table: the read-pattern path, which also reports an index that already serves it.
  if (split && resolveTableLoose(ctx.schema, split[1]) && indexForQuery(split[1], split[0], ctx)) return;
  const tableName = split?.[1];
  const table = tableName ? resolveTableLoose(ctx.schema, tableName) : ctx.scope;
  const fieldWords = split ? split[0] : p;
  const fields = fieldWords.split(/\s*(?:,|\band\b|\bthen\b)\s*/).filter(Boolean);
  const candidates = table ? [table] : ctx.schema.tables.filter((t) => fields.every((f) => resolveField(t, f)));
  if (candidates.length !== 1) {
    ctx.questions.push(
      candidates.length
        ? `Which table should get the index on ${fieldWords}: ${candidates.map((t) => `"${t.name}"`).join(", ")}?`
        : `Which table and fields should the index cover?`,
    );
    return;
  }
  const resolved = fields.map((f) => resolveField(candidates[0], f)?.name);
  if (resolved.some((f) => !f)) {
    ctx.questions.push(
      `Table "${candidates[0].name}" has no field ${fields
        .filter((_, k) => !resolved[k])
        .map((f) => `"${f}"`)
        .join(", ")}.`,
    );
    return;
  }
  const cols = resolved as string[];
  apply(
    ctx,
    [{ op: "addIndex", table: candidates[0].name, index: { name: indexName(cols), fields: cols } }],
    `Adds index "${indexName(cols)}" on "${candidates[0].name}".`,
  );
}

/** Convex has no unique constraint: index the field and check it in the mutation that writes it. */
export function unique(what: string, ctx: FollowUpContext): void {
  const ref = locateField(what, ctx, "make unique");
  if (!ref) return;
  ctx.assumptions.push(
    `Convex has no unique constraint: the mutation that writes "${ref.table.name}" must look the value up with the index and reject duplicates.`,
  );
  if (ref.table.indexes.some((i) => i.fields[0] === ref.field.name)) {
    ctx.notes.push(`"${ref.table.name}" already has an index on "${ref.field.name}" for the uniqueness check.`);
    return;
  }
  const name = indexName([ref.field.name]);
  apply(
    ctx,
    [{ op: "addIndex", table: ref.table.name, index: { name, fields: [ref.field.name] } }],
    `Adds index "${name}" on "${ref.table.name}" so writes can check "${ref.field.name}" is unique.`,
  );
}

/** "posts can be pinned" → optional boolean "isPinned". */
export function flag(what: string, adjective: string, ctx: FollowUpContext): string | void {
  const table = resolveTable(ctx.schema, what);
  if (!table) return `${what} have a ${adjective} flag`;
  const name = camel(`is ${adjective}`);
  const existing =
    findField(table, name) ?? findField(table, camel(adjective)) ?? findField(table, `${camel(adjective)}At`);
  if (existing) {
    ctx.notes.push(`"${table.name}.${existing.name}" already records it.`);
    return;
  }
  apply(
    ctx,
    [{ op: "addField", table: table.name, field: { name, validator: { kind: "boolean" }, optional: true } }],
    `Adds optional boolean "${table.name}.${name}".`,
  );
}
