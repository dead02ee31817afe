/**
 * Embedded backend over weeks: restart time at 100k documents and the write-ahead log's size before and after
 * compaction. Run: npx tsx bench/backend-restart.ts [--docs 100000]
 *
 * The backend runs as a child process (backend/main.ts) killed with SIGKILL, as a crash or `kill -9` would.
 * Printed, all measured in this run: start of an empty data folder (process + bundling baseline); restart from
 * the log alone (compaction switched off, as before compaction existed); the compaction that the next start does
 * on its own (log bytes before/after, snapshot size); restart from the snapshot. Goal: < 5 s at 100k documents.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixture = path.join(root, "backend", "testdata", "basic");
const docsArg = process.argv.indexOf("--docs");
const DOCS = docsArg > 0 ? Number(process.argv[docsArg + 1]) : 100_000;
const NO_COMPACTION = {
  SCHEMA_ASSISTANT_SNAPSHOT_EVERY: "1e12",
  SCHEMA_ASSISTANT_SNAPSHOT_MIN_BYTES: "1e15",
  SCHEMA_ASSISTANT_SNAPSHOT_MAX_BYTES: "1e15",
  SCHEMA_ASSISTANT_SNAPSHOT_EVERY_MS: "1e12",
};

interface Running {
  child: ChildProcess;
  url: string;
  adminKey: string;
  ms: number;
}

async function spawnBackend(dataDir: string, env: Record<string, string> = {}): Promise<Running> {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "backend", "main.ts"), fixture, "--data", dataDir, "--port", "0"],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    },
  );
  return await new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr!.on("data", (d) => (err += String(d)));
    child.stdout!.on("data", (d) => {
      out += String(d);
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line)
        resolve({ child, ms: performance.now() - t0, ...(JSON.parse(line) as { url: string; adminKey: string }) });
    });
    child.on("exit", (code) => reject(new Error(`backend exited with ${code}: ${err}`)));
  });
}

async function kill(r: Running): Promise<void> {
  const gone = new Promise((res) => r.child.once("exit", res));
  r.child.kill("SIGKILL");
  await gone;
}

async function admin(r: Running, route: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${r.url}/api/admin${route}`, {
    ...init,
    headers: { Authorization: `Convex ${r.adminKey}`, "Content-Type": "application/json" },
  });
  if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

const walOnDisk = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => /^wal-\d+\.log$/.test(f))
    .reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sa-restart-bench-"));
try {
  const empty = await spawnBackend(dataDir, NO_COMPACTION);
  console.log(
    `load ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores; start with an empty data folder (process, tsx, bundling): ${s(empty.ms)}`,
  );
  const body = "x".repeat(160);
  for (let i = 0; i < DOCS; i += 2000) {
    const writes = Array.from({ length: Math.min(2000, DOCS - i) }, (_, j) => ({
      op: "insert",
      table: "messages",
      value: { author: `a${(i + j) % 97}`, body: `${i + j} ${body}` },
    }));
    await admin(empty, "/batch", { method: "POST", body: JSON.stringify({ writes }) });
  }
  await kill(empty);
  const walBefore = walOnDisk(dataDir);

  const fromLog = await spawnBackend(dataDir, NO_COMPACTION);
  console.log(
    `${DOCS.toLocaleString("en-US")} documents, log only (${mb(walBefore)} of write-ahead log, no snapshot): restart ${s(fromLog.ms)}`,
  );
  await kill(fromLog);

  // Default policy: the start finds the log over its threshold and compacts it while serving.
  const compacting = await spawnBackend(dataDir);
  let storage: { walRecords: number; walBytes: number; snapshotBytes: number } | undefined;
  for (let waited = 0; waited < 60_000; waited += 100) {
    storage = (await admin(compacting, "/status")).storage as typeof storage;
    if (storage && storage.walRecords === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await kill(compacting);
  console.log(
    `compaction by the running backend: write-ahead log ${mb(walBefore)} before → ${mb(walOnDisk(dataDir))} after; snapshot ${mb(storage?.snapshotBytes ?? 0)} (start that compacted: ${s(compacting.ms)})`,
  );

  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await spawnBackend(dataDir);
    times.push(r.ms);
    await kill(r);
  }
  times.sort((a, b) => a - b);
  console.log(
    `restart from the snapshot, ${DOCS.toLocaleString("en-US")} documents: median ${s(times[1])} (min ${s(times[0])}, max ${s(times[2])}) over 3 kill -9 cycles; empty-folder baseline ${s(empty.ms)} (goal < 5 s)`,
  );
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
