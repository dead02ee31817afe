/** `schema-assistant migrate` end to end: git HEAD → working tree, renames, export preflight, apply + rollback. */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { convexToJson } from "convex/values";
import { strToU8, zipSync } from "fflate";
import { afterAll, describe, expect, test } from "vitest";
import { startBackend } from "../../backend";
import type { Prompter } from "../migrate-prompt";
import { runMigrate } from "./migrate";

const V1 = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string(), age: v.optional(v.string()) }),
  logs: defineTable({ line: v.string() }),
});
`;
const V2 = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ fullName: v.string(), age: v.number(), role: v.string() }).index("by_role", ["role"]),
});
`;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } };
}

const answers = (list: string[]): Prompter => ({ ask: async () => list.shift() ?? "n", close: () => {} });

const USERS = `import { v } from "convex/values";
import { query } from "./_generated/server";
export const byName = query({
  args: { name: v.string() },
  handler: async (ctx, { name }) => ctx.db.query("users").filter((q) => q.eq(q.field("name"), name)).first(),
});
`;

async function project(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "sa-migrate-cli-"));
  await mkdir(path.join(dir, "convex"));
  await writeFile(path.join(dir, "convex/schema.ts"), V1);
  await writeFile(path.join(dir, "convex/users.ts"), USERS);
  const git = (...args: string[]) => execFileSync("git", ["-C", dir, ...args], { stdio: "pipe" });
  git("init", "-q");
  git("add", ".");
  git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-q", "-m", "v1");
  await writeFile(path.join(dir, "convex/schema.ts"), V2);
  return dir;
}

describe("schema-assistant migrate", () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  test("parser warnings are shown: what the parser could not read is missing from the plan", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sa-migrate-warn-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const to = V1.replace(
      "logs: defineTable({ line: v.string() }),",
      'logs: defineTable({ line: v.string(), e: v.array(v.float64()) }).vectorIndex("by_e", { vectorField: "e", dimension: 3 } as any),',
    );
    await writeFile(path.join(dir, "from.ts"), V1);
    await writeFile(path.join(dir, "to.ts"), to);
    const c = capture();
    await runMigrate(dir, { from: path.join(dir, "from.ts"), to: path.join(dir, "to.ts"), addDrop: true }, c.io);
    expect(c.err.join("")).toMatch(/warning: new schema SA\d+ .*the plan does not include what it could not read/);
  });

  test("--json carries the impact of each change", async () => {
    const dir = await project();
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const c = capture();
    expect(
      await runMigrate(dir, { json: true, addDrop: true, default: ["users.role=member", "users.fullName=x"] }, c.io),
    ).toBe(0);
    const json = JSON.parse(c.out.join("")) as {
      impact: { path: string; kind: string; uses: { function: string; how: string; loc: { line: number } }[] }[];
    };
    expect(json.impact.find((i) => i.kind === "dropField" && i.path === "users.name")?.uses).toEqual([
      expect.objectContaining({ function: "users:byName", how: "filters", loc: expect.objectContaining({ line: 5 }) }),
    ]);
  });

  test("a rename candidate without an answer fails non-interactively with a clear message", async () => {
    const dir = await project();
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const c = capture();
    expect(await runMigrate(dir, {}, c.io)).toBe(2);
    expect(c.err.join("")).toContain('Possible rename of field "users.name" to "users.fullName"');
  });

  test("merges into an object or an array are questions like any rename: asked, never applied unasked", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sa-migrate-merge-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const head = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n`;
    await writeFile(
      path.join(dir, "from.ts"),
      `${head}export default defineSchema({ t: defineTable({ fooKey: v.string(), fooArgs: v.any(), leftPic: v.string(), rightPic: v.string() }) });\n`,
    );
    await writeFile(
      path.join(dir, "to.ts"),
      `${head}export default defineSchema({ t: defineTable({ foo: v.object({ key: v.string(), args: v.any() }), pics: v.array(v.string()) }) });\n`,
    );
    const files = { from: path.join(dir, "from.ts"), to: path.join(dir, "to.ts") };
    const none = capture();
    expect(await runMigrate(dir, { ...files, json: true }, none.io)).toBe(2);
    expect(none.err.join("")).toMatch(/--rename "t\.(fooKey\+fooArgs->foo|leftPic\+rightPic->pics)" to combine them/);
    const keys = ["t.fooKey+fooArgs->foo", "t.leftPic+rightPic->pics"];
    const flagged = capture();
    expect(await runMigrate(dir, { ...files, json: true, rename: keys }, flagged.io)).toBe(0);
    const json = JSON.stringify(JSON.parse(flagged.out.join("")));
    expect(json).toContain(
      '"source":{"kind":"combine","from":["fooKey","fooArgs"],"how":"object","members":["key","args"]}',
    );
    expect(json).toContain('"source":{"kind":"combine","from":["leftPic","rightPic"],"how":"array"}');
    const asked: string[] = [];
    const prompter: Prompter = {
      ask: async (q) => {
        asked.push(q);
        return "n";
      },
      close: () => {},
    };
    const text = capture();
    await runMigrate(dir, { ...files, interactive: true }, text.io, { prompter });
    expect(asked.filter((q) => q.startsWith("Combine "))).toHaveLength(2);
    expect(text.out.join("")).toContain('drop field "t.leftPic"');
  });

  test("plan from git HEAD to the working tree, interactive rename, generated code, export preflight", async () => {
    const dir = await project();
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const zip = zipSync({
      "_tables/documents.jsonl": strToU8('{"name":"users","id":10001}\n'),
      "users/documents.jsonl": strToU8(
        [
          { _id: "u1", _creationTime: 1, name: "Ann", age: "41" },
          { _id: "u2", _creationTime: 2, name: "Bob", age: "old" },
        ]
          .map((d) => JSON.stringify(convexToJson(d)))
          .join("\n") + "\n",
      ),
    });
    await writeFile(path.join(dir, "export.zip"), zip);
    const c = capture();
    const code = await runMigrate(
      dir,
      {
        interactive: true,
        data: path.join(dir, "export.zip"),
        default: ["users.role=member"],
        currentVersion: "1.4.2",
        generate: path.join(dir, "convex/migrations.ts"),
      },
      c.io,
      { prompter: answers(["y"]) },
    );
    const out = c.out.join("");
    expect(out).toContain("semver major (1.4.2 → 2.0.0)");
    expect(out).toContain('MR108 Field "users.name" is renamed to "fullName"');
    expect(out).toContain("MR104");
    expect(out).toContain('backfill "users": fullName ← copy of name when missing');
    expect(out).toContain("Preflight: 2 documents checked, 1 would not match");
    // Impact: the function that reads users.name is named with its place.
    expect(out).toMatch(
      /Impact \(functions that read, write, filter or index what changes\):\n[\s\S]*users:byName filters at convex\/users\.ts:5:/,
    );
    expect(out).toMatch(/users\.age mismatch: 1 document, e\.g\. u2/);
    expect(code).toBe(1);
    expect(await readFile(path.join(dir, "convex/migrations.ts"), "utf8")).toContain("migrations.define(");
    expect(existsSync(path.join(dir, "convex/migrations.expand-schema.ts"))).toBe(true);
  });

  test("--apply on the embedded backend, then --rollback", async () => {
    const dir = await project();
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(path.join(dir, "convex/schema.ts"), V1);
    const running = await startBackend({ projectDir: dir, port: 0, log: () => undefined });
    cleanup.push(() => running.close());
    await writeFile(path.join(dir, "convex/schema.ts"), V2);
    const write = (writes: unknown[]) =>
      fetch(`${running.url}/api/admin/write`, {
        method: "POST",
        headers: { Authorization: `Convex ${running.adminKey}`, "Content-Type": "application/json" },
        body: JSON.stringify({ writes }),
      });
    await write([
      { op: "insert", table: "users", value: { name: "Ann", age: "41" } },
      { op: "insert", table: "logs", value: { line: "x" } },
    ]);
    const pushSchema = async (_m: unknown, source: string) => {
      await writeFile(path.join(dir, "convex/schema.ts"), source);
      await running.reload();
      if (!running.backend.lastPush.ok) throw new Error(running.backend.lastPush.message);
    };
    const base = {
      backend: running.url,
      adminKey: running.adminKey,
      rename: ["users.name->fullName"],
      default: ["users.role=member"],
      runId: "r1",
    };
    const dry = capture();
    expect(await runMigrate(dir, { ...base, dryRun: true }, dry.io, { pushSchema }), dry.err.join("")).toBe(0);
    expect(dry.out.join("")).toMatch(
      /Dry run \(nothing written\):\n {2}backfill\/\d+\/backfill\/users: 1 write over 1 document of "users"/,
    );
    expect(await readFile(path.join(dir, "convex/schema.ts"), "utf8")).toBe(V2);
    const refused = capture();
    expect(await runMigrate(dir, { ...base, apply: true }, refused.io, { pushSchema })).toBe(1);
    expect(refused.err.join("")).toContain("pass --yes");
    const c = capture();
    expect(
      await runMigrate(dir, { ...base, apply: true, yes: true }, c.io, { pushSchema, now: () => 1 }),
      c.err.join(""),
    ).toBe(0);
    expect(c.out.join("")).toContain("Applied:");
    expect(c.err.join("")).toMatch(/backfill\/\d+\/backfill\/users: 1\/1/);
    expect(await readFile(path.join(dir, "convex/schema.ts"), "utf8")).toBe(V2);
    // The rollback needs no flags again: the run's start entry holds the renames and defaults it was planned with.
    const r = capture();
    const bare = { backend: running.url, adminKey: running.adminKey };
    expect(await runMigrate(dir, { ...bare, rollback: "r1" }, r.io, { pushSchema, now: () => 2 }), r.err.join("")).toBe(
      0,
    );
    expect(r.err.join("")).toContain(
      "using the decisions run r1 was started with: --rename users.name->fullName --default users.role=member",
    );
    expect(r.out.join("")).toContain("Rolled back run r1");
    expect(await readFile(path.join(dir, "convex/schema.ts"), "utf8")).toBe(V1);
  });
});
