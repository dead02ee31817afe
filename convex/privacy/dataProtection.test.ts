import { afterEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { decryptText, encryptText, parseKeyRing } from "../lib/crypto";
import { newDeployment, signedIn } from "../test.setup";

const KEY_A = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));
const KEY_B = btoa(String.fromCharCode(...new Uint8Array(32).fill(9)));
const MODEL = JSON.stringify({ tables: [], options: {}, warnings: [] });
const DAY = 86_400_000;

afterEach(() => {
  delete process.env.MESSAGE_KEYS;
  vi.useRealTimers();
});

async function project() {
  // Scheduled replies and analyses stay queued: these tests are about storage, not the assistant.
  if (!vi.isFakeTimers()) vi.useFakeTimers();
  const t = newDeployment();
  const ada = await signedIn(t, "Ada");
  const projectId = await t.mutation(internal.projects.projects.insertParsed, {
    userId: ada.userId,
    name: "P",
    schemaSource: "x",
    modelJson: MODEL,
    sourceHash: "h",
  });
  return { t, ada, projectId };
}

describe("message encryption", () => {
  it("round-trips, fails with a wrong or missing key, and reports the key id", async () => {
    const ringA = parseKeyRing(`a:${KEY_A}`)!;
    const stored = await encryptText("add a users table", ringA);
    expect(stored).toMatch(/^enc:v1:a:/);
    expect(stored).not.toContain("users");
    expect(await decryptText(stored, ringA)).toBe("add a users table");
    await expect(decryptText(stored, parseKeyRing(`a:${KEY_B}`))).rejects.toThrow(
      /could not be decrypted with key "a"/,
    );
    await expect(decryptText(stored, parseKeyRing(`b:${KEY_B}`))).rejects.toThrow(/key "a" is not in MESSAGE_KEYS/);
    expect(() => parseKeyRing("a:c2hvcnQ=")).toThrow(/must be 32 bytes/);
  });

  it("stores conversation text encrypted and shows it decrypted to members", async () => {
    process.env.MESSAGE_KEYS = `a:${KEY_A}`;
    const { t, ada, projectId } = await project();
    const conversationId = await ada.as.mutation(api.assistant.conversations.create, { projectId });
    await ada.as.mutation(api.assistant.conversations.send, { conversationId, text: "secret plan for invoices" });
    const stored = await t.run(async (ctx) => ({
      messages: await ctx.db.query("messages").collect(),
      conversation: await ctx.db.get(conversationId),
    }));
    const userMessage = stored.messages.find((m) => m.role === "user")!;
    expect(userMessage.text).not.toContain("invoices");
    expect(stored.conversation!.title).not.toContain("invoices");
    const shown = await ada.as.query(api.assistant.conversations.messages, { conversationId });
    expect(shown.find((m) => m.role === "user")!.text).toBe("secret plan for invoices");
    expect((await ada.as.query(api.assistant.conversations.list, { projectId }))[0].title).toBe(
      "secret plan for invoices",
    );
  });

  it("rotates every message and title to the new first key", async () => {
    process.env.MESSAGE_KEYS = `a:${KEY_A}`;
    const { t, ada, projectId } = await project();
    const conversationId = await ada.as.mutation(api.assistant.conversations.create, { projectId });
    await ada.as.mutation(api.assistant.conversations.send, { conversationId, text: "rotate me" });
    vi.useFakeTimers();
    process.env.MESSAGE_KEYS = `b:${KEY_B},a:${KEY_A}`;
    await t.mutation(internal.privacy.retention.rotateMessageKeys, {});
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const stored = await t.run((ctx) => ctx.db.query("messages").collect());
    expect(stored.filter((m) => m.text).every((m) => m.text.startsWith("enc:v1:b:"))).toBe(true);
    process.env.MESSAGE_KEYS = `b:${KEY_B}`; // the old key can go
    expect((await ada.as.query(api.assistant.conversations.list, { projectId }))[0].title).toBe("rotate me");
  });
});

describe("retention", () => {
  it("deletes conversations idle past the project's retention when the cron runs (fake clock)", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
    const { t, ada, projectId } = await project();
    await ada.as.mutation(api.privacy.retention.setRetention, { projectId, retentionDays: 30 });
    const old = await ada.as.mutation(api.assistant.conversations.create, { projectId, title: "old" });
    await ada.as.mutation(api.assistant.conversations.send, { conversationId: old, text: "old message" });
    vi.setSystemTime(Date.now() + 20 * DAY);
    const recent = await ada.as.mutation(api.assistant.conversations.create, { projectId, title: "recent" });
    vi.setSystemTime(Date.now() + 11 * DAY); // old: 31 days idle, recent: 11
    expect(await t.mutation(internal.privacy.retention.purgeExpired, {})).toEqual({ deleted: 1 });
    const left = await t.run(async (ctx) => ({
      conversations: (await ctx.db.query("conversations").collect()).map((c) => c._id),
      messages: (await ctx.db.query("messages").collect()).length,
    }));
    expect(left).toEqual({ conversations: [recent], messages: 0 });
    const audit = await t.run((ctx) => ctx.db.query("auditLog").collect());
    expect(audit.find((a) => a.action === "conversation.purge")).toMatchObject({ source: "system" });
    await expect(ada.as.mutation(api.privacy.retention.setRetention, { projectId, retentionDays: 0 })).rejects.toThrow(
      /whole number of days/,
    );
  });
});

describe("user data", () => {
  it("exports a user's messages decrypted and deletes them, keeping audit entries without the name", async () => {
    process.env.MESSAGE_KEYS = `a:${KEY_A}`;
    const { t, ada, projectId } = await project();
    const bob = await signedIn(t, "Bob");
    await t.run((ctx) => ctx.db.insert("members", { projectId, userId: bob.userId, role: "editor", addedAt: 0 }));
    const conversationId = await bob.as.mutation(api.assistant.conversations.create, { projectId });
    await bob.as.mutation(api.assistant.conversations.send, { conversationId, text: "bob's words" });
    const exported = await bob.as.query(api.privacy.userData.exportMine, {});
    expect(exported.messages.map((m) => m.text)).toEqual(["bob's words"]);
    expect(exported.memberships.map((m) => m.role)).toContain("editor");
    // Ada is the only owner of a project Bob uses: she cannot delete herself yet.
    await expect(ada.as.mutation(api.privacy.userData.deleteMine, {})).rejects.toThrow(/only owner/);
    await bob.as.mutation(api.privacy.userData.deleteMine, {});
    const left = await t.run(async (ctx) => ({
      bob: await ctx.db.get(bob.userId),
      messages: (await ctx.db.query("messages").collect()).filter((m) => m.authorId === bob.userId).length,
      audit: (await ctx.db.query("auditLog").collect()).filter((a) => a.actorId === bob.userId).length,
      conversationCreates: (await ctx.db.query("auditLog").collect()).filter((a) => a.action === "conversation.create")
        .length,
    }));
    expect(left).toEqual({ bob: null, messages: 0, audit: 0, conversationCreates: 1 });
  });
});
