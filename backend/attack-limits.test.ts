/**
 * Issue 18's findings other than sign-in, tried as an attacker would against the running embedded backend serving
 * this app (and the dashboard's proxy route, called as Next calls it): each must now be refused.
 * Bodies read before anyone is checked (60 MB anonymous POSTs, a 70 MB body → 500, 200 MB through the proxy),
 * 500s for bad percent-encoding and a 200,000-deep `defaults`, webhooks into the deployment's network and through a
 * redirect, a Bearer API token refused as a JWT, a bad token answered after its body, nothing rate limited without
 * a token, the proxy dropping Retry-After / Location / CORS headers, world-readable files in the data folder.
 */
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBackend, type RunningBackend } from "./index.js";
import { TEST_PASSWORD, until } from "./testing.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SCHEMA = (fields: string) =>
  `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ tasks: defineTable({ ${fields} }) });\n`;
const KEY = Buffer.alloc(32, 5).toString("base64");
const MB = 1024 * 1024;

const ensure = makeFunctionReference<"mutation">("team/users:ensure");
const createProject = makeFunctionReference<
  "action",
  { name: string; files: { path: string; content: string }[] },
  { ok: true; projectId: string } | { ok: false; errors: unknown }
>("projects/projectsNode:create");
const createToken = makeFunctionReference<
  "mutation",
  { projectId: string; name: string; role: string },
  { secret: string }
>("httpApi/tokens:create");
const createWebhook = makeFunctionReference<
  "mutation",
  { projectId: string; url: string; events: string[] },
  { webhookId: string }
>("webhooks/webhooks:create");
const listWebhooks = makeFunctionReference<
  "query",
  { projectId: string },
  { _id: string; active: boolean; disabledReason?: string }[]
>("webhooks/webhooks:list");
const deliveries = makeFunctionReference<
  "query",
  { projectId: string },
  { status: string; lastError?: string; lastStatusCode?: number }[]
>("webhooks/webhooks:deliveries");
const emit = makeFunctionReference<"mutation", { projectId: string; event: string; data: unknown }>(
  "webhooks/webhooks:emit",
);
const insertBatch = makeFunctionReference<"mutation", { projectId: string; table: string; docs: unknown[] }>(
  "migrations/sandbox:insertBatch",
);

let backend: RunningBackend;
let dataDir: string;
let projectId: string;
let token: string;
let owner: ConvexHttpClient;
let admin: ConvexHttpClient;
const servers: http.Server[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "sa-attack-limits-"));
  // A data folder written by an older version with a loose umask: fixed on start.
  mkdirSync(path.join(dataDir, "old"), { mode: 0o755 });
  writeFileSync(path.join(dataDir, "old", "backend.log"), "secrets", { mode: 0o644 });
  chmodSync(dataDir, 0o755);
  process.env.ANON_RATE_PER_MINUTE = "100000";
  backend = await startBackend({
    projectDir: ROOT,
    dataDir,
    port: 0,
    env: { SCHEMA_ASSISTANT_DEMO: "0", MESSAGE_KEYS: `k1:${KEY}` },
    log: () => undefined,
  });
  const signUp = await fetch(`${backend.url}/local-auth/sign-up`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Ada", email: "ada@example.com", password: TEST_PASSWORD }),
  });
  expect(signUp.status).toBe(200);
  owner = new ConvexHttpClient(backend.url);
  owner.setAuth(((await signUp.json()) as { token: string }).token);
  admin = new ConvexHttpClient(backend.url);
  (admin as unknown as { setAdminAuth(key: string): void }).setAdminAuth(backend.adminKey);
  await owner.mutation(ensure, {});
  const created = await owner.action(createProject, {
    name: "Target",
    files: [{ path: "convex/schema.ts", content: SCHEMA("title: v.string()") }],
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  projectId = created.projectId;
  token = (await owner.mutation(createToken, { projectId, name: "ci", role: "editor" })).secret;
}, 120_000);

afterAll(async () => {
  delete process.env.ANON_RATE_PER_MINUTE;
  delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  await backend?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Streams up to `total` bytes to `url` and reports the answer and how many bytes the server let in before it. */
function streamPost(
  url: string,
  total: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    let sent = 0;
    let answered = false;
    const req = http.request(
      url,
      { method: "POST", headers: { "content-type": "application/json", ...headers } },
      (res) => {
        answered = true;
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sent }));
      },
    );
    req.on("error", (err) => (answered ? undefined : reject(err)));
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("limits before work", () => {
  it("cuts off anonymous 60 MB bodies at 1 MiB with 413 PAYLOAD_TOO_LARGE, 8 in parallel", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => streamPost(`${backend.siteUrl}/api/schema/chat`, 60 * MB)),
    );
    for (const r of results) {
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
      expect(r.sent).toBeLessThan(60 * MB); // the server stopped reading long before the end
    }
  });

  it("refuses a declared 70 MB body before reading it, with JSON and a code (not a 500 in plain text)", async () => {
    // fetch refuses to send a lying Content-Length; a raw request sends the header as an attacker would.
    const raw = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        `${backend.siteUrl}/api/schema/migrate`,
        {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": String(70 * MB), "X-API-Key": token },
        },
        (r) => {
          let body = "";
          r.on("data", (c) => (body += c));
          r.on("end", () => resolve({ status: r.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      req.write("{");
    });
    expect(raw.status).toBe(413);
    expect(JSON.parse(raw.body).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("caps function calls on the deployment URL before the body is read (8 MiB without the admin key)", async () => {
    const r = await streamPost(`${backend.url}/api/mutation`, 40 * MB);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("checks the token before the body: an invalid X-API-Key is 401 even with a bad or huge body", async () => {
    const bad = { "X-API-Key": `sa_${"0".repeat(64)}`, "content-type": "application/json" };
    for (const route of ["chat", "migrate", "versions"]) {
      for (const body of [
        "not json",
        JSON.stringify({ projectId, message: "x".repeat(40_000) }),
        `{"projectId":${"[".repeat(100_000)}`,
      ]) {
        const res = await fetch(`${backend.siteUrl}/api/schema/${route}`, { method: "POST", headers: bad, body });
        expect(res.status, route).toBe(401);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("INVALID_TOKEN");
      }
    }
  });

  it("accepts the API token as Authorization: Bearer sa_… (not parsed as a JWT)", async () => {
    const res = await fetch(`${backend.siteUrl}/api/schema/analyze/${projectId}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect([200, 202]).toContain(res.status);
  });

  it("answers bad percent-encoding, bad ids and a 200,000-deep body with a 4xx and a code, never a 500", async () => {
    const get = async (route: string) => {
      const res = await fetch(`${backend.siteUrl}${route}`, { headers: { "X-API-Key": token } });
      return { status: res.status, code: ((await res.json()) as { error?: { code: string } }).error?.code };
    };
    expect(await get("/api/schema/analyze/%E0%A4%A")).toEqual({ status: 400, code: "INVALID_PATH" });
    expect(await get(`/api/schema/migrate/runs/${projectId}/%00%ff`)).toEqual({ status: 400, code: "INVALID_PATH" });
    expect(await get(`/api/schema/migrate/runs/${projectId}/not-an-id`)).toEqual({ status: 404, code: "NOT_FOUND" });
    expect(await get(`/api/schema/migrate/runs/not-a-project/x`)).toEqual({ status: 404, code: "PROJECT_NOT_FOUND" });
    const deep = `{"projectId":"${projectId}","targetSchema":"x","options":{"defaults":${"[".repeat(200_000)}${"]".repeat(200_000)}}}`;
    const res = await fetch(`${backend.siteUrl}/api/schema/migrate`, {
      method: "POST",
      headers: { "X-API-Key": token, "content-type": "application/json" },
      body: deep,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("JSON_TOO_DEEP");
    const call = await fetch(`${backend.url}/api/mutation`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"path":"team/users:ensure","args":[${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}]}`,
    });
    expect(call.status).toBe(400);
    expect(((await call.json()) as { code: string }).code).toBe("JsonTooDeep");
  });

  it("rate limits unauthenticated attempts per address: 429 RATE_LIMITED with Retry-After, other addresses unaffected", async () => {
    process.env.ANON_RATE_PER_MINUTE = "20"; // 10 attempts at once, then one every 3 s
    try {
      const attempt = (address: string, headers: Record<string, string> = {}) =>
        fetch(`${backend.siteUrl}/api/schema/analyze/${projectId}`, {
          headers: { "X-Forwarded-For": address, ...headers },
        });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++)
        statuses.push((await attempt("203.0.113.7", i % 2 ? { "X-API-Key": "sa_wrong" } : {})).status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(10);
      expect(statuses.slice(10)).toEqual([429, 429]);
      const limited = await attempt("203.0.113.7");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
      expect((await attempt("198.51.100.2")).status).toBe(401);
      // A token holder is limited per token, not per address: valid calls take nothing from the address's allowance.
      for (let i = 0; i < 15; i++)
        expect([200, 202]).toContain((await attempt("192.0.2.9", { "X-API-Key": token })).status);
    } finally {
      process.env.ANON_RATE_PER_MINUTE = "100000";
    }
  });
});

describe("refused credentials on the deployment URL", () => {
  it("are counted per address: after the allowance, 429 RATE_LIMITED before any work", async () => {
    process.env.ANON_RATE_PER_MINUTE = "20"; // 10 at once
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await fetch(`${backend.url}/api/admin/export`, { headers: { Authorization: `Convex wrong-${i}` } });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses.slice(10)).toEqual([429, 429]);
      const limited = await fetch(`${backend.url}/api/query`, {
        method: "POST",
        headers: { "content-type": "application/json", Authorization: "Bearer not-a-jwt" },
        body: "{}",
      });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      process.env.ANON_RATE_PER_MINUTE = "100000";
      await new Promise((r) => setTimeout(r, 50)); // the refill at the restored rate lets the next tests through
    }
  });
});

describe("webhooks into the deployment's network", () => {
  async function receiver(respond: (res: http.ServerResponse) => void = (res) => res.end("ok")) {
    const hits: string[] = [];
    const server = http.createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      req.resume();
      respond(res);
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    return { port: (server.address() as AddressInfo).port, hits };
  }

  it("refuses metadata, private and loopback targets at creation", async () => {
    for (const url of [
      "https://169.254.169.254/latest/meta-data/",
      "https://10.0.0.1/",
      `https://127.0.0.1:${new URL(backend.url).port}/`,
      `http://localhost:${new URL(backend.url).port}/api/admin/batch`,
    ]) {
      await expect(
        owner.mutation(createWebhook, { projectId, url, events: ["migration.completed"] }),
        url,
      ).rejects.toThrow(/public addresses|this machine|https/);
    }
  });

  it("turns off a webhook whose name resolves to this machine, and never delivers to it", async () => {
    const target = await receiver();
    const url = `https://${os.hostname()}:${target.port}/hook`; // a name: only resolving it shows it is loopback/private
    const { webhookId } = await owner.mutation(createWebhook, { projectId, url, events: ["migration.failed"] });
    const hook = await until(
      () => owner.query(listWebhooks, { projectId }),
      (rows) => rows.some((h) => h._id === webhookId && !h.active),
      { what: "the webhook to be turned off" },
    );
    expect(hook.find((h) => h._id === webhookId)!.disabledReason).toMatch(/resolves to .*(loopback|private)/);
    // Events no longer go to it (a delivery to a name that resolves inside is refused too: webhookTargets.node.test.ts).
    await admin.mutation(emit, { projectId, event: "migration.failed", data: {} });
    expect(await owner.query(deliveries, { projectId })).toEqual([]);
    expect(target.hits).toEqual([]);
  });

  it("does not follow a redirect to a host that creation refuses", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1"; // the local-testing setting: receivers on 127.0.0.1 may be called
    try {
      const inside = await receiver();
      const redirecting = await receiver((res) => {
        res.writeHead(307, { Location: `http://127.0.0.1:${inside.port}/api/admin/batch` });
        res.end();
      });
      await owner.mutation(createWebhook, {
        projectId,
        url: `http://127.0.0.1:${redirecting.port}/hook`,
        events: ["analysis.completed"],
      });
      await admin.mutation(emit, { projectId, event: "analysis.completed", data: {} });
      const rows = await until(
        () => owner.query(deliveries, { projectId }),
        (r) => r.some((d) => d.lastStatusCode === 307),
        { what: "the redirect's delivery" },
      );
      expect(rows.find((d) => d.lastStatusCode === 307)).toMatchObject({
        status: "failed",
        lastError: expect.stringMatching(/redirects are not followed/),
      });
      expect(redirecting.hits).toEqual(["POST /hook"]);
      expect(inside.hits).toEqual([]);
    } finally {
      delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
    }
  });
});

describe("the dashboard's proxy of the HTTP API", () => {
  type Handler = (request: Request, ctx: { params: Promise<{ path: string[] }> }) => Promise<Response>;
  let route: { GET: Handler; POST: Handler; OPTIONS: Handler };
  beforeAll(async () => {
    process.env.CONVEX_SITE_URL = backend.siteUrl;
    route = (await import("../app/api/schema/[...path]/route.js")) as unknown as typeof route;
  });
  afterAll(() => {
    delete process.env.CONVEX_SITE_URL;
  });
  const params = (...path: string[]) => ({ params: Promise.resolve({ path }) });

  it("answers malformed percent-encoding with 400 INVALID_PATH before Next's router (which answers a bare 500)", async () => {
    const { NextRequest } = await import("next/server.js");
    const { proxy } = await import("../proxy.js");
    for (const bad of ["/api/schema/analyze/%E0%A4%A", "/api/schema/migrate/runs/p/%00%ff"]) {
      const res = proxy(new NextRequest(`http://dashboard.test${bad}`));
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("INVALID_PATH");
    }
    expect(
      proxy(new NextRequest("http://dashboard.test/api/schema/analyze/abc%20d")).headers.get("x-middleware-next"),
    ).toBe("1");
  });

  it("stops reading a 200 MB body at 1 MiB and answers 413 with a code", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 200 * MB) return controller.close();
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const res = await route.POST(
      new Request("http://dashboard.test/api/schema/chat", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.20" },
        body,
        duplex: "half",
      } as RequestInit),
      params("chat"),
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(pulled).toBeLessThan(2 * MB);
  });

  it("passes Retry-After, Location and CORS headers through", async () => {
    const analyze = await route.GET(
      new Request(`http://dashboard.test/api/schema/analyze/${projectId}`, { headers: { "X-API-Key": token } }),
      params("analyze", projectId),
    );
    expect(analyze.headers.get("access-control-allow-origin")).not.toBeNull();
    if (analyze.status === 202) expect(analyze.headers.get("retry-after")).toBe("2");
    // A migration run answers 202 with the run's URL to poll.
    await admin.mutation(insertBatch, {
      projectId,
      table: "tasks",
      docs: Array.from({ length: 20 }, (_, i) => ({
        _id: `tasks:${i}`,
        _creationTime: 1_700_000_000_000 + i,
        title: `T${i}`,
      })),
    });
    const run = await route.POST(
      new Request("http://dashboard.test/api/schema/migrate", {
        method: "POST",
        headers: { "X-API-Key": token, "content-type": "application/json" },
        body: JSON.stringify({
          projectId,
          targetSchema: SCHEMA("title: v.string(), priority: v.string()"),
          options: { run: true, defaults: { "tasks.priority": "medium" } },
        }),
      }),
      params("migrate"),
    );
    const runBody = (await run.json()) as { runId?: string; error?: unknown };
    expect(run.status, JSON.stringify(runBody)).toBe(202);
    expect(run.headers.get("location")).toBe(`/api/schema/migrate/runs/${projectId}/${runBody.runId}`);
    // 429 keeps Retry-After.
    process.env.ANON_RATE_PER_MINUTE = "2";
    try {
      let limited: Response | null = null;
      for (let i = 0; i < 5 && !limited; i++) {
        const res = await route.GET(
          new Request(`http://dashboard.test/api/schema/analyze/${projectId}`, {
            headers: { "x-forwarded-for": "203.0.113.50" },
          }),
          params("analyze", projectId),
        );
        if (res.status === 429) limited = res;
      }
      expect(limited?.headers.get("retry-after")).toMatch(/^\d+$/);
    } finally {
      process.env.ANON_RATE_PER_MINUTE = "100000";
    }
  });
});

describe("the admin key", () => {
  it("is refused when wrong, whatever its length (compared as SHA-256 digests in constant time)", async () => {
    const key = backend.adminKey;
    for (const wrong of ["", "x", key.slice(0, -1), `${key.slice(0, -1)}${key.endsWith("0") ? "1" : "0"}`, `${key}0`]) {
      const res = await fetch(`${backend.url}/api/admin/export`, { headers: { Authorization: `Convex ${wrong}` } });
      expect(res.status, wrong.slice(-4)).toBe(401);
    }
    expect(
      (await fetch(`${backend.url}/api/admin/export`, { headers: { Authorization: `Convex ${key}` } })).status,
    ).toBe(200);
  });
});

describe("the data folder", () => {
  it("is readable by its owner only, including files written before the fix", () => {
    const loose: string[] = [];
    const walk = (p: string) => {
      const st = statSync(p);
      if (st.isDirectory()) {
        if ((st.mode & 0o777) !== 0o700) loose.push(`${p} ${(st.mode & 0o777).toString(8)}`);
        for (const name of readdirSync(p)) walk(path.join(p, name));
      } else if (st.mode & 0o077) loose.push(`${p} ${(st.mode & 0o777).toString(8)}`);
    };
    walk(dataDir);
    // Bundles of the app's own functions (.build) are written by esbuild; the folder above them is 0700.
    expect(loose.filter((l) => !l.includes(`${path.sep}.build${path.sep}`))).toEqual([]);
  });
});
