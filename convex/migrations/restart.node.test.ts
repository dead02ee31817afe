import { ConvexHttpClient } from "convex/browser";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DefaultFunctionArgs, FunctionReference, FunctionType } from "convex/server";
import { afterAll, expect, it } from "vitest";
import { startBackend, type RunningBackend } from "../../backend/index";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { localSignIn, until } from "../../backend/testing";

// A migration run survives a restart of the backend: its state and its next step are in the database, and the
// scheduler re-arms pending steps when the backend loads the data again. One batch per step, so the run is still
// under way when the test stops the backend.
const ROOT = path.resolve(__dirname, "../..");
const dataDir = mkdtempSync(path.join(os.tmpdir(), "sa-restart-"));
let backend: RunningBackend | null = null;
const DOCS = 4000;

afterAll(async () => {
  await backend?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// The same port on restart: the local issuer is the backend's URL, so identities depend on it.
async function start(port = 0) {
  backend = await startBackend({
    projectDir: ROOT,
    dataDir,
    port,
    env: { SCHEMA_ASSISTANT_DEMO: "0", MIGRATION_STEP_DOCUMENTS: "1" },
    log: () => undefined,
  });
  const user = new ConvexHttpClient(backend.url);
  user.setAuth((await localSignIn(backend.url, { name: "Ada", email: "ada@example.com" })).token);
  const admin = new ConvexHttpClient(backend.url);
  (admin as unknown as { setAdminAuth(key: string): void }).setAdminAuth(backend.adminKey);
  return { user, admin };
}

/** The admin key may call internal functions; ConvexHttpClient's types only admit public ones. */
function asAdmin<Type extends FunctionType, Args extends DefaultFunctionArgs, Result>(
  ref: FunctionReference<Type, "internal", Args, Result>,
) {
  return ref as unknown as FunctionReference<Type, "public", Args, Result>;
}

it("continues a migration run after the backend restarts and completes it, counting every document once", async () => {
  let { user, admin } = await start();
  await user.mutation(api.team.users.ensure, {});
  const created = await user.action(api.projects.projectsNode.create, {
    name: "Restart",
    files: [
      {
        path: "convex/schema.ts",
        content: `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ tasks: defineTable({ title: v.string() }) });\n`,
      },
    ],
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const projectId = created.projectId;
  const docs = Array.from({ length: DOCS }, (_, i) => ({
    _id: `tasks:${i}`,
    _creationTime: 1_700_000_000_000 + i,
    title: `Task ${i}`,
  }));
  for (let i = 0; i < DOCS; i += 1000)
    await admin.mutation(asAdmin(internal.migrations.sandbox.insertBatch), {
      projectId,
      table: "tasks",
      docs: docs.slice(i, i + 1000),
    });

  const proposed = await user.action(api.schemaVersions.proposalsNode.fromOperations, {
    projectId,
    operations: [
      { op: "addField", table: "tasks", field: { name: "priority", validator: { kind: "string" }, optional: false } },
    ],
    summary: "Required priority",
  });
  if (!proposed.ok) throw new Error(proposed.errors.join(" "));
  await user.mutation(api.schemaVersions.proposals.approve, { versionId: proposed.versionId });
  const [plan] = await user.query(api.migrations.plans.list, { projectId });
  await user.mutation(api.migrations.plans.setDefault, {
    planId: plan._id,
    key: "tasks.priority",
    valueJson: JSON.stringify("medium"),
  });
  await until(
    () => user.query(api.migrations.plans.get, { planId: plan._id }),
    (p) => p?.preflight?.status === "done" && p.preflight.result?.ok === true,
    { what: "a passing preflight", timeoutMs: 60_000, intervalMs: 100 },
  );
  await user.mutation(api.migrations.plans.approve, { planId: plan._id });
  const runId: Id<"migrationRuns"> = await user.mutation(api.migrations.runs.start, {
    planId: plan._id,
    batchSize: 50,
  });

  // Stop the backend in the middle of the backfill.
  const mid = await until(
    () => user.query(api.migrations.runs.get, { runId }),
    (r) => r?.phase === "backfill" && r.done > 0 && r.done < DOCS,
    { what: "the backfill to be under way", timeoutMs: 60_000, intervalMs: 100 },
  );
  const port = Number(new URL(backend!.url).port);
  await backend!.close();
  backend = null;
  expect(mid!.status).toBe("running");

  ({ user, admin } = await start(port));
  const done = await until(
    () => user.query(api.migrations.runs.get, { runId }),
    (r) => r?.status === "completed" || r?.status === "failed",
    { what: "the run to finish", timeoutMs: 120_000, intervalMs: 100 },
  );
  expect(done).toMatchObject({ status: "completed", done: DOCS });
  const rows = await admin.query(asAdmin(internal.migrations.sandbox.samples), {
    projectId,
    tables: ["tasks"],
    perTable: DOCS,
  });
  expect(rows.tasks.count).toBe(DOCS);
  expect(rows.tasks.documents.every((d) => d.priority === "medium" && typeof d.title === "string")).toBe(true);
  const project = await user.query(api.projects.projects.get, { projectId });
  expect(project.version?._id).toBe(proposed.versionId);
}, 240_000);
