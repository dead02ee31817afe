import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterEach, describe, expect, it } from "vitest";
import { Store } from "./persistence.js";
import { startBackend } from "./index.js";

const fixture = path.join(import.meta.dirname, "testdata", "basic");
const list = makeFunctionReference<"query", Record<string, never>, Array<{ _id: string; body: string }>>("messages:list");
const send = makeFunctionReference<"mutation", { author: string; body: string }, string>("messages:send");
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) {
    if (c.exitCode === null && c.signalCode === null && c.pid) {
      try {
        process.kill(c.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "sa-persist-"));
  dirs.push(d);
  return d;
}

/** Starts backend/main.ts as a child process and resolves with its URL. */
function spawnBackend(dataDir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "main.ts"), fixture, "--data", dataDir, "--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr!.on("data", (d) => (err += String(d)));
    child.stdout!.on("data", (d) => {
      out += String(d);
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
    child.on("exit", (code) => reject(new Error(`backend exited with ${code}: ${err}`)));
  });
}

describe("persistence", () => {
  it("keeps every acknowledged mutation when the process is killed with SIGKILL mid-write", async () => {
    const dataDir = tempDir();
    // A low snapshot threshold makes snapshots and WAL rotation happen during the write loop too.
    const { child, url } = await spawnBackend(dataDir, { SCHEMA_ASSISTANT_SNAPSHOT_EVERY: "150" });
    const http = new ConvexHttpClient(url);
    const acknowledged = new Map<string, string>();
    let stop = false;
    const loops = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const body = `w${w}-${i}`;
        try {
          acknowledged.set(await http.mutation(send, { author: "crash", body }), body);
        } catch {
          return; // the server died mid-request: this write was never acknowledged
        }
      }
    });
    // Kill while the loops are writing, once enough writes went through to cross a few snapshot rotations.
    for (let waited = 0; acknowledged.size < 400 && waited < 30_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    process.kill(child.pid!, "SIGKILL");
    stop = true;
    await Promise.all(loops);
    expect(acknowledged.size).toBeGreaterThanOrEqual(400);
    // Snapshots were taken while writing (so recovery reads a snapshot plus WAL segments).
    expect(fs.existsSync(path.join(dataDir, "snapshot.json"))).toBe(true);

    const restarted = await spawnBackend(dataDir);
    const docs = await new ConvexHttpClient(restarted.url).query(list, {});
    const byId = new Map(docs.map((d) => [d._id, d.body]));
    for (const [id, body] of acknowledged) expect(byId.get(id)).toBe(body);
    // Ids keep increasing after recovery (no reuse of a recovered id).
    const newId = await new ConvexHttpClient(restarted.url).mutation(send, { author: "after", body: "x" });
    expect(byId.has(newId)).toBe(false);
    process.kill(restarted.child.pid!, "SIGTERM");
  }, 60_000);

  it("cuts a torn tail off the write-ahead log", async () => {
    const dataDir = tempDir();
    const b = await startBackend({ projectDir: fixture, dataDir, port: 0, log: () => undefined });
    const http = new ConvexHttpClient(b.url);
    const id = await http.mutation(send, { author: "a", body: "kept" });
    // Simulate a crash: copy the live files before close() writes its final snapshot.
    const crashDir = tempDir();
    fs.cpSync(dataDir, crashDir, { recursive: true });
    await b.close();
    fs.rmSync(path.join(crashDir, "LOCK"));
    const wal = fs.readdirSync(crashDir).find((f) => f.startsWith("wal-") && fs.statSync(path.join(crashDir, f)).size > 0)!;
    fs.appendFileSync(path.join(crashDir, wal), Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 123, 34]));
    const { store, recovered } = Store.open(crashDir);
    expect(recovered.truncatedBytes).toBe(10);
    expect(recovered.commits.flatMap((c) => c.writes.map((w) => w.id))).toContain(id);
    await store.close();
  });

  it("restores documents, ids and file storage after a clean restart", async () => {
    const dataDir = tempDir();
    const first = await startBackend({ projectDir: fixture, dataDir, port: 0, log: () => undefined });
    const http = new ConvexHttpClient(first.url);
    await http.mutation(send, { author: "a", body: "one" });
    const uploadUrl = await http.mutation(makeFunctionReference<"mutation">("files:generateUploadUrl"), {});
    const up = await fetch(uploadUrl, { method: "POST", body: "file bytes", headers: { "Content-Type": "text/plain" } });
    const { storageId } = (await up.json()) as { storageId: string };
    await http.mutation(makeFunctionReference<"mutation">("files:save"), { storageId, name: "a.txt" });
    await first.close();

    const second = await startBackend({ projectDir: fixture, dataDir, port: 0, log: () => undefined });
    try {
      const http2 = new ConvexHttpClient(second.url);
      expect((await http2.query(list, {})).map((d) => d.body)).toEqual(["one"]);
      const files = await http2.query(makeFunctionReference<"query", Record<string, never>, Array<{ name: string; url: string }>>("files:list"), {});
      expect(files[0].url.startsWith(`${second.url}/api/storage/`)).toBe(true);
      const file = await fetch(files[0].url);
      expect(file.headers.get("content-type")).toBe("text/plain");
      expect(await file.text()).toBe("file bytes");
    } finally {
      await second.close();
    }
  });
});
