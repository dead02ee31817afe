import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SchemaModel } from "../../lib/schema/model";
import { emptySchema, newTable } from "../../lib/schema/model";
import type { SchemaOperation } from "../../lib/schema/operations";
import { startFakeOpenAI, type FakeOpenAI } from "../../lib/assistant/testing/fake-openai";
import { proposalArgsSchema } from "../../lib/assistant/operation-schemas";
import { runAssistant } from "./openaiModel";
import { MAX_HISTORY_TURNS, SYSTEM_PROMPT } from "../../lib/assistant/model/prompt";

const TASKS: SchemaModel = {
  ...emptySchema(),
  tables: [newTable("tasks", [{ name: "title", validator: { kind: "string" }, optional: false }])],
};
const addPriority: SchemaOperation = {
  op: "addField",
  table: "tasks",
  field: {
    name: "priority",
    validator: {
      kind: "union",
      members: [
        { kind: "literal", value: "low" },
        { kind: "literal", value: "high" },
      ],
    },
    optional: true,
  },
};
const good = {
  operations: [addPriority],
  explanation: "Adds an optional priority to tasks.",
  assumptions: ["Two levels are enough."],
  questions: [],
  confidence: 0.8,
};

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.requests.length = 0;
  fake.replies.length = 0;
});

const env = (): { apiKey: string; baseURL: string; model: string } => ({
  apiKey: "test-key",
  baseURL: fake.baseURL,
  model: "fake-model",
});

describe("runAssistant against a fake OpenAI server", () => {
  it("applies a valid tool call, streams text deltas and returns usage", async () => {
    fake.replies.push({
      content: "I will add a priority field.",
      toolArgs: good,
      usage: { prompt_tokens: 120, completion_tokens: 30 },
    });
    const deltas: string[] = [];
    const r = await runAssistant({
      request: "add a priority to tasks",
      schema: TASKS,
      env: env(),
      timeoutMs: 5000,
      onDelta: (t) => deltas.push(t),
    });
    expect(r.valid).toBe(true);
    expect(r.source).toBe("model");
    expect(r.operations).toEqual([addPriority]);
    expect(r.schema.tables[0].fields.map((f) => f.name)).toEqual(["title", "priority"]);
    expect(r.diff).toContain("+    priority:");
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe("I will add a priority field.");
    expect(r.usage).toEqual({ promptTokens: 120, completionTokens: 30, totalTokens: 150 });
    expect(r.attempts).toBe(1);
    // The request carried the tool, the current schema and the user's message.
    const body = fake.requests[0] as {
      model: string;
      tools: Array<{ function: { name: string } }>;
      messages: Array<{ role: string; content: string }>;
      stream: boolean;
    };
    expect(body.model).toBe("fake-model");
    expect(body.stream).toBe(true);
    expect(body.tools[0].function.name).toBe("propose_schema_changes");
    expect(body.messages[0].content).toContain("tasks: defineTable");
    expect(body.messages.at(-1)).toEqual({ role: "user", content: "add a priority to tasks" });
  });

  it("sends validation errors back and accepts the repaired call", async () => {
    const badField = {
      ...good,
      operations: [
        { op: "addField", table: "tasks", field: { name: "priority", validator: { kind: "enum" }, optional: true } },
      ],
    };
    fake.replies.push(
      { toolArgs: badField, usage: { prompt_tokens: 10, completion_tokens: 5 } },
      { toolArgs: good, usage: { prompt_tokens: 20, completion_tokens: 5 } },
    );
    const r = await runAssistant({ request: "add a priority to tasks", schema: TASKS, env: env(), timeoutMs: 5000 });
    expect(r.valid).toBe(true);
    expect(r.attempts).toBe(2);
    expect(r.usage?.totalTokens).toBe(40);
    const repair = (fake.requests[1] as { messages: Array<{ role: string; content: string }> }).messages.at(-1);
    expect(repair?.role).toBe("tool");
    expect(repair?.content).toMatch(/operations\[0\]\.field\.validator\.kind/);
  });

  it("repairs operations that parse but do not apply (unknown table)", async () => {
    const wrongTable = { ...good, operations: [{ ...addPriority, table: "todos" }] };
    fake.replies.push({ toolArgs: wrongTable }, { toolArgs: good });
    const r = await runAssistant({ request: "add a priority to tasks", schema: TASKS, env: env(), timeoutMs: 5000 });
    expect(r.valid).toBe(true);
    const repair = (fake.requests[1] as { messages: Array<{ role: string; content: string }> }).messages.at(-1);
    expect(repair?.content).toContain(`Table "todos" does not exist.`);
  });

  it("rejects with the reason after two failed repairs", async () => {
    fake.replies.push(
      { toolArgs: "{not json" },
      { toolArgs: "{still not" },
      { toolArgs: { ...good, operations: [{ ...addPriority, table: "todos" }] } },
    );
    const r = await runAssistant({ request: "add a priority to tasks", schema: TASKS, env: env(), timeoutMs: 5000 });
    expect(fake.requests.length).toBe(3);
    expect(r.valid).toBe(false);
    expect(r.operations).toEqual([]);
    expect(r.schema).toEqual(TASKS);
    expect(r.fallbackReason).toMatch(/still invalid after 2 repair attempts.*Table "todos" does not exist/);
    expect(r.errors[0]).toMatch(/todos/);
  });

  it("falls back to the designer when the model times out", async () => {
    // The reply would take a minute: answering in well under that shows the 200 ms limit cut it short, with room
    // for a loaded machine (a tight bound here failed under load).
    fake.replies.push({ toolArgs: good, delayMs: 60_000 });
    const started = performance.now();
    const r = await runAssistant({ request: "add a priority to tasks", schema: TASKS, env: env(), timeoutMs: 200 });
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(r.source).toBe("designer");
    expect(r.fallbackReason).toMatch(/did not answer within 200 ms/);
    expect(r.valid).toBe(true);
    expect(r.schema.tables[0].fields.map((f) => f.name)).toContain("priority");
  });

  it("falls back to the designer on an API error and says why", async () => {
    fake.replies.push({ status: 500 });
    const r = await runAssistant({ request: "add a priority to tasks", schema: TASKS, env: env(), timeoutMs: 5000 });
    expect(r.source).toBe("designer");
    expect(r.fallbackReason).toMatch(/request failed \(500/);
  });

  it("treats a plain text answer as a clarifying question", async () => {
    fake.replies.push({ content: "Which table should get the priority?" });
    const r = await runAssistant({
      request: "add a priority",
      schema: { ...emptySchema(), tables: [...TASKS.tables, newTable("projects")] },
      env: env(),
      timeoutMs: 5000,
    });
    expect(r.operations).toEqual([]);
    expect(r.questions).toEqual(["Which table should get the priority?"]);
    expect(r.valid).toBe(true);
  });

  it("uses the designer without a key, without calling the server", async () => {
    const r = await runAssistant({ request: "add a priority to tasks", schema: TASKS, env: {}, timeoutMs: 5000 });
    expect(fake.requests.length).toBe(0);
    expect(r.source).toBe("designer");
    expect(r.fallbackReason).toMatch(/No API key/);
  });

  it("sends at most the last turns of a long history", async () => {
    fake.replies.push({ toolArgs: good });
    const history = Array.from({ length: 50 }, (_, i) => ({
      role: i % 2 ? ("assistant" as const) : ("user" as const),
      content: `turn ${i}`,
    }));
    await runAssistant({ request: "add a priority to tasks", schema: TASKS, history, env: env(), timeoutMs: 5000 });
    const messages = (fake.requests[0] as { messages: Array<{ content: string }> }).messages;
    expect(messages.length).toBe(1 + MAX_HISTORY_TURNS + 1);
    expect(messages[1].content).toBe(`turn ${50 - MAX_HISTORY_TURNS}`);
  });
});

describe("system prompt", () => {
  it("shows an example the tool schema accepts", () => {
    const example = SYSTEM_PROMPT.slice(SYSTEM_PROMPT.indexOf('{"operations"'));
    expect(proposalArgsSchema.safeParse(JSON.parse(example)).success).toBe(true);
  });
});
