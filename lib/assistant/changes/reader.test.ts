import { describe, expect, it } from "vitest";
import type { SchemaModel } from "../../schema/model";
import { emptyDirectives, takeDirectives } from "../designer/directives";
import { answerTurn } from "../turn/index";
import { readChange, readRequest } from "./reader";
import { unseenSchema } from "./testing/unseen-wording";

function withEmbeddings(): SchemaModel {
  const schema = unseenSchema();
  schema.tables.push({
    name: "documents",
    fields: [
      { name: "text", validator: { kind: "string" }, optional: false },
      { name: "embeddingModel", validator: { kind: "string" }, optional: false },
    ],
    indexes: [],
    searchIndexes: [],
    vectorIndexes: [],
  });
  return schema;
}

describe("the change reader", () => {
  it("grounds the field's words, possessives and 'Y on X' in the schema", () => {
    const schema = unseenSchema();
    expect(readChange("the billing zip of invoices can be missing sometimes", schema)).toBe(
      "make invoices.billingZip optional",
    );
    expect(readChange("projects' description should be mandatory", schema)).toBe("make projects.description required");
    expect(readChange("pls rename priorty on tasks to importance", schema)).toBe(
      "rename priority on tasks to importance",
    );
  });

  it("reads several typed names in one request", () => {
    expect(readChange("add a pinned boolean and a nickname string to users", unseenSchema())).toBe(
      "add pinned (boolean) to users and add nickname (string) to users",
    );
  });

  it("reads a value list, a new value and index fields in the order said", () => {
    const schema = unseenSchema();
    expect(readChange("for tags, add a scope that's either personal or shared", schema)).toBe(
      "give tags a scope (personal, shared)",
    );
    expect(readChange("users can also be owners", schema)).toBe("add owner to the role of users");
    expect(readChange("make fetching tasks by status then due date quick", schema)).toBe(
      "look up tasks by status and dueDate",
    );
  });

  it("sees a contradiction across sentences", () => {
    expect(readRequest("make invoice amount optional. no, required. actually both", unseenSchema())).toBe(
      "make invoices.amount both required and optional",
    );
  });

  it("guesses nothing about a table the schema does not have", () => {
    expect(readChange("rename title on widgets to subject", unseenSchema())).toBeUndefined();
  });
});

describe("design directives leave changes of existing tables alone", () => {
  it('"no X table, put its fields on Y" merges instead of excluding X', () => {
    const d = emptyDirectives();
    const rest = takeDirectives("no userSettings table anymore, put its fields on users", unseenSchema(), d);
    expect(d.excluded).toEqual([]);
    expect(rest).toBe("merge userSettings into users");
  });

  it('"embedding" inside a field name is no vector search wish', () => {
    const d = emptyDirectives();
    const rest = takeDirectives("we no longer need embeddingModel on documents", withEmbeddings(), d);
    expect(d.vector).toEqual([]);
    expect(rest).toBe("remove embeddingModel from documents");
  });
});

describe("every kind says 'already' when it is done", () => {
  it.each([
    "index comments by task",
    "make the due date optional on tasks",
    "title of tasks should be searchable",
    "allow done as a task status",
    "tasks must have a title",
    "add an email field to users",
    "rename tags to tags",
  ])("%s", (request) => {
    const p = answerTurn(request, { schema: unseenSchema() });
    expect(p.operations).toEqual([]);
    expect(`${p.explanation} ${p.questions.join(" ")}`).toMatch(/\balready\b/);
  });
});

describe("a request that asks for opposite things gets a question naming the field, never an operation", () => {
  it.each([
    "make notes on tasks required but leave it empty for now",
    "tasks.title should be mandatory and blank",
    "remove dueDate from tasks but keep it",
    "title on tasks must be required, but it can be missing",
    "the priority on tasks is required yet optional",
    "every task must have a due date, but due dates can be left empty",
    "drop the notes field from tasks and make notes required",
    "priority on tasks: required, no wait, optional",
  ])("%s", (request) => {
    const p = answerTurn(request, { schema: unseenSchema() });
    expect(p.operations).toEqual([]);
    expect(p.questions.join(" ")).toMatch(/tasks\.(?:notes|title|dueDate|priority)/);
  });

  it.each([
    ["make notes on tasks required, it can't be empty", false],
    ["the notes of tasks should never be left blank", false],
    ["don't allow empty notes on tasks", false],
  ])("a negated 'empty' is required: %s", (request, optional) => {
    expect(answerTurn(request, { schema: unseenSchema() }).operations).toEqual([
      { op: "setOptional", table: "tasks", field: "notes", optional },
    ]);
  });
});

describe("a field or index asked for without saying where gets a question naming the choices", () => {
  it.each([
    ["track a deadline too", "tasks"],
    ["store a score", "tasks"],
    ["I want a deadline field", "tasks"],
    ["add a field for the deadline", "tasks"],
    ["put an index on tasks", "dueDate"],
    ["tasks need an index", "dueDate"],
    ["createdAt is now called created", "comments"],
    ["we don't use createdAt anymore", "comments"],
  ])("%s", (request, named) => {
    const p = answerTurn(request, { schema: unseenSchema() });
    expect(p.operations).toEqual([]);
    expect(p.questions.join(" ")).toContain(named);
  });
});
