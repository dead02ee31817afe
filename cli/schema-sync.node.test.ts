/**
 * `pull`, `push` and `push --check` against the embedded backend serving this app, over real HTTP with a project
 * API token: the round trip repository → dashboard → repository, and the CI check failing and passing.
 */
import { ConvexHttpClient } from "convex/browser";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { startBackend, type RunningBackend } from "../backend/index";
import { localSignIn } from "../backend/testing";
import { api } from "../convex/_generated/api";
import { runPull } from "./commands/pull";
import { runPush } from "./commands/push";
import { REPO_ROOT } from "./repo-root";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "sa-sync-data-"));
const repo = mkdtempSync(path.join(os.tmpdir(), "sa-sync-repo-"));
let backend: RunningBackend | null = null;
afterAll(async () => {
  await backend?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(repo, { recursive: true, force: true });
});

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { status } from "./validators";
import { v } from "convex/values";

export default defineSchema({
  tasks: defineTable({ title: v.string(), status }),
});
`;
const VALIDATORS = `import { v } from "convex/values";\nexport const status = v.union(v.literal("open"), v.literal("done"));\n`;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) },
    out,
    err,
    text: () => out.join("") + err.join(""),
  };
}

it("pull writes the approved schema; push --check fails on a difference and passes once they agree; push makes a pending version", async () => {
  backend = await startBackend({
    projectDir: REPO_ROOT,
    dataDir,
    port: 0,
    env: { SCHEMA_ASSISTANT_DEMO: "0", MESSAGE_KEYS: `k1:${Buffer.alloc(32, 7).toString("base64")}` },
    log: () => undefined,
  });
  const owner = new ConvexHttpClient(backend.url);
  owner.setAuth((await localSignIn(backend.url, { name: "Ada", email: "ada@example.com" })).token);
  await owner.mutation(api.team.users.ensure, {});
  const created = await owner.action(api.projects.projectsNode.create, {
    name: "Sync",
    files: [
      { path: "convex/schema.ts", content: SCHEMA },
      { path: "convex/validators.ts", content: VALIDATORS },
      { path: "convex/tasks.ts", content: "export const unrelated = 1;\n" },
    ],
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const projectId = created.projectId;
  const { secret: editor } = await owner.mutation(api.httpApi.tokens.create, { projectId, name: "ci", role: "editor" });
  const { secret: viewer } = await owner.mutation(api.httpApi.tokens.create, {
    projectId,
    name: "read",
    role: "viewer",
  });
  const remote = { url: backend.siteUrl, token: editor, project: projectId };

  // pull: the schema and the file it imports, not the project's other files.
  let c = capture();
  expect(await runPull(repo, remote, c.io)).toBe(0);
  expect(readFileSync(path.join(repo, "convex/schema.ts"), "utf8")).toBe(SCHEMA);
  expect(readFileSync(path.join(repo, "convex/validators.ts"), "utf8")).toBe(VALIDATORS);
  expect(() => readFileSync(path.join(repo, "convex/tasks.ts"))).toThrow();
  expect(c.text()).toMatch(/version 1 \(.*current\)/);

  // A project whose convex.json names another functions folder gets the files there.
  const srcRepo = mkdtempSync(path.join(os.tmpdir(), "sa-sync-src-"));
  try {
    writeFileSync(path.join(srcRepo, "convex.json"), JSON.stringify({ functions: "src/convex/" }));
    expect(await runPull(srcRepo, remote, capture().io)).toBe(0);
    expect(readFileSync(path.join(srcRepo, "src/convex/validators.ts"), "utf8")).toBe(VALIDATORS);
    expect(await runPush(srcRepo, { ...remote, check: true }, capture().io)).toBe(0);
  } finally {
    rmSync(srcRepo, { recursive: true, force: true });
  }

  // In sync; reformatting alone is no difference.
  c = capture();
  expect(await runPush(repo, { ...remote, check: true }, c.io)).toBe(0);
  writeFileSync(
    path.join(repo, "convex/schema.ts"),
    SCHEMA.replace(
      "tasks: defineTable({ title: v.string(), status })",
      "tasks: defineTable({\n    title: v.string(),\n    status,\n  })",
    ),
  );
  expect(await runPush(repo, { ...remote, check: true }, capture().io)).toBe(0);

  // The repository adds a field: the check fails, naming it.
  writeFileSync(
    path.join(repo, "convex/schema.ts"),
    SCHEMA.replace("title: v.string(), status", "title: v.string(), status, dueAt: v.optional(v.number())"),
  );
  c = capture();
  expect(await runPush(repo, { ...remote, check: true }, c.io)).toBe(1);
  expect(c.text()).toMatch(/addField tasks\.dueAt/);

  // A viewer token may read but not push.
  c = capture();
  expect(await runPush(repo, { ...remote, token: viewer }, c.io)).toBe(1);
  expect(c.text()).toMatch(/403 FORBIDDEN/);

  // push: a pending version 2 holding exactly the repository's files; pushing again changes nothing new.
  c = capture();
  expect(await runPush(repo, remote, c.io)).toBe(0);
  expect(c.text()).toMatch(/pushed as version 2 \(1\.1\.0, pending\)/);
  // The same files again (CI on every commit): version 2 is found, no duplicate pending version.
  c = capture();
  expect(await runPush(repo, remote, c.io)).toBe(0);
  expect(c.text()).toMatch(/unchanged: version 2 \(1\.1\.0\) already has this schema/);
  const pulled = mkdtempSync(path.join(os.tmpdir(), "sa-sync-pull-"));
  try {
    expect(await runPull(pulled, { ...remote, token: viewer, version: "2" }, capture().io)).toBe(0);
    expect(readFileSync(path.join(pulled, "convex/schema.ts"), "utf8")).toBe(
      readFileSync(path.join(repo, "convex/schema.ts"), "utf8"),
    );
  } finally {
    rmSync(pulled, { recursive: true, force: true });
  }
  // Still not approved: the check keeps failing until version 2 is approved in the dashboard.
  expect(await runPush(repo, { ...remote, check: true }, capture().io)).toBe(1);

  // A schema that does not parse is refused with its location; nothing is stored.
  mkdirSync(path.join(repo, "broken/convex"), { recursive: true });
  writeFileSync(
    path.join(repo, "broken/convex/schema.ts"),
    "export default defineSchema({ tasks: defineTable({ title: v.string( }) });\n",
  );
  c = capture();
  expect(await runPush(path.join(repo, "broken"), remote, c.io)).toBe(1);
  expect(c.text()).toMatch(/schema\.ts:1:/);

  // Unknown versions and other projects are 404s.
  c = capture();
  expect(await runPull(repo, { ...remote, version: "99" }, c.io)).toBe(1);
  expect(c.text()).toMatch(/404 NOT_FOUND/);
  c = capture();
  expect(await runPull(repo, { ...remote, project: "projects:999" }, c.io)).toBe(1);
  expect(c.text()).toMatch(/404/);
}, 180_000);
