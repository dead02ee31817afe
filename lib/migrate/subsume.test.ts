import { describe, expect, it } from "vitest";
import { relation, subsumes, unionOf } from "./subsume";
import { opt, req, V } from "../testing/model";

describe("subsumes / relation", () => {
  const cases: [string, ReturnType<typeof V.string>, ReturnType<typeof V.string>, string][] = [
    ["01 same", V.string(), V.string(), "equal"],
    ["02 add null", V.string(), V.union(V.string(), V.null()), "widen"],
    ["03 literal → string", V.literal("a"), V.string(), "widen"],
    [
      "04 add union member",
      V.union(V.literal("a"), V.literal("b")),
      V.union(V.literal("a"), V.literal("b"), V.literal("c")),
      "widen",
    ],
    ["05 remove union member", V.union(V.literal("a"), V.literal("b")), V.literal("a"), "narrow"],
    ["06 string → number", V.string(), V.number(), "change"],
    ["07 id → string", V.id("users"), V.string(), "widen"],
    ["08 id of another table", V.id("users"), V.id("teams"), "change"],
    ["09 array element widens", V.array(V.number()), V.array(V.union(V.number(), V.string())), "widen"],
    [
      "10 object gains optional field",
      V.object(req("a", V.string())),
      V.object(req("a", V.string()), opt("b", V.string())),
      "widen",
    ],
    [
      "11 object gains required field",
      V.object(req("a", V.string())),
      V.object(req("a", V.string()), req("b", V.string())),
      "change",
    ],
    ["12 object field becomes optional", V.object(req("a", V.string())), V.object(opt("a", V.string())), "widen"],
    ["13 boolean ↔ true|false", V.boolean(), V.union(V.literal(true), V.literal(false)), "equal"],
    ["14 anything → any", V.number(), V.any(), "widen"],
    ["15 number vs int64", V.number(), V.int64(), "change"],
    ["16 union reorder", V.union(V.string(), V.number()), V.union(V.number(), V.string()), "equal"],
    ["17 object → record", V.object(req("a", V.number())), V.record(V.string(), V.number()), "widen"],
  ];
  for (const [name, from, to, rel] of cases) {
    it(name, () => expect(relation(from, to)).toBe(rel));
  }
  it("union inner must fit entirely", () => {
    expect(subsumes(V.string(), V.union(V.string(), V.null()))).toBe(false);
  });
  it("unionOf flattens and drops covered members", () => {
    expect(unionOf(V.union(V.string(), V.null()), V.literal("x"))).toStrictEqual(V.union(V.string(), V.null()));
    expect(unionOf(V.string(), V.number())).toStrictEqual(V.union(V.string(), V.number()));
  });
});
