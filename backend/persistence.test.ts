import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterEach, describe, expect, it } from "vitest";
import { counterOfId, makeId } from "./engine-internals.js";
import { Store } from "./persistence.js";
import { startBackend, type RunningBackend } from "./index.js";
import { until } from "./testing";

const fixture = path.join(import.meta.dirname, "testdata", "basic");
const list = makeFunctionReference<"query", Record<string, never>, Array<{ _id: string; body: string }>>(
  "messages:list",
);
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
function spawnBackend(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "main.ts"), fixture, "--data", dataDir, "--port", "0"],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    },
  );
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

/** POST /api/admin/batch with the admin key; answers the status and JSON body. */
async function adminBatch(
  b: RunningBackend,
  writes: unknown[],
): Promise<{ status: number; json: { results?: string[]; message?: string } }> {
  const res = await fetch(`${b.url}/api/admin/batch`, {
    method: "POST",
    headers: { Authorization: `Convex ${b.adminKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ writes }),
  });
  return { status: res.status, json: (await res.json()) as { results?: string[]; message?: string } };
}

async function adminDocuments(b: RunningBackend): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${b.url}/api/admin/tables/messages/documents?limit=100`, {
    headers: { Authorization: `Convex ${b.adminKey}` },
  });
  return ((await res.json()) as { page: Array<Record<string, unknown>> }).page;
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
    for (let waited = 0; acknowledged.size < 400 && waited < 30_000; waited += 20)
      await new Promise((r) => setTimeout(r, 20));
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
    const wal = fs
      .readdirSync(crashDir)
      .find((f) => f.startsWith("wal-") && fs.statSync(path.join(crashDir, f)).size > 0)!;
    fs.appendFileSync(path.join(crashDir, wal), Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 123, 34]));
    const { store, recovered } = Store.open(crashDir);
    expect(recovered.truncatedBytes).toBe(10);
    expect(recovered.commits.flatMap((c) => c.writes.map((w) => w.id))).toContain(id);
    await store.close();
  });

  it("refuses a log record whose checksum matches but whose shape does not, naming the file and byte", () => {
    const dataDir = tempDir();
    const payload = Buffer.from(JSON.stringify({ ts: "1", nextDocId: "two", writes: [] }));
    const head = Buffer.alloc(8);
    head.writeUInt32LE(payload.length, 0);
    head.writeUInt32LE(crc32(payload), 4);
    const wal = path.join(dataDir, "wal-000001.log");
    fs.writeFileSync(wal, Buffer.concat([head, payload]));
    expect(() => Store.open(dataDir)).toThrow(
      `${wal}: the record at byte 0 has a valid checksum but not a record's shape.`,
    );
  });

  it("refuses a damaged snapshot on start, naming the file and the bad place", () => {
    const dataDir = tempDir();
    const snap = path.join(dataDir, "snapshot.json");
    fs.writeFileSync(snap, JSON.stringify({ version: 1, nextSegment: 3, state: { documents: {}, nextDocId: 1 } }));
    expect(() => Store.open(dataDir)).toThrow(`Stored snapshot in ${snap} is not valid: state.documents: `);
    fs.rmSync(path.join(dataDir, "LOCK"));
    fs.writeFileSync(snap, '{"version":1,"nextSeg');
    expect(() => Store.open(dataDir)).toThrow(/snapshot\.json is not valid: not JSON/);
  });

  it("restores documents, ids and file storage after a clean restart", async () => {
    const dataDir = tempDir();
    const first = await startBackend({ projectDir: fixture, dataDir, port: 0, log: () => undefined });
    const http = new ConvexHttpClient(first.url);
    await http.mutation(send, { author: "a", body: "one" });
    const uploadUrl = await http.mutation(makeFunctionReference<"mutation">("files:generateUploadUrl"), {});
    const up = await fetch(uploadUrl, {
      method: "POST",
      body: "file bytes",
      headers: { "Content-Type": "text/plain" },
    });
    const { storageId } = (await up.json()) as { storageId: string };
    await http.mutation(makeFunctionReference<"mutation">("files:save"), { storageId, name: "a.txt" });
    await first.close();

    const second = await startBackend({ projectDir: fixture, dataDir, port: 0, log: () => undefined });
    try {
      const http2 = new ConvexHttpClient(second.url);
      expect((await http2.query(list, {})).map((d) => d.body)).toEqual(["one"]);
      const files = await http2.query(
        makeFunctionReference<"query", Record<string, never>, Array<{ name: string; url: string }>>("files:list"),
        {},
      );
      expect(files[0].url.startsWith(`${second.url}/api/storage/`)).toBe(true);
      const file = await fetch(files[0].url);
      expect(file.headers.get("content-type")).toBe("text/plain");
      expect(await file.text()).toBe("file bytes");
    } finally {
      await second.close();
    }
  });

  it("keeps documents restored through the admin batch API, under their own ids, after a crash and after a clean restart", async () => {
    const dataDir = tempDir();
    const first = await startBackend({ projectDir: fixture, dataDir, port: 0, log: () => undefined });
    const http = new ConvexHttpClient(first.url);
    const keptId = await http.mutation(send, { author: "a", body: "deleted then restored" });
    await http.mutation(send, { author: "a", body: "untouched" });
    const gone = (await adminDocuments(first)).find((d) => d._id === keptId)!;
    expect((await adminBatch(first, [{ op: "delete", id: keptId }])).status).toBe(200);
    // A second document restored under an id beyond the counter (as from a journal of another data folder).
    const ahead = {
      _id: makeId("messages", counterOfId(keptId)! + 50),
      _creationTime: 1_700_000_000_000,
      author: "b",
      body: "restored ahead",
    };
    const restored = await adminBatch(first, [
      { op: "restore", value: gone },
      { op: "restore", value: ahead },
    ]);
    expect(restored).toMatchObject({ status: 200, json: { results: [keptId, ahead._id] } });
    const expected = (await adminDocuments(first)).sort((x, y) => String(x._id).localeCompare(String(y._id)));
    expect(expected.find((d) => d._id === keptId)).toStrictEqual(gone);

    // Crash: the files as they are before close() writes its snapshot (recovery replays the write-ahead log).
    const crashDir = tempDir();
    fs.cpSync(dataDir, crashDir, { recursive: true });
    fs.rmSync(path.join(crashDir, "LOCK"));
    await first.close();

    for (const dir of [crashDir, dataDir]) {
      const again = await startBackend({ projectDir: fixture, dataDir: dir, port: 0, log: () => undefined });
      try {
        const docs = (await adminDocuments(again)).sort((x, y) => String(x._id).localeCompare(String(y._id)));
        expect(docs, dir === crashDir ? "after a crash" : "after a clean restart").toStrictEqual(expected);
        // Queries see the restored documents, and a new insert takes none of their ids.
        const http2 = new ConvexHttpClient(again.url);
        expect((await http2.query(list, {})).map((d) => d._id).sort()).toEqual(expected.map((d) => d._id));
        const newId = await http2.mutation(send, { author: "c", body: "after restart" });
        expect(counterOfId(newId)!).toBeGreaterThan(counterOfId(ahead._id)!);
      } finally {
        await again.close();
      }
    }
  });

  describe("compaction of the write-ahead log", () => {
    const walBytes = (dir: string) =>
      fs
        .readdirSync(dir)
        .filter((f) => /^wal-\d+\.log$/.test(f))
        .reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
    const storage = async (b: RunningBackend) =>
      (
        (await (
          await fetch(`${b.url}/api/admin/status`, { headers: { Authorization: `Convex ${b.adminKey}` } })
        ).json()) as { storage: { walRecords: number; walBytes: number; snapshotBytes: number } }
      ).storage;
    async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
      const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
      Object.assign(process.env, env);
      try {
        return await fn();
      } finally {
        for (const [k, v] of Object.entries(before))
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
      }
    }

    it("compacts while running once the log passes its size threshold", async () => {
      const dataDir = tempDir();
      const b = await withEnv(
        { SCHEMA_ASSISTANT_SNAPSHOT_MIN_BYTES: "4000", SCHEMA_ASSISTANT_SNAPSHOT_MAX_BYTES: "4000" },
        () => startBackend({ projectDir: fixture, dataDir, port: 0, log: () => undefined }),
      );
      try {
        const http = new ConvexHttpClient(b.url);
        for (let i = 0; i < 60; i++)
          await http.mutation(send, { author: "a", body: `message number ${i} ${"x".repeat(40)}` });
        await until(
          () => storage(b),
          (s) => s.walBytes < 4000 && s.snapshotBytes > 0,
          { what: "a compaction" },
        );
        expect(walBytes(dataDir)).toBeLessThan(4000 + 400);
        expect((await http.query(list, {})).length).toBe(60);
      } finally {
        await b.close();
      }
    });

    it("compacts a log left by a killed process right after the next start, so kill cycles cannot grow it", async () => {
      const dataDir = tempDir();
      const first = await withEnv({ SCHEMA_ASSISTANT_SNAPSHOT_EVERY: "1000000" }, () =>
        startBackend({ projectDir: fixture, dataDir, port: 0, log: () => undefined }),
      );
      const http = new ConvexHttpClient(first.url);
      for (let i = 0; i < 40; i++) await http.mutation(send, { author: "a", body: `m${i}` });
      const crashDir = tempDir();
      fs.cpSync(dataDir, crashDir, { recursive: true });
      fs.rmSync(path.join(crashDir, "LOCK"));
      await first.close();
      const before = walBytes(crashDir);
      expect(fs.existsSync(path.join(crashDir, "snapshot.json"))).toBe(false);
      const logs: string[] = [];
      const again = await withEnv({ SCHEMA_ASSISTANT_SNAPSHOT_EVERY: "30" }, () =>
        startBackend({ projectDir: fixture, dataDir: crashDir, port: 0, log: (l) => logs.push(l) }),
      );
      try {
        await until(
          () => storage(again),
          (s) => s.walRecords === 0,
          { what: "the compaction after start" },
        );
        expect(walBytes(crashDir)).toBeLessThan(before / 10);
        expect(logs.join("\n")).toMatch(/compacted the write-ahead log: \d+ records/);
        expect((await new ConvexHttpClient(again.url).query(list, {})).length).toBe(40);
      } finally {
        await again.close();
      }
    });

    it("compacts a log that is only old (time threshold)", async () => {
      const dataDir = tempDir();
      const b = await withEnv({ SCHEMA_ASSISTANT_SNAPSHOT_EVERY_MS: "300" }, () =>
        startBackend({ projectDir: fixture, dataDir, port: 0, log: () => undefined }),
      );
      try {
        await new ConvexHttpClient(b.url).mutation(send, { author: "a", body: "one" });
        await until(
          () => storage(b),
          (s) => s.walRecords === 0 && s.snapshotBytes > 0,
          { what: "a timed compaction" },
        );
      } finally {
        await b.close();
      }
    });

    it("finds documents a schema changed while stopped no longer matches (the skipped check is only for an unchanged schema)", async () => {
      const projectDir = tempDir();
      fs.cpSync(fixture, projectDir, { recursive: true });
      const dataDir = tempDir();
      const first = await startBackend({ projectDir, dataDir, port: 0, log: () => undefined });
      await new ConvexHttpClient(first.url).mutation(send, { author: "a", body: "one" });
      await first.close();
      const schemaFile = path.join(projectDir, "convex", "schema.ts");
      fs.writeFileSync(
        schemaFile,
        fs.readFileSync(schemaFile, "utf8").replace("channel: v.optional(v.string())", "channel: v.string()"),
      );
      const second = await startBackend({ projectDir, dataDir, port: 0, log: () => undefined });
      try {
        expect(second.backend.lastPush).toMatchObject({
          ok: false,
          message: expect.stringMatching(/field "channel" is missing/),
        });
      } finally {
        await second.close();
      }
    });
  });
});
