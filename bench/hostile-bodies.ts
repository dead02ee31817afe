/**
 * Memory under hostile bodies (issue 18: 8 anonymous 60 MB POSTs took the backend from 459 MB to 1.2 GB; 200 MB
 * through the dashboard's proxy took Next from 223 to 893 MB). Starts the embedded backend serving this app in
 * this process, measures its resident memory idle (the baseline), then its peak while 8 clients each stream 60 MB
 * to /api/schema/chat without a token, and while 200 MB is sent through the proxy route handler.
 */
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startBackend } from "../backend/index.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MB = 1024 * 1024;
const rssMb = () => Math.round(process.memoryUsage().rss / MB);

function streamPost(url: string, total: number): Promise<{ status: number; sentMb: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    let sent = 0;
    let answered = false;
    const req = http.request(url, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      answered = true;
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, sentMb: Math.round(sent / MB) }));
    });
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

/** Runs `work` while sampling RSS every 20 ms; returns the peak. */
async function peakDuring<T>(work: () => Promise<T>): Promise<{ peak: number; result: T }> {
  let peak = rssMb();
  const timer = setInterval(() => (peak = Math.max(peak, rssMb())), 20);
  try {
    const result = await work();
    return { peak: Math.max(peak, rssMb()), result };
  } finally {
    clearInterval(timer);
  }
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), "sa-bench-hostile-"));
process.env.ANON_RATE_PER_MINUTE = "100000"; // measure the body cap, not the rate limit
const backend = await startBackend({
  projectDir: ROOT,
  dataDir,
  port: 0,
  env: { SCHEMA_ASSISTANT_DEMO: "0" },
  log: () => undefined,
});
try {
  global.gc?.();
  const idle = rssMb();
  const site = await peakDuring(() =>
    Promise.all(Array.from({ length: 8 }, () => streamPost(`${backend.siteUrl}/api/schema/chat`, 60 * MB))),
  );
  console.log(`backend idle RSS (baseline): ${idle} MB`);
  console.log(
    `8 × 60 MB anonymous POST /api/schema/chat: statuses ${[...new Set(site.result.map((r) => r.status))].join(",")}, peak RSS ${site.peak} MB (+${site.peak - idle} MB), client got to send ${Math.max(...site.result.map((r) => r.sentMb))} MB of 60 before the answer`,
  );

  process.env.CONVEX_SITE_URL = backend.siteUrl;
  const route = (await import("../app/api/schema/[...path]/route.ts")) as {
    POST: (r: Request, c: { params: Promise<{ path: string[] }> }) => Promise<Response>;
  };
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= 200 * MB) return controller.close();
      pulled += MB;
      controller.enqueue(new Uint8Array(MB));
    },
  });
  const before = rssMb();
  const proxy = await peakDuring(() =>
    route.POST(
      new Request("http://dashboard.local/api/schema/chat", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve({ path: ["chat"] }) },
    ),
  );
  console.log(
    `200 MB through the proxy route: status ${proxy.result.status}, ${Math.round(pulled / MB)} MB read of 200, peak RSS ${proxy.peak} MB (+${proxy.peak - before} MB over ${before} MB before)`,
  );
} finally {
  await backend.close();
  rmSync(dataDir, { recursive: true, force: true });
}
