import { ConvexHttpClient } from "convex/browser";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { DefaultFunctionArgs, FunctionReference, FunctionType } from "convex/server";
import { afterAll, expect, it } from "vitest";
import { startBackend, type RunningBackend } from "../../backend/index";
import { api, internal } from "../_generated/api";
import { SIGNATURE_HEADER, verifySignature } from "../webhooks/deliverNode";
import { localSignIn, until } from "../../backend/testing";

// The "done when" for scripts, end to end on the embedded backend over real HTTP: a token made in the
// dashboard drives chat, analysis and a migration run to completion, and the signed webhooks arrive.
const ROOT = path.resolve(__dirname, "../..");
const dataDir = mkdtempSync(path.join(os.tmpdir(), "sa-api-script-"));
const KEY = Buffer.alloc(32, 11).toString("base64");
const DOCS = 300;
const SCHEMA = (fields: string) =>
  `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ tasks: defineTable({ ${fields} }) });\n`;

let backend: RunningBackend | null = null;
let receiver: http.Server | null = null;

afterAll(async () => {
  await backend?.close();
  await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
  rmSync(dataDir, { recursive: true, force: true });
});

function asAdmin<Type extends FunctionType, Args extends DefaultFunctionArgs, Result>(
  ref: FunctionReference<Type, "internal", Args, Result>,
) {
  return ref as unknown as FunctionReference<Type, "public", Args, Result>;
}

/** A webhook receiver on 127.0.0.1 that keeps what it is sent. */
async function startReceiver() {
  const received: { body: string; signature: string; event: string }[] = [];
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({
        body,
        signature: String(req.headers[SIGNATURE_HEADER.toLowerCase()]),
        event: String(req.headers["x-schema-assistant-event"]),
      });
      res.end("ok");
    });
  });
  await new Promise<void>((r) => receiver!.listen(0, "127.0.0.1", () => r()));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, received };
}

it("a script with an API token chats, analyzes and runs a migration to completion; webhooks arrive signed", async () => {
  backend = await startBackend({
    projectDir: ROOT,
    dataDir,
    port: 0,
    env: { SCHEMA_ASSISTANT_DEMO: "0", MESSAGE_KEYS: `k1:${KEY}`, WEBHOOK_ALLOW_PRIVATE_TARGETS: "1" },
    log: () => undefined,
  });
  const owner = new ConvexHttpClient(backend.url);
  owner.setAuth((await localSignIn(backend.url, { name: "Ada", email: "ada@example.com" })).token);
  const admin = new ConvexHttpClient(backend.url);
  (admin as unknown as { setAdminAuth(key: string): void }).setAdminAuth(backend.adminKey);

  // The dashboard side: a project with sandbox data, an editor token and a webhook.
  await owner.mutation(api.team.users.ensure, {});
  const created = await owner.action(api.projects.projectsNode.create, {
    name: "Script",
    files: [{ path: "convex/schema.ts", content: SCHEMA("title: v.string()") }],
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const projectId = created.projectId;
  const docs = Array.from({ length: DOCS }, (_, i) => ({
    _id: `tasks:${i}`,
    _creationTime: 1_700_000_000_000 + i,
    title: `Task ${i}`,
  }));
  await admin.mutation(asAdmin(internal.migrations.sandbox.insertBatch), { projectId, table: "tasks", docs });
  const { secret: token } = await owner.mutation(api.httpApi.tokens.create, {
    projectId,
    name: "script",
    role: "editor",
  });
  const hookTarget = await startReceiver();
  const hook = await owner.mutation(api.webhooks.webhooks.create, {
    projectId,
    url: hookTarget.url,
    events: ["analysis.completed", "migration.started", "migration.completed"],
  });

  // The script side: only fetch and the token.
  const call = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${backend!.siteUrl}${route}`, {
      method,
      headers: { "X-API-Key": token, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    // biome-ignore lint/suspicious/noExplicitAny: the script reads the API's JSON answers loosely, as a user's script would.
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const chat = await call("POST", "/api/schema/chat", { projectId, message: "Add a projects table with a name" });
  expect(chat.status).toBe(200);
  expect(chat.body.codeGenerated).toMatch(/projects: defineTable/);
  const analysis = await until(
    () => call("GET", `/api/schema/analyze/${projectId}`),
    (r) => r.status === 200,
    { what: "the analysis", timeoutMs: 90_000, intervalMs: 150 },
  );
  expect(analysis.body.healthScore).toBeGreaterThan(0);

  const target = SCHEMA("title: v.string(), priority: v.string()");
  const refused = await call("POST", "/api/schema/migrate", {
    projectId,
    targetSchema: target,
    options: { run: true },
  });
  expect(refused).toMatchObject({
    status: 409,
    body: { error: { code: "DECISIONS_NEEDED", details: { decisions: [{ kind: "default", key: "tasks.priority" }] } } },
  });
  const started = await call("POST", "/api/schema/migrate", {
    projectId,
    targetSchema: target,
    options: { run: true, defaults: { "tasks.priority": "medium" } },
  });
  expect(started).toMatchObject({ status: 202, body: { status: "running", preflight: { ok: true, checked: DOCS } } });
  const run = await until(
    () => call("GET", started.body.statusUrl),
    (r) => ["completed", "failed", "cancelled"].includes(r.body.status),
    { what: "the run", timeoutMs: 90_000, intervalMs: 150 },
  );
  expect(run.body).toMatchObject({ status: "completed", done: DOCS, error: null });

  const stored = await admin.query(asAdmin(internal.migrations.sandbox.samples), {
    projectId,
    tables: ["tasks"],
    perTable: DOCS,
  });
  expect(stored.tasks.documents.filter((d) => d.priority === "medium")).toHaveLength(DOCS);
  const after = await until(
    () => call("GET", `/api/schema/analyze/${projectId}`),
    (r) => r.status === 200 && r.body.analysis.summary.fields === 2,
    { what: "the new version's analysis", timeoutMs: 90_000, intervalMs: 150 },
  );
  expect(after.status).toBe(200);

  const events = await until(
    async () => hookTarget.received.map((r) => r.event),
    (e) => e.includes("migration.completed") && e.includes("analysis.completed"),
    { what: "the webhooks", timeoutMs: 90_000, intervalMs: 150 },
  );
  expect(events).toEqual(expect.arrayContaining(["analysis.completed", "migration.started", "migration.completed"]));
  for (const r of hookTarget.received)
    expect(await verifySignature(hook.secret, r.body, r.signature, Math.floor(Date.now() / 1000))).toBe(true);
}, 240_000);
