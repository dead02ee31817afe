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

  it("asks before writing and leaves the file alone when refused; never writes destructive changes", async () => {
    const project = path.join(dir, "interactive");
    await mkdir(path.join(project, "convex"), { recursive: true });
    const original = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n\nexport default defineSchema({\n  tasks: defineTable({ title: v.string(), notes: v.optional(v.string()) }),\n});\n`;
    await writeFile(path.join(project, "convex", "schema.ts"), original);
    const asked: string[] = [];
    const c = capture();
    const input: ChatInput = { requests: from(["add a priority to tasks", "remove notes from tasks"]), confirm: async (q) => (asked.push(q), false) };
    const code = await runChat(project, { apply: true }, input, {}, c.io);
    expect(code).toBe(0);
    expect(asked).toEqual(["Write this change to the schema? [y/N] "]);
    expect(await readFile(path.join(project, "convex", "schema.ts"), "utf8")).toBe(original);
    expect(c.err.join("")).toMatch(/Not applied: the change is destructive/);
  });

  it("streams the model's text and reports token use when a key is set", async () => {
    fake.replies.push({
      content: "Adding a tags table.",
      toolArgs: { operations: [{ op: "createTable", table: "tags", fields: [{ name: "name", validator: { kind: "string" }, optional: false }] }], explanation: "Adds tags.", assumptions: [], questions: [], confidence: 0.9 },
      usage: { prompt_tokens: 50, completion_tokens: 12 },
    });
    const c = capture();
    const code = await runChat(path.join(dir, "model"), { json: false }, { requests: from(["add a tags table"]) }, { apiKey: "k", baseURL: fake.baseURL }, c.io);
    expect(code).toBe(0);
    const out = c.out.join("");
    expect(out).toContain("Adding a tags table.");
    expect(out).toContain("+  tags: defineTable({");
    expect(out).toContain("(tokens: 50 in, 12 out)");
  });
});
