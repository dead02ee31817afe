import { afterEach, describe, expect, it, vi } from "vitest";
import doc from "../../docs/openapi.json";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { OPENAPI } from "./openapi";
import { newDeployment, signedIn } from "../test.setup";

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ tasks: defineTable({ text: v.string() }) });\n`;
const MODEL = JSON.stringify({
  tables: [
    {
      name: "tasks",
      fields: [{ name: "text", optional: false, validator: { kind: "string" } }],
      indexes: [],
      searchIndexes: [],
      vectorIndexes: [],
    },
  ],
  options: { schemaValidation: true, strictTableNameTypes: true },
  warnings: [],
});

async function setup() {
  vi.useFakeTimers();
  const t = newDeployment();
  const ada = await signedIn(t, "Ada");
  const projectId = await t.mutation(internal.projects.projects.insertParsed, {
    userId: ada.userId,
    name: "Tasks",
    schemaSource: SCHEMA,
    modelJson: MODEL,
    sourceHash: "h",
  });
  const other = await t.mutation(internal.projects.projects.insertParsed, {
    userId: ada.userId,
    name: "Other",
    schemaSource: SCHEMA,
    modelJson: MODEL,
    sourceHash: "h",
  });
  const editor = await ada.as.mutation(api.httpApi.tokens.create, { projectId, name: "ci", role: "editor" });
  const viewer = await ada.as.mutation(api.httpApi.tokens.create, { projectId, name: "ro", role: "viewer" });
  const post = (path: string, body: unknown, secret = editor.secret, raw?: string) =>
    t.fetch(path, {
      method: "POST",
      headers: { "X-API-Key": secret, "Content-Type": "application/json" },
      body: raw ?? JSON.stringify(body),
    });
  // Both headers work; GETs use the Bearer form.
  const get = (path: string, secret = editor.secret) =>
    t.fetch(path, { headers: { Authorization: `Bearer ${secret}` } });
  return { t, ada, projectId, other, editor, viewer, post, get };
}

async function errorOf(res: Response) {
  return { status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code };
}

afterEach(() => {
  vi.useRealTimers();
  delete process.env.API_RATE_PER_MINUTE;
});

describe("HTTP API", () => {
  it("serves the OpenAPI document that docs/openapi.json holds", async () => {
    const { get } = await setup();
    const res = await get("/api/schema/openapi.json");
    expect(await res.json()).toEqual(doc);
    expect(JSON.parse(JSON.stringify(OPENAPI))).toEqual(doc);
  });

  it("chats with an editor token and continues the conversation; the audit log says api", async () => {
    const { t, post, projectId } = await setup();
    const res = await post("/api/schema/chat", { projectId, message: "Add a projects table with a name" });
    expect(res.status).toBe(200);
    const first = (await res.json()) as {
      reply: string;
      conversationId: string;
      suggestions: string[];
      followUpQuestions: string[];
      codeGenerated?: string;
    };
    expect(first.reply.length).toBeGreaterThan(0);
    expect(first.codeGenerated).toMatch(/projects: defineTable/);
    const again = await post("/api/schema/chat", {
      projectId,
      message: "Also add a description",
      conversationId: first.conversationId,
    });
    expect(((await again.json()) as { conversationId: string }).conversationId).toBe(first.conversationId);
    const audit = await t.run((ctx) => ctx.db.query("auditLog").collect());
    expect(audit.filter((a) => a.action === "message.send").map((a) => a.source)).toEqual(["api", "api"]);
  });

  it("analyzes the current version (202 while pending, then score and findings)", async () => {
    const { t, get, projectId } = await setup();
    expect((await get(`/api/schema/analyze/${projectId}`)).status).toBe(202);
    await t.mutation(internal.schemaVersions.analyses.computeForVersion, {
      versionId: (await t.run((ctx) => ctx.db.get(projectId)))!.currentVersionId!,
    });
    const res = await get(`/api/schema/analyze/${projectId}`);
    const body = (await res.json()) as {
      healthScore: number;
      optimizations: unknown[];
      analysis: { summary: { tables: number } };
    };
    expect(res.status).toBe(200);
    expect(body.analysis.summary.tables).toBe(1);
    expect(body.healthScore).toBeGreaterThan(0);
    expect(Array.isArray(body.optimizations)).toBe(true);
  });

  it("recomputes an analysis stored before format version 3 (index kinds summed, every relationship counted) and refuses a corrupted one", async () => {
    const { t, ada, get, projectId } = await setup();
    const versionId = (await t.run((ctx) => ctx.db.get(projectId)))!.currentVersionId!;
    const old = { healthScore: 1, breakdown: [], diagnostics: [], summary: { tables: 1, fields: 1, indexes: 7 } };
    const rowId = await t.run((ctx) =>
      ctx.db.insert("analyses", {
        projectId,
        versionId,
        healthScore: 1,
        resultJson: JSON.stringify(old),
        createdAt: 1,
      }),
    );
    const summary = { tables: 1, fields: 1, indexes: 0, searchIndexes: 0, vectorIndexes: 0, relationships: 0 };
    expect((await ada.as.query(api.schemaVersions.analyses.current, { projectId }))?.summary).toEqual(summary);
    const body = (await (await get(`/api/schema/analyze/${projectId}`)).json()) as { analysis: { summary: unknown } };
    expect(body.analysis.summary).toEqual(summary);
    // The API's read stored the upgraded row.
    expect((await t.run((ctx) => ctx.db.get(rowId)))!.resultJson).toMatch(/"formatVersion":3}$/);
    // Version 2 counted every inferred relationship (join tables, `_storage`): recomputed as references between tables.
    const v2 = { ...old, breakdown: [], summary: { ...summary, relationships: 3 }, formatVersion: 2 };
    await t.run((ctx) => ctx.db.patch(rowId, { resultJson: JSON.stringify(v2) }));
    expect((await ada.as.query(api.schemaVersions.analyses.current, { projectId }))?.summary).toEqual(summary);
    expect(((await (await get(`/api/schema/analyze/${projectId}`)).json()) as typeof body).analysis.summary).toEqual(
      summary,
    );
    expect((await t.run((ctx) => ctx.db.get(rowId)))!.resultJson).toMatch(/"relationships":0},"formatVersion":3}$/);
    await t.run((ctx) => ctx.db.patch(rowId, { resultJson: '{"healthScore":"high","formatVersion":3}' }));
    await expect(ada.as.query(api.schemaVersions.analyses.current, { projectId })).rejects.toThrow(
      `Stored analysis in analyses ${rowId} is not valid: healthScore: Invalid input: expected number, received string`,
    );
  });

  it("plans a migration with a dry-run preflight and refuses injected names and runs", async () => {
    const { post, projectId, viewer } = await setup();
    const target = SCHEMA.replace("text: v.string()", "text: v.string(), done: v.boolean()");
    const res = await post(
      "/api/schema/migrate",
      { projectId, targetSchema: target, options: { dryRun: true } },
      viewer.secret,
    );
    const body = (await res.json()) as {
      plan: { changes: unknown[] };
      estimatedRisk: string;
      rollbackStrategy: string;
      preflight: { ok: boolean };
    };
    expect(res.status).toBe(200);
    expect(body.plan.changes.length).toBeGreaterThan(0);
    expect(["low", "medium", "high"]).toContain(body.estimatedRisk);
    expect(body.preflight.ok).toBe(true);
    const injected = SCHEMA.replace("tasks:", `"tasks\\"; drop table users; --":`);
    expect(await errorOf(await post("/api/schema/migrate", { projectId, targetSchema: injected }))).toEqual({
      status: 422,
      code: expect.stringMatching(/INVALID_NAME|SCHEMA_PARSE_ERROR/),
    });
    expect(await errorOf(await post("/api/schema/migrate", { projectId, targetSchema: "export default 1 +" }))).toEqual(
      { status: 422, code: "SCHEMA_PARSE_ERROR" },
    );
    expect(
      await errorOf(
        await post("/api/schema/migrate", { projectId, targetSchema: target, options: { run: true } }, viewer.secret),
      ),
    ).toEqual({ status: 403, code: "FORBIDDEN" });
  });

  it("answers bad input with a 4xx code and writes nothing", async () => {
    const { t, post, get, projectId, other, viewer, ada, editor } = await setup();
    const before = await t.run(
      async (ctx) =>
        (await ctx.db.query("messages").collect()).length + (await ctx.db.query("conversations").collect()).length,
    );
    const cases: [Promise<Response>, number, string][] = [
      [post("/api/schema/chat", null, editor.secret, "{not json"), 400, "MALFORMED_JSON"],
      [post("/api/schema/chat", [1, 2]), 400, "INVALID_REQUEST"],
      [post("/api/schema/chat", { projectId, message: "x".repeat(40_000) }), 413, "PAYLOAD_TOO_LARGE"],
      [post("/api/schema/chat", { projectId, message: "" }), 400, "INVALID_REQUEST"],
      [post("/api/schema/chat", { projectId: other, message: "hi" }), 404, "PROJECT_NOT_FOUND"],
      [post("/api/schema/chat", { projectId: "not-an-id", message: "hi" }), 404, "PROJECT_NOT_FOUND"],
      [post("/api/schema/chat", { projectId, message: "hi", conversationId: "nope" }), 404, "NOT_FOUND"],
      [post("/api/schema/chat", { projectId, message: "hi" }, viewer.secret), 403, "FORBIDDEN"],
      [post("/api/schema/chat", { projectId, message: "hi" }, "sa_" + "0".repeat(64)), 401, "INVALID_TOKEN"],
      [post("/api/schema/chat", { projectId, message: "hi" }, "' OR 1=1 --"), 401, "INVALID_TOKEN"],
      [t.fetch("/api/schema/chat", { method: "POST", body: "{}" }), 401, "UNAUTHENTICATED"],
      [get(`/api/schema/analyze/${other}`), 404, "PROJECT_NOT_FOUND"],
    ];
    for (const [res, status, code] of cases) expect(await errorOf(await res)).toEqual({ status, code });
    await ada.as.mutation(api.httpApi.tokens.revoke, { tokenId: viewer.tokenId });
    expect(await errorOf(await get(`/api/schema/analyze/${projectId}`, viewer.secret))).toEqual({
      status: 401,
      code: "INVALID_TOKEN",
    });
    const after = await t.run(
      async (ctx) =>
        (await ctx.db.query("messages").collect()).length + (await ctx.db.query("conversations").collect()).length,
    );
    expect(after).toBe(before);
  });

  it("limits a token to its creator's current role and stops it when they leave", async () => {
    const { t, ada, post, projectId } = await setup();
    const bob = await signedIn(t, "Bob");
    await t.run((ctx) => ctx.db.insert("members", { projectId, userId: bob.userId, role: "owner", addedAt: 0 }));
    const token = await bob.as.mutation(api.httpApi.tokens.create, { projectId, name: "bob", role: "editor" });
    await ada.as.mutation(api.team.members.setRole, { projectId, userId: bob.userId, role: "viewer" });
    expect(await errorOf(await post("/api/schema/chat", { projectId, message: "hi" }, token.secret))).toEqual({
      status: 403,
      code: "FORBIDDEN",
    });
    await ada.as.mutation(api.team.members.remove, { projectId, userId: bob.userId });
    expect(await errorOf(await post("/api/schema/chat", { projectId, message: "hi" }, token.secret))).toEqual({
      status: 403,
      code: "TOKEN_OWNER_LEFT",
    });
  });

  it("rate limits per token with 429 and Retry-After, other tokens unaffected", async () => {
    process.env.API_RATE_PER_MINUTE = "40";
    const { get, projectId, viewer } = await setup();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(`/api/schema/analyze/${projectId}`)).status);
    const limited = await get(`/api/schema/analyze/${projectId}`);
    expect(statuses).toEqual([202, 202, 202, 202]);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await get(`/api/schema/analyze/${projectId}`, viewer.secret)).status).toBe(202);
    vi.advanceTimersByTime(60_000); // refills the bucket (and lets the scheduled analysis run: 200 or 202)
    expect((await get(`/api/schema/analyze/${projectId}`)).status).toBeLessThan(300);
  });
});

export type { Id };
