/**
 * The migration engine against the real embedded backend (startBackend): run, verify, roll back, resume.
 */
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { startBackend, type RunningBackend } from "../backend";
import { planWithRenames, rollbackMigration, runMigration, validateDocument, type Doc } from "../lib/migrate";
import { opt, req, schema, table, V } from "../lib/testing/model";
import { printSchema } from "../lib/schema/print";
import type { SchemaModel } from "../lib/schema/model";
import { BackendStore, JOURNAL_TABLE } from "./migrate-backend-store";

const from = schema(
  table("users", [req("name", V.string()), opt("age", V.string()), opt("legacy", V.string())]),
  table("posts", [req("title", V.string()), req("author", V.id("users"))], { by_author: ["author"] }),
  table("old", [req("x", V.number())]),
);
const to = schema(
  table("users", [req("fullName", V.string()), req("age", V.number()), req("role", V.string())]),
  table("articles", [req("title", V.string()), req("author", V.id("users"))], { by_author: ["author"] }),
);

export async function pushSchemaTo(running: RunningBackend, dir: string, model: SchemaModel): Promise<void> {
  await writeFile(path.join(dir, "convex/schema.ts"), printSchema(model));
  await running.reload();
  const push = running.backend.lastPush;
  if (!push.ok) throw new Error(push.message);
}

async function allDocs(store: BackendStore): Promise<Record<string, Doc[]>> {
  const out: Record<string, Doc[]> = {};
  for (const t of await store.listTables()) {
    out[t] = [];
    for (let cursor: string | null = null; ; ) {
      const page = await store.page(t, cursor, 1000);
      out[t].push(...page.docs);
      if (page.isDone) break;
      cursor = page.cursor;
    }
  }
  return out;
}

describe("BackendStore", () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  test("run, validate, roll back exactly", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sa-migrate-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    await mkdir(path.join(dir, "convex"));
    await writeFile(path.join(dir, "convex/schema.ts"), printSchema(from));
    const running = await startBackend({ projectDir: dir, port: 0, log: () => undefined });
    cleanup.push(() => running.close());
    const store = new BackendStore({
      url: running.url,
      adminKey: running.adminKey,
      backupDir: path.join(dir, "backups"),
      pushSchema: (m) => pushSchemaTo(running, dir, m),
    });

    const res = await fetch(`${running.url}/api/admin/write`, {
      method: "POST",
      headers: { Authorization: `Convex ${running.adminKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        writes: [
          { op: "insert", table: "users", value: { name: "Ann", age: "41" } },
          { op: "insert", table: "users", value: { name: "Bob", legacy: "x" } },
          { op: "insert", table: "old", value: { x: 1 } },
        ],
      }),
    });
    const { results } = (await res.json()) as { results: string[] };
    await fetch(`${running.url}/api/admin/write`, {
      method: "POST",
      headers: { Authorization: `Convex ${running.adminKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        writes: [
          { op: "insert", table: "posts", value: { title: "a", author: results[0] } },
          { op: "insert", table: "posts", value: { title: "b", author: results[1] } },
        ],
      }),
    });
    const before = await allDocs(store);

    const plan = planWithRenames(
      from,
      to,
      { tables: [{ from: "posts", to: "articles" }], fields: [{ table: "users", from: "name", to: "fullName" }] },
      { defaults: { "users.role": "member", "users.age": 0 } },
    );
    let tick = 0;
    const result = await runMigration(plan, store, { runId: "b1", now: () => ++tick, batchSize: 1 });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe("done");
    const after = await allDocs(store);
    expect(Object.keys(after).sort()).toStrictEqual(["articles", "users"]);
    for (const [t, docs] of Object.entries(after))
      for (const d of docs) expect(validateDocument(to, t, d)).toStrictEqual([]);
    expect(after.users.map((u) => [u.fullName, u.age, u.role])).toStrictEqual([
      ["Ann", 41, "member"],
      ["Bob", 0, "member"],
    ]);
    expect(after.articles.map((a) => a.title)).toStrictEqual(["a", "b"]);

    await rollbackMigration(plan, store, { runId: "b1", now: () => ++tick });
    expect(await allDocs(store)).toStrictEqual(before);
    expect(await store.readJournal("b1")).toContainEqual(
      expect.objectContaining({ type: "finish", status: "rolledBack" }),
    );
    expect(await store.listTables()).not.toContain(JOURNAL_TABLE);
  });

  test("a process that dies right after a copy batch or an undo commits loses nothing: a new process resumes and rolls back exactly", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sa-migrate-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    await mkdir(path.join(dir, "convex"));
    await writeFile(path.join(dir, "convex/schema.ts"), printSchema(from));
    const running = await startBackend({ projectDir: dir, port: 0, log: () => undefined });
    cleanup.push(() => running.close());
    // Each "process" is a new store: it knows only what the backend committed.
    const processStore = () =>
      new BackendStore({
        url: running.url,
        adminKey: running.adminKey,
        backupDir: path.join(dir, "backups"),
        pushSchema: (m) => pushSchemaTo(running, dir, m),
      });
    const dying = (n: number) => {
      const store = processStore();
      let calls = 0;
      const view: BackendStore = Object.create(store);
      view.applyBatch = async (w, m) => {
        const out = await store.applyBatch(w, m);
        if (++calls === n) throw new Error("process died");
        return out;
      };
      return view;
    };
    const users = (await (
      await fetch(`${running.url}/api/admin/batch`, {
        method: "POST",
        headers: { Authorization: `Convex ${running.adminKey}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          writes: [
            { op: "insert", table: "users", value: { name: "Ann" } },
            { op: "insert", table: "old", value: { x: 1 } },
          ],
        }),
      })
    ).json()) as { results: string[] };
    await fetch(`${running.url}/api/admin/batch`, {
      method: "POST",
      headers: { Authorization: `Convex ${running.adminKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        writes: ["a", "b", "c"].map((title) => ({
          op: "insert",
          table: "posts",
          value: { title, author: users.results[0] },
        })),
      }),
    });
    const before = await allDocs(processStore());
    const plan = planWithRenames(
      from,
      to,
      { tables: [{ from: "posts", to: "articles" }], fields: [{ table: "users", from: "name", to: "fullName" }] },
      { defaults: { "users.role": "member", "users.age": 0 } },
    );
    let tick = 0;
    // Dies right after the first copy batch committed (its new id must be in the journal), then finishes.
    expect((await runMigration(plan, dying(1), { runId: "c1", now: () => ++tick, batchSize: 1 })).error).toBe(
      "process died",
    );
    const copy = (await processStore().readJournal("c1")).find((e) => e.type === "batch");
    expect(copy?.type === "batch" && copy.insertedIds?.length).toBe(1);
    expect((await runMigration(plan, processStore(), { runId: "c1", now: () => ++tick, batchSize: 1 })).status).toBe(
      "done",
    );
    expect((await allDocs(processStore())).articles).toHaveLength(3);
    // Rollback dies after each undo (the last ones restore deleted posts with their ids); each new process resumes.
    for (let undone = 0; ; undone++) {
      expect(undone).toBeLessThan(50);
      try {
        await rollbackMigration(plan, dying(1), { runId: "c1", now: () => ++tick });
        break;
      } catch (e) {
        expect((e as Error).message).toBe("process died");
      }
    }
    await rollbackMigration(plan, processStore(), { runId: "c1", now: () => ++tick });
    expect(await allDocs(processStore())).toStrictEqual(before);
  });
});
