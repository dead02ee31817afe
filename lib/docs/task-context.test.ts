import { describe, expect, it } from "vitest";
import { parseSchema } from "../schema";
import type { SchemaModel } from "../schema/model";
import { readFixture } from "../schema/testdata/fixtures";
import { getDebuggingContext, getFeatureContext, getQueryContext, words } from "./task-context";

async function taskTracker(): Promise<SchemaModel> {
  const parsed = parseSchema(await readFixture("task-tracker"));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join("; "));
  return parsed.schema;
}

const names = (xs: { name: string }[]) => xs.map((x) => x.name).sort();

describe("task-aware context", () => {
  it("splits camelCase and joins word pairs", () => {
    expect(words("teamMembers of a task label")).toEqual(
      expect.arrayContaining(["team", "members", "task", "label", "tasklabel", "teammembers"]),
    );
  });

  it("query: matches singular/plural table names and adds direct neighbours only", async () => {
    const model = await taskTracker();
    const ctx = getQueryContext(model, "Which comments were written on a task this week?");
    const direct = ctx.matches
      .filter((m) => m.reason === "named")
      .map((m) => m.table)
      .sort();
    expect(direct).toEqual(["comments", "tasks"]);
    // tasks → projects, users; comments → users; taskLabels, activity → tasks; tasks ↔ labels through taskLabels
    expect(names(ctx.tables)).toEqual(["activity", "comments", "labels", "projects", "taskLabels", "tasks", "users"]);
    expect(ctx.matches.find((m) => m.table === "projects")?.reason).toBe("neighbour of tasks");
    for (const r of ctx.relationships) expect(names(ctx.tables)).toEqual(expect.arrayContaining([r.from, r.to]));
    // the index hint for comments by task is there; tables two references away (teams) are not
    expect(ctx.queryHints.some((h) => h.table === "comments" && h.index === "by_task")).toBe(true);
    expect(ctx.tables.some((t) => t.name === "teams" || t.name === "teamMembers")).toBe(false);
  });

  it("query: a field name pulls in its table", async () => {
    const model = await taskTracker();
    const ctx = getQueryContext(model, "group by estimateHours");
    expect(ctx.matches[0]).toEqual({ table: "tasks", reason: 'field "estimateHours"' });
  });

  it("feature: reports nouns no table covers yet", async () => {
    const model = await taskTracker();
    const ctx = getFeatureContext(model, "Let users attach files to comments and add reactions to comments");
    expect(
      ctx.matches
        .filter((m) => m.reason === "named")
        .map((m) => m.table)
        .sort(),
    ).toEqual(["comments", "users"]);
    expect(ctx.newConcepts).toEqual(expect.arrayContaining(["reactions"]));
    expect(ctx.newConcepts).not.toContain("comments");
  });

  it("debugging: quoted fields and dotted index names find their table", async () => {
    const model = await taskTracker();
    const err =
      "Uncaught Error: Index taskLabels.by_label not found. Validator error: Object is missing the required field `labelId`.";
    const ctx = getDebuggingContext(model, err);
    expect(ctx.matches[0].table).toBe("taskLabels");
    expect(names(ctx.tables)).toEqual(["labels", "taskLabels", "tasks"]);
    const byField = getDebuggingContext(
      model,
      "ArgumentValidationError: Value does not match validator. Path: .reporterId",
    );
    expect(byField.matches[0]).toEqual({ table: "tasks", reason: 'field "reporterId"' });
    expect(byField.findings.some((f) => f.path === "tasks.reporterId" && f.code === "LINT-ID-INDEX")).toBe(true);
  });

  it("returns no tables when nothing matches", async () => {
    const model = await taskTracker();
    expect(getQueryContext(model, "what is the weather").tables).toEqual([]);
  });
});

describe("schemaSourceFiles", async () => {
  const { schemaSourceFiles } = await import("./source-files");
  it("keeps the entry and what it imports, transitively, and nothing else", () => {
    const files = {
      "convex/schema.ts": 'import { a } from "./tables";\nimport { v } from "convex/values";',
      "convex/tables/index.ts": 'export * from "./users.js";',
      "convex/tables/users.ts": 'import { c } from "../../shared/constants";',
      "shared/constants.ts": "export const c = 1;",
      "convex/messages.ts": 'import { a } from "./tables";',
    };
    expect(Object.keys(schemaSourceFiles(files, "convex/schema.ts")).sort()).toEqual([
      "convex/schema.ts",
      "convex/tables/index.ts",
      "convex/tables/users.ts",
      "shared/constants.ts",
    ]);
  });
});
