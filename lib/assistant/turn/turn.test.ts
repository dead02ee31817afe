import { describe, expect, it } from "vitest";
import { DEMO_FUNCTION_FILES, DEMO_SCHEMA_SOURCE } from "../../demo";
import { parseSchemaSource } from "../../schema";
import type { SchemaModel } from "../../schema/model";
import { answerTurn, type ProjectContext } from "./index";

function demo(): ProjectContext {
  const parsed = parseSchemaSource(DEMO_SCHEMA_SOURCE);
  if (!parsed.ok) throw new Error("demo schema does not parse");
  return { schema: parsed.schema, files: { ...DEMO_FUNCTION_FILES, "convex/schema.ts": DEMO_SCHEMA_SOURCE } };
}
const tables = (s: SchemaModel) => s.tables.map((t) => t.name);

describe("the chat's front door on the demo project", () => {
  it("answers off-topic messages briefly, with no operation", () => {
    for (const request of ["write me a poem about cats", "what's the weather"]) {
      const p = answerTurn(request, demo());
      expect(p.intent).toBe("offtopic");
      expect(p.operations).toEqual([]);
      expect(p.questions).toEqual([]);
      expect(p.explanation).toMatch(/not about your schema/);
      expect(tables(p.schema)).not.toContain("cats");
    }
  });

  it("designs when a design mentions a code: no code generation, tables created", () => {
    const p = answerTurn("create an event app where guests scan a QR code", {
      schema: { ...demo().schema, tables: [] },
    });
    expect(p.intent).toBe("design");
    expect(p.code).toBeUndefined();
    expect(p.operations.some((o) => o.op === "createTable")).toBe(true);
  });

  it("'make it faster' runs the optimizer on the project's functions and proposes its indexes", () => {
    const p = answerTurn("make it faster", demo());
    expect(p.intent).toBe("optimize");
    expect(p.ran?.[0]).toMatch(/optimizer .*10 functions in 4 files/);
    expect(p.operations).toEqual(
      expect.arrayContaining([
        { op: "addIndex", table: "timeEntries", index: { name: "by_taskId", fields: ["taskId"] } },
        { op: "addIndex", table: "tasks", index: { name: "by_dueDate", fields: ["dueDate"] } },
      ]),
    );
    expect(p.valid).toBe(true);
    expect(p.explanation).toMatch(/convex\/timeEntries\.ts:8/);
    expect(p.explanation).toMatch(/withIndex\("by_taskId"/);
    expect(
      p.findings?.some((f) => f.file === "convex/tasks.ts" && f.line === 25 && f.functions?.includes("tasks:overdue")),
    ).toBe(true);
  });

  it("'why is listing tasks slow' narrows the answer to tasks", () => {
    const p = answerTurn("why is listing tasks slow", demo());
    expect(p.intent).toBe("optimize");
    expect(p.operations).toEqual([
      { op: "addIndex", table: "tasks", index: { name: "by_dueDate", fields: ["dueDate"] } },
    ]);
    expect(p.explanation).toMatch(/tasks:listByProject \(by_project/);
    expect(p.explanation).not.toMatch(/timeEntries/);
  });

  it("ranks by the backend's measured reads when it has them", () => {
    const measurements = [
      {
        functionPath: "timeEntries:forTask",
        table: "timeEntries",
        index: null,
        calls: 40,
        documentsScanned: 40_000,
        documentsReturned: 120,
      },
      {
        functionPath: "tasks:listByProject",
        table: "tasks",
        index: "by_project",
        calls: 90,
        documentsScanned: 900,
        documentsReturned: 900,
      },
    ];
    const p = answerTurn("make it faster", { ...demo(), measurements });
    expect(p.ran).toEqual([expect.stringMatching(/^optimizer/), "measured reads from the backend (2 query patterns)"]);
    expect(p.explanation).toMatch(
      /Measured on the backend[^\n]*\n- timeEntries:forTask on "timeEntries" with a full table scan: 40000 read, 120 returned over 40 calls/,
    );
    expect(p.explanation).not.toMatch(/- tasks:listByProject on/);
  });

  it("says when there are no functions to optimize", () => {
    const p = answerTurn("make it faster", { schema: demo().schema });
    expect(p.operations).toEqual([]);
    expect(p.explanation).toMatch(/no Convex function files/);
  });

  it("'is my schema OK' reports lint findings and the health score", () => {
    const p = answerTurn("is my schema OK?", demo());
    expect(p.intent).toBe("lint");
    expect(p.ran).toEqual(["lint (12 tables)", expect.stringMatching(/^health score: \d+\/100$/)]);
    expect(p.explanation).toMatch(/health score \d+\/100/);
    expect(p.explanation).toMatch(/^Ran lint on 12 tables: health score \d+\/100 \(\d+ warnings?/);
    expect(p.findings?.some((f) => f.code === "LINT-ID-INDEX" && f.path === "timeEntries.taskId")).toBe(true);
    expect(p.operations).toEqual([]);
  });

  it("'what breaks if I rename/remove X' lists the functions with file:line", () => {
    const field = answerTurn("what breaks if I rename tasks.title to name?", demo());
    expect(field.intent).toBe("impact");
    expect(field.findings).toEqual(
      expect.arrayContaining([
        // The withSearchIndex call that names the field (planImpact places a use where it names the field).
        expect.objectContaining({ file: "convex/tasks.ts", line: 34, functions: ["tasks:search"] }),
      ]),
    );
    expect(field.explanation).toMatch(/search index "search_title"/);
    const table = answerTurn("what breaks if I remove the comments table?", demo());
    expect(table.findings?.map((f) => `${f.file}:${f.line}`)).toEqual([
      "convex/comments.ts:7",
      "convex/comments.ts:14",
    ]);
    expect(table.explanation).toMatch(/deletes all its documents/);
    expect(table.operations).toEqual([]);
    // A write that may set the field (the mutation's args go straight into insert) is reported at the insert.
    const removed = answerTurn("what breaks if I remove comments.body", demo());
    expect(removed.findings).toEqual([
      expect.objectContaining({ file: "convex/comments.ts", line: 14, functions: ["comments:add"] }),
    ]);
    // Renaming a table breaks the calls that name it, not the ones by id.
    const renamed = answerTurn("what breaks if I rename the tasks table?", demo());
    expect(renamed.findings?.filter((f) => f.file !== "convex/schema.ts").map((f) => f.functions?.[0])).toEqual([
      "tasks:listByProject",
      "tasks:mine",
      "tasks:overdue",
      "tasks:search",
    ]);
    const uses = answerTurn("which functions use the due date on tasks?", demo());
    expect(uses.findings?.[0]).toMatchObject({ file: "convex/tasks.ts", line: 25, functions: ["tasks:overdue"] });
  });

  it("'generate CRUD for X' runs the code generator", () => {
    const p = answerTurn("generate CRUD for tasks", demo());
    expect(p.intent).toBe("code");
    expect(p.code?.tables).toEqual(["tasks"]);
    expect(Object.keys(p.code?.files ?? {})).toContain("convex/tasks.ts");
    expect(p.operations).toEqual([]);
  });

  it("a design naming an existing table reports it and asks how to use it", () => {
    const p = answerTurn("design a blog with posts, comments, tags and authors", demo());
    expect(p.intent).toBe("design");
    expect(tables(p.schema)).toEqual(expect.arrayContaining(["posts", "tags", "authors"]));
    expect(p.operations.some((o) => o.op === "createTable" && o.table === "comments")).toBe(false);
    // Either it was extended (said so) or kept as it is (said so, with a question how the new tables use it).
    const extended = p.operations.some((o) => "table" in o && o.table === "comments");
    expect(p.explanation).toMatch(
      extended ? /Table "comments" already exists, so it was kept and extended/ : /Table "comments" already exists/,
    );
    if (!extended) expect(p.questions.join(" ")).toMatch(/existing "comments"/);
  });

  it("changes go through the change grammar and are marked as changes", () => {
    const p = answerTurn("make dueDate required on tasks and rename title to name", demo());
    expect(p.intent).toBe("change");
    expect(p.ran).toEqual(["designer (deterministic, no model)"]);
    expect(p.operations.map((o) => o.op)).toEqual(["setOptional", "renameField"]);
  });
});
