/**
 * Load benchmark of the HTTP API against the embedded backend on 127.0.0.1 (a child process, so client work does
 * not share its event loop):
 *  1. steady rate: BENCH_RPM calls per minute (default 10,000) to GET /api/schema/analyze/{projectId} for
 *     BENCH_SECONDS (default 120), open loop: p50/p99 latency and errors;
 *  2. BENCH_CONVERSATIONS (default 1,000) conversations started at once through POST /api/schema/chat, each
 *     sending BENCH_MESSAGES (default 1) messages: latency, errors and the server's peak RSS.
 * Goals: p99 < 200 ms, zero errors, RSS < 1 GB. Run: npx tsx bench/load.ts
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { localSignIn } from "../backend/testing";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const RPM = Number(process.env.BENCH_RPM ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 120);
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 1_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1);

/**
 * Keep-alive HTTP with a bounded socket pool (BENCH_SOCKETS, default 64): requests beyond it wait on the client,
 * and that wait counts in their latency (open loop), instead of failing on socket exhaustion.
 */
// FIFO keeps every pooled socket busy, so none idles into the server's keep-alive timeout and resets mid-reuse.
const agent = new http.Agent({
  keepAlive: true,
  maxSockets: Number(process.env.BENCH_SOCKETS ?? 64),
  scheduling: "fifo",
});
function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, agent }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

type Backend = { child: ChildProcess; url: string; siteUrl: string; adminKey: string };

async function spawnBackend(dataDir: string): Promise<Backend> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "backend", "main.ts"), root, "--data", dataDir, "--port", "0"],
    {
      stdio: ["ignore", "pipe", "inherit"],
      // Message text is encrypted as in production; the token limit sits above the offered rate.
      env: {
        ...process.env,
        API_RATE_PER_MINUTE: String(Math.max(RPM * 2, 20_000)),
        MESSAGE_KEYS: process.env.MESSAGE_KEYS ?? `bench:${randomBytes(32).toString("base64")}`,
      },
    },
  );
  return await new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += String(d);
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve({ child, ...(JSON.parse(line) as Omit<Backend, "child">) });
    });
    child.on("exit", (code) => reject(new Error(`backend exited with ${code}`)));
  });
}

function assertLocal(url: string) {
  if (new URL(url).hostname !== "127.0.0.1") throw new Error(`refusing to load anything but 127.0.0.1 (${url})`);
}

async function call(b: Backend, kind: "query" | "mutation", fnPath: string, args: unknown, jwt: string) {
  const res = await fetch(`${b.url}/api/${kind}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${jwt}` },
    body: JSON.stringify({ path: fnPath, args, format: "json" }),
  });
  const body = (await res.json()) as { status: string; value: unknown; errorMessage?: string };
  if (body.status !== "success") throw new Error(`${fnPath}: ${body.errorMessage}`);
  return body.value;
}

/** Signs in, waits for the demo project and makes an editor token for it. */
async function setup(b: Backend) {
  const { token: jwt } = await localSignIn(b.url, { name: "Bench", email: "bench@example.com" });
  await call(b, "mutation", "team/users:ensure", {}, jwt);
  let projects: { _id: string; isDemo: boolean }[] = [];
  for (let i = 0; i < 300 && !projects.some((p) => p.isDemo); i++) {
    await new Promise((r) => setTimeout(r, 200));
    projects = (await call(b, "query", "projects/projects:list", {}, jwt)) as typeof projects;
  }
  const projectId = projects.find((p) => p.isDemo)?._id;
  if (!projectId) throw new Error("the demo project was not seeded");
  const token = async (name: string) =>
    (
      (await call(b, "mutation", "httpApi/tokens:create", { projectId, name, role: "editor" }, jwt)) as {
        secret: string;
      }
    ).secret;
  // Wait until the analysis exists, so phase 1 measures 200s, not 202s.
  for (let i = 0; i < 300; i++) {
    const res = await fetch(`${b.siteUrl}/api/schema/analyze/${projectId}`, {
      headers: { "X-API-Key": await token(`probe${i}`) },
    });
    await res.arrayBuffer();
    if (res.status === 200) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  return { projectId, steadyToken: await token("steady"), chatToken: await token("chat") };
}

function pct(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

function report(name: string, latencies: number[], errors: Map<string, number>, seconds: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  console.log(
    `${name}: ${latencies.length} calls in ${seconds.toFixed(1)} s (${Math.round((latencies.length / seconds) * 60)}/min), ` +
      `p50 ${pct(sorted, 50).toFixed(1)} ms, p99 ${pct(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms, errors ${errorCount}` +
      (errorCount ? ` ${JSON.stringify(Object.fromEntries(errors))}` : ""),
  );
  return { p99: pct(sorted, 99), errors: errorCount };
}

async function rssMb(b: Backend): Promise<number> {
  const res = await fetch(`${b.url}/api/admin/status`, { headers: { Authorization: `Convex ${b.adminKey}` } });
  return ((await res.json()) as { process: { rssMb: number } }).process.rssMb;
}

/** Open loop: requests leave on schedule whether or not earlier ones returned. */
async function steady(b: Backend, projectId: string, key: string) {
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  const total = Math.round((RPM / 60) * SECONDS);
  const interval = 60_000 / RPM;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      (async () => {
        const t0 = performance.now();
        try {
          const res = await request(`${b.siteUrl}/api/schema/analyze/${projectId}`, { headers: { "X-API-Key": key } });
          if (res.status !== 200) errors.set(String(res.status), (errors.get(String(res.status)) ?? 0) + 1);
        } catch (err) {
          errors.set(String((err as Error).message), (errors.get(String((err as Error).message)) ?? 0) + 1);
        }
        latencies.push(performance.now() - t0);
      })(),
    );
  }
  await Promise.all(inflight);
  return report(`steady ${RPM}/min analyze`, latencies, errors, (performance.now() - started) / 1000);
}

async function conversations(b: Backend, projectId: string, key: string) {
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let peak = await rssMb(b);
  const before = peak;
  const poll = setInterval(
    () =>
      void rssMb(b).then(
        (r) => (peak = Math.max(peak, r)),
        () => undefined,
      ),
    500,
  );
  const started = performance.now();
  const chat = async (body: object) => {
    const t0 = performance.now();
    const res = await request(`${b.siteUrl}/api/schema/chat`, {
      method: "POST",
      headers: { "X-API-Key": key, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = JSON.parse(res.text) as { conversationId?: string };
    latencies.push(performance.now() - t0);
    if (res.status !== 200) errors.set(String(res.status), (errors.get(String(res.status)) ?? 0) + 1);
    return json.conversationId;
  };
  await Promise.all(
    Array.from({ length: CONVERSATIONS }, async (_, i) => {
      try {
        let conversationId = await chat({ projectId, message: `Add a table bench${i} with a title and a done flag` });
        for (let m = 1; m < MESSAGES && conversationId; m++)
          conversationId = await chat({ projectId, conversationId, message: `Add a note field to bench${i}` });
      } catch (err) {
        errors.set(String((err as Error).message), (errors.get(String((err as Error).message)) ?? 0) + 1);
      }
    }),
  );
  clearInterval(poll);
  peak = Math.max(peak, await rssMb(b));
  const r = report(
    `${CONVERSATIONS} concurrent conversations × ${MESSAGES} message(s) via /api/schema/chat`,
    latencies,
    errors,
    (performance.now() - started) / 1000,
  );
  console.log(`server RSS: ${before} MB before, peak ${peak} MB`);
  return { ...r, peak };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sa-load-"));
  const b = await spawnBackend(dataDir);
  try {
    assertLocal(b.url);
    assertLocal(b.siteUrl);
    const { projectId, steadyToken, chatToken } = await setup(b);
    console.log(`backend ${b.url} (site ${b.siteUrl}), project ${projectId}, RSS ${await rssMb(b)} MB`);
    const s = await steady(b, projectId, steadyToken);
    const c = await conversations(b, projectId, chatToken);
    console.log(
      `goals: steady p99 < 200 ms ${s.p99 < 200 ? "met" : "MISSED"}; zero errors ${s.errors + c.errors === 0 ? "met" : "MISSED"}; RSS < 1 GB ${c.peak < 1024 ? "met" : "MISSED"}`,
    );
  } finally {
    agent.destroy();
    b.child.kill("SIGTERM");
    await new Promise((r) => b.child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
