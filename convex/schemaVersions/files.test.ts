import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { req, schema, table, V } from "../../lib/testing/model";
import { api, internal } from "../_generated/api";
import { newDeployment, signedIn } from "../test.setup";

const FROM = schema(table("tasks", [req("title", V.string())]));
const TO = schema(table("tasks", [req("title", V.string()), req("priority", V.string())]));

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

it("a version's files download with the migration module of the plan that led to it, for members only", async () => {
  const t = newDeployment();
  const ada = await signedIn(t, "Ada");
  const eve = await signedIn(t, "Eve");
  const projectId = await t.mutation(internal.projects.projects.insertParsed, {
    userId: ada.userId,
    name: "Tasks",
    schemaSource: "// v1 schema",
    filesJson: JSON.stringify({ "convex/validators.ts": "// helpers" }),
    modelJson: JSON.stringify(FROM),
    sourceHash: "h1",
  });
  const parent = await t.run(async (ctx) => (await ctx.db.get(projectId))!.currentVersionId!);
  await t.mutation(internal.migrations.sandbox.insertBatch, {
    projectId,
    table: "tasks",
    docs: [{ _id: "tasks:0", _creationTime: 1, title: "A" }],
  });

  const first = await ada.as.query(api.schemaVersions.files.get, { versionId: parent });
  expect(first).toMatchObject({
    number: 1,
    status: "current",
    files: { "convex/schema.ts": "// v1 schema", "convex/validators.ts": "// helpers" },
    migration: null,
  });

  const versionId = await t.mutation(internal.schemaVersions.proposals.storePending, {
    projectId,
    authorId: ada.userId,
    parentVersionId: parent,
    source: "// v2 schema",
    modelJson: JSON.stringify(TO),
    sourceHash: "h2",
    summary: "Add priority",
  });
  await ada.as.mutation(api.schemaVersions.proposals.approve, { versionId });
  const second = await ada.as.query(api.schemaVersions.files.get, { versionId });
  expect(second.files["convex/schema.ts"]).toBe("// v2 schema");
  expect(second.migration?.path).toBe("convex/migrations/plans.ts");
  expect(second.migration?.code).toMatch(/migrations\.define\(\{\s*table: "tasks"/);

  // The same through the API's lookup by number and "current".
  expect((await t.query(internal.schemaVersions.files.forApi, { projectId, ref: "2" }))?.versionId).toBe(versionId);
  expect((await t.query(internal.schemaVersions.files.forApi, { projectId, ref: "current" }))?.versionId).toBe(parent);
  expect(await t.query(internal.schemaVersions.files.forApi, { projectId, ref: "7" })).toBeNull();

  await expect(eve.as.query(api.schemaVersions.files.get, { versionId })).rejects.toThrow(/not found/i);
});
