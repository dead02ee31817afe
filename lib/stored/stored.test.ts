import { describe, expect, it } from "vitest";
import { z } from "zod";
import { opt, req, schema, table, V } from "../testing/model";
import { StoredDataError, storedShape } from ".";
import { storedFiles, storedModel } from "./model";

const users = table("users", [req("name", V.string()), opt("tags", V.array(V.union(V.literal("a"), V.null())))], {
  by_name: ["name"],
});

describe("storedModel", () => {
  it("reads back what was stored, keeping locations and other keys", () => {
    const model = schema(users);
    model.tables[0].loc = { file: "convex/schema.ts", line: 3, column: 3 };
    model.tables[0].description = "People";
    expect(storedModel.parse(JSON.stringify(model), "schemaVersions v1")).toEqual(model);
    expect(storedModel.stringify(model)).toBe(JSON.stringify(model));
  });

  it("gives older rows without options or warnings Convex's defaults", () => {
    expect(storedModel.parse('{"tables":[],"options":{}}', "r")).toEqual(schema());
  });

  it("names the record and the bad place of a corrupted model", () => {
    const bad = JSON.stringify({ ...schema(users), tables: [{ ...users, fields: [{ name: "x", optional: false }] }] });
    expect(() => storedModel.parse(bad, "schemaVersions k57")).toThrow(StoredDataError);
    expect(() => storedModel.parse(bad, "schemaVersions k57")).toThrow(
      /^Stored schema model in schemaVersions k57 is not valid: tables\.0\.fields\.0\.validator: /,
    );
    const wrongKind = JSON.stringify(schema(table("t", [req("a", V.string())]))).replace('"string"', '"strng"');
    expect(() => storedModel.parse(wrongKind, "r")).toThrow(/tables\.0\.fields\.0\.validator\.kind/);
    expect(() => storedModel.parse("{not json", "schemaVersions k57")).toThrow(
      /^Stored schema model in schemaVersions k57 is not valid: not JSON/,
    );
    expect(() => storedModel.parse("null", "r")).toThrow(StoredDataError);
  });
});

describe("storedFiles", () => {
  it("accepts path → text and refuses anything else", () => {
    expect(storedFiles.parse('{"convex/a.ts":"x"}', "r")).toEqual({ "convex/a.ts": "x" });
    expect(() => storedFiles.parse('{"convex/a.ts":1}', "schemaVersions k1 filesJson")).toThrow(
      "Stored project files in schemaVersions k1 filesJson is not valid: convex/a.ts: Invalid input: expected string, received number",
    );
  });
});

describe("storedShape versions", () => {
  const v2 = storedShape("counter", 2, z.object({ count: z.number(), formatVersion: z.literal(2) }), {
    upgrades: { 1: (old) => ({ count: (old as { n: number }).n, formatVersion: 2 }) },
  });

  it("writes formatVersion from version 2 on and upgrades version-1 rows", () => {
    expect(v2.stringify({ count: 3, formatVersion: 2 })).toBe('{"count":3,"formatVersion":2}');
    expect(v2.parse('{"n":4}', "r")).toEqual({ count: 4, formatVersion: 2 });
  });

  it("says whether text is current without parsing it, and hands the reader's context to upgrades", () => {
    expect(v2.isCurrent(v2.stringify({ count: 1, formatVersion: 2 }))).toBe(true);
    expect(v2.isCurrent('{"n":1}')).toBe(false);
    const recomputed = storedShape<{ n: number; formatVersion: 2 }, () => number>(
      "recomputed",
      2,
      z.object({ n: z.number(), formatVersion: z.literal(2) }),
      { upgrades: { 1: (_old, source) => ({ n: source?.() ?? -1, formatVersion: 2 }) } },
    );
    expect(recomputed.parse("{}", "r", () => 42)).toEqual({ n: 42, formatVersion: 2 });
  });

  it("refuses rows from a newer version and bad version markers", () => {
    expect(() => v2.parse('{"count":1,"formatVersion":3}', "runs 9")).toThrow(
      "Stored counter in runs 9 is not valid: it has format version 3; this code reads up to 2",
    );
    expect(() => v2.parse('{"count":1,"formatVersion":"2"}', "r")).toThrow(/formatVersion is not a positive integer/);
    const noUpgrade = storedShape("thing", 2, z.object({}));
    expect(() => noUpgrade.parse("{}", "r")).toThrow(/no upgrade from format version 1 to 2/);
  });
});
