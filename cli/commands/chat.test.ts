import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "../../lib/assistant/testing/fake-openai";
import { parseSchemaSource } from "../../lib/schema";
import { runChat, type ChatInput } from "./chat";

async function* from(lines: string[]): AsyncIterable<string> {
  for (const l of lines) yield l;
}

function capture(): { out: string[]; err: string[]; io: { out(t: string): void; err(t: string): void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t) => out.push(t), err: (t) => err.push(t) } };
}

let dir: string;
let fake: FakeOpenAI;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "chat-"));
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await fake.close();
});

describe("schema-assistant chat", () => {
  it("designs from piped requests and writes the approved change with --apply", async () => {
    const project = path.join(dir, "piped");
    const c = capture();
    const input: ChatInput = { requests: from(["a blog with posts and comments", "", "add soft delete to posts"]) };
    const code = await runChat(project, { apply: true }, input, {}, c.io);
    expect(code).toBe(0);
    const written = await readFile(path.join(project, "convex", "schema.ts"), "utf8");
    const parsed = parseSchemaSource(written);
    expect(parsed.ok).toBe(true);
    const posts = parsed.ok ? parsed.schema.tables.find((t) => t.name === "posts") : undefined;
    expect(posts?.fields.map((f) => f.name)).toContain("deletedAt");
    expect(c.out.join("")).toContain("+++ convex/schema.ts");
    expect(c.err.join("")).toContain("starting from an empty schema");
  });

  it("shows the diff of the project's own file, helpers and validator spellings kept, building on accepted changes", async () => {
    const project = path.join(dir, "own-file");
    await mkdir(path.join(project, "convex"), { recursive: true });
    const original = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n\n// Every scored thing.\nconst scored = { score: v.float64() };\n\nexport default defineSchema({\n  tasks: defineTable({ title: v.string(), ...scored }),\n  comments: defineTable({ taskId: v.id("tasks") }),\n});\n`;
    await writeFile(path.join(project, "convex", "schema.ts"), original);
    const c = capture();
    const code = await runChat(
      project,
      {},
      { requests: from(["add an optional notes string to tasks", "add an optional pinned boolean to tasks"]) },
      {},
      c.io,
    );
    expect(code).toBe(0);
    const out = c.out.join("");
    expect(out).toContain("--- convex/schema.ts\tcurrent");
    expect(out).toContain("+  tasks: defineTable({ title: v.string(), ...scored, notes: v.optional(v.string()) }),");
    // The second diff starts from the first accepted change, and the file's own lines are never reprinted.
    expect(out).toContain("-  tasks: defineTable({ title: v.string(), ...scored, notes: v.optional(v.string()) }),");
    expect(out).not.toContain("v.number()");
    // The schema's own findings are not repeated under every change.
    expect(out).not.toMatch(/Lint/);
  });

  it("edits a table built by a helper shared by two tables in its own fields; says when a change is the helper's", async () => {
    const project = path.join(dir, "helper-table");
    await mkdir(path.join(project, "convex"), { recursive: true });
    const source = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n\nfunction scoped<T extends Record<string, any>>(fields: T) {\n  return defineTable({ ownerId: v.string(), ...fields });\n}\n\nexport default defineSchema({\n  things: scoped({ name: v.string() }),\n  others: scoped({ title: v.string() }),\n});\n`;
    await writeFile(path.join(project, "convex", "schema.ts"), source);
    const c = capture();
    const pinned = from(["add an optional pinned boolean to things"]);
    expect(await runChat(project, {}, { requests: pinned }, {}, c.io)).toBe(0);
    expect(c.err.join("")).not.toMatch(/cannot be written/);
    expect(c.out.join("")).toContain("+  things: scoped({ name: v.string(), pinned: v.optional(v.boolean()) }),");
    // ownerId is written once, in the helper, for both tables: making it optional on one table is no edit of the file.
    const d = capture();
    expect(await runChat(project, {}, { requests: from(["make ownerId on things optional"]) }, {}, d.io)).toBe(0);
    expect(d.err.join("")).toMatch(
      /Note: this change cannot be written into \S*schema\.ts as it is \(.*helper.*\); the diff shows the schema reprinted/,
    );
  });

  it("asks before writing and leaves the file alone when refused; never writes destructive changes", async () => {
    const project = path.join(dir, "interactive");
    await mkdir(path.join(project, "convex"), { recursive: true });
    const original = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n\nexport default defineSchema({\n  tasks: defineTable({ title: v.string(), notes: v.optional(v.string()) }),\n});\n`;
    await writeFile(path.join(project, "convex", "schema.ts"), original);
    const asked: string[] = [];
    const c = capture();
    const input: ChatInput = {
      requests: from(["add a priority to tasks", "remove notes from tasks"]),
      confirm: async (q) => (asked.push(q), false),
    };
    const code = await runChat(project, { apply: true }, input, {}, c.io);
    expect(code).toBe(0);
    expect(asked).toEqual(["Write this change to the schema? [y/N] "]);
    expect(await readFile(path.join(project, "convex", "schema.ts"), "utf8")).toBe(original);
    expect(c.err.join("")).toMatch(/Not applied: the change is destructive/);
  });

  it("streams the model's text and reports token use when a key is set", async () => {
    fake.replies.push({
      content: "Adding a tags table.",
      toolArgs: {
        operations: [
          {
            op: "createTable",
            table: "tags",
            fields: [{ name: "name", validator: { kind: "string" }, optional: false }],
          },
        ],
        explanation: "Adds tags.",
        assumptions: [],
        questions: [],
        confidence: 0.9,
      },
      usage: { prompt_tokens: 50, completion_tokens: 12 },
    });
    const c = capture();
    const code = await runChat(
      path.join(dir, "model"),
      { json: false },
      { requests: from(["add a tags table"]) },
      { apiKey: "k", baseURL: fake.baseURL },
      c.io,
    );
    expect(code).toBe(0);
    const out = c.out.join("");
    expect(out).toContain("Adding a tags table.");
    expect(out).toContain("+  tags: defineTable({");
    expect(out).toContain("(tokens: 50 in, 12 out)");
  });
});

describe("schema-assistant chat on the demo project (issue 17's examples)", () => {
  async function demoProject(name: string): Promise<string> {
    const { DEMO_SCHEMA_SOURCE } = await import("../../lib/demo");
    const { DEMO_FUNCTION_FILES } = await import("../../lib/demo");
    const project = path.join(dir, name);
    for (const [file, text] of Object.entries({ ...DEMO_FUNCTION_FILES, "convex/schema.ts": DEMO_SCHEMA_SOURCE })) {
      await mkdir(path.dirname(path.join(project, file)), { recursive: true });
      await writeFile(path.join(project, file), text);
    }
    return project;
  }
  type Line = {
    request: string;
    intent?: string;
    operations: { op: string; table?: string }[];
    explanation: string;
    ran?: string[];
    findings?: { file?: string; line?: number }[];
    questions: string[];
  };

  it("answers change requests, off-topic, optimizer, lint, impact and code requests; writes the changes with --apply", async () => {
    const project = await demoProject("demo");
    const c = capture();
    const requests = [
      "make dueDate required on tasks and rename title to name",
      "add soft delete to tasks",
      "add soft delete to tasks",
      "write me a poem about cats",
      "make it faster",
      "is my schema OK?",
      "what breaks if I remove the comments table?",
      "generate CRUD for projects",
      "create an event app where guests scan a QR code",
    ];
    const code = await runChat(project, { json: true }, { requests: from(requests) }, {}, c.io);
    expect(code).toBe(0);
    const lines = c.out
      .join("")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Line);
    expect(lines.map((l) => l.intent)).toEqual([
      "change",
      "change",
      "change",
      "offtopic",
      "optimize",
      "lint",
      "impact",
      "code",
      "design",
    ]);
    expect(lines[0].operations.map((o) => o.op)).toEqual(["setOptional", "renameField"]);
    // The session keeps the accepted (non-destructive) change: asking again finds it done.
    expect(lines[1].operations.map((o) => o.op)).toEqual(["addField", "addIndex"]);
    expect(lines[2].operations).toEqual([]);
    expect(lines[2].explanation).toMatch(/already has soft delete/);
    expect(lines[3].operations).toEqual([]);
    expect(lines[4].ran?.[0]).toMatch(/optimizer .*10 functions in 4 files/);
    expect(lines[4].operations).toEqual(
      expect.arrayContaining([expect.objectContaining({ op: "addIndex", table: "timeEntries" })]),
    );
    expect(lines[5].explanation).toMatch(/health score \d+\/100/);
    expect(lines[6].findings?.map((f) => `${f.file}:${f.line}`)).toEqual([
      "convex/comments.ts:7",
      "convex/comments.ts:14",
    ]);
    expect(lines[7].explanation).toContain("schema-assistant generate . --tables projects");
    expect(lines[8].operations.some((o) => o.op === "createTable")).toBe(true);
  });

  it("writes a multi-command change into the file with --apply --yes (non-destructive parts only)", async () => {
    const project = await demoProject("demo-apply");
    const c = capture();
    const code = await runChat(
      project,
      { apply: true, yes: true },
      {
        requests: from([
          "add an estimate (number) to tasks and add blocked to the status of tasks",
          "write me a poem about cats",
        ]),
      },
      {},
      c.io,
    );
    expect(code).toBe(0);
    const written = await readFile(path.join(project, "convex", "schema.ts"), "utf8");
    expect(written).toMatch(/estimate: v\.optional\(v\.number\(\)\)/);
    expect(written).toMatch(/v\.literal\("blocked"\)/);
    expect(c.out.join("")).toMatch(/not about your schema/);
    expect(c.out.join("")).toMatch(/\(ran: designer/);
  });
});

describe("schema-assistant chat with a model configured", () => {
  it("answers a change the grammar fully understands without calling the model", async () => {
    const { DEMO_SCHEMA_SOURCE } = await import("../../lib/demo");
    const project = path.join(dir, "grammar-first");
    await mkdir(path.join(project, "convex"), { recursive: true });
    await writeFile(path.join(project, "convex", "schema.ts"), DEMO_SCHEMA_SOURCE);
    const before = fake.requests.length;
    const c = capture();
    const code = await runChat(
      project,
      { json: true },
      { requests: from(["make dueDate required on tasks and rename title to name"]) },
      { apiKey: "k", baseURL: fake.baseURL },
      c.io,
    );
    expect(code).toBe(0);
    const line = JSON.parse(c.out.join("").trim()) as { operations: { op: string }[]; ran: string[]; source: string };
    expect(line.operations.map((o) => o.op)).toEqual(["setOptional", "renameField"]);
    expect(line.ran).toEqual(["change grammar (deterministic; the model was not needed)"]);
    expect(fake.requests.length).toBe(before);
  });
});
