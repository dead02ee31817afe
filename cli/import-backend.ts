/**
 * Node adapters for `schema-assistant import`: a sink that writes into a running backend through its admin API
 * (`POST /api/admin/write`, one atomic batch per call), and the persisted import state (checkpoint + ID map) that
 * lets an interrupted import resume.
 */
import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { convexToJson, type Value } from "convex/values";
import { z } from "zod";
import { SinkRejection, type Checkpoint, type Doc, type IdMap, type ImportSink } from "../lib/import";
import { storedShape } from "../lib/stored";

/** `<state dir>/checkpoint.json`: where a resumed import starts again. */
const storedCheckpoint = storedShape<Checkpoint>(
  "import checkpoint",
  1,
  z.object({ phase: z.enum(["insert", "patch"]), table: z.string(), offset: z.number().int().nonnegative() }),
);
/** One line of `<state dir>/id-map.jsonl`: source key → Convex id. */
const storedIdPair = storedShape<[string, string]>("id map entry", 1, z.tuple([z.string(), z.string()]));

/** Writes batches into a backend. Each insert call is one transaction: all documents land or none. */
export class BackendSink implements ImportSink {
  constructor(
    private url: string,
    private adminKey: string,
  ) {}

  private async write(writes: unknown[]): Promise<string[]> {
    const res = await fetch(`${this.url.replace(/\/$/, "")}/api/admin/write`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Convex ${this.adminKey}` },
      body: JSON.stringify({ writes }),
    });
    const body = (await res.json().catch(() => ({}))) as { results?: string[]; message?: string };
    // 400: the backend read the batch and refused its content (validation); anything else is worth a retry/resume.
    if (res.status === 400) throw new SinkRejection(body.message ?? "write refused");
    if (!res.ok || !body.results)
      throw new Error(`Backend write failed (${res.status}): ${body.message ?? res.statusText}`);
    return body.results;
  }

  /**
   * Checks the backend serves a schema with every table to import; returns the tables that already hold documents
   * (a fresh import would add to them).
   */
  async preflight(tables: string[]): Promise<{ missing: string[]; nonEmpty: string[] }> {
    const res = await fetch(`${this.url.replace(/\/$/, "")}/api/admin/tables`, {
      headers: { Authorization: `Convex ${this.adminKey}` },
    });
    if (!res.ok)
      throw new Error(
        `Backend at ${this.url} answered ${res.status} to GET /api/admin/tables: is the URL and admin key right?`,
      );
    const body = (await res.json()) as { tables: { name: string; count: number; inSchema: boolean }[] };
    const byName = new Map(body.tables.map((t) => [t.name, t]));
    return {
      missing: tables.filter((t) => !byName.get(t)?.inSchema),
      nonEmpty: tables.filter((t) => (byName.get(t)?.count ?? 0) > 0),
    };
  }

  async insert(table: string, docs: Doc[]): Promise<string[]> {
    return this.write(docs.map((d) => ({ op: "insert", table, value: convexToJson(d as Value) })));
  }

  async patch(_table: string, id: string, fields: Doc): Promise<void> {
    await this.write([{ op: "patch", id, value: convexToJson(fields as Value) }]);
  }
}

/**
 * The ID map and checkpoint on disk: `<dir>/id-map.jsonl` (one `[key, id]` per line, appended after each batch)
 * and `<dir>/checkpoint.json`.
 */
export class ImportState implements IdMap {
  private map = new Map<string, string>();
  private pending: string[] = [];
  checkpoint?: Checkpoint;
  /** The previous run finished: there is nothing to resume. */
  done = false;

  private constructor(private dir: string) {}

  /** Opens the state in `dir`; `resume` false starts over (the old state is removed). */
  static async open(dir: string, resume: boolean): Promise<ImportState> {
    const s = new ImportState(dir);
    if (!resume) await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const mapFile = path.join(dir, "id-map.jsonl");
    if (resume && existsSync(mapFile)) {
      for (const [n, line] of (await readFile(mapFile, "utf8")).split("\n").entries()) {
        if (!line) continue;
        const [k, v] = storedIdPair.parse(line, `${mapFile}:${n + 1}`);
        s.map.set(k, v);
      }
    }
    const cp = path.join(dir, "checkpoint.json");
    if (resume && existsSync(cp)) s.checkpoint = storedCheckpoint.parse(await readFile(cp, "utf8"), cp);
    s.done = resume && existsSync(path.join(dir, "done"));
    return s;
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): string | undefined {
    return this.map.get(key);
  }

  set(key: string, id: string): void {
    this.map.set(key, id);
    this.pending.push(JSON.stringify([key, id]));
  }

  /** Persists new ids, then the checkpoint (in that order, so a checkpoint never runs ahead of its ids). */
  async save(checkpoint: Checkpoint): Promise<void> {
    if (this.pending.length) {
      await appendFile(path.join(this.dir, "id-map.jsonl"), this.pending.join("\n") + "\n");
      this.pending = [];
    }
    this.checkpoint = checkpoint;
    await writeFile(path.join(this.dir, "checkpoint.json"), JSON.stringify(checkpoint) + "\n");
  }

  /** Marks the import complete (the ID map stays, for follow-up imports that reference these rows). */
  async finish(): Promise<void> {
    await writeFile(path.join(this.dir, "done"), "");
  }
}
