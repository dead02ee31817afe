import { afterEach, describe, expect, it, vi } from "vitest";
import { api } from "../_generated/api";
import { newDeployment, signedIn } from "../test.setup";

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  tasks: defineTable({ title: v.string() }),
});
`;

afterEach(() => {
  vi.useRealTimers();
});

describe("a proposal overtaken by a newer version", () => {
  it("is marked overtaken, approving it says so in words, and 'rebase on current' re-plans its changes on the current version", async () => {
    vi.useFakeTimers();
    const t = newDeployment();
    const { as } = await signedIn(t, "Ada");
    const created = await as.action(api.projects.projectsNode.create, {
      name: "Tasks",
      files: [{ path: "convex/schema.ts", content: SCHEMA }],
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const projectId = created.projectId;
    const propose = async (operations: unknown[], summary: string) => {
      const r = await as.action(api.schemaVersions.proposalsNode.fromOperations, { projectId, operations, summary });
      if (!r.ok) throw new Error(r.errors.join(" "));
      return r.versionId;
    };
    const priority = await propose(
      [{ op: "addField", table: "tasks", field: { name: "priority", validator: { kind: "string" }, optional: true } }],
      "Optional priority",
    );
    const tags = await propose(
      [
        {
          op: "createTable",
          table: "tags",
          fields: [{ name: "name", validator: { kind: "string" }, optional: false }],
        },
      ],
      "A tags table",
    );
    await as.mutation(api.schemaVersions.proposals.approve, { versionId: tags });
    await t.finishAllScheduledFunctions(vi.runAllTimers);

    const pending = await as.query(api.schemaVersions.proposals.pending, { projectId });
    expect(pending.map((p) => [p._id, p.overtaken, p.currentSemver])).toEqual([[priority, true, "1.1.0"]]);
    await expect(as.mutation(api.schemaVersions.proposals.approve, { versionId: priority })).rejects.toThrow(
      /overtaken by a newer version of the schema; rebase it on the current version/,
    );

    const rebased = await as.action(api.schemaVersions.proposalsNode.rebase, { versionId: priority });
    expect(rebased.ok).toBe(true);
    if (!rebased.ok) return;
    const after = await as.query(api.schemaVersions.proposals.pending, { projectId });
    expect(after.map((p) => [p._id, p.overtaken, p.summary])).toEqual([
      [rebased.versionId, false, "Optional priority"],
    ]);
    await as.mutation(api.schemaVersions.proposals.approve, { versionId: rebased.versionId });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const project = await as.query(api.projects.projects.get, { projectId });
    const model = JSON.parse(project.version!.modelJson) as {
      tables: Array<{ name: string; fields: Array<{ name: string }> }>;
    };
    expect(model.tables.map((x) => [x.name, x.fields.map((f) => f.name)])).toEqual([
      ["tasks", ["title", "priority"]],
      ["tags", ["name"]],
    ]);
    const history = await as.query(api.migrations.plans.history, { projectId });
    expect(history.find((h) => h._id === priority)?.status).toBe("superseded");
  });
});
