import { describe, expect, it } from "vitest";
import { emptySchema, type SchemaModel, type Table } from "../model";
import { randomSchema } from "../testdata/random-model";
import { fromConvexExport, toConvexExport } from "./export-json";
import { mergeEvaluated } from "./merge";

describe("Convex export JSON", () => {
  it("reads back what it writes, for seeded random models", () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
      const model = randomSchema(seed);
      const json = JSON.parse(JSON.stringify(toConvexExport(model)));
      const read = fromConvexExport(json);
      expect(
        toConvexExport({
          ...model,
          tables: read.tables,
          options: { ...model.options, schemaValidation: read.schemaValidation },
        }),
      ).toEqual(json);
    }
  });

  it("keeps int64 literals, including negative ones", () => {
    const t: Table = {
      name: "t",
      fields: [
        {
          name: "n",
          optional: false,
          validator: {
            kind: "union",
            members: [
              { kind: "literal", value: "-42", bigint: true },
              { kind: "literal", value: "9007199254740993", bigint: true },
            ],
          },
        },
      ],
      indexes: [],
      searchIndexes: [],
      vectorIndexes: [],
    };
    const json = toConvexExport({ ...emptySchema(), tables: [t] });
    expect(
      (json.tables[0].documentType.value as Record<string, { fieldType: { value: unknown[] } }>).n.fieldType.value[0],
    ).toEqual({ type: "literal", value: { $integer: "1v////////8=" } });
    expect(fromConvexExport(json).tables[0].fields).toEqual(t.fields);
  });

  it("names the place of JSON it cannot read", () => {
    expect(() =>
      fromConvexExport({
        tables: [
          { tableName: "a", documentType: { type: "string" }, indexes: [], searchIndexes: [], vectorIndexes: [] },
        ],
      }),
    ).toThrow('table "a"');
    expect(() =>
      fromConvexExport({
        tables: [
          {
            tableName: "a",
            documentType: { type: "object", value: { x: { fieldType: { type: "weird" }, optional: false } } },
            indexes: [],
            searchIndexes: [],
            vectorIndexes: [],
          },
        ],
      }),
    ).toThrow('table "a", field "x"');
  });
});

describe("mergeEvaluated", () => {
  const loc = (line: number) => ({ file: "convex/schema.ts", line, column: 3 });
  const staticModel: SchemaModel = {
    ...emptySchema(),
    tables: [
      {
        name: "users",
        loc: loc(5),
        description: "People.",
        fields: [
          { name: "name", optional: false, validator: { kind: "string" }, loc: loc(6), description: "Shown name." },
        ],
        indexes: [{ name: "by_name", fields: ["name"], loc: loc(7) }],
        searchIndexes: [],
        vectorIndexes: [],
      },
      { name: "posts", loc: loc(9), anyDocument: true, fields: [], indexes: [], searchIndexes: [], vectorIndexes: [] },
    ],
    warnings: [
      { code: "SA103", severity: "warning", message: 'Cannot resolve the table "posts".', path: "posts", loc: loc(9) },
      { code: "SA110", severity: "warning", message: "A key is written twice.", loc: loc(6) },
    ],
  };
  const evaluated = {
    schemaValidation: true,
    tables: [
      {
        name: "users",
        fields: [{ name: "name", optional: false, validator: { kind: "string" as const } }],
        indexes: [{ name: "by_name", fields: ["name"] }],
        searchIndexes: [],
        vectorIndexes: [],
      },
      {
        name: "posts",
        fields: [{ name: "title", optional: false, validator: { kind: "string" as const } }],
        indexes: [],
        searchIndexes: [],
        vectorIndexes: [],
      },
    ],
  };

  it("takes evaluated shapes, keeps static places and comments, and says which tables evaluation changed", () => {
    const r = mergeEvaluated(staticModel, evaluated);
    expect(r.evaluatedTables).toEqual(["posts"]);
    expect(r.schema.tables[0]).toEqual(staticModel.tables[0]);
    expect(r.schema.tables[1]).toMatchObject({ name: "posts", loc: loc(9), fields: [{ name: "title" }] });
    expect(r.schema.tables[1].anyDocument).toBeUndefined();
    expect(r.schema.warnings.map((w) => w.code)).toEqual(["SA110"]);
    expect(r.notes).toEqual([expect.objectContaining({ code: "SA121", severity: "info", path: "posts", loc: loc(9) })]);
  });
});
