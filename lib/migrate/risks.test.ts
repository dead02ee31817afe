import { describe, expect, it } from "vitest";
import { diffSchemas } from "./diff";
import { assessRisks } from "./risks";
import { opt, req, schema, table, V } from "../testing/model";

const codes = (from: ReturnType<typeof schema>, to: ReturnType<typeof schema>, ctx = {}) =>
  assessRisks(diffSchemas(from, to), ctx).map((d) => d.code);
const stats = (count: number, present: Record<string, number> = {}) => ({ tables: { t: { count, present } } });

describe("risk codes", () => {
  it("MR101 required field on non-empty table, not on empty or with default", () => {
    const a = schema(table("t", []));
    const b = schema(table("t", [req("x", V.string())]));
    expect(codes(a, b)).toStrictEqual(["MR101"]);
    expect(codes(a, b, { stats: stats(0) })).toStrictEqual([]);
    expect(codes(a, b, { defaults: { "t.x": "" } })).toStrictEqual([]);
  });
  it("MR102 dropped field with data", () => {
    const a = schema(table("t", [opt("x", V.string())]));
    const b = schema(table("t", []));
    expect(codes(a, b, { stats: stats(5, { x: 2 }) })).toStrictEqual(["MR102"]);
    expect(codes(a, b, { stats: stats(5, { x: 0 }) })).toStrictEqual([]);
  });
  it("MR103 narrowed, MR107 changed type", () => {
    const a = schema(table("t", [req("x", V.string()), req("y", V.string())]));
    const b = schema(table("t", [req("x", V.literal("a")), req("y", V.number())]));
    expect(codes(a, b)).toStrictEqual(["MR103", "MR107"]);
  });
  it("MR104 dropped table", () => {
    expect(codes(schema(table("t", [])), schema())).toStrictEqual(["MR104"]);
    expect(codes(schema(table("t", [])), schema(), { stats: stats(0) })).toStrictEqual([]);
  });
  it("MR105 used index removed", () => {
    const a = schema(table("t", [req("x", V.string())], { by_x: ["x"] }));
    const b = schema(table("t", [req("x", V.string())]));
    expect(codes(a, b, { usedIndexes: ["t.by_x"] })).toStrictEqual(["MR105"]);
    expect(codes(a, b)).toStrictEqual([]);
  });
  it("MR106 optional → required with missing values", () => {
    const a = schema(table("t", [opt("x", V.string())]));
    const b = schema(table("t", [req("x", V.string())]));
    expect(codes(a, b, { stats: stats(3, { x: 2 }) })).toStrictEqual(["MR106"]);
    expect(codes(a, b, { stats: stats(3, { x: 3 }) })).toStrictEqual([]);
  });
  it("diagnostic shape: message with quoted names, path, fix", () => {
    const [d] = assessRisks(diffSchemas(schema(table("t", [opt("x", V.string())])), schema(table("t", []))));
    expect(d).toStrictEqual({
      code: "MR102",
      severity: "error",
      message: 'Field "t.x" is removed and its values will be deleted.',
      path: "t.x",
      fixes: [{ description: expect.stringContaining("backup") }],
    });
  });
});
