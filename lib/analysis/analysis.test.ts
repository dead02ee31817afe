import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEMO_SCHEMA_SOURCE } from "../demo";
import { schemaHealth } from "../lint";
import { parseSchema, parseSchemaSource } from "../schema";
import { referenceCount, tableReferences } from "../schema/relationships";
import { FIXTURES_DIR, readFixture } from "../schema/testdata/fixtures";
import { opt, req, schema, table, V } from "../testing/model";
import { analyzeSchema } from ".";

const LIB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Every fixture project under lib/ (a folder under a `testdata` folder holding convex/schema.ts), sorted. */
function libFixtureProjects(): string[] {
  return readdirSync(LIB, { recursive: true, encoding: "utf8" })
    .map((p) => p.split(path.sep))
    .filter((parts) => parts.includes("testdata") && parts.slice(-2).join("/") === "convex/schema.ts")
    .map((parts) => parts.slice(0, -2).join("/"))
    .sort();
}

/** Two tables: 3 database indexes (one staged), 1 search index, 1 vector index, one reference. */
function model() {
  const messages = table(
    "messages",
    [req("channelId", V.id("channels")), req("body", V.string()), opt("embedding", V.array(V.number()))],
    { by_channel: ["channelId"], by_body: ["body"] },
    {
      searchIndexes: { search_body: { searchField: "body", filterFields: ["channelId"] } },
      vectorIndexes: { by_embedding: { vectorField: "embedding", dimensions: 8 } },
    },
  );
  const channels = table("channels", [req("name", V.string())], { by_name: ["name"] });
  channels.indexes[0].staged = true;
  return schema(messages, channels);
}

describe("analyzeSchema", () => {
  it("counts database indexes (staged included) apart from search and vector indexes", () => {
    const a = analyzeSchema(model());
    expect(a.summary).toEqual({
      tables: 2,
      fields: 4,
      indexes: 3,
      searchIndexes: 1,
      vectorIndexes: 1,
      relationships: 1,
    });
    expect(a.tables).toEqual([
      { name: "messages", fields: 3, indexes: 2, searchIndexes: 1, vectorIndexes: 1 },
      { name: "channels", fields: 1, indexes: 1, searchIndexes: 0, vectorIndexes: 0 },
    ]);
    expect(a.entry).toBe("convex/schema.ts");
  });

  it("scores parser warnings plus lint findings, as schemaHealth does", () => {
    const m = model();
    m.warnings = [{ code: "SA100", severity: "warning", message: "Could not resolve x.", path: "messages" }];
    const a = analyzeSchema(m);
    const health = schemaHealth(m);
    expect(a.healthScore).toBe(health.score);
    expect(a.breakdown).toEqual(health.breakdown);
    expect([...a.warnings, ...a.lint]).toEqual(health.diagnostics);
    expect(a.warnings.map((w) => w.code)).toEqual(["SA100"]);
  });
});

describe("analyzeSchema counts relationships as every view does", () => {
  it("the demo project: 20 references between tables, the two join-table many-to-many listed apart", () => {
    const parsed = parseSchemaSource(DEMO_SCHEMA_SOURCE);
    if (!parsed.ok) throw new Error("the demo schema parses");
    const a = analyzeSchema(parsed.schema);
    expect(a.summary.relationships).toBe(20);
    expect(a.relationships).toHaveLength(20);
    expect(a.joinTableRelationships.map((r) => r.viaJoinTable)).toEqual(["memberships", "notifications"]);
    expect(a.relationships.some((r) => r.external || r.viaJoinTable)).toBe(false);
  });

  const projects = libFixtureProjects();
  it("finds the fixture projects of lib/", () => {
    expect(projects.length).toBeGreaterThan(30);
  });
  for (const project of projects) {
    it(`${project}: the count is referenceCount, the list is tableReferences`, async () => {
      const parsed = parseSchema(await readFixture(path.relative(FIXTURES_DIR, path.join(LIB, project))));
      if (!parsed.ok) return;
      const a = analyzeSchema(parsed.schema);
      expect(a.summary.relationships).toBe(referenceCount(parsed.schema));
      expect(a.relationships.map((r) => `${r.from}.${r.path}->${r.to}`)).toEqual(
        tableReferences(parsed.schema).map((r) => `${r.from.table}.${r.from.path}->${r.to}`),
      );
    });
  }
});
