import { describe, expect, it } from "vitest";
import { DEMO_FUNCTION_FILES, DEMO_SCHEMA_SOURCE } from "../../demo";
import { planImpact } from "../../migrate/impact";
import type { Change } from "../../migrate/changes";
import { analyzeProject } from "../../optimize";
import { parseSchemaSource } from "../../schema";
import { answerTurn, type ProjectContext } from "./index";

function demo(): ProjectContext {
  const parsed = parseSchemaSource(DEMO_SCHEMA_SOURCE, "convex/schema.ts");
  if (!parsed.ok) throw new Error("demo schema does not parse");
  return { schema: parsed.schema, files: { "convex/schema.ts": DEMO_SCHEMA_SOURCE, ...DEMO_FUNCTION_FILES } };
}

describe("the chat's impact answer and the migration plan's impact agree", () => {
  const project = demo();
  const analysis = analyzeProject({ files: project.files ?? {} }, { schema: project.schema });
  const table = (name: string) => project.schema.tables.find((t) => t.name === name)!;
  const field = (t: string, f: string) => table(t).fields.find((x) => x.name === f)!;
  const places = (changes: Change[]) =>
    planImpact(changes, analysis.accesses, project.schema)
      .flatMap((i) => i.uses)
      .map((u) => `${u.function} ${u.loc.file}:${u.loc.line}`);
  // The chat's findings that come from functions (the rest are the schema's own indexes and references).
  const chat = (question: string) =>
    (answerTurn(question, project).findings ?? [])
      .filter((f) => f.functions?.length)
      .map((f) => `${f.functions?.[0]} ${f.file}:${f.line}`);

  it.each<[string, Change]>([
    ["what breaks if I remove the comments table?", { kind: "dropTable", table: "comments", def: table("comments") }],
    ["what breaks if I rename the tasks table?", { kind: "renameTable", from: "tasks", to: "jobs", confidence: 1 }],
    [
      "what breaks if I remove comments.body",
      { kind: "dropField", table: "comments", field: field("comments", "body") },
    ],
    [
      "what breaks if I rename tasks.title to name?",
      {
        kind: "renameField",
        table: "tasks",
        from: "title",
        to: "name",
        field: field("tasks", "title"),
        previous: field("tasks", "title"),
        confidence: 1,
      },
    ],
    [
      "which functions use the due date on tasks?",
      { kind: "dropField", table: "tasks", field: field("tasks", "dueDate") },
    ],
    [
      "what breaks if I rename tasks.status",
      {
        kind: "renameField",
        table: "tasks",
        from: "status",
        to: "state",
        field: field("tasks", "status"),
        previous: field("tasks", "status"),
        confidence: 1,
      },
    ],
  ])("%s", (question, change) => {
    const expected = places([change]);
    expect(expected.length).toBeGreaterThan(0);
    expect(chat(question)).toEqual(expected);
  });

  it("a rename of status lists the index read and the patch that sets it, not the patches of other fields", () => {
    expect(chat("what breaks if I rename tasks.status")).toEqual([
      "tasks:listByProject convex/tasks.ts:9",
      "tasks:complete convex/tasks.ts:44",
    ]);
  });
});
