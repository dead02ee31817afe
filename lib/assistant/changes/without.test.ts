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
