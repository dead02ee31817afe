import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { opt, req, schema, table, V } from "../../lib/testing/model";
import type { SchemaModel } from "../../lib/schema/model";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { newDeployment, signedIn } from "../test.setup";
import { dataSteps, runMigration, tallyFromJournal } from "../../lib/migrate";
import { parseStored } from "./planning";
import { rollbackTally } from "./runs";
import { JOURNAL_PART_CHARS, readJournal, SandboxStore, type JournalCache } from "./store";
import { chunkDocs, chunkText } from "../lib/backupChunks";

type T = ReturnType<typeof newDeployment>;

const FROM = schema(
  table("tasks", [req("title", V.string()), opt("note", V.string())]),
  table("users", [req("name", V.string())]),
);
const TO = schema(
  table("tasks", [req("title", V.string()), opt("note", V.string()), req("priority", V.string())]),
  table("users", [req("name", V.string())]),
);

function tasks(n: number, bad = 0): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    _id: `tasks:${i}`,
    _creationTime: 1_700_000_000_000 + i,
    title: i < bad ? i : `Task ${i}`,
    ...(i % 3 === 0 ? { note: `n${i}` } : {}),
  }));
}

async function setup(t: T, docs: Record<string, unknown>[], to: SchemaModel = TO) {
  const ada = await signedIn(t, "Ada");
  const projectId = await t.mutation(internal.projects.projects.insertParsed, {
    userId: ada.userId,
    name: "Tasks",
    schemaSource: "s1",
    modelJson: JSON.stringify(FROM),
    sourceHash: "h1",
  });
  for (let i = 0; i < docs.length; i += 1000)
    await t.mutation(internal.migrations.sandbox.insertBatch, {
      projectId,
      table: "tasks",
      docs: docs.slice(i, i + 1000),
    });
  await t.mutation(internal.migrations.sandbox.insertBatch, {
    projectId,
    table: "users",
    docs: [{ _id: "users:0", _creationTime: 1, name: "Ann" }],
  });
  const parent = await t.run(async (ctx) => (await ctx.db.get(projectId))!.currentVersionId!);
  const versionId = await t.mutation(internal.schemaVersions.proposals.storePending, {
    projectId,
    authorId: ada.userId,
    parentVersionId: parent,
    source: "s2",
    modelJson: JSON.stringify(to),
    sourceHash: "h2",
    summary: "Add priority to tasks",
  });
  return { ada, projectId, parent, versionId };
}

/** Runs every scheduled function (and the ones they schedule) to the end. */
async function drain(t: T) {
  await t.finishAllScheduledFunctions(vi.runAllTimers, 10_000);
}

/** Runs only the functions scheduled so far (one step of each chain). */
async function tick(t: T) {
  vi.runOnlyPendingTimers();
  await t.finishInProgressScheduledFunctions();
}

const sandbox = (t: T, projectId: Id<"projects">, name = "tasks") =>
  t.run(async (ctx) =>
    (
      await ctx.db
        .query("sandboxDocuments")
        .withIndex("by_project_table", (q) => q.eq("projectId", projectId).eq("table", name))
        .collect()
    )
      .map((r) => r.doc as Record<string, unknown>)
      .sort((a, b) => String(a._id).localeCompare(String(b._id))),
  );

async function planOf(t: T, versionId: Id<"schemaVersions">) {
  return await t.run(
    async (ctx) => (await ctx.db.query("migrationPlans").collect()).find((p) => p.toVersionId === versionId)!,
  );
}

/** Approves the proposal, chooses "medium" for tasks.priority, waits for the preflight and approves the plan. */
async function approvedPlan(t: T, s: Awaited<ReturnType<typeof setup>>) {
  await s.ada.as.mutation(api.schemaVersions.proposals.approve, { versionId: s.versionId });
  const plan = await planOf(t, s.versionId);
  await s.ada.as.mutation(api.migrations.plans.setDefault, {
    planId: plan._id,
    key: "tasks.priority",
    valueJson: JSON.stringify("medium"),
  });
  await drain(t);
  await s.ada.as.mutation(api.migrations.plans.approve, { planId: plan._id });
  return plan._id;
}

// Real clocks for measuring; scheduled functions run when the tests say so. Steps of one batch each (the tests
// count steps), except in "steps of several batches".
beforeEach(() => {
  vi.useFakeTimers({
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate"],
  });
  process.env.MIGRATION_STEP_DOCUMENTS = "1";
});
afterEach(() => {
  vi.useRealTimers();
  delete process.env.MIGRATION_STEP_DOCUMENTS;
});

describe("migration plans", () => {
  it("the plan review lists the functions each change touches, from the optimizer's analysis of the old version", async () => {
    const t = newDeployment();
    const s = await setup(t, tasks(3));
    await s.ada.as.mutation(api.schemaVersions.proposals.approve, { versionId: s.versionId });
    const plan = await planOf(t, s.versionId);
    expect((await s.ada.as.query(api.migrations.plans.get, { planId: plan._id }))!.impact).toBeNull();
    const loc = { file: "convex/tasks.ts", line: 7, column: 5 };
    const accesses = [
      { function: "tasks:add", table: "tasks", operation: "insert", mode: "write", loc, filterFields: [], filters: [] },
    ];
    await t.mutation(internal.optimizer.reports.store, {
      projectId: s.projectId,
      versionId: s.parent,
      reportJson: JSON.stringify({
        findings: [],
        advice: [],
        tableMap: { functions: [], edges: [] },
        notAnalysed: [],
        functionCount: 1,
        accesses,
      }),
    });
    const impact = (await s.ada.as.query(api.migrations.plans.get, { planId: plan._id }))!.impact!;
    expect(impact.find((i) => i.path === "tasks.priority")?.uses).toEqual([
      expect.objectContaining({ function: "tasks:add", how: "writes", loc }),
    ]);
  });

  it("approving a change that needs data migrated creates a plan; the version stays pending with widen/backfill/narrow", async () => {
    const t = newDeployment();
    const s = await setup(t, tasks(20));
    await s.ada.as.mutation(api.schemaVersions.proposals.approve, { versionId: s.versionId });
    const version = await t.run((ctx) => ctx.db.get(s.versionId));
    expect(version!.status).toBe("pending");
    const plan = await planOf(t, s.versionId);
    const detail = (await s.ada.as.query(api.migrations.plans.get, { planId: plan._id }))!;
    const stored = JSON.parse(detail.planJson);
    expect(
      stored.plan.phases.map((p: { name: string; steps: { kind: string }[] }) => [p.name, p.steps.map((x) => x.kind)]),
    ).toEqual([
      ["widen", ["addField"]],
      ["backfill", ["backfill"]],
      ["narrow", ["narrowField"]],
    ]);
    expect(stored.stats.tables.tasks).toMatchObject({ count: 20, present: { title: 20, note: 7 } });
    expect(stored.plan.risks.map((r: { code: string }) => r.code).length).toBeGreaterThan(0);
    expect(detail.blockers.join(" ")).toMatch(/Choose a value for "tasks.priority"/);
    expect(stored.code).toContain("migrations.define");
    // Approving the proposal again points at the waiting plan instead of making a second one.
    await expect(s.ada.as.mutation(api.schemaVersions.proposals.approve, { versionId: s.versionId })).rejects.toThrow(
      /already waiting on the Migrations page/,
    );
  });

  it("keeps the immediate switch for changes with no data impact", async () => {
    const t = newDeployment();
    const s = await setup(
      t,
      tasks(5),
      schema(
        table("tasks", [req("title", V.string()), opt("note", V.string()), opt("tag", V.string())]),
        table("users", [req("name", V.string())]),
      ),
    );
    await s.ada.as.mutation(api.schemaVersions.proposals.approve, { versionId: s.versionId });
    expect((await t.run((ctx) => ctx.db.get(s.versionId)))!.status).toBe("current");
    expect(await t.run((ctx) => ctx.db.query("migrationPlans").collect())).toEqual([]);
  });

  it("shows rename candidates for a person to confirm and never assumes them", async () => {
    const t = newDeployment();
    const to = schema(
      table("tasks", [req("taskTitle", V.string()), opt("note", V.string())]),
      table("users", [req("name", V.string())]),
    );
    const s = await setup(t, tasks(10), to);
    await s.ada.as.mutation(api.schemaVersions.proposals.approve, { versionId: s.versionId });
    const plan = await planOf(t, s.versionId);
    let detail = (await s.ada.as.query(api.migrations.plans.get, { planId: plan._id }))!;
    let stored = JSON.parse(detail.planJson);
    expect(stored.candidates.map((c: { from: string; to: string }) => `${c.from}->${c.to}`)).toEqual([
      "title->taskTitle",
    ]);
    expect(stored.plan.changes.some((c: { kind: string }) => c.kind === "renameField")).toBe(false);
    expect(detail.blockers.join(" ")).toMatch(/Decide 1 rename candidate/);
    await s.ada.as.mutation(api.migrations.plans.decideRename, {
      planId: plan._id,
      key: "tasks.title->taskTitle",
      decision: "rename",
    });
    detail = (await s.ada.as.query(api.migrations.plans.get, { planId: plan._id }))!;
    stored = JSON.parse(detail.planJson);
    expect(stored.plan.changes.filter((c: { kind: string }) => c.kind === "renameField")).toHaveLength(1);
    expect(detail.blockers.join(" ")).not.toMatch(/rename/);
  });

  it("preflights every sandbox document, grouping failures with sample ids; a failed preflight blocks the run unless forced", async () => {
    const t = newDeployment();
    const s = await setup(t, tasks(30, 3));
    const planId = await approvedPlan(t, s);
    const detail = (await s.ada.as.query(api.migrations.plans.get, { planId }))!;
    expect(detail.preflight).toMatchObject({ status: "done", result: { ok: false, checked: 31, invalid: 3 } });
    expect(detail.preflight!.result!.groups).toEqual([
      expect.objectContaining({ table: "tasks", field: "title", count: 3, samples: ["tasks:0", "tasks:1", "tasks:2"] }),
    ]);
    await expect(s.ada.as.mutation(api.migrations.runs.start, { planId })).rejects.toThrow(/preflight found 3 invalid/);
    await s.ada.as.mutation(api.migrations.runs.start, { planId, force: true });
    await drain(t);
    expect((await planOf(t, s.versionId)).status).toBe("applied");
  });

  it("needs two different members when the project requires a second approver", async () => {
    const t = newDeployment();
    const s = await setup(t, tasks(10));
    const bob = await signedIn(t, "Bob");
    await t.run((ctx) =>
      ctx.db.insert("members", { projectId: s.projectId, userId: bob.userId, role: "editor", addedAt: 0 }),
    );
    await s.ada.as.mutation(api.migrations.plans.setRequireSecondApprover, { projectId: s.projectId, value: true });
    await expect(
      bob.as.mutation(api.migrations.plans.setRequireSecondApprover, { projectId: s.projectId, value: false }),
    ).rejects.toThrow(/needs the owner role/);
    const planId = await approvedPlan(t, s);
    expect((await planOf(t, s.versionId)).status).toBe("draft");
    await expect(s.ada.as.mutation(api.migrations.plans.approve, { planId })).rejects.toThrow(
      /another member must approve/,
    );
    await expect(s.ada.as.mutation(api.migrations.runs.start, { planId })).rejects.toThrow(/must be approved/);
    await bob.as.mutation(api.migrations.plans.approve, { planId });
    expect((await planOf(t, s.versionId)).status).toBe("approved");
    expect((await s.ada.as.query(api.migrations.plans.get, { planId }))!.blockers).toEqual([]);
  });

  it("denies viewers every write and hides plans from outsiders", async () => {
    const t = newDeployment();
    const s = await setup(t, tasks(10));
    const vic = await signedIn(t, "Vic");
    const eve = await signedIn(t, "Eve");
    await t.run((ctx) =>
      ctx.db.insert("members", { projectId: s.projectId, userId: vic.userId, role: "viewer", addedAt: 0 }),
    );
    await expect(vic.as.mutation(api.schemaVersions.proposals.approve, { versionId: s.versionId })).rejects.toThrow(
      /needs the editor role/,
    );
    await s.ada.as.mutation(api.schemaVersions.proposals.approve, { versionId: s.versionId });
    const plan = await planOf(t, s.versionId);
    expect(await vic.as.query(api.migrations.plans.get, { planId: plan._id })).toMatchObject({ canApprove: false });
    for (const call of [
      () => vic.as.mutation(api.migrations.plans.approve, { planId: plan._id }),
      () =>
        vic.as.mutation(api.migrations.plans.setDefault, { planId: plan._id, key: "tasks.priority", valueJson: '"x"' }),
      () => vic.as.mutation(api.migrations.runs.start, { planId: plan._id, force: true }),
      () => vic.as.mutation(api.migrations.runs.rollback, { planId: plan._id }),
      () => vic.as.mutation(api.migrations.sandbox.importBatch, { projectId: s.projectId, table: "tasks", docs: [] }),
    ])
      await expect(call()).rejects.toThrow(/needs the editor role/);
    // Another project's plan and a plan that does not exist read the same (issue 18: ids cannot be probed).
    await expect(eve.as.query(api.migrations.plans.get, { planId: plan._id })).rejects.toThrow(
      /"NOT_FOUND","message":"Migration plan not found\."/,
    );
    const gone = await t.run(async (ctx) => {
      const { _id, _creationTime, ...rest } = (await ctx.db.get(plan._id))!;
      const id = await ctx.db.insert("migrationPlans", rest);
      await ctx.db.delete(id);
      return id;
    });
    await expect(s.ada.as.query(api.migrations.plans.get, { planId: gone })).rejects.toThrow(
      /"NOT_FOUND","message":"Migration plan not found\."/,
    );
  });
});

describe("migration runs", () => {
  it("runs in 500-document batches, makes the version current, and rolls back to identical data", {
    timeout: 120_000,
  }, async () => {
    const t = newDeployment();
    const s = await setup(t, tasks(1200));
    const before = await sandbox(t, s.projectId);
    const planId = await approvedPlan(t, s);
    const runId = await s.ada.as.mutation(api.migrations.runs.start, { planId });
    await drain(t);
    const run = (await s.ada.as.query(api.migrations.runs.get, { runId }))!;
    expect(run).toMatchObject({ status: "completed", phase: "done", done: 1200, total: 1200 });
    expect(run.log.map((l) => l.message).join("\n")).toMatch(/Backed up "tasks" \(1200 documents\)/);
    const after = await sandbox(t, s.projectId);
    expect(after.every((d) => d.priority === "medium")).toBe(true);
    expect(after.map(({ priority: _p, ...rest }) => rest)).toEqual(before);
    const state = await t.run(async (ctx) => ({
      version: (await ctx.db.get(s.versionId))!.status,
      parent: (await ctx.db.get(s.parent))!.status,
      current: (await ctx.db.get(s.projectId))!.currentVersionId,
      // Backups are kept in chunks: count the documents they hold.
      backups: (await ctx.db.query("migrationBackups").collect()).reduce(
        (n, r) => n + (r.docsJson ? chunkDocs(r.docsJson).length : 1),
        0,
      ),
      batches: (await ctx.db.query("migrationJournal").collect()).filter(
        (j) => JSON.parse(j.entryJson).type === "batch",
      ).length,
    }));
    expect(state).toEqual({
      version: "current",
      parent: "superseded",
      current: s.versionId,
      backups: 1200,
      batches: 3,
    });

    const history = await s.ada.as.query(api.migrations.plans.history, { projectId: s.projectId });
    expect(history[0]).toMatchObject({
      semver: "2.0.0",
      status: "current",
      canRollback: true,
      plan: { _id: planId, status: "applied" },
    });
    const preview = (await s.ada.as.query(api.migrations.runs.rollbackPreview, { planId }))!;
    expect(preview).toMatchObject({ batches: 3, documents: 1200, fields: [{ field: "tasks.priority", count: 1200 }] });

    await s.ada.as.mutation(api.migrations.runs.rollback, { planId });
    await drain(t);
    expect(await sandbox(t, s.projectId)).toEqual(before);
    const rolled = await t.run(async (ctx) => ({
      version: (await ctx.db.get(s.versionId))!.status,
      parent: (await ctx.db.get(s.parent))!.status,
      current: (await ctx.db.get(s.projectId))!.currentVersionId,
      plan: (await ctx.db.get(planId))!.status,
      audit: (await ctx.db.query("auditLog").collect()).map((a) => a.action),
    }));
    expect(rolled).toMatchObject({ version: "rolledBack", parent: "current", current: s.parent, plan: "rolledBack" });
    expect(rolled.audit).toEqual(
      expect.arrayContaining([
        "migration.plan",
        "migration.approve",
        "migration.run",
        "migration.applied",
        "migration.rollback",
        "migration.rolledBack",
      ]),
    );
    // Retention: a rolled-back plan keeps no journal, id map or backup rows (lib/migrate/retention.ts).
    const leftover = await t.run(async (ctx) => ({
      journal: (
        await ctx.db
          .query("migrationJournal")
          .withIndex("by_plan", (q) => q.eq("planId", planId))
          .collect()
      ).length,
      backups: (
        await ctx.db
          .query("migrationBackups")
          .withIndex("by_plan_table", (q) => q.eq("planId", planId))
          .collect()
      ).length,
    }));
    expect(leftover).toEqual({ journal: 0, backups: 0 });
  });

  it("pauses, resumes without applying a batch twice, and cancels by undoing what it wrote", {
    timeout: 120_000,
  }, async () => {
    const t = newDeployment();
    const s = await setup(t, tasks(2000));
    const before = await sandbox(t, s.projectId);
    const planId = await approvedPlan(t, s);
    const runId = await s.ada.as.mutation(api.migrations.runs.start, { planId });
    for (let i = 0; i < 6; i++) await tick(t); // 4 backup pages, then 2 batches
    await s.ada.as.mutation(api.migrations.runs.pause, { runId });
    await drain(t); // the step scheduled before the pause does nothing
    const paused = (await s.ada.as.query(api.migrations.runs.get, { runId }))!;
    expect(paused).toMatchObject({ status: "paused", done: 1000, total: 2000, phase: "backfill" });
    expect((await sandbox(t, s.projectId)).filter((d) => d.priority === "medium")).toHaveLength(1000);
    // A resume issued twice: the second is refused, the journal keeps one marker per batch.
    await s.ada.as.mutation(api.migrations.runs.resume, { runId });
    await expect(s.ada.as.mutation(api.migrations.runs.resume, { runId })).rejects.toThrow(/The run is running/);
    await tick(t);
    await s.ada.as.mutation(api.migrations.runs.cancel, { runId });
    await drain(t);
    // Three batches written once each and undone once each (the journal itself is pruned once the cancel is undone).
    const runs = await t.run(async (ctx) => await ctx.db.query("migrationRuns").collect());
    expect(runs.map((r) => [r.kind, r.done])).toEqual([
      ["apply", 1500],
      ["rollback", 1500],
    ]);
    expect(await t.run(async (ctx) => (await ctx.db.query("migrationJournal").collect()).length)).toBe(0);
    expect(await sandbox(t, s.projectId)).toEqual(before);
    expect((await planOf(t, s.versionId)).status).toBe("cancelled");
    expect((await t.run((ctx) => ctx.db.get(s.versionId)))!.status).toBe("pending");
  });

  // Size beyond one step of each kind (five batches, more than a rollback step's 2,000 writes); throughput is
  // measured by `npm run bench -- migrate`, not here.
  it("migrates and rolls back 2,500 documents", async () => {
    const t = newDeployment();
    const s = await setup(t, tasks(2500));
    const before = await sandbox(t, s.projectId);
    const planId = await approvedPlan(t, s);
    await s.ada.as.mutation(api.migrations.runs.start, { planId });
    await drain(t);
    const after = await sandbox(t, s.projectId);
    expect(after.filter((d) => d.priority === "medium")).toHaveLength(2500);
    await s.ada.as.mutation(api.migrations.runs.rollback, { planId });
    await drain(t);
    expect(await sandbox(t, s.projectId)).toEqual(before);
  }, 300_000);
});

describe("one migration at a time", () => {
  const TO_B = schema(
    table("tasks", [req("title", V.string()), opt("note", V.string()), req("status", V.string())]),
    table("users", [req("name", V.string())]),
  );

  it("refuses to start a second plan's run while another run of the project is running or paused; after it is cancelled the second one runs", {
    timeout: 120_000,
  }, async () => {
    const t = newDeployment();
    const s = await setup(t, tasks(300));
    const planA = await approvedPlan(t, s);
    const runA = await s.ada.as.mutation(api.migrations.runs.start, { planId: planA, batchSize: 10 });
    // Plan B: another change from the same current version, approved while A runs.
    const versionB = await t.mutation(internal.schemaVersions.proposals.storePending, {
      projectId: s.projectId,
      authorId: s.ada.userId,
      parentVersionId: s.parent,
      source: "s3",
      modelJson: JSON.stringify(TO_B),
      sourceHash: "h3",
      summary: "Add status to tasks",
    });
    await s.ada.as.mutation(api.schemaVersions.proposals.approve, { versionId: versionB });
    const planB = (await planOf(t, versionB))._id;
    await s.ada.as.mutation(api.migrations.plans.setDefault, {
      planId: planB,
      key: "tasks.status",
      valueJson: JSON.stringify("open"),
    });
    for (let i = 0; i < 3; i++) await tick(t); // B's preflight, and A's first backup pages
    await s.ada.as.mutation(api.migrations.plans.approve, { planId: planB });
    expect((await t.run((ctx) => ctx.db.get(runA)))!.status).toBe("running");

    await expect(s.ada.as.mutation(api.migrations.runs.start, { planId: planB })).rejects.toThrow(
      new RegExp(
        `Migration run ${runA} \\(v1\\.0\\.0 → v2\\.0\\.0\\) is running and holds this project's sandbox.*pause it, or cancel it`,
      ),
    );
    await s.ada.as.mutation(api.migrations.runs.pause, { runId: runA });
    await expect(s.ada.as.mutation(api.migrations.runs.start, { planId: planB })).rejects.toThrow(
      new RegExp(`Migration run ${runA} .* is paused and holds this project's sandbox while paused.*cancel it`),
    );
    expect((await planOf(t, versionB)).status).toBe("approved");
    expect(await t.run((ctx) => ctx.db.query("migrationRuns").collect())).toHaveLength(1);

    await s.ada.as.mutation(api.migrations.runs.cancel, { runId: runA });
    await drain(t);
    expect((await planOf(t, s.versionId)).status).toBe("cancelled");
    const runB = await s.ada.as.mutation(api.migrations.runs.start, { planId: planB });
    await drain(t);
    expect(await s.ada.as.query(api.migrations.runs.get, { runId: runB })).toMatchObject({
      status: "completed",
      done: 300,
    });
    expect((await sandbox(t, s.projectId)).every((d) => d.status === "open" && !("priority" in d))).toBe(true);
    expect((await t.run((ctx) => ctx.db.get(s.projectId)))!.currentVersionId).toBe(versionB);
  });

  it("a failed run that was never rolled back does not hold the sandbox: another plan's run starts and completes", {
    timeout: 120_000,
  }, async () => {
    const t = newDeployment();
    const s = await setup(t, tasks(300));
    const planA = await approvedPlan(t, s);
    const versionB = await t.mutation(internal.schemaVersions.proposals.storePending, {
      projectId: s.projectId,
      authorId: s.ada.userId,
      parentVersionId: s.parent,
      source: "s3",
      modelJson: JSON.stringify(TO_B),
      sourceHash: "h3",
      summary: "Add status to tasks",
    });
    await s.ada.as.mutation(api.schemaVersions.proposals.approve, { versionId: versionB });
    const planB = (await planOf(t, versionB))._id;
    await s.ada.as.mutation(api.migrations.plans.setDefault, {
      planId: planB,
      key: "tasks.status",
      valueJson: JSON.stringify("open"),
    });
    await drain(t);
    await s.ada.as.mutation(api.migrations.plans.approve, { planId: planB });
    const runA = await s.ada.as.mutation(api.migrations.runs.start, { planId: planA, batchSize: 10 });
    // Past the backup into the first batches (the engine has journaled the steps it started with).
    for (let i = 0; i < 200 && (await t.run((ctx) => ctx.db.get(runA)))!.phase === "backup"; i++) await tick(t);
    await tick(t);
    expect((await t.run((ctx) => ctx.db.get(runA)))!.status).toBe("running");
    // The stored plan no longer matches what the run started with: the engine fails the run at its next step.
    await t.run(async (ctx) => {
      const plan = (await ctx.db.get(planA))!;
      const stored = JSON.parse(plan.planJson) as { plan: { phases: Array<{ name: string }> } };
      for (const phase of stored.plan.phases) phase.name = `${phase.name}-changed`;
      await ctx.db.patch(planA, { planJson: JSON.stringify(stored) });
    });
    await drain(t);
    expect(await s.ada.as.query(api.migrations.runs.get, { runId: runA })).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/different plan/),
    });
    expect((await planOf(t, s.versionId)).status).toBe("failed");
    // Never rolled back: B still starts, runs to the end, and its version becomes current.
    const runB = await s.ada.as.mutation(api.migrations.runs.start, { planId: planB });
    await drain(t);
    expect(await s.ada.as.query(api.migrations.runs.get, { runId: runB })).toMatchObject({
      status: "completed",
      done: 300,
    });
    expect((await t.run((ctx) => ctx.db.get(s.projectId)))!.currentVersionId).toBe(versionB);
  });

  it("a run whose step crashed (it stays 'running' with nothing to carry it on) does not hold the sandbox: the next start records it as failed", {
    timeout: 120_000,
  }, async () => {
    const t = newDeployment();
    const s = await setup(t, tasks(300));
    const planA = await approvedPlan(t, s);
    const versionB = await t.mutation(internal.schemaVersions.proposals.storePending, {
      projectId: s.projectId,
      authorId: s.ada.userId,
      parentVersionId: s.parent,
      source: "s3",
      modelJson: JSON.stringify(TO_B),
      sourceHash: "h3",
      summary: "Add status to tasks",
    });
    await s.ada.as.mutation(api.schemaVersions.proposals.approve, { versionId: versionB });
    const planB = (await planOf(t, versionB))._id;
    await s.ada.as.mutation(api.migrations.plans.setDefault, {
      planId: planB,
      key: "tasks.status",
      valueJson: JSON.stringify("open"),
    });
    await drain(t);
    await s.ada.as.mutation(api.migrations.plans.approve, { planId: planB });
    const runA = await s.ada.as.mutation(api.migrations.runs.start, { planId: planA, batchSize: 10 });
    await tick(t);
    // The run's cursor is unreadable: its next step throws, so no step follows and the run stays "running".
    await t.run((ctx) => ctx.db.patch(runA, { cursorJson: "{not json" }));
    await drain(t);
    expect((await t.run((ctx) => ctx.db.get(runA)))!.status).toBe("running");
    const runB = await s.ada.as.mutation(api.migrations.runs.start, { planId: planB });
    const crashed = await s.ada.as.query(api.migrations.runs.get, { runId: runA });
    expect(crashed).toMatchObject({ status: "failed" });
    expect(crashed.log.at(-1)).toMatchObject({
      level: "error",
      message: expect.stringMatching(/^Failed: a step stopped with an error/),
    });
    expect((await planOf(t, s.versionId)).status).toBe("failed");
    await drain(t);
    expect(await s.ada.as.query(api.migrations.runs.get, { runId: runB })).toMatchObject({ status: "completed" });
  });

  it("refuses while a rollback runs, naming it; a plan of the old version is stale once another was applied", {
    timeout: 120_000,
  }, async () => {
    const t = newDeployment();
    const s = await setup(t, tasks(300));
    const planA = await approvedPlan(t, s);
    const versionB = await t.mutation(internal.schemaVersions.proposals.storePending, {
      projectId: s.projectId,
      authorId: s.ada.userId,
      parentVersionId: s.parent,
      source: "s3",
      modelJson: JSON.stringify(TO_B),
      sourceHash: "h3",
      summary: "Add status to tasks",
    });
    await s.ada.as.mutation(api.schemaVersions.proposals.approve, { versionId: versionB });
    const planB = (await planOf(t, versionB))._id;
    await s.ada.as.mutation(api.migrations.plans.setDefault, {
      planId: planB,
      key: "tasks.status",
      valueJson: JSON.stringify("open"),
    });
    await drain(t);
    await s.ada.as.mutation(api.migrations.plans.approve, { planId: planB });
    await s.ada.as.mutation(api.migrations.runs.start, { planId: planA });
    await drain(t);
    await expect(s.ada.as.mutation(api.migrations.runs.start, { planId: planB })).rejects.toThrow(
      /current schema changed since this plan was made/,
    );
    const rollbackRun = await s.ada.as.mutation(api.migrations.runs.rollback, { planId: planA });
    await expect(s.ada.as.mutation(api.migrations.runs.start, { planId: planB })).rejects.toThrow(
      new RegExp(
        `Rollback run ${rollbackRun} of v1\\.0\\.0 → v2\\.0\\.0 is running and holds this project's sandbox.*wait for it to finish`,
      ),
    );
    await drain(t);
    // Rolled back: the old version is current again, so B is no longer stale.
    await s.ada.as.mutation(api.migrations.runs.start, { planId: planB });
    await drain(t);
    expect((await planOf(t, versionB)).status).toBe("applied");
  });
});

describe("int64 and bytes values", () => {
  it("drops a field holding int64 and bytes values and rolls back to identical values", {
    timeout: 60_000,
  }, async () => {
    const t = newDeployment();
    const ada = await signedIn(t, "Ada");
    const from = schema(
      table("files", [req("name", V.string()), req("size", V.int64()), opt("hash", { kind: "bytes" })]),
    );
    const to = schema(table("files", [req("name", V.string())]));
    const projectId = await t.mutation(internal.projects.projects.insertParsed, {
      userId: ada.userId,
      name: "Files",
      schemaSource: "s1",
      modelJson: JSON.stringify(from),
      sourceHash: "h1",
    });
    const docs = Array.from({ length: 30 }, (_, i) => ({
      _id: `files:${i}`,
      _creationTime: 1 + i,
      name: `f${i}`,
      size: 9007199254740993n + BigInt(i),
      hash: new Uint8Array([i, 255 - i]).buffer,
    }));
    await t.mutation(internal.migrations.sandbox.insertBatch, { projectId, table: "files", docs });
    const parent = await t.run(async (ctx) => (await ctx.db.get(projectId))!.currentVersionId!);
    const versionId = await t.mutation(internal.schemaVersions.proposals.storePending, {
      projectId,
      authorId: ada.userId,
      parentVersionId: parent,
      source: "s2",
      modelJson: JSON.stringify(to),
      sourceHash: "h2",
      summary: "Drop size and hash",
    });
    const before = await sandbox(t, projectId, "files");
    await ada.as.mutation(api.schemaVersions.proposals.approve, { versionId });
    const plan = await planOf(t, versionId);
    await drain(t);
    await ada.as.mutation(api.migrations.plans.approve, { planId: plan._id });
    await ada.as.mutation(api.migrations.runs.start, { planId: plan._id });
    await drain(t);
    expect((await sandbox(t, projectId, "files")).every((d) => !("size" in d) && !("hash" in d))).toBe(true);
    await ada.as.mutation(api.migrations.runs.rollback, { planId: plan._id });
    await drain(t);
    const after = await sandbox(t, projectId, "files");
    expect(after.map((d) => [d.size, [...new Uint8Array(d.hash as ArrayBuffer)]])).toEqual(
      before.map((d) => [d.size, [...new Uint8Array(d.hash as ArrayBuffer)]]),
    );
    expect(typeof after[0].size).toBe("bigint");
  });
});

describe("failed batches", () => {
  it("restoring the backup of a failed plan refills the tables from chunked backups and from rows of older runs", {
    timeout: 120_000,
  }, async () => {
    const t = newDeployment();
    const s = await setup(t, tasks(1200));
    const before = await sandbox(t, s.projectId);
    const planId = await approvedPlan(t, s);
    await s.ada.as.mutation(api.migrations.runs.start, { planId });
    await drain(t);
    const chunks = await t.run(async (ctx) =>
      (await ctx.db.query("migrationBackups").collect()).map((r) => (r.docsJson ? chunkDocs(r.docsJson).length : null)),
    );
    // One row per backup step (500 documents a step here), not one per document.
    expect(chunks).toEqual([500, 500, 200]);
    // Rows of an older run hold one document each: the first chunk becomes such rows.
    await t.run(async (ctx) => {
      const first = (await ctx.db.query("migrationBackups").first())!;
      const docs = chunkDocs(first.docsJson!);
      for (const doc of docs.slice(0, 3))
        await ctx.db.insert("migrationBackups", {
          projectId: first.projectId,
          planId: first.planId,
          table: first.table,
          docId: String(doc._id),
          doc,
        });
      await ctx.db.patch(first._id, { docsJson: chunkText(docs.slice(3)) });
      await ctx.db.patch(planId, { status: "failed" });
    });
    await s.ada.as.mutation(api.migrations.runs.restoreBackup, { planId });
    await drain(t);
    expect(await sandbox(t, s.projectId)).toEqual(before);
    expect((await planOf(t, s.versionId)).status).toBe("rolledBack");
    const rows = await t.run(async (ctx) =>
      (
        await ctx.db
          .query("sandboxDocuments")
          .withIndex("by_project_table", (q) => q.eq("projectId", s.projectId).eq("table", "tasks"))
          .collect()
      ).map((r) => r.docId),
    );
    expect(rows.filter((id) => id === undefined)).toHaveLength(0);
    expect(
      (await s.ada.as.query(api.migrations.sandbox.summary, { projectId: s.projectId })).find(
        (c) => c.table === "tasks",
      ),
    ).toMatchObject({ count: 1200 });
  });

  it("a rollback batch that cannot apply writes none of its documents and fails the rollback", {
    timeout: 120_000,
  }, async () => {
    const t = newDeployment();
    const s = await setup(t, tasks(1200));
    const planId = await approvedPlan(t, s);
    await s.ada.as.mutation(api.migrations.runs.start, { planId });
    await drain(t);
    // A document of the newest batch vanished behind the run's back.
    await t.run(async (ctx) => {
      const row = await ctx.db
        .query("sandboxDocuments")
        .withIndex("by_project_table_doc", (q) =>
          q.eq("projectId", s.projectId).eq("table", "tasks").eq("docId", "tasks:1100"),
        )
        .first();
      await ctx.db.delete(row!._id);
    });
    await s.ada.as.mutation(api.migrations.runs.rollback, { planId });
    await drain(t);
    const rollbackRun = await t.run(
      async (ctx) => (await ctx.db.query("migrationRuns").collect()).find((r) => r.kind === "rollback")!,
    );
    expect(rollbackRun).toMatchObject({ status: "failed", done: 0 });
    expect(rollbackRun.error).toMatch(/Document "tasks:1100" of table "tasks" is not in the sandbox/);
    const after = await sandbox(t, s.projectId);
    expect(after).toHaveLength(1199);
    expect(after.every((d) => d.priority === "medium")).toBe(true);
    const undos = await t.run(
      async (ctx) => (await ctx.db.query("migrationJournal").collect()).filter((r) => r.kind === "undo").length,
    );
    expect(undos).toBe(0);
  });
});

describe("journals of older versions", () => {
  it("rolls back a run whose journal rows lack kind, step, batch and row hints", { timeout: 120_000 }, async () => {
    const t = newDeployment();
    const s = await setup(t, tasks(1200));
    const before = await sandbox(t, s.projectId);
    const planId = await approvedPlan(t, s);
    await s.ada.as.mutation(api.migrations.runs.start, { planId });
    await drain(t);
    await t.run(async (ctx) => {
      for (const r of await ctx.db.query("migrationJournal").collect())
        await ctx.db.replace(r._id, { planId: r.planId, seq: r.seq, entryJson: r.entryJson });
    });
    await s.ada.as.mutation(api.migrations.runs.rollback, { planId });
    await drain(t);
    expect(await sandbox(t, s.projectId)).toEqual(before);
    const rows = await t.run((ctx) => ctx.db.query("migrationJournal").collect());
    expect(rows.every((r) => r.kind !== undefined)).toBe(true);
  });
});

describe("large journal entries", () => {
  it("splits a batch marker larger than a document may hold over rows and rolls back from it exactly", {
    timeout: 120_000,
  }, async () => {
    const t = newDeployment();
    const big = tasks(120).map((d, i) => ({ ...d, note: `${i}:`.padEnd(4000, "x") }));
    const s = await setup(
      t,
      big,
      schema(table("tasks", [req("title", V.string())]), table("users", [req("name", V.string())])),
    );
    const before = await sandbox(t, s.projectId);
    await s.ada.as.mutation(api.schemaVersions.proposals.approve, { versionId: s.versionId });
    const plan = await planOf(t, s.versionId);
    await drain(t);
    await s.ada.as.mutation(api.migrations.plans.approve, { planId: plan._id });
    await s.ada.as.mutation(api.migrations.runs.start, { planId: plan._id, batchSize: 100 });
    await drain(t);
    expect((await sandbox(t, s.projectId)).some((d) => "note" in d)).toBe(false);
    const rows = await t.run((ctx) => ctx.db.query("migrationJournal").collect());
    expect(rows.every((r) => r.entryJson.length <= JOURNAL_PART_CHARS)).toBe(true);
    expect(rows.filter((r) => r.kind === "batch" && (r.parts ?? 1) > 1).length).toBeGreaterThan(0);
    await s.ada.as.mutation(api.migrations.runs.rollback, { planId: plan._id });
    await drain(t);
    expect(await sandbox(t, s.projectId)).toEqual(before);
  });
});

/** A `ctx.db` that counts the documents its queries return, per table (reads made through the store under test). */
function countingDb<D extends object>(db: D): { db: D; reads: Record<string, number> } {
  const reads: Record<string, number> = {};
  const count = (table: string, res: unknown) => {
    const n =
      res === null || res === undefined
        ? 0
        : Array.isArray(res)
          ? res.length
          : typeof res === "object" && "page" in res
            ? (res as { page: unknown[] }).page.length
            : 1;
    reads[table] = (reads[table] ?? 0) + n;
  };
  const wrap = <Q extends object>(q: Q, table: string): Q =>
    new Proxy(q, {
      get(target, prop) {
        const value = Reflect.get(target, prop) as unknown;
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          const out = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (out instanceof Promise) return out.then((res) => (count(table, res), res));
          return out !== null && typeof out === "object" ? wrap(out, table) : out;
        };
      },
    });
  const counted = new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (prop === "query") return (table: string) => wrap((value as (t: string) => object).call(target, table), table);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: counted, reads };
}

describe("per-step cost", () => {
  it("reads no journal row per batch (a constant few without the run's cache) at batch 150 as at batch 2 of 200, and finishes and rolls back through the scheduled steps", {
    timeout: 300_000,
  }, async () => {
    const t = newDeployment();
    const s = await setup(t, tasks(2000));
    const before = await sandbox(t, s.projectId);
    const planId = await approvedPlan(t, s);
    const runId = await s.ada.as.mutation(api.migrations.runs.start, { planId, batchSize: 10 });
    while ((await t.run((ctx) => ctx.db.get(runId)))!.phase === "backup") await tick(t);
    await s.ada.as.mutation(api.migrations.runs.pause, { runId });
    // One transaction per batch, as the `step` mutation runs them (journal reads cached on the run), with the reads
    // counted; plus, in the same transaction, the reads a step makes without the cache (older runs, rollbacks).
    const perBatch: { batch: number; journal: number; uncached: number }[] = [];
    for (let i = 0; i < 150; i++) {
      perBatch.push(
        await t.run(async (ctx) => {
          const run = (await ctx.db.get(runId))!;
          const planRow = (await ctx.db.get(planId))!;
          const plan = parseStored(planRow).plan;
          const state = JSON.parse(run.cursorJson!) as {
            counts: Record<string, number>;
            backups: Record<string, string>;
            journal?: JournalCache;
          };
          expect(state.journal).toBeDefined();
          const bare = countingDb(ctx.db);
          const uncached = new SandboxStore({ ...ctx, db: bare.db }, { projectId: s.projectId, planId });
          await uncached.readRunEntries();
          for (const step of dataSteps(plan)) await uncached.readStepProgress(planId, step.id);
          const counted = countingDb(ctx.db);
          const store = new SandboxStore(
            { ...ctx, db: counted.db },
            { projectId: s.projectId, planId, counts: state.counts, backups: state.backups, cache: state.journal },
          );
          await runMigration(plan, store, {
            runId: planId,
            batchSize: 10,
            now: Date.now,
            signal: () => (store.applied >= 1 ? "pause" : "run"),
          });
          await ctx.db.patch(runId, { done: run.done + store.documents, cursorJson: JSON.stringify(state) });
          return {
            batch: store.lastMarker?.type === "batch" ? store.lastMarker.batch : -1,
            journal: counted.reads.migrationJournal ?? 0,
            uncached: bare.reads.migrationJournal ?? 0,
          };
        }),
      );
    }
    expect(perBatch.map((b) => b.batch)).toEqual(Array.from({ length: 150 }, (_, i) => i));
    console.log(
      `journal rows read per batch transaction: batch 2 ${perBatch[1].journal} (uncached ${perBatch[1].uncached}), batch 150 ${perBatch[149].journal} (uncached ${perBatch[149].uncached})`,
    );
    expect(perBatch.every((b) => b.journal === 0)).toBe(true);
    expect(perBatch.slice(1).every((b) => b.uncached === perBatch[1].uncached)).toBe(true);
    expect(perBatch[1].uncached).toBeLessThanOrEqual(8);
    // The scheduled steps take over where the manual ones stopped.
    await s.ada.as.mutation(api.migrations.runs.resume, { runId });
    await drain(t);
    expect(await s.ada.as.query(api.migrations.runs.get, { runId })).toMatchObject({
      status: "completed",
      done: 2000,
      total: 2000,
    });
    expect((await sandbox(t, s.projectId)).every((d) => d.priority === "medium")).toBe(true);
    await s.ada.as.mutation(api.migrations.runs.rollback, { planId });
    await drain(t);
    expect(await sandbox(t, s.projectId)).toEqual(before);
    const rollbackRun = await t.run(
      async (ctx) => (await ctx.db.query("migrationRuns").collect()).find((r) => r.kind === "rollback")!,
    );
    expect(rollbackRun).toMatchObject({ status: "completed", done: 2000, total: 2000 });
  });
});

describe("rollback preview", () => {
  /** The preview, checked against the figures of the whole journal; returns it with the reads it made. */
  async function checkPreview(t: T, s: Awaited<ReturnType<typeof setup>>, planId: Id<"migrationPlans">) {
    const preview = (await s.ada.as.query(api.migrations.runs.rollbackPreview, { planId }))!;
    const { reads, journal } = await t.run(async (ctx) => {
      const counted = countingDb(ctx.db);
      await rollbackTally({ ...ctx, db: counted.db }, (await ctx.db.get(planId))!);
      return { reads: counted.reads, journal: tallyFromJournal(await readJournal(ctx, planId)) };
    });
    const fields = Object.entries(journal.fields)
      .map(([field, count]) => ({ field, count }))
      .sort((a, b) => a.field.localeCompare(b.field));
    expect(preview).toMatchObject({
      batches: journal.batches,
      documents: journal.documents,
      restored: journal.restored,
      removed: journal.removed,
      fields,
    });
    // The run documents only (one apply run, at most one rollback run): no journal row, whatever the run's size.
    expect(reads.migrationJournal ?? 0).toBe(0);
    expect(reads.migrationRuns).toBeLessThanOrEqual(2);
    return preview;
  }

  it("sums the runs' tallies (no journal read) to the journal's figures while running, paused, applied, half and fully rolled back", {
    timeout: 300_000,
  }, async () => {
    const t = newDeployment();
    // A rename patches every document twice (backfill "name", unset "title"): distinct documents differ from patches.
    const to = schema(
      table("tasks", [req("name", V.string()), opt("note", V.string())]),
      table("users", [req("name", V.string())]),
    );
    const s = await setup(t, tasks(1500), to);
    const before = await sandbox(t, s.projectId);
    await s.ada.as.mutation(api.schemaVersions.proposals.approve, { versionId: s.versionId });
    const planId = (await planOf(t, s.versionId))._id;
    await s.ada.as.mutation(api.migrations.plans.decideRename, {
      planId,
      key: "tasks.title->name",
      decision: "rename",
    });
    await drain(t);
    await s.ada.as.mutation(api.migrations.plans.approve, { planId });
    const runId = await s.ada.as.mutation(api.migrations.runs.start, { planId, batchSize: 20 });
    while ((await t.run((ctx) => ctx.db.get(runId)))!.phase === "backup") await tick(t);
    for (let i = 0; i < 100; i++) await tick(t); // all of the backfill and part of the unset
    await s.ada.as.mutation(api.migrations.runs.pause, { runId });
    await drain(t);
    const paused = await checkPreview(t, s, planId);
    expect(paused.batches).toBe(100);
    expect(paused.documents).toBe(1500);
    expect(paused.fields.find((f) => f.field === "tasks.title")!.count).toBeLessThan(1500);

    await s.ada.as.mutation(api.migrations.runs.resume, { runId });
    await drain(t);
    expect(await checkPreview(t, s, planId)).toMatchObject({
      batches: 150,
      documents: 1500,
      restored: 0,
      removed: 0,
      fields: [
        { field: "tasks.name", count: 1500 },
        { field: "tasks.title", count: 1500 },
      ],
    });

    // A rollback step undoes up to 2,000 documents: the first leaves the oldest batches.
    await s.ada.as.mutation(api.migrations.runs.rollback, { planId });
    await tick(t);
    const half = await checkPreview(t, s, planId);
    expect(half.batches).toBeGreaterThan(0);
    expect(half.batches).toBeLessThan(150);
    await drain(t);
    expect(await sandbox(t, s.projectId)).toEqual(before);
    expect(await checkPreview(t, s, planId)).toMatchObject({ batches: 0, documents: 0, fields: [] });
    // No row keeps a mark of the rolled-back plan.
    expect(
      await t.run(
        async (ctx) =>
          (await ctx.db.query("sandboxDocuments").collect()).filter((r) => r.patchedBy !== undefined).length,
      ),
    ).toBe(0);
  });

  it("reads the journal for a run started before runs kept a tally", { timeout: 120_000 }, async () => {
    const t = newDeployment();
    const s = await setup(t, tasks(1200));
    const planId = await approvedPlan(t, s);
    const runId = await s.ada.as.mutation(api.migrations.runs.start, { planId });
    await drain(t);
    await t.run(async (ctx) => {
      const run = (await ctx.db.get(runId))!;
      const { tally: _t, ...state } = JSON.parse(run.cursorJson!) as Record<string, unknown>;
      await ctx.db.patch(runId, { cursorJson: JSON.stringify(state) });
    });
    expect(await s.ada.as.query(api.migrations.runs.rollbackPreview, { planId })).toMatchObject({
      batches: 3,
      documents: 1200,
      fields: [{ field: "tasks.priority", count: 1200 }],
    });
  });
});

describe("steps of several batches", () => {
  it("runs 3,000 documents in batches of 50 as a few steps of 1,000 (one read each), journaling every batch, and rolls back exactly", {
    timeout: 120_000,
  }, async () => {
    delete process.env.MIGRATION_STEP_DOCUMENTS;
    const t = newDeployment();
    const s = await setup(t, tasks(3000));
    const before = await sandbox(t, s.projectId);
    const planId = await approvedPlan(t, s);
    const runId = await s.ada.as.mutation(api.migrations.runs.start, { planId, batchSize: 50 });
    await drain(t);
    expect(await s.ada.as.query(api.migrations.runs.get, { runId })).toMatchObject({ status: "completed", done: 3000 });
    expect((await sandbox(t, s.projectId)).every((d) => d.priority === "medium")).toBe(true);
    const markers = await t.run(async (ctx) =>
      (await ctx.db.query("migrationJournal").collect()).filter((r) => r.kind === "batch"),
    );
    expect(markers).toHaveLength(60);
    const steps = (await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect())).filter(
      (j) => j.name === "migrations/runs:step" && (j.args[0] as { runId: string }).runId === runId,
    );
    expect(steps.length).toBeLessThanOrEqual(3 /* backup */ + 3 /* batches */ + 2);
    // The page's counts come from sandboxCounts, kept by every writer.
    expect(await s.ada.as.query(api.migrations.sandbox.summary, { projectId: s.projectId })).toEqual(
      expect.arrayContaining([{ table: "tasks", count: 3000 }]),
    );
    await s.ada.as.mutation(api.migrations.runs.rollback, { planId });
    await drain(t);
    expect(await sandbox(t, s.projectId)).toEqual(before);
  });
});
