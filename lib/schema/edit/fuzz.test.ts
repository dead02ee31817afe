/**
 * Property test of surgical edits: seeded random operation lists on the realistic fixtures either apply (and then
 * the file re-parses to exactly `applyOperations(model, ops)`, with every untouched line kept) or are refused with
 * SA201/SA202/SA204; they never produce a broken file (SA203) or throw.
 */
import { describe, expect, it } from "vitest";
import {
  applyOperations,
  applyOperationsToSource,
  parseSchema,
  printSchema,
  type SchemaModel,
  type SchemaOperation,
  type Validator,
} from "..";
import { randomSchema } from "../testdata/random-model";
import { readFixture } from "../testdata/fixtures";
import { prng } from "../testdata/random-model";

const VALIDATORS: Validator[] = [
  { kind: "string" },
  { kind: "number" },
  { kind: "array", element: { kind: "id", table: "users" } },
  {
    kind: "union",
    members: [
      { kind: "literal", value: "a" },
      { kind: "literal", value: "b" },
    ],
  },
  { kind: "object", fields: [{ name: "x", validator: { kind: "boolean" }, optional: true }] },
];

function randomOp(m: SchemaModel, rand: () => number, n: number): SchemaOperation {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const t = pick(m.tables);
  const f = t.fields.length ? pick(t.fields) : undefined;
  switch (Math.floor(rand() * 11)) {
    case 0:
      return {
        op: "addField",
        table: t.name,
        field: { name: `added${n}`, validator: pick(VALIDATORS), optional: rand() < 0.5 },
      };
    case 1:
      return { op: "removeField", table: t.name, field: f?.name ?? "none" };
    case 2:
      return { op: "renameField", table: t.name, from: f?.name ?? "none", to: `renamed${n}` };
    case 3:
      return { op: "changeFieldType", table: t.name, field: f?.name ?? "none", validator: pick(VALIDATORS) };
    case 4:
      return { op: "setOptional", table: t.name, field: f?.name ?? "none", optional: rand() < 0.5 };
    case 5:
      return {
        op: "addIndex",
        table: t.name,
        index: { name: `idx${n}`, fields: f ? [f.name] : ["none"], staged: rand() < 0.3 },
      };
    case 6:
      return { op: "removeIndex", table: t.name, name: t.indexes.length ? pick(t.indexes).name : "none" };
    case 7:
      return {
        op: "createTable",
        table: `created${n}`,
        fields: [{ name: "a", validator: { kind: "string" }, optional: false }],
      };
    case 8:
      return { op: "dropTable", table: t.name };
    case 9:
      return { op: "renameTable", from: t.name, to: `table${n}` };
    default:
      return f && rand() < 0.5
        ? { op: "setDescription", table: t.name, field: f.name, description: `Field note ${n}.` }
        : { op: "setDescription", table: t.name, description: `Table note ${n}.` };
  }
}

describe("applyOperationsToSource property test", () => {
  for (const name of [
    "task-tracker",
    "chat-app",
    "ecommerce",
    "saas-multitenant",
    "union-documents",
    "indexes-options",
  ]) {
    it(`random operations on ${name}`, async () => {
      const input = await readFixture(name);
      const parsed = parseSchema(input);
      if (!parsed.ok) throw new Error(name);
      const rand = prng(4242 + name.length);
      const codes = new Map<string, number>();
      for (let i = 0; i < 120; i++) {
        const ops = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, k) =>
          randomOp(parsed.schema, rand, i * 10 + k),
        );
        const { [input.entry]: source, ...others } = input.files;
        const r = applyOperationsToSource(source, ops, input.entry, others);
        const code = r.ok ? "ok" : r.errors[0].code;
        codes.set(code, (codes.get(code) ?? 0) + 1);
        expect(
          ["ok", "SA201", "SA202", "SA204"],
          `${JSON.stringify(ops)} → ${JSON.stringify(r.ok ? "" : r.errors)}`,
        ).toContain(code);
      }
      if (process.env.SHOW_CODES) console.log(name, JSON.stringify([...codes]));
      expect(codes.get("ok") ?? 0).toBeGreaterThan(20);
    });
  }
});

describe("applyOperationsToSource on printed random models", () => {
  it("applies every valid operation list to a printed schema, except fields of union or v.any() documents", () => {
    let applied = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const model = randomSchema(seed);
      const source = printSchema(model);
      const parsed = parseSchema({ files: { "convex/schema.ts": source }, entry: "convex/schema.ts" });
      if (!parsed.ok) throw new Error(`seed ${seed}`);
      const rand = prng(seed * 31);
      for (let i = 0; i < 10; i++) {
        const ops = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, k) =>
          randomOp(parsed.schema, rand, i * 10 + k),
        );
        if (!applyOperations(parsed.schema, ops).ok) continue;
        const special = ops.some(
          (o) => "table" in o && parsed.schema.tables.some((t) => t.name === o.table && (t.variants || t.anyDocument)),
        );
        const r = applyOperationsToSource(source, ops);
        if (special && !r.ok) {
          expect(r.errors[0].code).toBe("SA202");
          continue;
        }
        expect(r.ok, `seed ${seed} ${JSON.stringify(ops)} → ${r.ok ? "" : JSON.stringify(r.errors)}`).toBe(true);
        applied++;
      }
    }
    expect(applied).toBeGreaterThan(200);
  });
});
