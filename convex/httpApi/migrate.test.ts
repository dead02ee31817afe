import { afterEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { newDeployment, signedIn } from "../test.setup";
import { verifySignature, SIGNATURE_HEADER } from "../webhooks/deliverNode";

type T = ReturnType<typeof newDeployment>;

const schemaOf = (fields: string) =>
  `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ tasks: defineTable({ ${fields} }) });\n`;
const FROM = schemaOf("title: v.string()");
const WITH_PRIORITY = schemaOf("title: v.string(), priority: v.string()");
const RENAMED = schemaOf("name: v.string()");

/** A project created through the real parser, its sandbox holding `docs` tasks, and editor and viewer tokens. */
async function setup(docs: Record<string, unknown>[]) {
  vi.useFakeTimers();
  const t = newDeployment();
  const ada = await signedIn(t, "Ada");
  const created = await ada.as.action(api.projects.projectsNode.create, {
    name: "Tasks",
    files: [{ path: "convex/schema.ts", content: FROM }],
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const projectId = created.projectId;
  if (docs.length) await t.mutation(internal.migrations.sandbox.insertBatch, { projectId, table: "tasks", docs });
  await drain(t);
  const editor = await ada.as.mutation(api.httpApi.tokens.create, { projectId, name: "ci", role: "editor" });
  const viewer = await ada.as.mutation(api.httpApi.tokens.create, { projectId, name: "ro", role: "viewer" });
  const migrate = (targetSchema: string, options: unknown, secret = editor.secret) =>
    t.fetch("/api/schema/migrate", {
      method: "POST",
      headers: { "X-API-Key": secret, "Content-Type": "application/json" },
      body: JSON.stringify({ projectId, targetSchema, options }),
    });
  const get = (path: string) => t.fetch(path, { headers: { "X-API-Key": editor.secret } });
  return { t, ada, projectId, editor, viewer, migrate, get };
}

const tasks = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    _id: `tasks:${i}`,
    _creationTime: 1_700_000_000_000 + i,
    title: `Task ${i}`,
  }));

async function drain(t: T) {
  await t.finishAllScheduledFunctions(vi.runAllTimers, 10_000);
}

/** Everything a refused request must not leave behind. */
const writes = (t: T) =>
  t.run(async (ctx) => ({
    versions: (await ctx.db.query("schemaVersions").collect()).map((v) => v.status),
    plans: (await ctx.db.query("migrationPlans").collect()).length,
    runs: (await ctx.db.query("migrationRuns").collect()).length,
  }));

const sandboxTasks = (t: T, projectId: Id<"projects">) =>
  t.run(async (ctx) =>
    (
      await ctx.db
        .query("sandboxDocuments")
        .withIndex("by_project_table", (q) => q.eq("projectId", projectId).eq("table", "tasks"))
        .collect()
    ).map((r) => r.doc as Record<string, unknown>),
  );

async function errorOf(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string; details?: Record<string, unknown> } };
  return { status: res.status, ...body.error };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe("POST /api/schema/migrate with run: true", () => {
  it("asks for a value for a new required field, then runs with it, migrates the data and fires the webhooks", async () => {
    const s = await setup(tasks(30));
    const before = await writes(s.t);
    const refused = await errorOf(await s.migrate(WITH_PRIORITY, { run: true }));
    expect(refused).toMatchObject({
      status: 409,
      code: "DECISIONS_NEEDED",
      message: expect.stringContaining('"tasks.priority"'),
    });
    expect(refused.details!.decisions).toEqual([
      { kind: "default", key: "tasks.priority", question: expect.any(String) },
    ]);
    expect(await writes(s.t)).toEqual(before);

    const hook = await s.ada.as.mutation(api.webhooks.webhooks.create, {
      projectId: s.projectId,
      url: "https://hooks.example.com/in",
      events: ["migration.started", "migration.completed"],
    });
    const res = await s.migrate(WITH_PRIORITY, { run: true, defaults: { "tasks.priority": "medium" } });
    expect(res.status).toBe(202);
    const body = (await res.json()) as {
      runId: string;
      versionId: string;
      status: string;
      statusUrl: string;
      preflight: { ok: boolean; checked: number };
      estimatedRisk: string;
      plan: { phases: { name: string }[] };
    };
    expect(body).toMatchObject({
      status: "running",
      preflight: { ok: true, checked: 30 },
      estimatedRisk: expect.stringMatching(/low|medium|high/),
    });
    expect(body.plan.phases.map((p) => p.name)).toEqual(["widen", "backfill", "narrow"]);
    expect(res.headers.get("Location")).toBe(body.statusUrl);

    const delivered: { body: string; signature: string }[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (_url, init) => {
      delivered.push({ body: String(init?.body), signature: new Headers(init?.headers).get(SIGNATURE_HEADER)! });
      return new Response("ok");
    });
    await drain(s.t);
    vi.restoreAllMocks();
    const run = (await (await s.get(body.statusUrl)).json()) as { status: string; done: number; kind: string };
    expect(run).toMatchObject({ kind: "apply", status: "completed", done: 30 });
    expect((await sandboxTasks(s.t, s.projectId)).every((d) => d.priority === "medium")).toBe(true);
    const project = await s.ada.as.query(api.projects.projects.get, { projectId: s.projectId });
    expect(project.version?._id).toBe(body.versionId);
    expect(delivered.map((d) => JSON.parse(d.body).event).sort()).toEqual(["migration.completed", "migration.started"]);
    for (const d of delivered)
      expect(await verifySignature(hook.secret, d.body, d.signature, Number(/t=(\d+)/.exec(d.signature)![1]))).toBe(
        true,
      );
    const audit = await s.t.run((ctx) => ctx.db.query("auditLog").collect());
    const fromApi = audit.filter((a) => a.source === "api").map((a) => a.action);
    expect(fromApi).toEqual(
      expect.arrayContaining([
        "version.propose",
        "migration.plan",
        "version.approve",
        "migration.approve",
        "migration.run",
      ]),
    );
  });

  it("lists a rename candidate and renames when told to, keeping the values", async () => {
    const s = await setup(tasks(5));
    const refused = await errorOf(await s.migrate(RENAMED, { run: true }));
    expect(refused.code).toBe("DECISIONS_NEEDED");
    // Until the candidate is decided the plan treats it as add + drop, so the new required field needs a value too.
    expect(refused.details!.decisions).toEqual([
      expect.objectContaining({
        kind: "rename",
        key: "tasks.title->name",
        from: "title",
        to: "name",
        choices: ["rename", "addDrop"],
      }),
      expect.objectContaining({ kind: "default", key: "tasks.name" }),
    ]);
    const res = await s.migrate(RENAMED, { run: true, renames: { "tasks.title->name": "rename" } });
    expect(res.status).toBe(202);
    const again = await errorOf(await s.migrate(RENAMED, { run: true, renames: { "tasks.title->name": "rename" } }));
    expect(again).toMatchObject({ status: 409, code: "CONFLICT", message: expect.stringContaining("is running") });
    await drain(s.t);
    const docs = await sandboxTasks(s.t, s.projectId);
    expect(docs.map((d) => [d.name, d.title]).sort()).toEqual(
      tasks(5)
        .map((d) => [d.title, undefined])
        .sort(),
    );
  });

  it("returns the plan's impact (functions touching what changes) with run, as with dryRun", async () => {
    vi.useFakeTimers();
    const t = newDeployment();
    const ada = await signedIn(t, "Ada");
    const functions = `import { v } from "convex/values";\nimport { query } from "../_generated/server";\nexport const byTitle = query({\n  args: { title: v.string() },\n  handler: (ctx, { title }) => ctx.db.query("tasks").filter((q) => q.eq(q.field("title"), title)).collect(),\n});\n`;
    const files = [
      { path: "convex/schema.ts", content: FROM },
      { path: "convex/tasks.ts", content: functions },
    ];
    const created = await ada.as.action(api.projects.projectsNode.create, { name: "Tasks", files });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const { projectId } = created;
    await t.mutation(internal.migrations.sandbox.insertBatch, { projectId, table: "tasks", docs: tasks(3) });
    await drain(t);
    const token = await ada.as.mutation(api.httpApi.tokens.create, { projectId, name: "ci", role: "editor" });
    const migrate = async (options: unknown) => {
      const res = await t.fetch("/api/schema/migrate", {
        method: "POST",
        headers: { "X-API-Key": token.secret, "Content-Type": "application/json" },
        body: JSON.stringify({ projectId, targetSchema: RENAMED, options }),
      });
      const body = (await res.json()) as { impact?: unknown; error?: { code: string; details?: { impact?: unknown } } };
      return { status: res.status, body };
    };
    const uses = [
      expect.objectContaining({
        function: "tasks:byTitle",
        how: "filters",
        loc: expect.objectContaining({ file: "convex/tasks.ts", line: 5 }),
      }),
    ];
    const titleDropped = expect.arrayContaining([
      expect.objectContaining({ kind: "dropField", path: "tasks.title", uses }),
    ]);
    const dry = await migrate({ dryRun: true });
    expect(dry.body.impact).toEqual(titleDropped);
    // Refused for a decision: the impact comes with the plan, so the caller can weigh the answer.
    const refused = await migrate({ run: true });
    expect(refused.body.error?.code).toBe("DECISIONS_NEEDED");
    expect(refused.body.error?.details?.impact).toEqual(titleDropped);
    const run = await migrate({
      run: true,
      renames: { "tasks.title->name": "addDrop" },
      defaults: { "tasks.name": "untitled" },
    });
    expect(run.status).toBe(202);
    expect(run.body.impact).toEqual(titleDropped);
  });

  it("makes the version current at once when no document has to change", async () => {
    const s = await setup([]);
    const res = await s.migrate(WITH_PRIORITY, { run: true });
    const body = (await res.json()) as { status: string; runId: null; versionId: string };
    expect([res.status, body.status, body.runId]).toEqual([200, "applied", null]);
    const project = await s.ada.as.query(api.projects.projects.get, { projectId: s.projectId });
    expect(project.version?._id).toBe(body.versionId);
    expect((await writes(s.t)).plans).toBe(0);
  });

  it("refuses a failing preflight and a project that requires a second approver, writing nothing", async () => {
    const s = await setup([...tasks(3), { _id: "tasks:9", _creationTime: 1, title: 42 }]);
    const before = await writes(s.t);
    const failed = await errorOf(await s.migrate(WITH_PRIORITY, { run: true, defaults: { "tasks.priority": "low" } }));
    expect(failed).toMatchObject({
      status: 409,
      code: "PREFLIGHT_FAILED",
      details: { preflight: { ok: false, invalid: 1, checked: 4 } },
    });
    await s.ada.as.mutation(api.migrations.plans.setRequireSecondApprover, { projectId: s.projectId, value: true });
    expect(
      (await errorOf(await s.migrate(WITH_PRIORITY, { run: true, defaults: { "tasks.priority": "low" } }))).code,
    ).toBe("SECOND_APPROVAL_REQUIRED");
    expect(await writes(s.t)).toEqual(before);
  });

  it("answers a viewer token with 403 and malformed options with 400 naming the option", async () => {
    const s = await setup(tasks(2));
    const before = await writes(s.t);
    expect(await errorOf(await s.migrate(WITH_PRIORITY, { run: true }, s.viewer.secret))).toMatchObject({
      status: 403,
      code: "FORBIDDEN",
    });
    const cases: [unknown, RegExp][] = [
      [{ run: "yes" }, /options\.run/],
      [[true], /"options" must be an object/],
      [{ run: true, dryRun: true }, /exclude each other/],
      [{ run: true, force: true }, /"options\.force" is not an option/],
      [{ defaults: { "tasks.priority": 1 } }, /only with "options.run": true/],
      [{ run: true, renames: { "tasks.title->name": "maybe" } }, /must be "rename" or "addDrop"/],
      [{ run: true, renames: [] }, /"options.renames" must be an object/],
      [{ run: true, renames: { "tasks.nope->x": "rename" } }, /not a rename candidate/],
      [{ run: true, defaults: { "tasks.nope": 1 } }, /"tasks.nope" is not a field/],
    ];
    for (const [options, message] of cases) {
      expect(await errorOf(await s.migrate(WITH_PRIORITY, options))).toMatchObject({
        status: 400,
        code: "INVALID_REQUEST",
        message: expect.stringMatching(message),
      });
    }
    expect(await writes(s.t)).toEqual(before);
  });

  it("commits nothing when the sandbox changed after the preflight", async () => {
    const s = await setup(tasks(3));
    const parsed = await s.t.action(internal.httpApi.engineNode.parse, {
      projectId: s.projectId,
      targetSchema: WITH_PRIORITY,
    });
    if (!parsed.ok) throw new Error(parsed.message);
    const args = {
      projectId: s.projectId,
      modelJson: parsed.modelJson,
      renamesJson: "{}",
      defaultsJson: JSON.stringify({ "tasks.priority": "x" }),
    };
    const draft = await s.t.query(internal.httpApi.migrate.draft, args);
    if (!draft.ok) throw new Error(draft.message);
    await s.t.mutation(internal.migrations.sandbox.insertBatch, {
      projectId: s.projectId,
      table: "tasks",
      docs: [{ _id: "tasks:7", _creationTime: 7, title: "late" }],
    });
    const before = await writes(s.t);
    const tokenId = s.editor.tokenId;
    const result = await s.t.mutation(internal.httpApi.migrate.commit, {
      ...args,
      userId: (await s.t.run((ctx) => ctx.db.get(tokenId)))!.createdBy,
      tokenId,
      baseVersionId: draft.baseVersionId,
      targetSchema: WITH_PRIORITY,
      planJson: draft.planJson,
      preflightJson: JSON.stringify({
        status: "done",
        at: 0,
        result: { ok: true, checked: 3, invalid: 0, perTable: {}, groups: [] },
      }),
    });
    expect(result).toMatchObject({ ok: false, status: 409, code: "CONFLICT" });
    expect(await writes(s.t)).toEqual(before);
  });
});
