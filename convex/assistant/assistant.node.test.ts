import { ConvexClient } from "convex/browser";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import WebSocket from "ws";
import { startBackend, type RunningBackend } from "../../backend/index";
import { localSignIn } from "../../backend/testing";
import { startFakeOpenAI, type FakeOpenAI } from "../../lib/assistant/testing/fake-openai";
import { api } from "../_generated/api";

// The chat path end to end on the embedded backend, with the model path against a local fake OpenAI server:
// streamed text reaches the stored reply, the tool call becomes a pending version, and token use is recorded.
let backend: RunningBackend;
let fake: FakeOpenAI;
let dataDir: string;

beforeAll(async () => {
  fake = await startFakeOpenAI([
    {
      content: "Adding a tags table for labelling notes.",
      chunks: 4,
      toolArgs: {
        operations: [
          {
            op: "createTable",
            table: "tags",
            fields: [{ name: "name", validator: { kind: "string" }, optional: false }],
          },
        ],
        explanation: "Adds a tags table.",
        assumptions: ["Tag names are free text."],
        questions: [],
        confidence: 0.8,
      },
      usage: { prompt_tokens: 120, completion_tokens: 30 },
    },
  ]);
  dataDir = mkdtempSync(path.join(os.tmpdir(), "sa-assistant-"));
  backend = await startBackend({
    projectDir: path.resolve(__dirname, "../.."),
    dataDir,
    port: 0,
    env: { OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: "fake-model" },
    log: () => undefined,
  });
});

afterAll(async () => {
  await backend?.close();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it("streams a model reply into the conversation and stores its proposal as a pending version", async () => {
  const { token } = await localSignIn(backend.url, { name: "Ada", email: "ada@example.com" });
  const client = new ConvexClient(backend.url, {
    webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  client.setAuth(async () => token);
  await client.mutation(api.team.users.ensure, {});
  const created = await client.action(api.projects.projectsNode.create, {
    name: "Notes",
    files: [
      {
        path: "convex/schema.ts",
        content: `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ notes: defineTable({ text: v.string() }) });\n`,
      },
    ],
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const conversationId = await client.mutation(api.assistant.conversations.create, { projectId: created.projectId });

  const texts: string[] = [];
  let done: ((v: unknown) => void) | null = null;
  const finished = new Promise((resolve) => (done = resolve));
  client.onUpdate(api.assistant.conversations.messages, { conversationId }, (messages) => {
    const reply = messages.find((m) => m.role === "assistant");
    if (reply?.text) texts.push(reply.text);
    if (reply?.status === "done") done?.(reply);
  });
  await client.mutation(api.assistant.conversations.send, { conversationId, text: "add tags" });
  const reply = (await finished) as { proposalJson: string; version: { status: string; source: string } | null };

  expect(JSON.parse(reply.proposalJson)).toMatchObject({
    source: "model",
    assumptions: ["Tag names are free text."],
    valid: true,
  });
  expect(reply.version?.status).toBe("pending");
  expect(reply.version?.source).toContain("tags: defineTable");
  expect(fake.requests[0]).toMatchObject({ model: "fake-model", stream: true });
  const conversations = await client.query(api.assistant.conversations.list, { projectId: created.projectId });
  expect(conversations[0]).toMatchObject({ promptTokens: 120, completionTokens: 30 });
  await client.close();
}, 60_000);
