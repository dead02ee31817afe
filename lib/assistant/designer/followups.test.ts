import { describe, expect, it } from "vitest";
import type { SchemaModel, Table } from "../../schema/model";
import { emptySchema, findTable, newTable } from "../../schema/model";
import { designFromRequest } from "./index";

const str = { kind: "string" } as const;
const num = { kind: "number" } as const;

function base(): SchemaModel {
  const projects: Table = newTable("projects", [{ name: "name", validator: str, optional: false }]);
  const tasks: Table = newTable("tasks", [
    { name: "projectId", validator: { kind: "id", table: "projects" }, optional: false },
    { name: "title", validator: str, optional: false },
    { name: "dueAt", validator: num, optional: false },
    { name: "notes", validator: str, optional: true },
  ]);
  tasks.indexes.push({ name: "by_projectId", fields: ["projectId"] });
  tasks.searchIndexes.push({ name: "search_notes", searchField: "notes", filterFields: [] });
  return { ...emptySchema(), tables: [projects, tasks] };
}

const fieldsOf = (s: SchemaModel, t: string): string[] => findTable(s, t)?.fields.map((f) => f.name) ?? [];

describe("follow-up edits", () => {
  it("renames a field found by a loose name and flags it destructive", () => {
    const p = designFromRequest("rename the due date on tasks to deadline", base());
    expect(p.operations).toEqual([{ op: "renameField", table: "tasks", from: "dueAt", to: "deadline" }]);
    expect(p.destructive).toBe(true);
    expect(p.destructiveReasons[0]).toMatch(/"tasks.dueAt" to "deadline"/);
  });

  it("renames a table and the references to it follow", () => {
    const p = designFromRequest("rename projects to boards", base());
    expect(p.operations).toEqual([{ op: "renameTable", from: "projects", to: "boards" }]);
    expect(findTable(p.schema, "tasks")?.fields[0].validator).toEqual({ kind: "id", table: "boards" });
  });

  it("removes a field together with the indexes that use it", () => {
    const p = designFromRequest("remove notes from tasks", base());
    expect(p.operations).toEqual([
      { op: "removeIndex", table: "tasks", name: "search_notes" },
      { op: "removeField", table: "tasks", field: "notes" },
    ]);
    expect(p.destructive).toBe(true);
  });

  it("drops a table and the fields that reference it", () => {
    const p = designFromRequest("delete the projects table", base());
    expect(p.valid).toBe(true);
    expect(p.schema.tables.map((t) => t.name)).toEqual(["tasks"]);
    expect(fieldsOf(p.schema, "tasks")).not.toContain("projectId");
    expect(p.explanation).toMatch(/"tasks.projectId"/);
  });

  it("makes a field optional or required", () => {
    expect(designFromRequest("make the due date optional", base()).operations).toEqual([
      { op: "setOptional", table: "tasks", field: "dueAt", optional: true },
    ]);
    const req = designFromRequest("tasks.notes should be required", base());
    expect(req.operations).toEqual([{ op: "setOptional", table: "tasks", field: "notes", optional: false }]);
    expect(req.destructive).toBe(true);
  });

  it("changes a type from words", () => {
    const p = designFromRequest("change tasks.title to a number", base());
    expect(p.operations).toEqual([{ op: "changeFieldType", table: "tasks", field: "title", validator: num }]);
    const u = designFromRequest("change notes on tasks to one of low, high", base());
    expect(u.operations[0]).toMatchObject({ op: "changeFieldType", validator: { kind: "union" } });
  });

  it("adds soft delete with an index, and timestamps without createdAt", () => {
    const soft = designFromRequest("add soft delete to tasks", base());
    const tasks = findTable(soft.schema, "tasks");
    expect(tasks?.fields.find((f) => f.name === "deletedAt")).toMatchObject({ optional: true, validator: num });
    expect(tasks?.indexes.map((i) => i.name)).toContain("by_deletedAt");
    const ts = designFromRequest("add timestamps", base());
    expect(fieldsOf(ts.schema, "tasks")).toContain("updatedAt");
    expect(fieldsOf(ts.schema, "projects")).toContain("updatedAt");
    expect(fieldsOf(ts.schema, "tasks")).not.toContain("createdAt");
    expect(ts.assumptions.join(" ")).toMatch(/_creationTime/);
  });

  it("adds a search index on the named field", () => {
    const p = designFromRequest("make projects searchable by name", base());
    expect(findTable(p.schema, "projects")?.searchIndexes).toEqual([
      { name: "search_name", searchField: "name", filterFields: [] },
    ]);
  });

  it("adds an owner (creating users when missing) with an index", () => {
    const p = designFromRequest("who owns projects?", base());
    expect(findTable(p.schema, "users")).toBeDefined();
    const owner = findTable(p.schema, "projects")?.fields.find((f) => f.name === "ownerId");
    expect(owner).toEqual({ name: "ownerId", validator: { kind: "id", table: "users" }, optional: true });
    expect(findTable(p.schema, "projects")?.indexes.map((i) => i.name)).toContain("by_ownerId");
  });

  it("adds fields to an existing table as optional, typed from their names", () => {
    const p = designFromRequest("add a priority and an estimate in hours to tasks", base());
    const tasks = findTable(p.schema, "tasks");
    expect(tasks?.fields.find((f) => f.name === "priority")).toMatchObject({
      optional: true,
      validator: { kind: "union" },
    });
    expect(tasks?.fields.find((f) => f.name === "estimate")).toMatchObject({ optional: true, validator: num });
    expect(p.destructive).toBe(false);
  });

  it("adds a related table linked to the existing one", () => {
    const p = designFromRequest("add comments on tasks", base());
    const comments = findTable(p.schema, "comments");
    expect(comments?.fields.find((f) => f.name === "taskId")?.validator).toEqual({ kind: "id", table: "tasks" });
    expect(comments?.indexes.some((i) => i.fields[0] === "taskId")).toBe(true);
  });

  it.each([
    ["add a color field", /Which table should get "color"/],
    ["rename name to label", /Which/],
    ["make the due date required and optional", /optional or required/],
    ["delete the field", /Which field/],
    ["add a table", /What should the new table be called/],
    ["add a new field", /Which table is it for/],
    ["remove budget from tasks", /no field "budget"/],
    ["rename title on invoices to subject", /no table "invoices"/],
  ])("asks instead of guessing: %j", (request, question) => {
    const schema = base();
    findTable(schema, "tasks")?.fields.push({ name: "name", validator: str, optional: true });
    const p = designFromRequest(request, schema);
    expect(p.valid).toBe(true);
    expect(p.operations).toEqual([]);
    expect(p.questions.join(" ")).toMatch(question);
    expect(p.confidence).toBeLessThan(0.5);
  });
});

describe("conversation context", () => {
  it("resolves it/them to the table the previous request named", () => {
    const p = designFromRequest("add soft delete to it", base(), {
      history: ["rename the due date on tasks to deadline"],
    });
    expect(p.operations.map((o) => o.op)).toEqual(["addField", "addIndex"]);
    expect(p.operations[0]).toMatchObject({ table: "tasks" });
  });
});

describe("more follow-ups", () => {
  it("answers 'unique' with an index and the check it needs (Convex has no unique constraint)", () => {
    const p = designFromRequest("make title unique on tasks", base());
    expect(p.operations).toEqual([{ op: "addIndex", table: "tasks", index: { name: "by_title", fields: ["title"] } }]);
    expect(p.assumptions.join(" ")).toMatch(/no unique constraint/);
  });

  it("turns 'X can be pinned' into an optional boolean and 'index X by Y' into an index", () => {
    expect(designFromRequest("tasks can be pinned", base()).operations).toEqual([
      { op: "addField", table: "tasks", field: { name: "isPinned", validator: { kind: "boolean" }, optional: true } },
    ]);
    expect(designFromRequest("add an index on tasks by title", base()).operations).toEqual([
      { op: "addIndex", table: "tasks", index: { name: "by_title", fields: ["title"] } },
    ]);
  });

  it("types a phone number as a string", () => {
    const p = designFromRequest("projects need a phone number", base());
    expect(findTable(p.schema, "projects")?.fields.find((f) => f.name === "phoneNumber")?.validator).toEqual(str);
  });
});

describe("owners by phrase", () => {
  it("reads 'add a project owner' and 'with a task owner' as ownerId references", () => {
    const p = designFromRequest("add a project owner", base());
    expect(findTable(p.schema, "projects")?.fields.map((f) => f.name)).toContain("ownerId");
    const d = designFromRequest("tickets with a subject and a ticket owner", emptySchema());
    expect(findTable(d.schema, "tickets")?.fields.find((f) => f.name === "ownerId")?.validator).toEqual({
      kind: "id",
      table: "users",
    });
  });
});
