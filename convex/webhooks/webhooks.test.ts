import { afterEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { signPayload, verifySignature, SIGNATURE_HEADER } from "./deliverNode";
import { MAX_ATTEMPTS } from "./webhooks";
import { newDeployment, signedIn } from "../test.setup";

const SCHEMA = `export default defineSchema({ tasks: defineTable({ text: v.string() }) });`;

const KEY_A = btoa(String.fromCharCode(...new Uint8Array(32).fill(3)));
const KEY_B = btoa(String.fromCharCode(...new Uint8Array(32).fill(5)));

afterEach(() => {
  delete process.env.MESSAGE_KEYS;
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe("webhook signatures", () => {
  it("verify only the exact body, secret and a recent timestamp", async () => {
    const body = JSON.stringify({ event: "migration.completed", data: { runId: "r1" } });
    const header = await signPayload("whsec_a", body, 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(await verifySignature("whsec_a", body, header, 1_700_000_010)).toBe(true);
    expect(await verifySignature("whsec_a", body.replace("r1", "r2"), header, 1_700_000_010)).toBe(false);
    expect(await verifySignature("whsec_b", body, header, 1_700_000_010)).toBe(false);
    expect(await verifySignature("whsec_a", body, header, 1_700_000_000 + 301)).toBe(false);
    expect(await verifySignature("whsec_a", body, "t=1700000000,v1=00", 1_700_000_000)).toBe(false);
  });
});

describe("webhook deliveries", () => {
  async function setup() {
    vi.useFakeTimers();
    const t = newDeployment();
    const ada = await signedIn(t, "Ada");
    const projectId = await t.mutation(internal.projects.projects.insertParsed, {
      userId: ada.userId,
      name: "P",
      schemaSource: SCHEMA,
      modelJson: JSON.stringify({ tables: [], options: {}, warnings: [] }),
      sourceHash: "h",
    });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const hook = await ada.as.mutation(api.webhooks.webhooks.create, {
      projectId,
      url: "https://hooks.example.com/in",
      events: ["migration.completed"],
    });
    return { t, ada, projectId, hook };
  }

  it("signs each delivery so the receiver can verify it, and logs it as delivered", async () => {
    const { t, ada, projectId, hook } = await setup();
    const seen: { body: string; signature: string }[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (_url, init) => {
      seen.push({ body: String(init?.body), signature: new Headers(init?.headers).get(SIGNATURE_HEADER)! });
      return new Response("ok", { status: 200 });
    });
    await t.mutation(internal.webhooks.webhooks.emit, {
      projectId,
      event: "migration.completed",
      data: { runId: "r1" },
    });
    await t.mutation(internal.webhooks.webhooks.emit, { projectId, event: "migration.failed", data: {} }); // not subscribed
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(seen).toHaveLength(1);
    expect(JSON.parse(seen[0].body)).toMatchObject({ event: "migration.completed", projectId, data: { runId: "r1" } });
    const t0 = Number(/t=(\d+)/.exec(seen[0].signature)![1]);
    expect(await verifySignature(hook.secret, seen[0].body, seen[0].signature, t0)).toBe(true);
    const log = await ada.as.query(api.webhooks.webhooks.deliveries, { projectId });
    expect(log.map((d) => [d.event, d.status, d.attempts, d.lastStatusCode])).toEqual([
      ["migration.completed", "delivered", 1, 200],
    ]);
  });

  it("retries failures with growing waits, then marks the delivery failed", async () => {
    const { t, ada, projectId } = await setup();
    const times: number[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async () => {
      times.push(Date.now());
      return new Response("no", { status: 503 });
    });
    await t.mutation(internal.webhooks.webhooks.emit, { projectId, event: "migration.completed", data: {} });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(times).toHaveLength(MAX_ATTEMPTS);
    const gaps = times.slice(1).map((x, i) => x - times[i]);
    expect(gaps).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
    const [delivery] = await ada.as.query(api.webhooks.webhooks.deliveries, { projectId });
    expect(delivery).toMatchObject({
      status: "failed",
      attempts: MAX_ATTEMPTS,
      lastStatusCode: 503,
      lastError: "HTTP 503",
    });
  });

  it("refuses non-https URLs and unknown events", async () => {
    const { ada, projectId } = await setup();
    await expect(
      ada.as.mutation(api.webhooks.webhooks.create, {
        projectId,
        url: "http://example.com",
        events: ["migration.completed"],
      }),
    ).rejects.toThrow(/https/);
    await expect(
      ada.as.mutation(api.webhooks.webhooks.create, { projectId, url: "https://example.com", events: ["nope"] }),
    ).rejects.toThrow(/unknown: .*nope/);
  });

  it("refuses targets inside the deployment's network at creation (issue 18's SSRF findings)", async () => {
    const { ada, projectId } = await setup();
    for (const url of [
      "https://169.254.169.254/latest/meta-data/",
      "https://10.0.0.1/",
      "https://127.0.0.1:3410/",
      "http://localhost:3410/api/admin/batch",
      "https://[::ffff:7f00:1]/",
      "https://2130706433/",
    ]) {
      await expect(
        ada.as.mutation(api.webhooks.webhooks.create, { projectId, url, events: ["migration.completed"] }),
        url,
      ).rejects.toThrow(/public addresses|this machine|https/);
    }
  });

  it("records a redirect as the result, without following it or retrying", async () => {
    const { t, ada, projectId } = await setup();
    const calls: string[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (url, init) => {
      calls.push(String(url));
      expect((init as { redirect?: string }).redirect).toBe("manual");
      return new Response(null, { status: 307, headers: { Location: "https://10.0.0.1/inside" } });
    });
    await t.mutation(internal.webhooks.webhooks.emit, { projectId, event: "migration.completed", data: {} });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(calls).toEqual(["https://hooks.example.com/in"]);
    const [delivery] = await ada.as.query(api.webhooks.webhooks.deliveries, { projectId });
    expect(delivery).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: 307 });
    expect(delivery.lastError).toMatch(/redirects are not followed.*10\.0\.0\.1/);
  });

  it("refuses at delivery a stored target that is no longer allowed (a row from before the check)", async () => {
    const { t, ada, projectId } = await setup();
    await t.run((ctx) =>
      ctx.db.insert("webhooks", {
        projectId,
        url: "https://169.254.169.254/latest",
        events: ["migration.failed"],
        secret: "whsec_x",
        active: true,
        createdBy: ada.userId,
        createdAt: 0,
      }),
    );
    const fetched = vi.spyOn(globalThis, "fetch");
    await t.mutation(internal.webhooks.webhooks.emit, { projectId, event: "migration.failed", data: {} });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(fetched).not.toHaveBeenCalled();
    const [delivery] = await ada.as.query(api.webhooks.webhooks.deliveries, { projectId });
    expect(delivery).toMatchObject({ status: "failed", attempts: 1 });
    expect(delivery.lastError).toMatch(/^Refused: .*linkLocal/);
  });

  it("keeps signing secrets encrypted at rest, reads old plain-text rows and rotates them to the new key", async () => {
    process.env.MESSAGE_KEYS = `a:${KEY_A}`;
    const { t, ada, projectId, hook } = await setup();
    const storedSecret = (id: Id<"webhooks">) => t.run(async (ctx) => (await ctx.db.get(id))!.secret);
    expect(await storedSecret(hook.webhookId)).toMatch(/^enc:v1:a:/);
    expect(await storedSecret(hook.webhookId)).not.toContain(hook.secret.slice(6));
    const legacy = await t.run((ctx) =>
      ctx.db.insert("webhooks", {
        projectId,
        url: "https://old.example.com/in",
        events: ["migration.completed"],
        secret: "whsec_legacy",
        active: true,
        createdBy: ada.userId,
        createdAt: 0,
      }),
    );
    const seen = new Map<string, { body: string; signature: string }[]>();
    vi.spyOn(globalThis, "fetch").mockImplementation(async (url, init) => {
      const list = seen.get(String(url)) ?? [];
      list.push({ body: String(init?.body), signature: new Headers(init?.headers).get(SIGNATURE_HEADER)! });
      seen.set(String(url), list);
      return new Response("ok");
    });
    const verifiesAll = async (url: string, secret: string) => {
      const list = seen.get(url) ?? [];
      for (const d of list)
        if (!(await verifySignature(secret, d.body, d.signature, Number(/t=(\d+)/.exec(d.signature)![1]))))
          return false;
      return list.length;
    };
    await t.mutation(internal.webhooks.webhooks.emit, { projectId, event: "migration.completed", data: {} });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await verifiesAll("https://hooks.example.com/in", hook.secret)).toBe(1);
    expect(await verifiesAll("https://old.example.com/in", "whsec_legacy")).toBe(1);

    // Rotation: a new first key; the chain re-encrypts messages, titles, then every webhook secret (the plain one too).
    process.env.MESSAGE_KEYS = `b:${KEY_B},a:${KEY_A}`;
    await t.mutation(internal.privacy.retention.rotateMessageKeys, {});
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await storedSecret(hook.webhookId)).toMatch(/^enc:v1:b:/);
    expect(await storedSecret(legacy)).toMatch(/^enc:v1:b:/);
    process.env.MESSAGE_KEYS = `b:${KEY_B}`;
    await t.mutation(internal.webhooks.webhooks.emit, { projectId, event: "migration.completed", data: {} });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await verifiesAll("https://hooks.example.com/in", hook.secret)).toBe(2);
    expect(await verifiesAll("https://old.example.com/in", "whsec_legacy")).toBe(2);
    const log = await ada.as.query(api.webhooks.webhooks.deliveries, { projectId });
    expect(log.every((d) => d.status === "delivered")).toBe(true);
  });
});
