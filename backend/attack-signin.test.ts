/**
 * Issue 18's sign-in findings, tried as an attacker would against the running embedded backend serving this app:
 * each must now be refused. (1) signing in with only an existing user's email; (2) a page on another origin
 * calling sign-in or functions (CORS preflight, direct POST, WebSocket); (3) a fresh account editing another
 * account's demo project; (4) 200 sign-ups in 2 seconds. Plus: an email-only account from before passwords
 * cannot be claimed by a stranger, only with the code printed on the server's terminal, and keeps its data.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { localSubject } from "./auth.js";
import { startBackend, type RunningBackend } from "./index.js";
import { TEST_PASSWORD, until } from "./testing.js";

const DASHBOARD = "http://127.0.0.1:3999";
const EVIL = "https://evil.example";
const ensure = makeFunctionReference<"mutation", Record<string, never>, string>("team/users:ensure");
const me = makeFunctionReference<"query", Record<string, never>, { _id: string; email?: string; name: string } | null>(
  "team/users:me",
);
const listProjects = makeFunctionReference<
  "query",
  Record<string, never>,
  Array<{ _id: string; isDemo: boolean; role: string }>
>("projects/projects:list");
const sandboxSummary = makeFunctionReference<"query", { projectId: string }, Array<{ table: string; count: number }>>(
  "migrations/sandbox:summary",
);
const clearTable = makeFunctionReference<"mutation", { projectId: string; table: string }, null>(
  "migrations/sandbox:clearTable",
);
const createToken = makeFunctionReference<"mutation", { projectId: string; name: string; role: string }, unknown>(
  "httpApi/tokens:create",
);

interface Started {
  backend: RunningBackend;
  log: string[];
  dataDir: string;
}

async function start(): Promise<Started> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "sa-attack-"));
  const log: string[] = [];
  process.env.SCHEMA_ASSISTANT_DEMO = "1";
  const backend = await startBackend({
    projectDir: path.resolve(import.meta.dirname, ".."),
    dataDir,
    port: 0,
    allowedOrigins: [DASHBOARD],
    log: (l) => log.push(l),
  });
  return { backend, log, dataDir };
}

async function stop(s: Started | undefined): Promise<void> {
  if (!s) return;
  await s.backend.close();
  rmSync(s.dataDir, { recursive: true, force: true });
}

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

async function signUp(
  url: string,
  name: string,
  email: string,
  extra: Record<string, unknown> = {},
): Promise<{ token: string; user: { role: string } }> {
  const res = await post(`${url}/local-auth/sign-up`, { name, email, password: TEST_PASSWORD, ...extra });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { token: string; user: { role: string } };
}

function http(url: string, token: string): ConvexHttpClient {
  const c = new ConvexHttpClient(url);
  c.setAuth(token);
  return c;
}

describe("attack: sign-in on a running backend", () => {
  let s: Started;
  let ada: { token: string; user: { role: string } };
  beforeAll(async () => {
    s = await start();
    ada = await signUp(s.backend.url, "Ada", "ada@example.com");
  });
  afterAll(() => stop(s));

  it("refuses signing in with only an existing user's email", async () => {
    const url = s.backend.url;
    expect(ada.user.role).toBe("owner"); // the first account owns the deployment
    // The old request shape (name + email, no password) and a guessed password mint nothing.
    for (const body of [
      { name: "Ada", email: "ada@example.com" },
      { email: "ada@example.com", password: "guessed password 1" },
    ]) {
      const res = await post(`${url}/local-auth/sign-in`, body);
      expect(res.status).toBe(401);
      const json = (await res.json()) as Record<string, unknown>;
      expect(json).toMatchObject({ code: "INVALID_CREDENTIALS" });
      expect(json).not.toHaveProperty("token");
    }
    // Nor can a stranger sign up again with that email, or without an invitation at all.
    expect(
      (
        await post(`${url}/local-auth/sign-up`, {
          name: "Eve",
          email: "ada@example.com",
          password: "eve's own password",
        })
      ).status,
    ).toBe(409);
    expect(
      await (
        await post(`${url}/local-auth/sign-up`, {
          name: "Eve",
          email: "eve@example.com",
          password: "eve's own password",
        })
      ).json(),
    ).toMatchObject({ code: "SIGN_UP_CLOSED" });
    // The real password works, and a token without a live session is refused by every entry point.
    const res = await post(`${url}/local-auth/sign-in`, { email: "ada@example.com", password: TEST_PASSWORD });
    const { token } = (await res.json()) as { token: string };
    expect(await http(url, token).query(me, {})).toBeNull(); // signed in; no user row until ensure
    await post(`${url}/local-auth/sign-out`, {}, { authorization: `Bearer ${token}` });
    await expect(http(url, token).query(me, {})).rejects.toThrow(/signed out/);
  });

  it("answers CORS only for the dashboard's origin and refuses other origins' calls and WebSockets", async () => {
    const url = s.backend.url;
    const preflight = (p: string, origin: string) =>
      fetch(`${url}${p}`, {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "content-type,authorization",
        },
      });
    for (const p of ["/local-auth/sign-in", "/local-auth/sign-up", "/api/mutation", "/api/query", "/api/action"]) {
      const evil = await preflight(p, EVIL);
      expect(evil.headers.get("access-control-allow-origin"), p).toBeNull();
      const ok = await preflight(p, DASHBOARD);
      expect(ok.headers.get("access-control-allow-origin"), p).toBe(DASHBOARD);
      expect((await preflight(p, "http://localhost:3999")).headers.get("access-control-allow-origin")).toBe(
        "http://localhost:3999",
      );
    }
    // A form-style POST needs no preflight: refused outright, even with the right password.
    const signIn = await post(
      `${url}/local-auth/sign-in`,
      { email: "ada@example.com", password: TEST_PASSWORD },
      { Origin: EVIL, "content-type": "text/plain" },
    );
    expect(signIn.status).toBe(403);
    expect(await signIn.json()).toMatchObject({ code: "ORIGIN_NOT_ALLOWED" });
    const mutation = await post(
      `${url}/api/mutation`,
      { path: "team/users:ensure", args: [{}], format: "convex_encoded_json" },
      { Origin: EVIL, authorization: `Bearer ${ada.token}` },
    );
    expect(mutation.status).toBe(403);
    expect(mutation.headers.get("access-control-allow-origin")).toBeNull();

    // WebSockets carry no CORS: a page on another origin is refused at the upgrade, the dashboard's is served.
    const wsUrl = `${url.replace("http", "ws")}/api/1.48.0/sync`;
    const evilStatus = await new Promise<number>((resolve) => {
      const ws = new WebSocket(wsUrl, { origin: EVIL });
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("open", () => resolve(101));
      ws.on("error", () => resolve(-1));
    });
    expect(evilStatus).toBe(403);
    class DashboardSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { origin: DASHBOARD });
      }
    }
    const client = new ConvexClient(url, {
      webSocketConstructor: DashboardSocket as unknown as typeof globalThis.WebSocket,
      unsavedChangesWarning: false,
    });
    client.setAuth(async () => ada.token);
    try {
      const id = await client.mutation(ensure, {});
      expect(typeof id).toBe("string");
    } finally {
      await client.close();
    }
  });

  it("ends a revoked session at once, on HTTP and on an open WebSocket", async () => {
    const url = s.backend.url;
    const signIn = async () =>
      (await (
        await post(`${url}/local-auth/sign-in`, { email: "ada@example.com", password: TEST_PASSWORD })
      ).json()) as { token: string; sessionId: string };
    const stolen = await signIn();
    const mine = await signIn();
    const client = new ConvexClient(url, {
      webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
      unsavedChangesWarning: false,
    });
    const states: boolean[] = [];
    client.setAuth(
      async () => stolen.token,
      (ok) => states.push(ok),
    );
    try {
      await until(
        async () => states,
        (s) => s.includes(true),
        { what: "the WebSocket to authenticate" },
      );
      const list = (await (
        await fetch(`${url}/local-auth/sessions`, { headers: { authorization: `Bearer ${mine.token}` } })
      ).json()) as { sessions: Array<{ id: string; current: boolean }> };
      expect(list.sessions.find((x) => x.current)?.id).toBe(mine.sessionId);
      expect(list.sessions.map((x) => x.id)).toContain(stolen.sessionId);
      const revoked = await post(
        `${url}/local-auth/sessions/revoke`,
        { id: stolen.sessionId },
        { authorization: `Bearer ${mine.token}` },
      );
      expect(revoked.status).toBe(200);
      await until(
        async () => states,
        (s) => s.at(-1) === false,
        { what: "the WebSocket to lose its identity" },
      );
      await expect(http(url, stolen.token).query(me, {})).rejects.toThrow(/signed out/);
      expect(await http(url, mine.token).query(me, {})).not.toBeNull();
    } finally {
      await client.close();
    }
  });

  it("keeps each account's demo project private: a fresh account cannot edit or empty another's", async () => {
    const url = s.backend.url;
    const owner = http(url, ada.token);
    await owner.mutation(ensure, {});
    const adaDemo = await until(
      () => owner.query(listProjects, {}),
      (ps) => ps.some((p) => p.isDemo),
      { what: "Ada's demo", timeoutMs: 20_000 },
    );
    const demoId = adaDemo.find((p) => p.isDemo)!._id;
    const tasks = async () =>
      (await owner.query(sandboxSummary, { projectId: demoId })).find((t) => t.table === "tasks")?.count ?? 0;
    const before = await until(tasks, (n) => n === 40, { what: "the demo's 40 tasks", timeoutMs: 20_000 });

    // The owner opens sign-up; a stranger makes an account and gets a demo of their own.
    const open = await post(
      `${url}/local-auth/settings`,
      { openSignUp: true },
      { authorization: `Bearer ${ada.token}` },
    );
    expect(open.status).toBe(200);
    const eve = http(url, (await signUp(url, "Eve", "eve@example.com")).token);
    await eve.mutation(ensure, {});
    const eves = await until(
      () => eve.query(listProjects, {}),
      (ps) => ps.some((p) => p.isDemo),
      { what: "Eve's demo", timeoutMs: 20_000 },
    );
    expect(eves.map((p) => p._id)).not.toContain(demoId);
    expect(eves.find((p) => p.isDemo)!.role).toBe("owner");

    await expect(eve.mutation(clearTable, { projectId: demoId, table: "tasks" })).rejects.toThrow(/Project not found/);
    await expect(eve.mutation(createToken, { projectId: demoId, name: "steal", role: "owner" })).rejects.toThrow(
      /not found|Project/i,
    );
    expect(await tasks()).toBe(before);
    // A non-owner cannot change who may sign up.
    const eveToken = (await (
      await post(`${url}/local-auth/sign-in`, { email: "eve@example.com", password: TEST_PASSWORD })
    ).json()) as { token: string };
    expect(
      (await post(`${url}/local-auth/settings`, { openSignUp: false }, { authorization: `Bearer ${eveToken.token}` }))
        .status,
    ).toBe(403);
  });

  it("refuses a burst of 200 sign-ups in 2 seconds, open sign-up or not", async () => {
    const url = s.backend.url;
    const burst = async (tag: string) => {
      const started = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          post(`${url}/local-auth/sign-up`, {
            name: "Bot",
            email: `bot${i}.${tag}@example.com`,
            password: TEST_PASSWORD,
          }).then((r) => r.status),
        ),
      );
      return { answers, ms: Date.now() - started };
    };
    // Open (as the previous test left it): the per-address limit lets a handful through at most.
    const opened = await burst("open");
    const created = opened.answers.filter((c) => c === 200).length;
    expect(created).toBeLessThanOrEqual(10);
    expect(opened.answers.filter((c) => c === 429).length).toBeGreaterThanOrEqual(190);
    const limited = await post(`${url}/local-auth/sign-up`, {
      name: "Bot",
      email: "late@example.com",
      password: TEST_PASSWORD,
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Closed: nobody gets in without an invitation, whatever the rate.
    await post(`${url}/local-auth/settings`, { openSignUp: false }, { authorization: `Bearer ${ada.token}` });
    const closed = await burst("closed");
    expect(closed.answers.filter((c) => c === 200)).toEqual([]);
  });

  it("rate limits guessing one account's password", async () => {
    const url = s.backend.url;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        (await post(`${url}/local-auth/sign-in`, { email: "eve@example.com", password: `guess number ${i}` })).status,
      );
    expect(statuses.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Even the right password waits now: the guesser learns nothing.
    expect(
      (await post(`${url}/local-auth/sign-in`, { email: "eve@example.com", password: TEST_PASSWORD })).status,
    ).toBe(429);
  });
});

describe("attack: claiming an email-only account from before passwords", () => {
  let s: Started;
  beforeAll(async () => {
    s = await start();
  });
  afterAll(() => stop(s));

  it("needs the code printed on the server, then the account keeps its data", async () => {
    const url = s.backend.url;
    // What an older version left: a user row of an email-only local sign-in, owning a project.
    const write = await post(
      `${url}/api/admin/batch`,
      {
        writes: [
          {
            op: "insert",
            table: "users",
            value: {
              tokenIdentifier: `${url}|${localSubject("old@example.com")}`,
              name: "Old",
              email: "old@example.com",
              createdAt: 1,
            },
          },
          {
            op: "insert",
            table: "projects",
            value: { name: "Old project", ownerId: { $result: 0 }, createdAt: 1, updatedAt: 1 },
          },
          {
            op: "insert",
            table: "members",
            value: { projectId: { $result: 1 }, userId: { $result: 0 }, role: "owner", addedAt: 1 },
          },
        ],
      },
      { authorization: `Convex ${s.backend.adminKey}` },
    );
    expect(write.status, await write.clone().text()).toBe(200);

    // A stranger cannot sign in as it, re-create it, or take the owner seat of this deployment.
    expect(
      (await post(`${url}/local-auth/sign-in`, { email: "old@example.com", password: TEST_PASSWORD })).status,
    ).toBe(401);
    expect(
      await (
        await post(`${url}/local-auth/sign-up`, { name: "Eve", email: "old@example.com", password: TEST_PASSWORD })
      ).json(),
    ).toMatchObject({ code: "CLAIM_REQUIRED" });
    expect(
      await (
        await post(`${url}/local-auth/sign-up`, { name: "Eve", email: "eve@example.com", password: TEST_PASSWORD })
      ).json(),
    ).toMatchObject({ code: "SIGN_UP_CLOSED" });

    // Asking for a code answers the same whatever the email; the code only appears in the server's log.
    const asked = await post(`${url}/local-auth/claim/start`, { email: "old@example.com" });
    const unknown = await post(`${url}/local-auth/claim/start`, { email: "nobody@example.com" });
    const askedText = await asked.text();
    expect([asked.status, unknown.status]).toEqual([202, 202]);
    expect(askedText).toBe(await unknown.text());
    const code = /one-time code for old@example\.com: (\S+)/.exec(s.log.join("\n"))?.[1];
    expect(code).toMatch(/^\d{3}-\d{3}-\d{3}$/);
    expect(askedText).not.toContain(code!);
    expect(s.log.join("\n")).not.toContain("nobody@example.com");

    expect(
      (
        await post(`${url}/local-auth/claim/finish`, {
          email: "old@example.com",
          code: "123-456-789",
          password: TEST_PASSWORD,
        })
      ).status,
    ).toBe(401);
    const claimed = await post(`${url}/local-auth/claim/finish`, {
      email: "old@example.com",
      code,
      password: TEST_PASSWORD,
    });
    expect(claimed.status).toBe(200);
    const { token, user } = (await claimed.json()) as { token: string; user: { role: string } };
    expect(user.role).toBe("owner");
    const old = http(url, token);
    // Signing in keeps the row (and the name it had): no second user, nothing lost.
    await old.mutation(ensure, {});
    expect(await old.query(me, {})).toMatchObject({ email: "old@example.com", name: "Old" });
    expect((await old.query(listProjects, {})).map((p) => p.role)).toContain("owner");
  });
});
