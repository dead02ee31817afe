import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { SchemaModel } from "../schema/model";
import { expectGolden } from "../testing/golden";
import { req, schema, table, V } from "../testing/model";
import { applyOperations, type SchemaOperation } from "../schema/operations";
import { HEALTH_WEIGHTS, healthScore, lintSchema, RULES } from "./index";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = import.meta.glob<{ default: SchemaModel }>("./testdata/*/model.ts", { eager: true });
const cases = Object.entries(fixtures).map(([path, mod]) => ({ name: path.split("/")[2], model: mod.default }));

describe("lint fixtures (golden)", () => {
  it("has fixtures", () => expect(cases.length).toBeGreaterThan(10));
  for (const c of cases) {
    it(c.name, () => {
      const diagnostics = lintSchema(c.model);
      expectGolden(join(here, "testdata", c.name, "expected.golden.json"), {
        diagnostics,
        health: healthScore(c.model, diagnostics),
      });
    });
  }

  it("every rule is exercised by at least one fixture", () => {
    const seen = new Set(cases.flatMap((c) => lintSchema(c.model).map((d) => d.code)));
    expect(RULES.map((r) => r.code).filter((code) => !seen.has(code))).toEqual([]);
  });

  it("the clean fixture has no findings and scores 100", () => {
    const clean = cases.find((c) => c.name === "clean");
    expect(clean && lintSchema(clean.model)).toEqual([]);
    expect(clean && healthScore(clean.model, []).score).toBe(100);
  });
});

describe("fixes", () => {
  // A mechanical fix must apply cleanly and make its own finding disappear.
  for (const c of cases) {
    for (const d of lintSchema(c.model)) {
      for (const fix of d.fixes ?? []) {
        if (!fix.operations) continue;
        it(`${c.name}: ${d.code} at ${d.path}`, () => {
          const ops = fix.operations as SchemaOperation[]; // Fix.operations is typed loosely in model.ts to avoid a cycle
          const applied = applyOperations(c.model, ops);
          if (!applied.ok) throw new Error(applied.errors.map((e) => e.message).join("; "));
          const after = lintSchema(applied.schema).filter((x) => x.code === d.code && x.path === d.path);
          if (d.code !== "LINT-ID-ARRAY") expect(after).toEqual([]);
          else expect(applied.schema.tables.length).toBe(c.model.tables.length + 1);
        });
      }
    }
  }
});

describe("lintSchema options and ordering", () => {
  const model = cases.find((c) => c.name === "id-index")!.model;
  it("sorts by severity, then path", () => {
    const all = cases.flatMap((c) => lintSchema(c.model));
    const rank = { error: 0, warning: 1, info: 2 };
    for (const c of cases) {
      const ds = lintSchema(c.model);
      for (let i = 1; i < ds.length; i++) {
        const a = ds[i - 1];
        const b = ds[i];
        expect(
          rank[a.severity] < rank[b.severity] || (a.severity === b.severity && (a.path ?? "") <= (b.path ?? "")),
        ).toBe(true);
      }
    }
    expect(all.length).toBeGreaterThan(20);
  });
  it("turns rules off and overrides severity", () => {
    expect(lintSchema(model, { rules: { "LINT-ID-INDEX": "off" } }).some((d) => d.code === "LINT-ID-INDEX")).toBe(
      false,
    );
    const raised = lintSchema(model, { rules: { "LINT-ID-INDEX": "error" } }).filter((d) => d.code === "LINT-ID-INDEX");
    expect(raised.length).toBeGreaterThan(0);
    expect(raised.every((d) => d.severity === "error")).toBe(true);
  });
  it("maxNesting changes the deep-nesting threshold", () => {
    const deep = cases.find((c) => c.name === "deep-nesting")!.model;
    expect(lintSchema(deep).filter((d) => d.code === "LINT-DEEP-NESTING")).toHaveLength(1);
    expect(lintSchema(deep, { maxNesting: 5 }).filter((d) => d.code === "LINT-DEEP-NESTING")).toHaveLength(0);
    expect(lintSchema(deep, { maxNesting: 0 }).filter((d) => d.code === "LINT-DEEP-NESTING")).toHaveLength(1 + 1);
  });
});

describe("healthScore", () => {
  const model = cases[0].model;
  const d = (code: string, severity: "error" | "warning" | "info") => ({ code, severity, message: "m" });
  it("charges 10/3/1 per finding and caps each code at 30/12/4", () => {
    const r = healthScore(model, [d("A", "error"), d("B", "warning"), d("B", "warning"), d("C", "info")]);
    expect(r.score).toBe(100 - 10 - 6 - 1);
    expect(r.breakdown).toEqual([
      { code: "A", severity: "error", count: 1, cost: 10 },
      { code: "B", severity: "warning", count: 2, cost: 6 },
      { code: "C", severity: "info", count: 1, cost: 1 },
    ]);
    const many = healthScore(
      model,
      Array.from({ length: 9 }, () => d("W", "warning")),
    );
    expect(many.breakdown[0].cost).toBe(12);
    expect(many.score).toBe(88);
  });
  it("never goes below zero", () => {
    const ds = Array.from({ length: 5 }, (_, i) => Array.from({ length: 4 }, () => d(`E${i}`, "error"))).flat();
    expect(healthScore(model, ds).score).toBe(0);
  });
});

describe("table naming needs a real majority", () => {
  it("a 4 singular / 4 plural split enforces neither; 2 of 3 and at least 3 does", () => {
    const names = (list: string[]) =>
      lintSchema(schema(...list.map((n) => table(n, [req("x", V.string())]))))
        .filter((d) => d.code === "LINT-TABLE-NAMING")
        .map((d) => d.path);
    expect(names(["user", "team", "invoice", "order", "posts", "tags", "comments", "likes"])).toEqual([]);
    expect(names(["posts", "tags", "comments", "invoice"])).toEqual(["invoice"]);
    expect(names(["posts", "invoice"])).toEqual([]);
    // A version suffix is not the noun: "images_v2" is plural.
    expect(names(["posts", "tags", "images_v2", "comments_2"])).toEqual([]);
  });
});

describe("README", () => {
  const readme = readFileSync(join(here, "README.md"), "utf8");
  it("documents every rule with its severity and the health weights", () => {
    for (const r of RULES) expect(readme).toContain(`| \`${r.code}\` | ${r.severity} | ${r.summary} |`);
    for (const [sev, w] of Object.entries(HEALTH_WEIGHTS))
      expect(readme).toContain(`| ${sev} | ${w.cost} | ${w.cap} |`);
  });
});

describe("tables the parser could not read completely", () => {
  it("claims no missing index field and no v.any() where the parser could not resolve the fields", async () => {
    const { parseSchemaSource } = await import("../schema");
    const r = parseSchemaSource(`import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { fromZod } from "zod-helpers";
export default defineSchema({
  chats: defineTable({ ...fromZod(), title: v.string() }).index("by_owner", ["ownerId"]).searchIndex("s", { searchField: "title", filterFields: ["ownerId"] }),
  todos: defineTable(fromZod()).index("by_owner", ["ownerId"]),
  plain: defineTable({ title: v.string() }).index("by_owner", ["ownerId"]),
  loose: defineTable(v.any()),
});`);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.schema.warnings.map((w) => `${w.code} ${w.path}`)).toEqual(["SA102 chats", "SA103 todos"]);
    const found = lintSchema(r.schema).filter((d) => d.code !== "LINT-NAMING" && d.code !== "LINT-TABLE-NAMING");
    expect(found.map((d) => `${d.code} ${d.path}`)).toEqual(["LINT-INDEX-FIELD plain.by_owner", "LINT-ANY loose"]);
  });
});
