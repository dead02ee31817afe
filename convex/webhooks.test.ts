import { afterEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import { signPayload, verifySignature, SIGNATURE_HEADER } from "./webhooksDeliver";
import { MAX_ATTEMPTS } from "./webhooks";
import { newDeployment, signedIn } from "./test.setup";

const SCHEMA = `export default defineSchema({ tasks: defineTable({ text: v.string() }) });`;

afterEach(() => {
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
    const projectId = await t.mutation(internal.projects.insertParsed, { userId: ada.userId, name: "P", schemaSource: SCHEMA, modelJson: JSON.stringify({ tables: [], options: {}, warnings: [] }), sourceHash: "h" });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const hook = await ada.as.mutation(api.webhooks.create, { projectId, url: "https://hooks.example.com/in", events: ["migration.completed"] });
    return { t, ada, projectId, hook };
  }

  it("signs each delivery so the receiver can verify it, and logs it as delivered", async () => {
    const { t, ada, projectId, hook } = await setup();
    const seen: { body: string; signature: string }[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (_url, init) => {
      seen.push({ body: String(init?.body), signature: new Headers(init?.headers).get(SIGNATURE_HEADER)! });
      return new Response("ok", { status: 200 });
    });
    await t.mutation(internal.webhooks.emit, { projectId, event: "migration.completed", data: { runId: "r1" } });
    await t.mutation(internal.webhooks.emit, { projectId, event: "migration.failed", data: {} }); // not subscribed
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(seen).toHaveLength(1);
    expect(JSON.parse(seen[0].body)).toMatchObject({ event: "migration.completed", projectId, data: { runId: "r1" } });
    const t0 = Number(/t=(\d+)/.exec(seen[0].signature)![1]);
    expect(await verifySignature(hook.secret, seen[0].body, seen[0].signature, t0)).toBe(true);
    const log = await ada.as.query(api.webhooks.deliveries, { projectId });
    expect(log.map((d) => [d.event, d.status, d.attempts, d.lastStatusCode])).toEqual([["migration.completed", "delivered", 1, 200]]);
  });

  it("retries failures with growing waits, then marks the delivery failed", async () => {
    const { t, ada, projectId } = await setup();
    const times: number[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async () => {
      times.push(Date.now());
      return new Response("no", { status: 503 });
    });
    await t.mutation(internal.webhooks.emit, { projectId, event: "migration.completed", data: {} });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(times).toHaveLength(MAX_ATTEMPTS);
    const gaps = times.slice(1).map((x, i) => x - times[i]);
    expect(gaps).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
    const [delivery] = await ada.as.query(api.webhooks.deliveries, { projectId });
    expect(delivery).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lastStatusCode: 503, lastError: "HTTP 503" });
  });

  it("refuses non-https URLs and unknown events", async () => {
    const { ada, projectId } = await setup();
    await expect(ada.as.mutation(api.webhooks.create, { projectId, url: "http://example.com", events: ["migration.completed"] })).rejects.toThrow(/https/);
    await expect(ada.as.mutation(api.webhooks.create, { projectId, url: "https://example.com", events: ["nope"] })).rejects.toThrow(/unknown: .*nope/);
  });
});
