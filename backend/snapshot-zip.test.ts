import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { jsonToConvex } from "convex/values";
import { afterAll, describe, expect, it } from "vitest";
import { SnapshotSink } from "../lib/import";
import { startBackend } from "./index.js";
import { parseExportJson, readSnapshotZip, remapIds, writeSnapshotZip } from "./snapshot-zip.js";

const bytes = new Uint8Array([0, 1, 254, 255]).buffer;

async function sinkZip(): Promise<Uint8Array> {
  let n = 0;
  const sink = new SnapshotSink({ tables: ["owners", "things"], randomBytes: () => new Uint8Array(16).fill(++n) });
  const [owner] = await sink.insert("owners", [{ name: "Ann" }]);
  await sink.insert("things", [
    {
      big: 9007199254740993n,
      neg: -(2n ** 63n),
      whole: 3,
      frac: 2.5,
      nan: NaN,
      blob: bytes,
      nested: { list: [1n, 1.0, "x", null, true] },
      owner,
    },
  ]);
  return sink.toZip();
}

describe("snapshot ZIPs", () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it("parses export JSON: integer literals are int64, fractions and exponents float64", () => {
    const v = jsonToConvex(
      parseExportJson(
        '{"a": 12, "b": 12.0, "c": -9223372036854775808, "d": 1e3, "e": [0, "7\\"q"], "f": {"$bytes": "AAE="}}',
      ) as never,
    ) as Record<string, unknown>;
    expect(v).toEqual({ a: 12n, b: 12, c: -(2n ** 63n), d: 1000, e: [0n, '7"q'], f: new Uint8Array([0, 1]).buffer });
    expect(() => parseExportJson('{"a": 9223372036854775808}')).toThrow(/does not fit in an int64/);
    expect(() => parseExportJson('{"a": 1,}')).toThrow(SyntaxError);
  });

  it("reads lib/import's SnapshotSink ZIPs with int64 and bytes, and round-trips them through an export", async () => {
    const data = readSnapshotZip(await sinkZip());
    const thing = jsonToConvex(data.tables.get("things")![0] as never) as Record<string, unknown>;
    expect(thing).toMatchObject({
      big: 9007199254740993n,
      neg: -(2n ** 63n),
      whole: 3,
      frac: 2.5,
      blob: bytes,
      nested: { list: [1n, 1, "x", null, true] },
    });
    expect(typeof thing.whole).toBe("number");
    expect(thing.nan).toBeNaN();
    const { data: mapped } = remapIds(data, 10000, () => false);
    const again = readSnapshotZip(writeSnapshotZip(mapped));
    expect(again.tables.get("things")).toStrictEqual(mapped.tables.get("things"));
  });

  it("imports a SnapshotSink ZIP into a running backend keeping int64, bytes and references", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sa-zip-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const b = await startBackend({
      projectDir: path.join(import.meta.dirname, "testdata", "basic"),
      dataDir: dir,
      port: 0,
      watch: false,
      log: () => undefined,
    });
    cleanup.push(() => b.close());
    const headers = { Authorization: `Convex ${b.adminKey}` };
    const res = await fetch(`${b.url}/api/admin/import?mode=replace`, {
      method: "POST",
      headers,
      body: Buffer.from(await sinkZip()),
    });
    expect(await res.json()).toEqual({ committed: true, imported: { owners: 1, things: 1 } });
    const get = async (t: string) =>
      (
        (await (await fetch(`${b.url}/api/admin/tables/${t}/documents`, { headers })).json()) as { page: unknown[] }
      ).page.map((d) => jsonToConvex(d as never) as Record<string, unknown>);
    const [owner] = await get("owners");
    const [thing] = await get("things");
    expect(thing).toMatchObject({ big: 9007199254740993n, neg: -(2n ** 63n), blob: bytes, owner: owner._id });
  });
});
