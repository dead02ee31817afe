/**
 * Generated code against our own optimizer: with `addIndexes`, the CRUD functions the generator writes (list by
 * owner, remove following references) query indexes and the optimizer reports no scan in them; without it, every
 * scan it reports is one the generator says it makes (its notes).
 */
import { describe, expect, it } from "vitest";
import { DEMO_SCHEMA_SOURCE } from "../demo";
import { analyzeProject, checkOptimizations } from "../optimize";
import { parseSchemaSource } from "../schema";
import type { SchemaModel } from "../schema/model";
import { applyOperations } from "../schema/operations";
import { generateCode } from "./index";

function model(src: string): SchemaModel {
  const r = parseSchemaSource(src, "convex/schema.ts");
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return r.schema;
}

/** An owner field and references with no index at all: every lookup the generator makes would scan. */
const BARE = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ tokenIdentifier: v.string(), name: v.string() }).index("by_token", ["tokenIdentifier"]),
  boards: defineTable({ ownerId: v.id("users"), title: v.string() }),
  cards: defineTable({ boardId: v.id("boards"), authorId: v.id("users"), text: v.string(), parentId: v.optional(v.id("cards")) }),
});`;

const SCANS = new Set(["OPT102", "OPT107", "OPT108", "OPT110"]);

function optimize(schema: SchemaModel, files: Record<string, string>) {
  const analysis = analyzeProject({ files }, { schema });
  expect(analysis.notAnalysed).toEqual([]);
  return checkOptimizations({ schema, analysis }).filter((f) => f.loc?.file !== "convex/schema.ts");
}

describe("generated CRUD and the optimizer", () => {
  it.each([
    ["a schema with no index for the generated lookups", BARE],
    ["the demo schema", DEMO_SCHEMA_SOURCE],
  ])("with addIndexes, %s gets the indexes and no scan warning", (_, src) => {
    const m = model(src);
    const result = generateCode(m, { addIndexes: true, onDelete: "cascade" });
    expect(result.indexes.length).toBeGreaterThan(0);
    const applied = applyOperations(m, result.indexes);
    if (!applied.ok) throw new Error(applied.errors[0].message);
    const findings = optimize(applied.schema, { "convex/schema.ts": src, ...result.files });
    expect(findings.filter((f) => SCANS.has(f.code) && f.severity !== "info")).toEqual([]);
    // What is left is info on listBy… of an index the schema already had with one field (the owner is filtered).
    for (const f of findings.filter((x) => SCANS.has(x.code)))
      expect(f.functions?.every((fn) => /:listBy/.test(fn))).toBe(true);
  });

  it("on BARE, adds the owner's index for list and reference-then-owner indexes for remove and listBy", () => {
    const m = model(BARE);
    const result = generateCode(m, { addIndexes: true });
    expect(result.indexes).toEqual([
      { op: "addIndex", table: "boards", index: { name: "by_ownerId", fields: ["ownerId"] } },
      { op: "addIndex", table: "cards", index: { name: "by_authorId", fields: ["authorId"] } },
      { op: "addIndex", table: "cards", index: { name: "by_boardId_and_authorId", fields: ["boardId", "authorId"] } },
      { op: "addIndex", table: "cards", index: { name: "by_parentId_and_authorId", fields: ["parentId", "authorId"] } },
    ]);
    expect(result.files["convex/cards.ts"]).toContain(
      `.withIndex("by_boardId_and_authorId", (q) => q.eq("boardId", args.boardId).eq("authorId", userId))`,
    );
    const applied = applyOperations(m, result.indexes);
    if (!applied.ok) throw new Error(applied.errors[0].message);
    expect(
      optimize(applied.schema, { "convex/schema.ts": BARE, ...result.files }).filter((f) => SCANS.has(f.code)),
    ).toEqual([]);
  });

  it("without addIndexes, each scan the optimizer reports is one the generator's notes announce", () => {
    const m = model(BARE);
    const result = generateCode(m);
    expect(result.indexes).toEqual([]);
    const notes = result.tables.flatMap((t) => t.notes).join("\n");
    const scans = optimize(m, { "convex/schema.ts": BARE, ...result.files }).filter(
      (f) => SCANS.has(f.code) && f.severity !== "info",
    );
    expect(scans.length).toBeGreaterThan(0);
    for (const f of scans) {
      const [table, field] = (f.path ?? "").split(".");
      expect(notes).toMatch(new RegExp(`"${table}"[^\\n]*"${field}"|"${field}"[^\\n]*"${table}"|scans "${table}"`));
    }
  });
});
