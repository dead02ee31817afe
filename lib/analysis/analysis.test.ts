import { describe, expect, it } from "vitest";
import { schemaHealth } from "../lint";
import { opt, req, schema, table, V } from "../testing/model";
import { analyzeSchema } from ".";

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
