import { describe, expect, it, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { newDeployment, signedIn } from "../test.setup";
import { DEMO_SCHEMA_SOURCE } from "../../lib/demo";

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  authors: defineTable({ name: v.string() }),
  posts: defineTable({ authorId: v.id("authors"), title: v.string() }),
});
`;

describe("projectsNode.create", () => {
  it("parses a pasted schema, stores version 1.0.0 and analyses it", async () => {
    vi.useFakeTimers();
    const t = newDeployment();
    const { as } = await signedIn(t, "Ada");
    const result = await as.action(api.projects.projectsNode.create, {
      name: "Blog",
      files: [{ path: "convex/schema.ts", content: SCHEMA }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const project = await as.query(api.projects.projects.get, { projectId: result.projectId });
    expect(project.version?.semver).toBe("1.0.0");
    expect(JSON.parse(project.version!.modelJson).tables.map((t: { name: string }) => t.name)).toEqual([
      "authors",
      "posts",
    ]);
    const analysis = await as.query(api.schemaVersions.analyses.current, { projectId: result.projectId });
    // posts.authorId references authors without an index: the linter says so and the score drops.
    expect(analysis?.diagnostics.some((d) => d.path === "posts.authorId")).toBe(true);
    expect(analysis!.healthScore).toBeLessThan(100);
    vi.useRealTimers();
  });

  it("returns located errors for a schema that does not parse, and saves nothing", async () => {
    const t = newDeployment();
    const { as } = await signedIn(t, "Ada");
    const before = await t
      .run((ctx) => ctx.db.query("projects").collect())
      .then((rows) => rows.filter((p) => !p.isDemo));
    const result = await as.action(api.projects.projectsNode.create, {
      name: "Broken",
      files: [
        {
          path: "convex/schema.ts",
          content: "export default defineSchema({\n  tasks: defineTable({ text: v.string( }),\n});",
        },
      ],
    });
    expect(result).toMatchObject({ ok: false, errors: [{ file: "convex/schema.ts", line: 2 }] });
    expect(
      await t.run((ctx) => ctx.db.query("projects").collect()).then((rows) => rows.filter((p) => !p.isDemo)),
    ).toHaveLength(before.length);
  });

  it("finds the schema inside a zipped folder and follows its imports", async () => {
    const t = newDeployment();
    const { as } = await signedIn(t, "Ada");
    const result = await as.action(api.projects.projectsNode.create, {
      name: "Zipped",
      files: [
        { path: "my-app/package.json", content: "{}" },
        {
          path: "my-app/convex/schema.ts",
          content: `import { defineSchema, defineTable } from "convex/server";\nimport { task } from "./validators";\nexport default defineSchema({ tasks: defineTable(task) });`,
        },
        {
          path: "my-app/convex/validators.ts",
          content: `import { v } from "convex/values";\nexport const task = { text: v.string(), done: v.boolean() };`,
        },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const project = await as.query(api.projects.projects.get, { projectId: result.projectId });
    expect(JSON.parse(project.version!.modelJson).tables[0].fields.map((f: { name: string }) => f.name)).toEqual([
      "text",
      "done",
    ]);
  });

  it("says so when an upload has no convex/schema.ts", async () => {
    const t = newDeployment();
    const { as } = await signedIn(t, "Ada");
    const result = await as.action(api.projects.projectsNode.create, {
      name: "Empty",
      files: [{ path: "README.md", content: "hi" }],
    });
    expect(result).toEqual({ ok: false, errors: [{ message: "No convex/schema.ts found in the uploaded files." }] });
  });

  it("the demo schema parses into 12 tables", async () => {
    const { parseSchemaSource } = await import("../../lib/schema");
    const parsed = parseSchemaSource(DEMO_SCHEMA_SOURCE);
    expect(parsed.ok && parsed.schema.tables.length).toBe(12);
  });
});

describe("projectsNode.seedDemo", () => {
  it("creates the 12-table demo with sample documents that reference each other", async () => {
    const t = newDeployment();
    const { as, userId } = await signedIn(t, "Ada");
    await t.action(internal.projects.projectsNode.seedDemo, { userId });
    const [demo] = await as.query(api.projects.projects.list, {});
    expect(demo).toMatchObject({ isDemo: true, tableCount: 12 });
    const counts = await as.query(api.migrations.sandbox.summary, { projectId: demo._id });
    // attachments reference "_storage" files, which sample data cannot invent.
    expect(counts.filter((c) => c.count === 40).map((c) => c.table)).toEqual(
      counts.map((c) => c.table).filter((t) => t !== "attachments"),
    );
    const tasks = await t.run((ctx) =>
      ctx.db
        .query("sandboxDocuments")
        .withIndex("by_project_table", (q) => q.eq("projectId", demo._id).eq("table", "tasks"))
        .collect(),
    );
    const projectIds = new Set(
      (
        await t.run((ctx) =>
          ctx.db
            .query("sandboxDocuments")
            .withIndex("by_project_table", (q) => q.eq("projectId", demo._id).eq("table", "projects"))
            .collect(),
        )
      ).map((d) => d.doc._id),
    );
    expect(tasks.every((d) => projectIds.has(d.doc.projectId))).toBe(true);
  });
});

describe("optimizer reports", () => {
  it("reads the demo's functions: the unindexed filter on timeEntries.taskId gets an index advice with fewer reads", async () => {
    vi.useFakeTimers();
    const t = newDeployment();
    const { as, userId } = await signedIn(t, "Ada");
    await t.action(internal.projects.projectsNode.seedDemo, { userId });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const [demo] = await as.query(api.projects.projects.list, {});
    const report = await as.query(api.optimizer.reports.current, { projectId: demo._id });
    vi.useRealTimers();
    expect(report?.functionCount).toBeGreaterThan(5);
    expect(report?.findings.map((f) => `${f.code} ${f.loc?.file}:${f.loc?.line}`)).toContain(
      "OPT107 convex/timeEntries.ts:8",
    );
    const advice = report?.advice.find((a) => a.table === "timeEntries");
    expect(advice?.index.fields).toEqual(["taskId"]);
    expect(report?.tableMap.edges).toContainEqual(
      expect.objectContaining({ function: "timeEntries:forTask", table: "timeEntries", mode: "read" }),
    );
  });
});
