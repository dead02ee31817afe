import path from "node:path";
import { describe, expect, it } from "vitest";
import { emptySchema, newTable, parseSchema, parseSchemaSource, printSchema, type SchemaModel } from "..";
import { FIXTURES_DIR, readFixture, schemaFixtures } from "../testdata/fixtures";
import { expectGolden } from "../../testing/golden";
import { randomSchema } from "../testdata/random-model";

/**
 * The model without source locations, parse warnings and provenance: what a print/parse round trip keeps (the
 * printed schema defines every table itself, so nothing in it is a library's).
 */
export function withoutLocations(m: SchemaModel): unknown {
  return JSON.parse(
    JSON.stringify({ ...m, warnings: [], entry: undefined }, (k, val) =>
      k === "loc" || k === "generatedBy" ? undefined : val,
    ),
  );
}

describe("printSchema", () => {
  for (const name of schemaFixtures()) {
    it(`round-trips ${name}`, async () => {
      const parsed = parseSchema(await readFixture(name));
      if (!parsed.ok) return; // error fixtures have no model
      const text = printSchema(parsed.schema);
      expectGolden(path.join(FIXTURES_DIR, name, "printed.golden.txt"), text);
      const again = parseSchemaSource(text);
      if (!again.ok) throw new Error(JSON.stringify(again.errors));
      expect(again.schema.warnings).toEqual([]);
      expect(withoutLocations(again.schema)).toEqual(withoutLocations(parsed.schema));
    });
  }

  it("prints an empty schema and non-default options", () => {
    const m = emptySchema();
    m.options.schemaValidation = false;
    m.tables.push(newTable("empty"));
    const text = printSchema(m);
    expect(text).toContain("schemaValidation: false");
    expect(text).toContain("empty: defineTable({}),");
    const back = parseSchemaSource(text);
    expect(back.ok && withoutLocations(back.schema)).toEqual(withoutLocations(m));
  });

  it("escapes comment terminators in descriptions and quotes non-identifier keys", () => {
    const m = emptySchema();
    m.tables.push({
      ...newTable("t", [
        { name: "a-b", validator: { kind: "string" }, optional: false, description: "ends */ here\nsecond line" },
      ]),
    });
    const back = parseSchemaSource(printSchema(m));
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    expect(back.schema.tables[0].fields[0]).toMatchObject({ name: "a-b", description: "ends */ here\nsecond line" });
  });
});

describe("printSchema round trip on random models", () => {
  it("parse(print(model)) equals the model for 200 seeded models", () => {
    for (let seed = 100; seed < 300; seed++) {
      const model = randomSchema(seed, 1 + (seed % 8));
      const back = parseSchemaSource(printSchema(model));
      if (!back.ok) throw new Error(`seed ${seed}: ${JSON.stringify(back.errors)}`);
      expect(back.schema.warnings, `seed ${seed}`).toEqual([]);
      expect(withoutLocations(back.schema), `seed ${seed}`).toEqual(withoutLocations(model));
    }
  });
});
