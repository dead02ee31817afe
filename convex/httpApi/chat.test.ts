import { describe, expect, it, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { newDeployment, signedIn } from "../test.setup";

// POST /api/schema/chat answers issue 17's examples on the demo project; the response keeps its original fields
// and adds intent, ran, findings, operations and generatedFiles when there are any.
async function setup() {
  vi.useFakeTimers();
  const t = newDeployment();
  const ada = await signedIn(t, "Ada");
  await t.action(internal.projects.projectsNode.seedDemo, { userId: ada.userId });
  const projectId = (await t.run((ctx) => ctx.db.query("projects").first()))!._id;
  const token = await ada.as.mutation(api.httpApi.tokens.create, { projectId, name: "ci", role: "editor" });
  const chat = async (message: string) => {
    const res = await t.fetch("/api/schema/chat", {
      method: "POST",
      headers: { "X-API-Key": token.secret, "Content-Type": "application/json" },
      body: JSON.stringify({ projectId, message }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as {
      reply: string;
      codeGenerated?: string;
      suggestions: string[];
      followUpQuestions: string[];
      conversationId: string;
      intent?: string;
      ran?: string[];
      findings?: { file?: string; line?: number; functions?: string[] }[];
      operations?: { op: string }[];
      generatedFiles?: Record<string, string>;
    };
  };
  return { chat };
}

describe("POST /api/schema/chat on the demo project", () => {
  it("applies both changes of one message and returns the proposed schema", async () => {
    const { chat } = await setup();
    const body = await chat("make dueDate required on tasks and rename title to name");
    expect(body.intent).toBe("change");
    expect(body.operations).toEqual([
      { op: "setOptional", table: "tasks", field: "dueDate", optional: false },
      { op: "renameField", table: "tasks", from: "title", to: "name" },
    ]);
    expect(body.codeGenerated).toMatch(/name: v\.string\(\)/);
    expect(body.ran).toEqual(["designer (deterministic, no model)"]);
    vi.useRealTimers();
  });

  it("answers off-topic with no operation, and 'make it faster' with the optimizer", async () => {
    const { chat } = await setup();
    const poem = await chat("write me a poem about cats");
    expect(poem).toMatchObject({ intent: "offtopic", followUpQuestions: [], suggestions: [] });
    expect(poem.operations).toBeUndefined();
    expect(poem.codeGenerated).toBeUndefined();
    const faster = await chat("make it faster");
    expect(faster.intent).toBe("optimize");
    expect(faster.ran?.[0]).toMatch(/^optimizer/);
    expect(faster.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: "convex/timeEntries.ts", line: 8, functions: ["timeEntries:forTask"] }),
      ]),
    );
    expect(faster.codeGenerated).toMatch(/by_taskId/);
    vi.useRealTimers();
  });

  it("reports impact with file:line and generates code on request", async () => {
    const { chat } = await setup();
    const impact = await chat("what breaks if I remove the comments table?");
    expect(impact.intent).toBe("impact");
    expect(impact.findings?.map((f) => `${f.file}:${f.line}`)).toEqual([
      "convex/comments.ts:7",
      "convex/comments.ts:14",
    ]);
    const code = await chat("generate CRUD for tasks");
    expect(code.intent).toBe("code");
    expect(Object.keys(code.generatedFiles ?? {})).toContain("convex/tasks.ts");
    vi.useRealTimers();
  });
});
