/**
 * Durable storage for the embedded backend: a write-ahead log of commits plus periodic snapshots.
 *
 * Layout of the data dir:
 *   snapshot.json        the full state up to (not including) WAL segment `nextSegment`; replaced by atomic rename
 *   wal-000001.log ...   commit records: [u32 length LE][u32 crc32 LE][JSON payload]
 *   storage/<id>         file storage bytes
 * Durability policy: a record is appended with write(2) at commit time and the segment is fdatasync'ed before
 * any mutation that produced it is acknowledged (group commit: one fdatasync covers every record appended
 * meanwhile). A torn or corrupt tail (kill -9 mid-write) fails its checksum and is cut off at startup; every
 * record before it was complete.
 */
import fs from "node:fs";
import path from "node:path";
import { crc32 } from "node:zlib";
import { z } from "zod";
import { storedShape, structural } from "../lib/stored/index.js";
import type { CommitRecord, EngineState, JsonDoc } from "./engine-internals.js";

const SNAPSHOT = "snapshot.json";
/** Under `storage/`: files stored by components, one folder per component path. */
const COMPONENTS_DIR = "components";
const MiB = 1024 * 1024;
/** How far past its threshold the log may grow while commits keep coming, before a snapshot cannot wait. */
const URGENT_FACTOR = 1.5;

/**
 * When the log is folded into a new snapshot (compaction). Restart replays the snapshot plus the log, so the log
 * is kept smaller than the snapshot (at least 8 MiB, at most 64 MiB) or 20,000 records, and a log that has any
 * record is compacted after 10 minutes, so a quiet server restarts from a snapshot too. Past the threshold the
 * snapshot waits for a pause in commits (a burst such as a migration run is not stalled by one), up to half the
 * threshold again. Overridable (tests, bench).
 */
export interface CompactionPolicy {
  everyRecords: number;
  minBytes: number;
  maxBytes: number;
  everyMs: number;
}

export function compactionPolicy(env: NodeJS.ProcessEnv = process.env): CompactionPolicy {
  const num = (name: string, def: number) => {
    const n = Number(env[name] ?? def);
    return Number.isFinite(n) && n > 0 ? n : def;
  };
  return {
    everyRecords: num("SCHEMA_ASSISTANT_SNAPSHOT_EVERY", 20_000),
    minBytes: num("SCHEMA_ASSISTANT_SNAPSHOT_MIN_BYTES", 8 * MiB),
    maxBytes: num("SCHEMA_ASSISTANT_SNAPSHOT_MAX_BYTES", 64 * MiB),
    everyMs: num("SCHEMA_ASSISTANT_SNAPSHOT_EVERY_MS", 10 * 60 * 1000),
  };
}

interface SnapshotFile {
  version: 1;
  nextSegment: number;
  state: EngineState;
}

/** A list of documents, checked to be an array without copying each document (snapshots hold every document). */
const documentList = z.custom<JsonDoc[]>((v) => Array.isArray(v), { message: "expected an array of documents" });
const counters = { nextDocId: z.number(), lastCreationTime: z.number() };

/** `<dataDir>/snapshot.json`, checked on start: the keys recovery relies on, not each document. */
const snapshotFile = storedShape<SnapshotFile>(
  "snapshot",
  1,
  structural<SnapshotFile>(
    z.object({
      version: z.literal(1),
      nextSegment: z.number().int().nonnegative(),
      state: z.looseObject({
        documents: documentList,
        ...counters,
        lastCommitTs: z.string(),
        components: z.record(z.string(), z.looseObject({ documents: documentList, ...counters })).optional(),
      }),
    }),
  ),
);

/** What was on disk at startup. */
export interface Recovered {
  state: EngineState | null;
  commits: CommitRecord[];
  /** Bytes cut from a torn WAL tail, if any. */
  truncatedBytes: number;
}

function segmentName(n: number): string {
  return `wal-${String(n).padStart(6, "0")}.log`;
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a file atomically: temp file, fsync, rename, fsync the folder. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, "w", 0o600);
  try {
    fs.writeSync(fd, typeof data === "string" ? Buffer.from(data) : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

function encodeRecord(r: CommitRecord): Buffer {
  // A component's write carries its path as a third element; `c` holds the id counters of components that wrote.
  const writes = r.writes.map((w) => (w.component ? [w.id, w.doc, w.component] : [w.id, w.doc]));
  const payload = Buffer.from(
    JSON.stringify({
      ts: r.ts.toString(),
      nextDocId: r.nextDocId,
      writes,
      ...(r.componentNextDocIds ? { c: r.componentNextDocIds } : {}),
    }),
  );
  const head = Buffer.alloc(8);
  head.writeUInt32LE(payload.length, 0);
  head.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([head, payload]);
}

interface WalRecord {
  ts: string;
  nextDocId: number;
  writes: Array<[string, JsonDoc | null, string?]>;
  c?: Record<string, number>;
}

/**
 * A record whose checksum matches but whose shape does not is not a torn tail: it was written wrong, and replaying
 * it would corrupt the state. Checked cheaply (the record's frame, not each document: documents are validated by
 * the schema on use) because this runs for every record at start and compaction.
 */
function walRecord(value: unknown, file: string, offset: number): WalRecord {
  const r = value as Partial<WalRecord> | null;
  const ok =
    typeof r === "object" &&
    r !== null &&
    typeof r.ts === "string" &&
    typeof r.nextDocId === "number" &&
    Array.isArray(r.writes) &&
    r.writes.every((w) => Array.isArray(w) && typeof w[0] === "string" && typeof w[1] === "object") &&
    (r.c === undefined || (typeof r.c === "object" && r.c !== null));
  if (!ok) throw new Error(`${file}: the record at byte ${offset} has a valid checksum but not a record's shape.`);
  return r as WalRecord;
}

function decodeSegment(buf: Buffer, file: string): { records: CommitRecord[]; validBytes: number } {
  const records: CommitRecord[] = [];
  let off = 0;
  while (off + 8 <= buf.length) {
    const len = buf.readUInt32LE(off);
    const sum = buf.readUInt32LE(off + 4);
    if (off + 8 + len > buf.length) break;
    const payload = buf.subarray(off + 8, off + 8 + len);
    if (crc32(payload) !== sum) break;
    const p = walRecord(JSON.parse(payload.toString("utf8")), file, off);
    records.push({
      ts: BigInt(p.ts),
      nextDocId: p.nextDocId,
      writes: p.writes.map(([id, doc, component]) =>
        component ? { id, table: "", doc, component } : { id, table: "", doc },
      ),
      ...(p.c ? { componentNextDocIds: p.c } : {}),
    });
    off += 8 + len;
  }
  return { records, validBytes: off };
}

/** The write-ahead log and snapshots of one data dir. */
export class Store {
  private fd: number;
  private segment: number;
  private appended = 0;
  private synced = 0;
  private syncing: Promise<void> | null = null;
  private recordsSinceSnapshot = 0;
  private bytesSinceSnapshot = 0;
  private snapshotBytes = 0;
  private lastSnapshotAt = Date.now();
  private readonly pendingBlobs = new Set<Promise<void>>();
  private closed = false;
  readonly policy: CompactionPolicy = compactionPolicy();

  private constructor(
    readonly dataDir: string,
    segment: number,
  ) {
    this.segment = segment;
    this.fd = fs.openSync(path.join(dataDir, segmentName(segment)), "a", 0o600);
  }

  /** Opens (creating) a data dir, replaying the snapshot and WAL. Takes an exclusive lock on the folder. */
  static open(dataDir: string): { store: Store; recovered: Recovered } {
    fs.mkdirSync(path.join(dataDir, "storage"), { recursive: true, mode: 0o700 });
    takeLock(dataDir);
    let state: EngineState | null = null;
    let nextSegment = 1;
    let snapshotBytes = 0;
    let snapshotAt = Date.now();
    const snapFile = path.join(dataDir, SNAPSHOT);
    if (fs.existsSync(snapFile)) {
      const text = fs.readFileSync(snapFile, "utf8");
      const snap = snapshotFile.parse(text, snapFile);
      state = snap.state;
      nextSegment = snap.nextSegment;
      snapshotBytes = text.length;
      snapshotAt = fs.statSync(snapFile).mtimeMs;
    }
    const segments = fs
      .readdirSync(dataDir)
      .map((f) => /^wal-(\d+)\.log$/.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    const commits: CommitRecord[] = [];
    let truncatedBytes = 0;
    let walBytes = 0;
    for (const n of segments) {
      const file = path.join(dataDir, segmentName(n));
      if (n < nextSegment) {
        fs.rmSync(file, { force: true }); // already folded into the snapshot
        continue;
      }
      const buf = fs.readFileSync(file);
      const { records, validBytes } = decodeSegment(buf, file);
      for (const r of records) commits.push(r);
      walBytes += validBytes;
      if (validBytes < buf.length) {
        truncatedBytes += buf.length - validBytes;
        fs.truncateSync(file, validBytes);
      }
    }
    const last = segments.length > 0 ? Math.max(segments[segments.length - 1] + 1, nextSegment) : nextSegment;
    const store = new Store(dataDir, last);
    // The log replayed now counts toward compaction, so kill/restart cycles cannot grow it without bound.
    store.recordsSinceSnapshot = commits.length;
    store.bytesSinceSnapshot = walBytes;
    store.snapshotBytes = snapshotBytes;
    store.lastSnapshotAt = snapshotAt;
    fsyncDir(dataDir);
    return { store, recovered: { state, commits, truncatedBytes } };
  }

  /** Appends a commit record (write(2), not yet fsync'ed; call `flush` before acknowledging). */
  append(record: CommitRecord): void {
    if (this.closed) return;
    const buf = encodeRecord(record);
    fs.writeSync(this.fd, buf);
    this.appended += 1;
    this.recordsSinceSnapshot += 1;
    this.bytesSinceSnapshot += buf.length;
  }

  /** Resolves once every record appended so far is on disk (group commit). */
  async flush(): Promise<void> {
    const target = this.appended;
    while (this.synced < target && !this.closed) {
      if (!this.syncing) this.syncing = this.syncOnce();
      await this.syncing;
    }
  }

  private async syncOnce(): Promise<void> {
    const upto = this.appended;
    const fd = this.fd;
    try {
      await new Promise<void>((resolve, reject) => fs.fdatasync(fd, (e) => (e ? reject(e) : resolve())));
      this.synced = Math.max(this.synced, upto);
    } catch (e) {
      if (fd === this.fd && !this.closed) throw e; // else the segment was rotated and fsynced by snapshot()
    } finally {
      this.syncing = null;
    }
  }

  /** True when the WAL has grown enough (or is old enough) that a snapshot should be taken. */
  wantsSnapshot(now = Date.now()): boolean {
    return this.overThreshold(1, now);
  }

  /**
   * True when the WAL is past its threshold by half again (or old enough): a snapshot is due now even while
   * commits keep coming (the backend otherwise waits for a pause in them, see Backend.scheduleSnapshot).
   */
  mustSnapshot(now = Date.now()): boolean {
    return this.overThreshold(URGENT_FACTOR, now);
  }

  private overThreshold(factor: number, now: number): boolean {
    const p = this.policy;
    if (this.recordsSinceSnapshot === 0) return false;
    const byteLimit = Math.min(p.maxBytes, Math.max(p.minBytes, this.snapshotBytes));
    return (
      this.recordsSinceSnapshot >= p.everyRecords * factor ||
      this.bytesSinceSnapshot >= byteLimit * factor ||
      now - this.lastSnapshotAt >= p.everyMs
    );
  }

  /** Sizes for status and benchmarks: the log since the last snapshot, and the snapshot. */
  stats(): { walRecords: number; walBytes: number; snapshotBytes: number; lastSnapshotAt: number } {
    return {
      walRecords: this.recordsSinceSnapshot,
      walBytes: this.bytesSinceSnapshot,
      snapshotBytes: this.snapshotBytes,
      lastSnapshotAt: this.lastSnapshotAt,
    };
  }

  /**
   * Writes a snapshot of `state` (which must include every appended record) and drops the WAL segments it
   * covers. Synchronous, so no commit can slip in between capturing the state and rotating the log.
   */
  snapshot(state: EngineState): void {
    if (this.closed) return;
    const old = this.fd;
    fs.fsyncSync(old);
    // An fdatasync may still be running on the old segment in the thread pool: close it only afterwards.
    if (this.syncing) void this.syncing.finally(() => fs.closeSync(old));
    else fs.closeSync(old);
    this.synced = this.appended;
    const covered = this.segment;
    this.segment += 1;
    this.fd = fs.openSync(path.join(this.dataDir, segmentName(this.segment)), "a", 0o600);
    const snap: SnapshotFile = { version: 1, nextSegment: this.segment, state };
    const text = JSON.stringify(snap);
    writeFileAtomic(path.join(this.dataDir, SNAPSHOT), text);
    this.snapshotBytes = text.length;
    this.lastSnapshotAt = Date.now();
    for (let n = covered; n >= 1; n--) {
      const f = path.join(this.dataDir, segmentName(n));
      if (!fs.existsSync(f)) break;
      fs.rmSync(f);
    }
    this.recordsSinceSnapshot = 0;
    this.bytesSinceSnapshot = 0;
  }

  /** Folder of a component's files (`storage/components/<path>`), or of the app's (`storage`). */
  private blobDir(component?: string): string {
    if (!component) return path.join(this.dataDir, "storage");
    const parts = component.split("/").map(safeName);
    return path.join(this.dataDir, "storage", COMPONENTS_DIR, ...parts);
  }

  /** Persists a stored file's bytes (atomically), the app's or a component's; `flushBlobs` waits for pending writes. */
  saveBlob(id: string, blob: Blob, component?: string): void {
    const p = blob
      .arrayBuffer()
      .then((buf) => {
        const dir = this.blobDir(component);
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        const file = path.join(dir, safeName(id));
        if (blob.type) fs.writeFileSync(`${file}.type`, blob.type, { mode: 0o600 }); // before the bytes: a file with bytes is complete
        writeFileAtomic(file, new Uint8Array(buf));
      })
      .finally(() => this.pendingBlobs.delete(p));
    this.pendingBlobs.add(p);
  }

  async flushBlobs(): Promise<void> {
    await Promise.all([...this.pendingBlobs]);
  }

  /** Loads the app's stored files lazily (file-backed Blobs). */
  async loadBlobs(component?: string): Promise<Record<string, Blob>> {
    const dir = this.blobDir(component);
    const out: Record<string, Blob> = {};
    if (!fs.existsSync(dir)) return out;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const f = entry.name;
      if (!entry.isFile() || f.includes(".")) continue; // folders, temp files and `<id>.type` content types
      const typeFile = path.join(dir, `${f}.type`);
      const type = fs.existsSync(typeFile) ? fs.readFileSync(typeFile, "utf8") : undefined;
      out[f] = await fs.openAsBlob(path.join(dir, f), type ? { type } : undefined);
    }
    return out;
  }

  /** Loads the files of each component in `components` (by component path). */
  async loadComponentBlobs(components: string[]): Promise<Record<string, Record<string, Blob>>> {
    const out: Record<string, Record<string, Blob>> = {};
    for (const c of components) out[c] = await this.loadBlobs(c);
    return out;
  }

  removeBlob(id: string, component?: string): void {
    const dir = this.blobDir(component);
    fs.rmSync(path.join(dir, safeName(id)), { force: true });
    fs.rmSync(path.join(dir, `${safeName(id)}.type`), { force: true });
  }

  /** Flushes, writes a final snapshot if given, and releases the lock. */
  async close(finalState?: EngineState): Promise<void> {
    if (this.closed) return;
    await this.flushBlobs();
    await this.flush();
    await this.syncing;
    if (finalState) this.snapshot(finalState);
    else fs.fsyncSync(this.fd);
    this.closed = true;
    fs.closeSync(this.fd);
    fs.rmSync(path.join(this.dataDir, "LOCK"), { force: true });
  }
}

function safeName(id: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`Invalid storage id "${id}"`);
  return id;
}

function takeLock(dataDir: string): void {
  const lock = path.join(dataDir, "LOCK");
  if (fs.existsSync(lock)) {
    const pid = Number(fs.readFileSync(lock, "utf8"));
    let alive = false;
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        alive = false;
      }
    }
    if (alive) throw new Error(`Data dir ${dataDir} is in use by process ${pid}`);
    if (pid === process.pid) throw new Error(`Data dir ${dataDir} is already open in this process`);
  }
  fs.writeFileSync(lock, String(process.pid), { mode: 0o600 });
}
