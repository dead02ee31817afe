import { describe, expect, it } from "vitest";
import { DEMO_SCHEMA_SOURCE } from "../demo";
import { toGraph } from "../diagram";
import { parseSchema, parseSchemaSource } from "../schema";
import type { SchemaModel } from "../schema/model";
import { referenceCount } from "../schema/relationships";
import { readFixture, schemaFixtures } from "../schema/testdata/fixtures";
import { generateDocs } from "./index";

const INPUT = { generatedAt: "2026-01-01T00:00:00.000Z", version: "1", source: "" };

/** The reference count each dashboard view shows for one model. */
function shown(model: SchemaModel) {
  const docs = generateDocs(model, INPUT);
  const number = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1]?.replace(/,/g, "") ?? Number.NaN);
  return {
    // Diagram: "12 tables · 20 references" is the graph's edge count.
    diagram: toGraph(model).edges.length,
    // Docs → Documentation: "12 tables, 51 fields, 20 references between tables."
    schemaMd: number(docs["SCHEMA.md"], /fields?, ([\d,]+) references? between tables\./),
    // Docs → Relationships: "20 references between 12 tables; …"
    analysis: number(docs["relationship-analysis.md"], /^([\d,]+) references? between /m),
  };
}

describe("every view counts the same references between tables", () => {
  it("the demo project: 20 on the diagram, the documentation and the relationship analysis", () => {
    const parsed = parseSchemaSource(DEMO_SCHEMA_SOURCE);
    if (!parsed.ok) throw new Error("the demo schema parses");
    // 23 relationships are inferred: 20 references between its tables, a reference to `_storage`, and two
    // many-to-many relationships through join tables (memberships, notifications) made of references counted already.
    expect(shown(parsed.schema)).toEqual({ diagram: 20, schemaMd: 20, analysis: 20 });
    expect(referenceCount(parsed.schema)).toBe(20);
  });

  it("nested, list and union references, self references, and references outside the schema", () => {
    const parsed = parseSchemaSource(`import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string(), managerId: v.optional(v.id("users")) }),
  docs: defineTable({
    meta: v.object({ ownerId: v.id("users"), reviewerId: v.union(v.id("users"), v.null()) }),
    tagIds: v.array(v.id("tags")),
    file: v.id("_storage"),
    either: v.union(v.id("users"), v.id("tags")),
    twice: v.union(v.id("tags"), v.id("tags")),
  }),
  tags: defineTable({ name: v.string() }),
  docTags: defineTable({ docId: v.id("docs"), tagId: v.id("tags") }),
});`);
    if (!parsed.ok) throw new Error("parses");
    // managerId, meta.ownerId, meta.reviewerId, tagIds, either → users, either → tags, twice (once), docId, tagId.
    expect(shown(parsed.schema)).toEqual({ diagram: 9, schemaMd: 9, analysis: 9 });
  });

  it("agree on every schema fixture", async () => {
    for (const name of schemaFixtures()) {
      const parsed = parseSchema(await readFixture(name));
      if (!parsed.ok) continue;
      const n = referenceCount(parsed.schema);
      expect(shown(parsed.schema), name).toEqual({ diagram: n, schemaMd: n, analysis: n });
    }
  });
});
