import { describe, expect, it } from "vitest";
import { planWithRenames } from "./plan";
import { opt, req, schema, table, V } from "../testing/model";
import { combine, compileBackfill } from "./transform";

describe("merged fields", () => {
  const from = schema(
    table("usage", [
      req("billable", V.number()),
      opt("unbillable", V.number()),
      req("a", V.string()),
      req("b", V.string()),
    ]),
  );
  const to = schema(table("usage", [req("tokens", V.number()), req("text", V.string())]));
  const plan = planWithRenames(from, to, {
    merges: [
      { table: "usage", from: ["billable", "unbillable"], to: "tokens", how: "sum" },
      { table: "usage", from: ["a", "b"], to: "text", how: "concat" },
    ],
  });

  it("plan a combine step, no 'values lost' error for the sources and no missing value for the target", () => {
    expect(
      plan.changes
        .filter((c) => c.kind === "mergeFields")
        .map((c) => c.kind === "mergeFields" && `${c.from.join("+")}->${c.to}`),
    ).toStrictEqual(["billable+unbillable->tokens", "a+b->text"]);
    expect(plan.risks.map((r) => r.code)).not.toContain("MR101");
    expect(plan.risks.map((r) => r.code)).not.toContain("MR102");
    expect(plan.decisions).toStrictEqual([]);
  });

  it("the backfill combines each document's values", () => {
    const step = plan.phases[1].steps.find((s) => s.kind === "backfill");
    if (step?.kind !== "backfill") throw new Error("no backfill");
    const run = compileBackfill(to.tables[0], step.fields);
    expect(run({ billable: 3, unbillable: 4, a: "x", b: "y" })).toStrictEqual({ tokens: 7, text: "x y" });
    expect(run({ billable: 3, a: "x", b: "y" })).toStrictEqual({ tokens: 3, text: "x y" });
  });

  it("combine: sum, concat, first; nothing set gives nothing", () => {
    expect(combine("sum", [1n, 2n])).toBe(3n);
    expect(combine("first", [undefined, { k: 1 }])).toStrictEqual({ k: 1 });
    expect(combine("sum", [undefined, null])).toBeUndefined();
  });
});
