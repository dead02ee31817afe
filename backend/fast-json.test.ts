import { convexToJson, jsonToConvex, type Value } from "convex/values";
import { describe, expect, it } from "vitest";
import { fromConvexJson, toConvexJson } from "./fast-json.js";

const bytes = new Uint8Array([1, 2, 255]).buffer;
const values: unknown[] = [
  null,
  "s",
  "",
  true,
  0,
  1.5,
  -3,
  2 ** 60,
  -0,
  NaN,
  Infinity,
  -Infinity,
  5n,
  -(2n ** 63n),
  bytes,
  [],
  [1, "a", [null]],
  { a: 1, b: { c: [true] } },
  { big: [1n] },
  { f: { g: NaN } },
  { bin: bytes },
  Object.create(null) as object,
  { u: undefined, v: 1 },
  { nested: { deep: [{ x: -0 }] } },
];

describe("fast Convex JSON", () => {
  it("encodes and decodes every value kind exactly like convex/values", () => {
    for (const [i, v] of values.entries()) {
      const json = toConvexJson(v);
      expect(json, `values[${i}]`).toStrictEqual(convexToJson(v as Value));
      const back = fromConvexJson(JSON.parse(JSON.stringify(json)));
      expect(back, `values[${i}]`).toStrictEqual(jsonToConvex(JSON.parse(JSON.stringify(json))));
    }
  });

  it("rejects what convex/values rejects, with its message", () => {
    for (const bad of [{ $x: 1 }, { "a\u0001": 1 }, new Map(), new Date(0), 2n ** 64n]) {
      let expected = "";
      try {
        convexToJson(bad as Value);
      } catch (e) {
        expected = (e as Error).message;
      }
      expect(expected).not.toBe("");
      expect(() => toConvexJson(bad)).toThrow(expected);
    }
    expect(() => fromConvexJson({ $integer: 5 })).toThrow(/Malformed \$integer/);
    expect(() => fromConvexJson({ $bad: 1 })).toThrow();
  });

  it("returns plain values without copying (they are their own encoding)", () => {
    const doc = { a: [1, { b: "c" }] };
    expect(toConvexJson(doc)).toBe(doc);
    expect(fromConvexJson(doc)).toBe(doc);
  });
});
