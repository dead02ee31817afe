import { describe, expect, it } from "vitest";
import { DEMO_FUNCTION_FILES, DEMO_SCHEMA_SOURCE } from "../../demo";
import { parseSchemaSource } from "../../schema";
import { answerTurn, type ProjectContext } from "./index";

function demo(): ProjectContext {
  const parsed = parseSchemaSource(DEMO_SCHEMA_SOURCE);
  if (!parsed.ok) throw new Error("demo schema does not parse");
  return { schema: parsed.schema, files: { ...DEMO_FUNCTION_FILES, "convex/schema.ts": DEMO_SCHEMA_SOURCE } };
}

describe("questions about what the schema has, and speed asked of one lookup", () => {
  it("a yes/no question about a field the table has says 'already' and changes nothing", () => {
    for (const request of [
      "does tasks have a title field?",
      "is there a due date on tasks?",
      "do we store an email for users?",
      "has the users table got an email?",
    ]) {
      const p = answerTurn(request, demo());
      expect(p.operations, request).toEqual([]);
      expect(p.explanation, request).toMatch(/^Yes: "(tasks|users)\.(title|dueDate|email)" already exists/);
    }
  });

  it("a question about a missing field adds nothing and offers it, naming the table", () => {
    const p = answerTurn("do tasks have a color field?", demo());
    expect(p.operations).toEqual([]);
    expect(p.explanation).toMatch(/"tasks" has no field for "color"/);
    expect(p.questions[0]).toMatch(/add color \(string\) to tasks/);
  });

  it("a relation asked about is not read as a field", () => {
    const p = answerTurn("do users have many tasks?", demo());
    expect(p.explanation).not.toMatch(/has no field/);
    expect(p.operations).toEqual([]);
  });

  it("'make lookups of X by Y faster' is that lookup (already indexed here), not a whole-project review", () => {
    const served = answerTurn("could you make lookups of tasks by project faster?", demo());
    expect(served.intent).toBe("change");
    expect(served.operations).toEqual([]);
    expect(served.explanation).toMatch(/already has index "by_project"/);
    const missing = answerTurn("please speed up the subtasks-by-title lookup", demo());
    expect(missing.intent).toBe("change");
    expect(missing.operations).toEqual([
      expect.objectContaining({
        op: "addIndex",
        table: "subtasks",
        index: expect.objectContaining({ fields: ["title"] }),
      }),
    ]);
    expect(answerTurn("make it faster", demo()).intent).toBe("optimize");
  });

  it("'what about an index on X by Y?' is that index, not a description of the schema", () => {
    const p = answerTurn("what about an index on subtasks by title?", demo());
    expect(p.intent).toBe("change");
    expect(p.operations).toEqual([expect.objectContaining({ op: "addIndex", table: "subtasks" })]);
    expect(answerTurn("what about tasks?", demo()).intent).toBe("explain");
  });

  it("'can we rename …?' says what breaks and proposes the rename; 'what breaks if …' only answers", () => {
    const asked = answerTurn("can we rename title to heading on tasks?", demo());
    expect(asked.intent).toBe("impact");
    expect(asked.explanation).toMatch(/What breaks if you rename "tasks.title"/);
    expect(asked.operations).toEqual([{ op: "renameField", table: "tasks", from: "title", to: "heading" }]);
    expect(asked.ran).toEqual(expect.arrayContaining(["change grammar (deterministic)"]));
    const hypothetical = answerTurn("what breaks if I rename title to heading on tasks?", demo());
    expect(hypothetical.intent).toBe("impact");
    expect(hypothetical.operations).toEqual([]);
  });
});
