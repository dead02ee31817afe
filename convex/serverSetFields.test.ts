import { makeFunctionReference } from "convex/server";
import { expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import { newDeployment, signedIn } from "./test.setup";

// Issue 18's small findings on Convex functions: the audit log's source was client-settable, and a missing id read
// differently from another project's id.
const MODEL = JSON.stringify({ tables: [], options: {}, warnings: [] });

async function setup() {
  vi.useFakeTimers();
  const t = newDeployment();
  const ada = await signedIn(t, "Ada");
  const eve = await signedIn(t, "Eve");
  const projectId = await t.mutation(internal.projects.projects.insertParsed, {
    userId: ada.userId,
    name: "P",
    schemaSource: "x",
    modelJson: MODEL,
    sourceHash: "h",
  });
  return { t, ada, eve, projectId };
}

it("an editor cannot write the audit log's source: the server sets it", async () => {
  const { ada, projectId } = await setup();
  for (const [path, args] of [
    ["assistant/conversations:create", { projectId, origin: "system" }],
    ["schemaVersions/proposalsNode:fromOperations", { projectId, operations: [], summary: "x", origin: "system" }],
  ] as const) {
    const call = path.startsWith("schemaVersions/proposalsNode")
      ? ada.as.action(makeFunctionReference<"action">(path), args)
      : ada.as.mutation(makeFunctionReference<"mutation">(path), args);
    await expect(call, path).rejects.toThrow(/Unexpected field `origin`/);
  }
  await ada.as.mutation(api.assistant.conversations.create, { projectId });
  const log = await ada.as.query(api.projects.audit.list, { projectId });
  expect(log.map((r) => `${r.action} ${r.source}`)).toContain("conversation.create dashboard");
  expect(log.some((r) => r.source === "system" && r.actorId === ada.userId)).toBe(false);
  vi.useRealTimers();
});

it("a missing id and another project's id get the same NOT_FOUND", async () => {
  const { t, ada, eve, projectId } = await setup();
  const conversationId = await ada.as.mutation(api.assistant.conversations.create, { projectId });
  const gone = await t.run(async (ctx) => {
    const id = await ctx.db.insert("conversations", {
      projectId,
      title: "x",
      createdBy: ada.userId,
      createdAt: 0,
      updatedAt: 0,
    });
    await ctx.db.delete(id);
    return id;
  });
  const errorOf = async (p: Promise<unknown>) =>
    p.then(
      () => "no error",
      (e: { data?: unknown }) => JSON.stringify(e.data),
    );
  const foreign = await errorOf(eve.as.query(api.assistant.conversations.messages, { conversationId }));
  const missing = await errorOf(ada.as.query(api.assistant.conversations.messages, { conversationId: gone }));
  expect(foreign).toBe('{"code":"NOT_FOUND","message":"Conversation not found."}');
  expect(missing).toBe(foreign);
  expect(await errorOf(eve.as.mutation(api.assistant.conversations.send, { conversationId, text: "hi" }))).toBe(
    foreign,
  );
  vi.useRealTimers();
});
