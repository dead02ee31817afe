import { describe, expect, it } from "vitest";
import { planWithRenames } from "./plan";
import { preflight } from "./preflight";
import { opt, req, schema, table, V } from "../testing/model";

describe("preflight", () => {
  const from = schema(table("users", [opt("email", V.string()), req("age", V.string())]));
  const to = schema(table("users", [req("email", V.string()), req("age", V.number())]));
  const docs = [
    { _id: "u1", email: "a@x", age: "3" },
    { _id: "u2", age: "4" },
    { _id: "u3", email: "c@x", age: "old" },
  ];

  it("01 against a bare schema groups errors by table/field/code", () => {
    const r = preflight(to, [["users", docs]]);
    expect(r.ok).toBe(false);
    expect(r.groups.map((g) => [g.field, g.code, g.count, g.samples])).toStrictEqual([
      ["age", "mismatch", 3, ["u1", "u2", "u3"]],
      ["email", "missingField", 1, ["u2"]],
    ]);
  });

  it("02 with the plan, conversions and defaults apply first", () => {
    const plan = planWithRenames(from, to, {}, { defaults: { "users.email": "unknown" } });
    const r = preflight(plan, [["users", docs]]);
    expect(r.checked).toBe(3);
    expect(r.groups.map((g) => [g.field, g.code, g.samples])).toStrictEqual([["age", "mismatch", ["u3"]]]);
    expect(r.groups[0].example).toContain('Value: "old"');
  });

  it("03 samples are capped at 5", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ _id: `d${i}` }));
    const r = preflight(to, [["users", many]]);
    expect(r.groups.every((g) => g.samples.length === 5 && g.count === 12)).toBe(true);
  });
});
