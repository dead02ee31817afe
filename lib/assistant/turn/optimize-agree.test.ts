import { describe, expect, it } from "vitest";
import { DEMO_FUNCTION_FILES, DEMO_SCHEMA_SOURCE } from "../../demo";
import { optimizeProject } from "../../optimize";
import type { DataStats } from "../../optimize/types";
import { parseSchemaSource } from "../../schema";
import { answerTurn } from "./index";

const parsed = parseSchemaSource(DEMO_SCHEMA_SOURCE, "convex/schema.ts");
if (!parsed.ok) throw new Error("demo schema does not parse");
const schema = parsed.schema;
const files = { "convex/schema.ts": DEMO_SCHEMA_SOURCE, ...DEMO_FUNCTION_FILES };

describe("the chat's 'make it faster' and the dashboard's query insights propose the same indexes", () => {
  const stats: DataStats = {
    tables: {
      tasks: { documents: 20_000 },
      timeEntries: { documents: 50_000, fields: { taskId: { distinct: 5_000 } } },
    },
  };
  it.each([
    ["without statistics", undefined],
    ["with sampled statistics", stats],
  ])("%s", (_, s) => {
    // convex/optimizer/runNode.ts (insights) calls optimizeProject({ files, schema, stats }); its "add" advice is what it shows.
    const insights = optimizeProject({ files, schema, stats: s })
      .advice.filter((a) => a.action === "add")
      .flatMap((a) => a.operations);
    const chat = answerTurn("make it faster", { schema, files, stats: s }).operations;
    expect(insights.length).toBeGreaterThan(0);
    expect(chat).toEqual(insights);
  });

  it("a range filter alone (overdue: dueDate < now, collected) is advised in both", () => {
    const advice = optimizeProject({ files, schema }).advice;
    expect(advice.find((a) => a.table === "tasks")).toMatchObject({
      action: "add",
      index: { name: "by_dueDate", fields: ["dueDate"] },
      notes: ['tasks:overdue: results come back ordered by "dueDate" instead of creation time.'],
    });
  });
});
