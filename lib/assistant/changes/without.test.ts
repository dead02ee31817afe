import { describe, expect, it } from "vitest";
import { DEMO_SCHEMA_SOURCE } from "../../demo";
import { parseSchemaSource } from "../../schema";
import { designFromRequest } from "../designer/index";
import { answerTurn } from "../turn/index";

function demo() {
  const parsed = parseSchemaSource(DEMO_SCHEMA_SOURCE);
  if (!parsed.ok) throw new Error("demo schema does not parse");
  return parsed.schema;
}

describe("'without' makes optional only the field it is said of", () => {
  it("'… without breaking anything' / 'without downtime' is how to do the change, not an optional field", () => {
    const indexed = designFromRequest("add an index on title to subtasks without breaking anything", demo());
    expect(indexed.operations).toEqual([
      expect.objectContaining({
        op: "addIndex",
        table: "subtasks",
        index: expect.objectContaining({ fields: ["title"] }),
      }),
    ]);
    const optional = designFromRequest("make title optional on subtasks without downtime", demo());
    expect(optional.operations).toEqual([{ op: "setOptional", table: "subtasks", field: "title", optional: true }]);
  });

  it("'allow tasks without a project' still makes the reference optional", () => {
    const p = designFromRequest("allow tasks without a project", demo());
    expect(p.operations).toEqual([{ op: "setOptional", table: "tasks", field: "projectId", optional: true }]);
  });

  it("'index X by f but without any index on f' asks instead of guessing (the chat's front door)", () => {
    const p = answerTurn("index subtasks by title but without any index on title", { schema: demo() });
    expect(p.operations).toEqual([]);
    expect(p.questions.join(" ")).toMatch(/subtasks\.title/);
  });
});

describe("refusals of a whole kind on a table, and changes that name no table", () => {
  it("'index X by f, and don't add any index to X' and 'drop X.f, but do not remove any field from X' ask", () => {
    for (const request of [
      "index subtasks by title, and don't add any index to subtasks",
      "drop subtasks.title, but do not remove any field from subtasks",
    ]) {
      const p = answerTurn(request, { schema: demo() });
      expect(p.operations, request).toEqual([]);
      expect(p.questions.join(" "), request).toMatch(/subtasks\.title/);
    }
  });

  it("a short change naming none of the tables asks which one, listing them, instead of creating a table", () => {
    for (const request of ["can we add tags?", "we should store the locale too", "we need sortKey too (string)"]) {
      const p = designFromRequest(request, demo());
      expect(p.operations, request).toEqual([]);
      expect(p.questions[0], request).toMatch(
        /^Which table is .* about\? It names none of yours: "users", "workspaces"/,
      );
    }
    // Naming a table, or saying "table", is a change or a new table as before.
    expect(designFromRequest("add a tags table with a name", demo()).operations[0]).toMatchObject({
      op: "createTable",
      table: "tags",
    });
  });

  it("'does X have f? we need one' says 'already' when it has it", () => {
    const p = designFromRequest("does tasks have a title? we need one", demo());
    expect(p.operations).toEqual([]);
    expect(p.explanation).toMatch(/already exists/);
  });
});

describe("a request that asks for a change and against it, read whole by the designer too", () => {
  it.each([
    "rename title in subtasks to heading, and rename title in subtasks to label",
    "remove subtasks and rename subtasks to checklistItems",
    "index subtasks by title and don't index subtasks by title",
    "make title on subtasks searchable and never searchable",
  ])("%j asks and changes nothing", (request) => {
    const p = designFromRequest(request, demo());
    expect(p.operations).toEqual([]);
    expect(p.questions.join(" ")).toMatch(/subtasks/);
  });

  it("one rename, or a rename then another field's, still applies", () => {
    expect(designFromRequest("rename title in subtasks to heading", demo()).operations).toEqual([
      { op: "renameField", table: "subtasks", from: "title", to: "heading" },
    ]);
    expect(
      designFromRequest("rename title in subtasks to heading, and rename done in subtasks to completed", demo())
        .operations,
    ).toHaveLength(2);
  });
});

describe("a field the schema has is not the timestamps Convex keeps", () => {
  it("'index createdAt pls' on tables that have createdAt asks which table (no '_creationTime' lecture)", () => {
    const parsed = parseSchemaSource(`import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  posts: defineTable({ title: v.string(), createdAt: v.number() }),
  comments: defineTable({ body: v.string(), createdAt: v.number() }),
});`);
    if (!parsed.ok) throw new Error("schema does not parse");
    const p = designFromRequest("index createdAt pls", parsed.schema);
    expect(p.operations).toEqual([]);
    expect(p.questions.join(" ")).toMatch(/posts.*comments|comments.*posts/);
    // Without such a field, the note about _creationTime stays.
    expect(designFromRequest("index createdAt pls", demo()).explanation).toMatch(/_creationTime/);
  });
});

describe("a question about presence is read as the statement", () => {
  it("'can description be left empty in projects?' says already; 'should subtasks.title be optional?' applies", () => {
    const already = designFromRequest("Can description be left empty in projects?", demo());
    expect(already.operations).toEqual([]);
    expect(already.explanation).toMatch(/already optional/);
    expect(designFromRequest("should subtasks.title be optional?", demo()).operations).toEqual([
      { op: "setOptional", table: "subtasks", field: "title", optional: true },
    ]);
  });
});
