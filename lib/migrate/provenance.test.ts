/** Provenance (`generatedBy`) is not a schema change: a model stored before it existed plans no migration. */
import { describe, expect, it } from "vitest";
import { parseSchemaSource, type SchemaModel } from "../schema";
import { diffSchemas } from "./diff";
import { planWithRenames } from "./plan";

const ENTS = `import { defineEnt, defineEntSchema } from "convex-ents";
import { v } from "convex/values";
export default defineEntSchema({
  users: defineEnt({ name: v.string() }).edges("groups").edges("messages", { ref: true }),
  groups: defineEnt({ name: v.string() }).edges("users"),
  messages: defineEnt({ text: v.string() }).edge("user"),
});
`;

const withoutProvenance = (m: SchemaModel): SchemaModel =>
  JSON.parse(JSON.stringify(m, (k, v) => (k === "generatedBy" ? undefined : v)));

describe("provenance in the migration differ", () => {
  it("sees no change between the same schema with and without generatedBy marks", () => {
    const r = parseSchemaSource(ENTS);
    if (!r.ok) throw new Error(r.errors[0].message);
    const marked = r.schema;
    expect(JSON.stringify(marked)).toContain('"generatedBy":"convex-ents"');
    const stored = withoutProvenance(marked);
    expect(diffSchemas(stored, marked)).toEqual([]);
    expect(diffSchemas(marked, stored)).toEqual([]);
    const plan = planWithRenames(stored, marked, {});
    expect(plan.changes).toEqual([]);
    expect(plan.phases.flatMap((p) => p.steps)).toEqual([]);
  });

  it("still sees a real change to a library's index", () => {
    const r = parseSchemaSource(ENTS);
    if (!r.ok) throw new Error(r.errors[0].message);
    const changed = structuredClone(r.schema);
    changed.tables.find((t) => t.name === "messages")!.indexes[0].fields = ["text"];
    expect(diffSchemas(r.schema, changed).map((c) => c.kind)).toEqual(["changeIndex"]);
  });
});
