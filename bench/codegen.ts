/**
 * Code generation speed on a 100-table schema (target: < 1 s for everything, tests, seed and zod included).
 * Run: npx tsx bench/codegen.ts [tables]
 */
import { generateCode, generateSampleDocuments } from "../lib/codegen";
import type { Field, Index, SchemaModel, Table } from "../lib/schema/model";
import { emptySchema, newTable } from "../lib/schema/model";

/** A wide app-like schema: users first, then tables each referencing up to two earlier ones, with indexes. */
function bigSchema(n: number): SchemaModel {
  const tables: Table[] = [
    newTable("users", [
      { name: "tokenIdentifier", optional: false, validator: { kind: "string" } },
      { name: "name", optional: false, validator: { kind: "string" } },
      { name: "email", optional: true, validator: { kind: "string" } },
    ]),
  ];
  tables[0].indexes = [{ name: "by_token", fields: ["tokenIdentifier"] }];
  for (let i = 1; i < n; i++) {
    const parent = `t${Math.max(1, i - 1 - (i % 7))}`;
    const fields: Field[] = [
      { name: "ownerId", optional: false, validator: { kind: "id", table: "users" } },
      { name: "title", optional: false, validator: { kind: "string" } },
      {
        name: "status",
        optional: false,
        validator: {
          kind: "union",
          members: [
            { kind: "literal", value: "open" },
            { kind: "literal", value: "closed" },
          ],
        },
      },
      { name: "price", optional: true, validator: { kind: "number" } },
      { name: "createdAt", optional: false, validator: { kind: "number" } },
      { name: "tags", optional: false, validator: { kind: "array", element: { kind: "string" } } },
      {
        name: "meta",
        optional: true,
        validator: { kind: "object", fields: [{ name: "note", optional: true, validator: { kind: "string" } }] },
      },
    ];
    const indexes: Index[] = [{ name: "by_owner", fields: ["ownerId"] }];
    if (i > 1) {
      fields.push({ name: "parentId", optional: i % 3 === 0, validator: { kind: "id", table: parent } });
      indexes.push({ name: "by_parent", fields: ["parentId"] });
    }
    if (i % 5 === 0) fields.push({ name: "selfId", optional: true, validator: { kind: "id", table: `t${i}` } });
    tables.push({ ...newTable(`t${i}`, fields), indexes });
  }
  return { ...emptySchema(), tables };
}

function time<T>(label: string, f: () => T, runs = 5): T {
  let result: T = f(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = f();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(48)} median ${ms[Math.floor(runs / 2)].toFixed(1)} ms  (min ${ms[0].toFixed(1)}, max ${ms[runs - 1].toFixed(1)})`,
  );
  return result;
}

const n = Number(process.argv[2] ?? 100);
const model = bigSchema(n);
const cold0 = performance.now();
generateCode(model, { withTests: true, withSeed: true, zod: true });
console.log(
  `${`generateCode, ${n} tables, first call (cold)`.padEnd(48)} ${(performance.now() - cold0).toFixed(1)} ms`,
);
const basic = time(`generateCode, ${n} tables, functions + validators`, () => generateCode(model));
const all = time(`generateCode, ${n} tables, + tests, seed, zod`, () =>
  generateCode(model, { withTests: true, withSeed: true, zod: true }),
);
const docs = time(`generateSampleDocuments, ${n} tables x 10`, () =>
  generateSampleDocuments(model, { seed: 1, perTable: 10 }),
);
const size = (files: Record<string, string>) => Object.values(files).reduce((s, c) => s + c.length, 0);
console.log(
  `files: ${Object.keys(basic.files).length} (${(size(basic.files) / 1024).toFixed(0)} KiB) basic, ${Object.keys(all.files).length} (${(size(all.files) / 1024).toFixed(0)} KiB) with tests/seed/zod`,
);
console.log(`sample documents: ${Object.values(docs.documents).flat().length}; todos: ${all.todos.length}`);
