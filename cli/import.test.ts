/**
 * The import command end to end: schema files written, data imported into a real embedded backend (startBackend)
 * through its admin API, and every reference followed back through the backend to the right document.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, describe, expect, test } from "vitest";
import { startBackend, type RunningBackend } from "../backend";
import { runImport } from "./commands/import";

const fixture = path.join(import.meta.dirname, "..", "lib", "import", "testdata", "sql-app");

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

type JsonDoc = Record<string, unknown> & { _id: string };

async function documents(b: RunningBackend, table: string): Promise<JsonDoc[]> {
  const res = await fetch(`${b.url}/api/admin/tables/${table}/documents?limit=1000`, {
    headers: { Authorization: `Convex ${b.adminKey}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { page: JsonDoc[] }).page;
}

describe("schema-assistant import", () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  test("sql + pg_dump data into a running backend; references resolve through the backend", {
    timeout: 120_000,
  }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sa-import-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const dry = capture();
    // --infer-json: the backend then validates every imported JSON value against the inferred shape.
    expect(
      await runImport(
        "sql",
        path.join(fixture, "schema.sql"),
        { data: path.join(fixture, "data.sql"), out: dir, inferJson: true },
        dry.io,
      ),
    ).toBe(0);
    expect(dry.err.join("")).toContain("dry run");
    expect(await readFile(path.join(dir, "convex", "schema.ts"), "utf8")).toContain("settings: v.object({");
    expect(existsSync(path.join(dir, "convex", "schema.ts"))).toBe(true);
    expect(await readFile(path.join(dir, "convex", "uniqueness.ts"), "utf8")).toContain(
      "export async function ensureUniqueUsersByEmail(",
    );

    // A real project has convex/_generated (importCleanup.ts imports it): make it as `npx convex codegen` does.
    codegen(dir);
    const backend = await startBackend({ projectDir: dir, port: 0, log: () => undefined });
    cleanup.push(() => backend.close());
    const run = capture();
    const code = await runImport(
      "sql",
      path.join(fixture, "schema.sql"),
      {
        data: path.join(fixture, "data.sql"),
        out: dir,
        force: true,
        backend: backend.url,
        adminKey: backend.adminKey,
        batch: "2",
        inferJson: true,
      },
      run.io,
    );
    expect(code, run.err.join("")).toBe(0);
    expect(run.out.join("")).toMatch(/tasks\s+5\s+4\s+1\s+2/);

    const byId = new Map<string, JsonDoc>();
    const tables: Record<string, JsonDoc[]> = {};
    for (const t of [
      "teams",
      "users",
      "projects",
      "projectMembers",
      "tasks",
      "labels",
      "taskLabels",
      "comments",
      "attachments",
      "auditEvents",
    ]) {
      tables[t] = await documents(backend, t);
      for (const d of tables[t]) byId.set(d._id, d);
    }
    expect(Object.fromEntries(Object.entries(tables).map(([t, d]) => [t, d.length]))).toEqual({
      teams: 3,
      users: 3,
      projects: 2,
      projectMembers: 3,
      tasks: 4,
      labels: 2,
      taskLabels: 3,
      comments: 2,
      attachments: 1,
      auditEvents: 3,
    });
    const legacy = (id: unknown) => byId.get(String(id))?.legacyId;
    const team = (n: number) => tables.teams.find((t) => t.legacyId === n)!;
    expect(legacy(team(1).ownerId)).toBe(10); // the cycle teams.owner_id ↔ users.team_id, patched in pass 2
    expect(legacy(team(2).ownerId)).toBe(12);
    expect(team(3).ownerId).toBeUndefined();
    // tasks.legacyId is an int64 (bigserial), which the admin API returns as {"$integer": base64}.
    const task = (n: number) => tables.tasks.find((t) => legacyInt(t.legacyId) === n)!;
    expect(legacyInt(byId.get(String(task(101).parentTaskId))!.legacyId)).toBe(102); // self reference to a later row
    expect(legacy(task(101).assigneeId)).toBe(10);
    expect(task(103).assigneeId).toBeUndefined(); // pointed at a missing user: reported, left unset
    expect(legacy(task(101).projectId)).toBe("6f1c2f4e-1b7a-4f54-9d43-3b0f4f3f0a01");
    for (const tl of tables.taskLabels) {
      expect(byId.get(String(tl.taskId))).toBeDefined();
      expect(byId.get(String(tl.labelId))).toBeDefined();
    }
    expect(legacy(tables.attachments[0].commentId)).toBe(1000);

    // A backend serving another schema is refused before anything is written.
    const other = capture();
    const prisma = path.join(fixture, "..", "prisma-advisor-chat");
    expect(
      await runImport(
        "prisma",
        path.join(prisma, "schema.prisma"),
        {
          data: path.join(prisma, "data"),
          out: path.join(dir, "chat"),
          backend: backend.url,
          adminKey: backend.adminKey,
        },
        other.io,
      ),
    ).toBe(1);
    expect(other.err.join("")).toContain('The backend\'s schema has no table "advisors"');
  });

  test("the generated schema.ts, uniqueness.ts and importCleanup.ts typecheck against Convex codegen", {
    timeout: 120_000,
  }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sa-import-tsc-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    expect(
      await runImport(
        "sql",
        path.join(fixture, "schema.sql"),
        { data: path.join(fixture, "data.sql"), out: dir },
        capture().io,
      ),
    ).toBe(0);
    expect(existsSync(path.join(dir, "convex", "importCleanup.ts"))).toBe(true);
    await writeFile(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "esnext",
          moduleResolution: "bundler",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          lib: ["ES2023", "dom"],
        },
        include: ["convex/**/*.ts"],
      }),
    );
    codegen(dir);
    expect(() => run(dir, "typescript/bin/tsc", ["-p", "."])).not.toThrow();
  });

  test("--zip writes a snapshot ZIP whose references use the generated ids", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sa-import-zip-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const zip = path.join(dir, "snapshot.zip");
    const run = capture();
    expect(
      await runImport(
        "sql",
        path.join(fixture, "schema.sql"),
        { data: path.join(fixture, "data.sql"), out: dir, zip },
        run.io,
      ),
    ).toBe(0);
    const files = unzipSync(new Uint8Array(await readFile(zip)));
    const users = strFromU8(files["users/documents.jsonl"])
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as JsonDoc);
    const teams = strFromU8(files["teams/documents.jsonl"])
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as JsonDoc);
    for (const u of users) expect(teams.some((t) => t._id === u.teamId)).toBe(true);
  });

  test("bad input is refused with a clear message", async () => {
    const run = capture();
    expect(await runImport("mysql", "x", {}, run.io)).toBe(2);
    expect(run.err.join("")).toContain('Unknown source "mysql"');
    const broken = capture();
    const dir = await mkdtemp(path.join(os.tmpdir(), "sa-import-bad-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, "schema.prisma");
    await (await import("node:fs/promises")).writeFile(
      file,
      "model A {\n  id Int @id\n  b  B @relation(fields: [bId], references: [id])\n  bId Int\n  oops {\n}\n",
    );
    expect(await runImport("prisma", file, { out: dir }, broken.io)).toBe(1);
    expect(broken.out.join("")).toMatch(/schema\.prisma:5:\d+: IMP-PARSE/);
  });
});

const root = path.join(import.meta.dirname, "..");

function run(dir: string, cmd: string, args: string[]): string {
  return execFileSync(process.execPath, [path.join(root, "node_modules", cmd), ...args], {
    cwd: dir,
    encoding: "utf8",
    stdio: "pipe",
  });
}

/** `convex codegen` offline in a generated project (package.json naming convex, node_modules linked). */
function codegen(dir: string): void {
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "t", private: true, type: "module", dependencies: { convex: "1.48.0" } }),
  );
  if (!existsSync(path.join(dir, "node_modules")))
    symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  run(dir, "convex/bin/main.js", ["codegen", "--system-udfs", "--typecheck", "disable"]);
}

function legacyInt(v: unknown): number | undefined {
  if (v && typeof v === "object" && "$integer" in v) {
    const bytes = Buffer.from(String((v as { $integer: string }).$integer), "base64");
    return Number(bytes.readBigInt64LE(0));
  }
  return typeof v === "number" ? v : undefined;
}

describe("schema-assistant import prisma --data <folder>", () => {
  test("CSV and JSONL files named after tables or models, into a snapshot ZIP", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sa-import-prisma-"));
    try {
      const chat = path.join(fixture, "..", "prisma-advisor-chat");
      const zip = path.join(dir, "chat.zip");
      const run = capture();
      expect(
        await runImport(
          "prisma",
          path.join(chat, "schema.prisma"),
          { data: path.join(chat, "data"), out: dir, zip },
          run.io,
        ),
      ).toBe(0);
      const report = run.out.join("");
      expect(report).toMatch(/messages\s+5\s+4\s+1\s+2/); // WIZARD is not a role; two replies are patched
      expect(report).toContain('column "role": "WIZARD" is not one of "USER", "ASSISTANT", "SYSTEM", "TOOL"');
      expect(report).toContain("DATA-DUPLICATE advisorMemories key 2");
      const files = unzipSync(new Uint8Array(await readFile(zip)));
      const read = (t: string) =>
        strFromU8(files[`${t}/documents.jsonl`])
          .trim()
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l) as JsonDoc);
      const users = read("users");
      const conversations = read("conversations");
      const messages = read("messages");
      expect(users.find((u) => u.email === "grace@example.com")).toMatchObject({
        name: "Hopper, Grace",
        legacyId: "cku2",
      });
      const c1 = conversations.find((c) => c.legacyId === "ckc1")!;
      expect(users.find((u) => u._id === c1.userId)!.legacyId).toBe("cku1");
      const m = (n: number) => messages.find((x) => x.legacyId === n)!;
      expect(m(3).replyToId).toBe(m(2)._id);
      expect(m(2).conversationId).toBe(c1._id);
      expect(m(3).toolCalls).toEqual([{ name: "search", args: { q: "patience" } }]);
      expect(read("threadSummaries")[0].conversationId).toBe(c1._id);
      expect(strFromU8(files["advisorMemories/documents.jsonl"])).toContain('"embedding":{"$bytes":"AQI="}');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
