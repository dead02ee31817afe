/** The persisted import state: an import that dies midway resumes from disk without duplicates or lost ids. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { importSql, MemorySink, runDataImport, type RowSet } from "../lib/import";
import { ImportState } from "./import-backend";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

test("resume after a failure continues from the saved checkpoint and ID map", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "sa-import-state-"));
  dirs.push(dir);
  const schema = importSql(
    "CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a(id));",
    { legacyIds: true },
  );
  const rows: RowSet = {
    rows: new Map([
      ["a", Array.from({ length: 25 }, (_, i) => ({ values: { id: String(i + 1) } }))],
      ["b", Array.from({ length: 25 }, (_, i) => ({ values: { id: String(i + 1), a_id: String(25 - i) } }))],
    ]),
    diagnostics: [],
  };
  const sink = new MemorySink();
  sink.failOnInsertCall = 5; // a: 3 batches of 10, then b's second batch fails
  const first = await ImportState.open(dir, false);
  await expect(
    runDataImport(schema, rows, sink, { batchSize: 10, idMap: first, onCheckpoint: (c) => first.save(c) }),
  ).rejects.toThrow();
  expect(first.checkpoint).toEqual({ phase: "insert", table: "b", offset: 10 });

  sink.failOnInsertCall = undefined;
  const second = await ImportState.open(dir, true);
  expect(second.checkpoint).toEqual({ phase: "insert", table: "b", offset: 10 });
  expect(second.size).toBe(first.size);
  await runDataImport(schema, rows, sink, {
    batchSize: 10,
    idMap: second,
    resume: second.checkpoint,
    onCheckpoint: (c) => second.save(c),
  });
  await second.finish();
  expect(sink.tables.get("a")!.size).toBe(25);
  expect(sink.tables.get("b")!.size).toBe(25);
  for (const b of sink.tables.get("b")!.values())
    expect(sink.get(String(b.aId))!.legacyId).toBe(26 - Number(b.legacyId));
  expect((await ImportState.open(dir, true)).done).toBe(true);
});

test("a damaged checkpoint or id map is refused with its file (and line), not resumed from", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "sa-import-state-"));
  dirs.push(dir);
  await writeFile(path.join(dir, "checkpoint.json"), JSON.stringify({ phase: "copy", table: "b", offset: 10 }));
  await expect(ImportState.open(dir, true)).rejects.toThrow(
    `Stored import checkpoint in ${path.join(dir, "checkpoint.json")} is not valid: phase: `,
  );
  await writeFile(path.join(dir, "checkpoint.json"), JSON.stringify({ phase: "insert", table: "b", offset: 10 }));
  await writeFile(path.join(dir, "id-map.jsonl"), '["a:1","k1"]\n["a:2"]\n');
  await expect(ImportState.open(dir, true)).rejects.toThrow(`id-map.jsonl:2 is not valid`);
});
