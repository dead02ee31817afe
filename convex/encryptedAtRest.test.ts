import { afterEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import { newDeployment, signedIn } from "./test.setup";

// Issue 18: everything derived from what a user wrote — version summaries, the assistant's proposal (its questions
// and assumptions quote the request), conversation titles — is encrypted at rest like the messages.
const KEY_A = btoa(String.fromCharCode(...new Uint8Array(32).fill(21)));
const KEY_B = btoa(String.fromCharCode(...new Uint8Array(32).fill(22)));
const SCHEMA = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ tasks: defineTable({ text: v.string() }) });\n`;

afterEach(() => {
  delete process.env.MESSAGE_KEYS;
  vi.useRealTimers();
});

async function setup() {
  vi.useFakeTimers();
  const t = newDeployment();
  const ada = await signedIn(t, "Ada");
  const created = await ada.as.action(api.projects.projectsNode.create, {
    name: "P",
    files: [{ path: "convex/schema.ts", content: SCHEMA }],
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  return { t, ada, projectId: created.projectId };
}

/** Every stored text a user's words can reach, as stored. */
async function storedTexts(t: Awaited<ReturnType<typeof setup>>["t"]) {
  return await t.run(async (ctx) => ({
    summaries: (await ctx.db.query("schemaVersions").collect()).map((v) => v.summary),
    proposals: (await ctx.db.query("messages").collect()).flatMap((m) => (m.proposalJson ? [m.proposalJson] : [])),
    titles: (await ctx.db.query("conversations").collect()).map((c) => c.title),
  }));
}

describe("text derived from a user's message", () => {
  it("is stored encrypted and shown decrypted: summary, proposal (questions, assumptions) and title", async () => {
    process.env.MESSAGE_KEYS = `a:${KEY_A}`;
    const { t, ada, projectId } = await setup();
    await ada.as.mutation(api.assistant.conversations.create, { projectId, title: "Zebrafish lab notes" });
    const conversationId = await ada.as.mutation(api.assistant.conversations.create, { projectId });
    await ada.as.mutation(api.assistant.conversations.send, {
      conversationId,
      text: "Add a zebrafish table with a name and a tank number",
    });
    await t.finishAllScheduledFunctions(vi.runAllTimers);

    const stored = await storedTexts(t);
    expect(stored.proposals.length).toBeGreaterThan(0);
    const everything = [...stored.summaries, ...stored.proposals, ...stored.titles].join("\n");
    expect(everything).not.toMatch(/zebrafish/i);
    expect(stored.proposals.every((p) => p.startsWith("enc:v1:a:"))).toBe(true);

    const shown = await ada.as.query(api.assistant.conversations.messages, { conversationId });
    const reply = shown.find((m) => m.role === "assistant")!;
    expect(reply.proposalJson).toMatch(/zebrafish/i);
    expect(() => JSON.parse(reply.proposalJson!)).not.toThrow();
    const pending = await ada.as.query(api.schemaVersions.proposals.pending, { projectId });
    expect(pending[0].summary).toBe("Add a zebrafish table with a name and a tank number");
    const history = await ada.as.query(api.migrations.plans.history, { projectId });
    expect(history.map((h) => h.summary)).toContain("Add a zebrafish table with a name and a tank number");
    const titles = (await ada.as.query(api.assistant.conversations.list, { projectId })).map((c) => c.title);
    expect(titles).toEqual(
      expect.arrayContaining(["Zebrafish lab notes", "Add a zebrafish table with a name and a tank number"]),
    );
  });

  it("reads rows stored in plain text before encryption, and the key rotation encrypts them", async () => {
    const { t, ada, projectId } = await setup(); // no MESSAGE_KEYS yet: rows are written as before encryption
    const conversationId = await ada.as.mutation(api.assistant.conversations.create, {
      projectId,
      title: "Plain okapi title",
    });
    await ada.as.mutation(api.assistant.conversations.send, { conversationId, text: "Add an okapi table with a name" });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const before = await storedTexts(t);
    expect([...before.summaries, ...before.proposals, ...before.titles].join("\n")).toMatch(/okapi/i);

    process.env.MESSAGE_KEYS = `a:${KEY_A}`;
    expect((await ada.as.query(api.schemaVersions.proposals.pending, { projectId }))[0].summary).toBe(
      "Add an okapi table with a name",
    );

    process.env.MESSAGE_KEYS = `b:${KEY_B},a:${KEY_A}`;
    await t.mutation(internal.privacy.retention.rotateMessageKeys, {});
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const after = await storedTexts(t);
    expect([...after.summaries, ...after.proposals, ...after.titles].join("\n")).not.toMatch(/okapi/i);
    for (const text of [
      ...after.summaries,
      ...after.proposals,
      ...after.titles.filter((x) => x !== "New conversation"),
    ])
      expect(text).toMatch(/^enc:v1:b:/);

    process.env.MESSAGE_KEYS = `b:${KEY_B}`; // the old key can go once the chain is done
    expect((await ada.as.query(api.schemaVersions.proposals.pending, { projectId }))[0].summary).toBe(
      "Add an okapi table with a name",
    );
    expect((await ada.as.query(api.assistant.conversations.list, { projectId })).map((c) => c.title)).toContain(
      "Plain okapi title",
    );
    const reply = (await ada.as.query(api.assistant.conversations.messages, { conversationId })).find(
      (m) => m.role === "assistant",
    )!;
    expect(reply.proposalJson).toMatch(/okapi/i);
  });
});
