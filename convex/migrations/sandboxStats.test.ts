import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { opt, req, schema, table, V } from "../../lib/testing/model";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { sandboxStats } from "./planning";
import { newDeployment, signedIn } from "../test.setup";

type T = ReturnType<typeof newDeployment>;

const FROM = schema(table("tasks", [req("title", V.string()), opt("note", V.string())]), table("users", []));
const TO = schema(
  table("tasks", [req("title", V.string()), opt("note", V.string()), req("priority", V.string())]),
  table("users", []),
);

const tasks = (from: number, n: number, extra: Record<string, unknown> = {}) =>
  Array.from({ length: n }, (_, j) => ({
    _id: `tasks:${from + j}`,
    _creationTime: 1_700_000_000_000 + from + j,
    title: `Task ${from + j}`,
    ...((from + j) % 3 === 0 ? { note: "n" } : {}),
    ...extra,
  }));

/** What planning must see, counted from every row (the reference the kept counts are checked against). */
async function scanned(t: T, projectId: Id<"projects">) {
  return await t.run(async (ctx) => {
    const out: Record<string, { count: number; present: Record<string, number> }> = {};
    for (const name of ["tasks", "users"]) {
      const rows = await ctx.db
        .query("sandboxDocuments")
        .withIndex("by_project_table", (q) => q.eq("projectId", projectId).eq("table", name))
        .collect();
      const present: Record<string, number> = {};
      for (const r of rows)
        for (const [k, v] of Object.entries(r.doc as Record<string, unknown>))
          if (v !== undefined && !k.startsWith("_")) present[k] = (present[k] ?? 0) + 1;
      out[name] = { count: rows.length, present };
    }
    return out;
  });
}

const kept = (t: T, projectId: Id<"projects">) =>
  t.run(async (ctx) => (await sandboxStats(ctx, projectId, FROM)).tables);

beforeEach(() => {
  vi.useFakeTimers({
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate"],
  });
});
afterEach(() => vi.useRealTimers());

describe("planning statistics from kept counts", () => {
  it("stay equal to a full count through inserts, imports, deletes, a migration run and its rollback", {
    timeout: 120_000,
  }, async () => {
    const t = newDeployment();
    const ada = await signedIn(t, "Ada");
    const projectId = await t.mutation(internal.projects.projects.insertParsed, {
      userId: ada.userId,
      name: "Tasks",
      schemaSource: "s1",
      modelJson: JSON.stringify(FROM),
      sourceHash: "h1",
    });
    const check = async () => {
      const reference = await scanned(t, projectId);
      expect(await kept(t, projectId)).toEqual(reference);
      return reference;
    };
    expect(await check()).toEqual({ tasks: { count: 0, present: {} }, users: { count: 0, present: {} } });

    await t.mutation(internal.migrations.sandbox.insertBatch, { projectId, table: "tasks", docs: tasks(0, 30) });
    expect((await check()).tasks).toEqual({ count: 30, present: { title: 30, note: 10 } });
    await ada.as.mutation(api.migrations.sandbox.importBatch, {
      projectId,
      table: "tasks",
      docs: tasks(30, 5, { label: "x" }),
    });
    expect((await check()).tasks).toEqual({ count: 35, present: { title: 35, note: 12, label: 5 } });
    await t.mutation(internal.migrations.sandbox.clearSome, { projectId, table: "tasks", limit: 7 });
    expect((await check()).tasks.count).toBe(28);

    // A migration run patches every document (priority backfilled), its rollback takes it out again.
    const parent = await t.run(async (ctx) => (await ctx.db.get(projectId))!.currentVersionId!);
    const versionId = await t.mutation(internal.schemaVersions.proposals.storePending, {
      projectId,
      authorId: ada.userId,
      parentVersionId: parent,
      source: "s2",
      modelJson: JSON.stringify(TO),
      sourceHash: "h2",
      summary: "Add priority to tasks",
    });
    await ada.as.mutation(api.schemaVersions.proposals.approve, { versionId });
    const plan = await t.run(
      async (ctx) => (await ctx.db.query("migrationPlans").collect()).find((p) => p.toVersionId === versionId)!,
    );
    await ada.as.mutation(api.migrations.plans.setDefault, {
      planId: plan._id,
      key: "tasks.priority",
      valueJson: JSON.stringify("medium"),
    });
    await t.finishAllScheduledFunctions(vi.runAllTimers, 10_000);
    await ada.as.mutation(api.migrations.plans.approve, { planId: plan._id });
    // Forced: the imported documents' extra field fails the preflight.
    await ada.as.mutation(api.migrations.runs.start, { planId: plan._id, batchSize: 10, force: true });
    await t.finishAllScheduledFunctions(vi.runAllTimers, 10_000);
    expect((await check()).tasks.present).toMatchObject({ priority: 28, title: 28 });
    await ada.as.mutation(api.migrations.runs.rollback, { planId: plan._id });
    await t.finishAllScheduledFunctions(vi.runAllTimers, 10_000);
    expect((await check()).tasks.present.priority).toBeUndefined();

    // Planning reads the kept counts, not the rows: a row removed behind every writer's back is not seen.
    await t.run(async (ctx) => {
      const row = await ctx.db
        .query("sandboxDocuments")
        .withIndex("by_project_table", (q) => q.eq("projectId", projectId).eq("table", "tasks"))
        .first();
      await ctx.db.delete(row!._id);
    });
    expect((await kept(t, projectId)).tasks.count).toBe(28);
  });

  it("a table whose counts were kept before presence is counted from its rows until its next write keeps both", async () => {
    const t = newDeployment();
    const ada = await signedIn(t, "Ada");
    const projectId = await t.mutation(internal.projects.projects.insertParsed, {
      userId: ada.userId,
      name: "Tasks",
      schemaSource: "s1",
      modelJson: JSON.stringify(FROM),
      sourceHash: "h1",
    });
    await t.mutation(internal.migrations.sandbox.insertBatch, { projectId, table: "tasks", docs: tasks(0, 9) });
    // As an older version left it: a count without presence.
    await t.run(async (ctx) => {
      const row = (await ctx.db.query("sandboxCounts").first())!;
      await ctx.db.replace(row._id, { projectId, table: "tasks", count: 9 });
    });
    expect((await kept(t, projectId)).tasks).toEqual({ count: 9, present: { title: 9, note: 3 } });
    await t.mutation(internal.migrations.sandbox.insertBatch, { projectId, table: "tasks", docs: tasks(9, 3) });
    const row = await t.run(async (ctx) => (await ctx.db.query("sandboxCounts").first())!);
    expect({ count: row.count, present: JSON.parse(row.presentJson!) }).toEqual({
      count: 12,
      present: { title: 12, note: 4 },
    });
    expect((await kept(t, projectId)).tasks).toEqual({ count: 12, present: { title: 12, note: 4 } });
  });
});
