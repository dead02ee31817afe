/**
 * Embedded backend benchmark: mutation throughput and subscription update latency.
 * Run: npx tsx bench/backend.ts [--clients 100,1000] [--mutations 4000]
 * The backend runs as a child process (backend/main.ts) so client work does not share its event loop.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import WebSocket from "ws";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixture = path.join(root, "backend", "testdata", "basic");
const send = makeFunctionReference<"mutation", { author: string; body: string }, string>("messages:send");
const increment = makeFunctionReference<"mutation", { name: string }, number>("counters:increment");
const getCounter = makeFunctionReference<"query", { name: string }, number>("counters:get");

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function spawnBackend(dataDir: string): Promise<{ child: ChildProcess; url: string; adminKey: string }> {
  const extra = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(" ") : [];
  const child = spawn(
    process.execPath,
    [...extra, "--import", "tsx", path.join(root, "backend", "main.ts"), fixture, "--data", dataDir, "--port", "0"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return await new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += String(d);
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve({ child, ...(JSON.parse(line) as { url: string; adminKey: string }) });
    });
    child.on("exit", (code) => reject(new Error(`backend exited with ${code}`)));
  });
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function throughputWs(url: string, total: number): Promise<number> {
  const clients = Array.from(
    { length: 10 },
    () => new ConvexClient(url, { webSocketConstructor: WebSocket as never, unsavedChangesWarning: false }),
  );
  await Promise.all(clients.map((c) => c.mutation(send, { author: "warm", body: "up" })));
  const started = performance.now();
  let next = 0;
  await Promise.all(
    clients.flatMap((c) =>
      Array.from({ length: 20 }, async () => {
        while (next < total) {
          next++;
          await c.mutation(send, { author: "bench", body: `m${next}` });
        }
      }),
    ),
  );
  const rate = total / ((performance.now() - started) / 1000);
  await Promise.all(clients.map((c) => c.close()));
  return rate;
}

async function throughputHttp(url: string, total: number): Promise<number> {
  const http = new ConvexHttpClient(url);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < total) {
        next++;
        await http.mutation(send, { author: "bench", body: `h${next}` }, { skipQueue: true });
      }
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

async function latency(
  url: string,
  adminKey: string,
  n: number,
  rounds: number,
): Promise<{ p50: number; p95: number; max: number; cpuPerUpdate: number }> {
  const name = `lat-${n}`;
  const seen = new Map<number, number>(); // value -> count of clients that saw it
  const waiters = new Map<number, () => void>();
  const clients: ConvexClient[] = [];
  const sawAt: number[][] = [];
  for (let i = 0; i < n; i++) {
    const c = new ConvexClient(url, { webSocketConstructor: WebSocket as never, unsavedChangesWarning: false });
    clients.push(c);
    c.onUpdate(getCounter, { name }, (v) => {
      (sawAt[v] ??= []).push(performance.now());
      const count = (seen.get(v) ?? 0) + 1;
      seen.set(v, count);
      if (count === n) waiters.get(v)?.();
    });
  }
  await new Promise<void>((r) => waiters.set(0, r));
  const writer = new ConvexClient(url, { webSocketConstructor: WebSocket as never, unsavedChangesWarning: false });
  const samples: number[] = [];
  const cpuStart = await serverCpuMs(url, adminKey);
  for (let v = 1; v <= rounds; v++) {
    const all = new Promise<void>((r) => waiters.set(v, r));
    const t0 = performance.now();
    await writer.mutation(increment, { name });
    await all;
    for (const t of sawAt[v]) samples.push(t - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  const cpuPerUpdate = ((await serverCpuMs(url, adminKey)) - cpuStart) / rounds;
  await Promise.all([...clients, writer].map((c) => c.close()));
  samples.sort((a, b) => a - b);
  return { p50: pct(samples, 50), p95: pct(samples, 95), max: samples[samples.length - 1], cpuPerUpdate };
}

/** Server CPU time so far (the machine may be shared: CPU per operation is the stable figure). */
async function serverCpuMs(url: string, adminKey: string): Promise<number> {
  const res = await fetch(`${url}/api/admin/status`, { headers: { Authorization: `Convex ${adminKey}` } });
  return ((await res.json()) as { process: { cpuMs: number } }).process.cpuMs;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sa-bench-"));
  const { child, url, adminKey } = await spawnBackend(dataDir);
  try {
    const total = Number(arg("--mutations", "4000"));
    console.log(
      `backend bench (${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}, Node ${process.version}); durable = fdatasync before every acknowledgment`,
    );
    let cpu0 = await serverCpuMs(url, adminKey);
    const ws = await throughputWs(url, total);
    let cpu1 = await serverCpuMs(url, adminKey);
    console.log(
      `mutations/s over WebSocket (10 clients x 20 in flight, ${total} inserts): ${ws.toFixed(0)}; server CPU ${((cpu1 - cpu0) / total).toFixed(3)} ms/mutation (= ${((total / (cpu1 - cpu0)) * 1000).toFixed(0)}/s per core)`,
    );
    cpu0 = cpu1;
    const hp = await throughputHttp(url, total);
    cpu1 = await serverCpuMs(url, adminKey);
    console.log(
      `mutations/s over HTTP (32 concurrent, ${total} inserts): ${hp.toFixed(0)}; server CPU ${((cpu1 - cpu0) / total).toFixed(3)} ms/mutation`,
    );
    for (const n of arg("--clients", "100,1000").split(",").map(Number)) {
      const r = await latency(url, adminKey, n, 20);
      console.log(
        `subscription update latency, ${n} WebSocket clients on one query: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms` +
          ` (server CPU ${r.cpuPerUpdate.toFixed(1)} ms per update incl. the mutation)`,
      );
    }
  } finally {
    process.kill(child.pid!, "SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
