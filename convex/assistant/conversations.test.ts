import { describe, expect, it, vi } from "vitest";
import { api } from "../_generated/api";
import { newDeployment, signedIn } from "../test.setup";

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  // Work items.
  tasks: defineTable({ title: v.string() }),
});
`;

async function setup() {
  vi.useFakeTimers();
  const t = newDeployment();
  const ada = await signedIn(t, "Ada");
  const created = await ada.as.action(api.projects.projectsNode.create, {
    name: "Tasks",
    files: [{ path: "convex/schema.ts", content: SCHEMA }],
  });
  if (!created.ok) throw new Error("create failed");
  const conversationId = await ada.as.mutation(api.assistant.conversations.create, { projectId: created.projectId });
  return { t, ada, projectId: created.projectId, conversationId };
}

async function ask(s: Awaited<ReturnType<typeof setup>>, text: string) {
  await s.ada.as.mutation(api.assistant.conversations.send, { conversationId: s.conversationId, text });
  await s.t.finishAllScheduledFunctions(vi.runAllTimers);
  const messages = await s.ada.as.query(api.assistant.conversations.messages, { conversationId: s.conversationId });
  return messages.at(-1)!;
}

describe("conversations", () => {
  it("answers a schema request with a pending version whose diff keeps the file's comments", async () => {
    const s = await setup();
    const reply = await ask(s, "add soft delete to tasks");
    expect(reply, reply.text).toMatchObject({ role: "assistant", status: "done" });
    expect(reply.version, reply.text).toBeTruthy();
    expect(reply.version?.status).toBe("pending");
    expect(reply.version?.source).toContain("// Work items.");
    expect(reply.version?.source).toContain("deletedAt: v.optional(v.number())");
    await s.ada.as.mutation(api.schemaVersions.proposals.approve, { versionId: reply.version!._id });
    const project = await s.ada.as.query(api.projects.projects.get, { projectId: s.projectId });
    expect(project.version?.semver).toBe("1.1.0");
    vi.useRealTimers();
  });

  it("marks a pending proposal outdated once another change is approved (approving it would be refused)", async () => {
    const s = await setup();
    const first = await ask(s, "add soft delete to tasks");
    const second = await ask(s, "add an optional pinned boolean to tasks");
    expect(second.version).toMatchObject({ status: "pending", outdated: false });
    await s.ada.as.mutation(api.schemaVersions.proposals.approve, { versionId: first.version!._id });
    const messages = await s.ada.as.query(api.assistant.conversations.messages, { conversationId: s.conversationId });
    expect(messages.at(-1)!.version).toMatchObject({ status: "pending", outdated: true });
    await expect(
      s.ada.as.mutation(api.schemaVersions.proposals.approve, { versionId: second.version!._id }),
    ).rejects.toThrow(/STALE/);
    vi.useRealTimers();
  });

  it("answers a code request with generated functions and changes no schema", async () => {
    const s = await setup();
    const reply = await ask(s, "generate CRUD for tasks");
    const attached = JSON.parse(reply.proposalJson!) as { code: { files: Record<string, string> } };
    expect(attached.code.files["convex/tasks.ts"]).toMatch(/export const list = query\(/);
    expect(reply.version).toBeNull();
    expect(reply.text).toContain("schema-assistant generate . --tables tasks");
    vi.useRealTimers();
  });

  it("refuses empty and oversized messages, and viewers", async () => {
    const s = await setup();
    await expect(
      s.ada.as.mutation(api.assistant.conversations.send, { conversationId: s.conversationId, text: "   " }),
    ).rejects.toThrow(/Write a message first/);
    await expect(
      s.ada.as.mutation(api.assistant.conversations.send, { conversationId: s.conversationId, text: "x".repeat(5000) }),
    ).rejects.toThrow(/limited to 4000 characters/);
    const bob = await signedIn(s.t, "Bob");
    await s.t.run((ctx) =>
      ctx.db.insert("members", { projectId: s.projectId, userId: bob.userId, role: "viewer", addedAt: 0 }),
    );
    await expect(
      bob.as.mutation(api.assistant.conversations.send, { conversationId: s.conversationId, text: "add tags" }),
    ).rejects.toThrow(/needs the editor role/);
    vi.useRealTimers();
  });
});
