import { Parser } from "@dbml/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lintSchema } from "../lint";
import type { Field, Index, SchemaModel, Table, Validator } from "../schema/model";
import { applyOperations, type SchemaOperation } from "../schema/operations";
import { checkDocsDrift, generateDocs, getDebuggingContext, getQueryContext } from "./index";

// Random but valid-looking schemas: identifier names (camel or snake), nested validators, references between the
// generated tables, indexes over existing fields. Properties must hold for any of them.
const ident = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,11}$/);

function validator(tables: string[], depth: number): fc.Arbitrary<Validator> {
  const leaf = fc.oneof(
    fc.constantFrom<Validator>(
      { kind: "string" },
      { kind: "number" },
      { kind: "boolean" },
      { kind: "int64" },
      { kind: "bytes" },
      { kind: "any" },
      { kind: "null" },
    ),
    fc.constantFrom(...tables).map((t): Validator => ({ kind: "id", table: t })),
    fc.constantFrom("a", "b", 1, true).map((value): Validator => ({ kind: "literal", value })),
  );
  if (depth === 0) return leaf;
  const inner = validator(tables, depth - 1);
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: inner.map((element): Validator => ({ kind: "array", element })) },
    { weight: 1, arbitrary: fields(tables, depth - 1).map((fs): Validator => ({ kind: "object", fields: fs })) },
    {
      weight: 1,
      arbitrary: fc
        .array(inner, { minLength: 2, maxLength: 3 })
        .map((members): Validator => ({ kind: "union", members })),
    },
    { weight: 1, arbitrary: inner.map((value): Validator => ({ kind: "record", key: { kind: "string" }, value })) },
  );
}

function fields(tables: string[], depth: number): fc.Arbitrary<Field[]> {
  return fc.uniqueArray(fc.record({ name: ident, validator: validator(tables, depth), optional: fc.boolean() }), {
    selector: (f) => f.name,
    maxLength: 6,
  });
}

const model: fc.Arbitrary<SchemaModel> = fc.uniqueArray(ident, { minLength: 1, maxLength: 6 }).chain((names) =>
  fc
    .tuple(
      ...names.map((name) =>
        fields(names, 2).chain((fs) => {
          const paths = fs.map((f) => f.name);
          const index: fc.Arbitrary<Index[]> = paths.length
            ? fc.uniqueArray(
                fc.record({
                  name: ident.map((n) => `by_${n}`),
                  fields: fc.uniqueArray(fc.constantFrom(...paths), { minLength: 1, maxLength: 3 }),
                }),
                { selector: (i) => i.name, maxLength: 4 },
              )
            : fc.constant([]);
          return index.map((indexes): Table => ({ name, fields: fs, indexes, searchIndexes: [], vectorIndexes: [] }));
        }),
      ),
    )
    .map(
      (tables): SchemaModel => ({
        tables,
        options: { schemaValidation: true, strictTableNameTypes: true },
        warnings: [],
      }),
    ),
);

describe("docs and lint on random schemas", () => {
  it("docs are deterministic, DBML parses, and docs never drift from themselves", () => {
    fc.assert(
      fc.property(model, fc.string(), (m, source) => {
        const docs = generateDocs(m, { source, generatedAt: "2026-01-01T00:00:00.000Z", version: "1" });
        expect(generateDocs(m, { source, generatedAt: "2030-01-01T00:00:00.000Z", version: "1" })["SCHEMA.md"]).toBe(
          docs["SCHEMA.md"],
        );
        const db = Parser.parse(docs["schema.dbml"], "dbml");
        expect(db.schemas[0].tables.length).toBe(m.tables.length);
        expect(JSON.parse(docs["schema-ai-context.json"]).tables.length).toBe(m.tables.length);
        expect(checkDocsDrift(docs, docs).ok).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("every mechanical lint fix applies cleanly", () => {
    fc.assert(
      fc.property(model, (m) => {
        for (const d of lintSchema(m)) {
          expect(d.message).toMatch(/"/);
          expect(d.path).toBeTruthy();
          for (const fix of d.fixes ?? []) {
            if (!fix.operations) continue;
            const result = applyOperations(m, fix.operations as SchemaOperation[]);
            if (!result.ok) throw new Error(`${d.code} fix failed: ${result.errors.map((e) => e.message).join("; ")}`);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it("task context only returns tables of the schema, with relationships among them", () => {
    fc.assert(
      fc.property(model, fc.string(), (m, text) => {
        const question = `${m.tables[0].name} ${text}`;
        for (const ctx of [getQueryContext(m, question), getDebuggingContext(m, question)]) {
          const names = new Set(ctx.tables.map((t) => t.name));
          expect(names.has(m.tables[0].name)).toBe(true);
          for (const r of ctx.relationships) expect(names.has(r.from) && names.has(r.to)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
