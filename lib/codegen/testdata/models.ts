/**
 * Hand-built schema models for the generator's tests (typed literals, built with the model helpers).
 * Each covers shapes the generator must handle: owners, parents with and without indexes, self references,
 * union documents, `v.any()` tables, nullable and nested references, reserved module names, cycles.
 */
import type { Field, Index, SchemaModel, Table, Validator } from "../../schema/model";
import { emptySchema, newTable } from "../../schema/model";
import type { CodegenOptions } from "../options";

const str: Validator = { kind: "string" };
const num: Validator = { kind: "number" };
const bool: Validator = { kind: "boolean" };
const id = (table: string): Validator => ({ kind: "id", table });
const lit = (value: string | number | boolean): Validator => ({ kind: "literal", value });
const union = (...members: Validator[]): Validator => ({ kind: "union", members });
const arr = (element: Validator): Validator => ({ kind: "array", element });
const obj = (...fields: Field[]): Validator => ({ kind: "object", fields });
const f = (name: string, validator: Validator, optional = false): Field => ({ name, validator, optional });
const idx = (name: string, ...fields: string[]): Index => ({ name, fields });

function table(name: string, fields: Field[], indexes: Index[] = []): Table {
  return { ...newTable(name, fields), indexes };
}

function schema(tables: Table[]): SchemaModel {
  return { ...emptySchema(), tables };
}

/** A task tracker: token-identified users, owned projects, tasks with a self reference, comments. */
export const tasksApp: SchemaModel = schema([
  table("users", [f("tokenIdentifier", str), f("name", str), f("email", str, true), f("avatarUrl", str, true)], [idx("by_token", "tokenIdentifier")]),
  table(
    "projects",
    [
      f("ownerId", id("users")),
      f("name", str),
      f("description", str, true),
      f("status", union(lit("active"), lit("archived"))),
      f("settings", obj(f("color", str, true), f("retentionDays", num, true)), true),
      f("tags", arr(str)),
      f("createdAt", num),
    ],
    [idx("by_owner", "ownerId"), idx("by_owner_status", "ownerId", "status")],
  ),
  table(
    "tasks",
    [
      f("projectId", id("projects")),
      f("createdBy", id("users")),
      f("assigneeId", id("users"), true),
      f("parentId", id("tasks"), true),
      f("title", str),
      f("done", bool),
      f("priority", { kind: "int64" }),
      f("dueAt", num, true),
      f("attachment", { kind: "bytes" }, true),
    ],
    [idx("by_project", "projectId"), idx("by_parent", "parentId"), idx("by_createdBy", "createdBy")],
  ),
  table("comments", [f("taskId", id("tasks")), f("authorId", id("users")), f("body", str)], [idx("by_task", "taskId")]),
]);

/** Union documents, `v.any()`, records, nullable and nested references, a table named "schema", Convex Auth users. */
export const shapes: SchemaModel = schema([
  table("users", [f("name", str, true), f("email", str, true)]),
  table("docs", [f("ownerId", id("users")), f("title", str), f("body", str, true), f("price", num)]),
  {
    ...newTable("events", [f("kind", union(lit("click"), lit("view"))), f("docId", id("docs")), f("x", num, true), f("url", str, true)]),
    variants: [
      [f("kind", lit("click")), f("docId", id("docs")), f("x", num)],
      [f("kind", lit("view")), f("docId", id("docs")), f("url", str)],
    ],
    indexes: [idx("by_doc", "docId")],
  },
  { ...newTable("blobs"), anyDocument: true },
  table("schema", [
    f("linkedDoc", union(id("docs"), { kind: "null" })),
    f("related", arr(id("docs"))),
    f("scores", { kind: "record", key: str, value: num }),
    f("meta", obj(f("version", { kind: "int64" }), f("flags", arr(union(lit(1), lit(2), lit(true))))), true),
    f("blob", { kind: "any" }, true),
  ]),
]);

/** A required cycle (a ↔ b, unfillable), an optional cycle (c ↔ d) and refs without an index. */
export const cycles: SchemaModel = schema([
  table("a", [f("bId", id("b")), f("name", str)]),
  table("b", [f("aId", id("a")), f("name", str)]),
  table("c", [f("dId", id("d"), true), f("label", str)], [idx("by_d", "dId")]),
  table("d", [f("cId", id("c")), f("createdAt", num)]),
]);

/** The hand-built cases with the options each is generated with. */
export const MODEL_CASES: { name: string; model: SchemaModel; options: CodegenOptions }[] = [
  { name: "tasks-app", model: tasksApp, options: { onDelete: "cascade", onDeleteOverrides: { "tasks.assigneeId": "detach" } } },
  { name: "shapes", model: shapes, options: { onDelete: "detach", zod: true } },
  { name: "cycles", model: cycles, options: { onDelete: "refuse", folder: "crud" } },
];
