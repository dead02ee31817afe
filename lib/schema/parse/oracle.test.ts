/**
 * Oracle: for each fixture that parses without warnings, execute the schema the way Convex does (esbuild bundle,
 * import, `schema.export()`) and compare Convex's JSON with the statically parsed model.
 * Test-only: it runs the fixture's code. `@convex-dev/auth/server` is stood in by the parser's embedded source;
 * convex-ents (a devDependency) runs for real.
 */
import { build } from "esbuild";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parseSchema, printSchema, type Field, type SchemaModel, type Table, type Validator } from "..";
import { randomSchema } from "../testdata/random-model";
import { FIXTURES_DIR, readFixture, schemaFixtures } from "../testdata/fixtures";
import { authModuleSource } from "./known";

const tmp = mkdtempSync(path.join(os.tmpdir(), "schema-oracle-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function executeSchema(name: string, entry = path.join(FIXTURES_DIR, name, "convex/schema.ts")): Promise<unknown> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "silent",
    nodePaths: [path.resolve(FIXTURES_DIR, "../../../node_modules")],
    plugins: [
      {
        name: "convex-auth-stand-in",
        setup(b) {
          b.onResolve({ filter: /^@convex-dev\/auth\/server$/ }, () => ({ path: "auth", namespace: "stand-in" }));
          b.onLoad({ filter: /.*/, namespace: "stand-in" }, () => ({ contents: authModuleSource(), loader: "ts", resolveDir: FIXTURES_DIR }));
        },
      },
    ],
  });
  const file = path.join(tmp, `${name}.mjs`);
  writeFileSync(file, out.outputFiles[0].text);
  const mod = await import(pathToFileURL(file).href);
  const exported = JSON.parse(mod.default.export()) as { tables: Record<string, unknown>[] };
  // convex-ents' definitions export no staged lists; Convex reads a missing list as empty.
  const staged = ["stagedDbIndexes", "stagedSearchIndexes", "stagedVectorIndexes"];
  for (const t of exported.tables) for (const k of staged) t[k] ??= [];
  return exported;
}

function int64Base64(decimal: string): string {
  const buf = new BigInt64Array([BigInt(decimal)]);
  return Buffer.from(buf.buffer).toString("base64");
}

/** Our validator in Convex's export JSON. */
function validatorJson(v: Validator): unknown {
  switch (v.kind) {
    case "id":
      return { type: "id", tableName: v.table };
    case "int64":
      return { type: "bigint" };
    case "literal":
      return { type: "literal", value: v.bigint ? { $integer: int64Base64(String(v.value)) } : v.value };
    case "array":
      return { type: "array", value: validatorJson(v.element) };
    case "object":
      return objectJson(v.fields);
    case "record":
      return { type: "record", keys: validatorJson(v.key), values: { fieldType: validatorJson(v.value), optional: false } };
    case "union":
      return { type: "union", value: v.members.map(validatorJson) };
    default:
      return { type: v.kind };
  }
}

function objectJson(fields: Field[]): unknown {
  return { type: "object", value: Object.fromEntries(fields.map((f) => [f.name, { fieldType: validatorJson(f.validator), optional: f.optional }])) };
}

function tableJson(t: Table): unknown {
  const split = <T extends { staged?: boolean }>(xs: T[], staged: boolean) => xs.filter((x) => !!x.staged === staged);
  const db = (xs: Table["indexes"]) => xs.map((i) => ({ indexDescriptor: i.name, fields: i.fields }));
  const search = (xs: Table["searchIndexes"]) => xs.map((i) => ({ indexDescriptor: i.name, searchField: i.searchField, filterFields: i.filterFields }));
  const vector = (xs: Table["vectorIndexes"]) =>
    xs.map((i) => ({ indexDescriptor: i.name, vectorField: i.vectorField, dimensions: i.dimensions, filterFields: i.filterFields }));
  const documentType = t.anyDocument ? { type: "any" } : t.variants ? { type: "union", value: t.variants.map(objectJson) } : objectJson(t.fields);
  return {
    tableName: t.name,
    indexes: db(split(t.indexes, false)),
    stagedDbIndexes: db(split(t.indexes, true)),
    searchIndexes: search(split(t.searchIndexes, false)),
    stagedSearchIndexes: search(split(t.searchIndexes, true)),
    vectorIndexes: vector(split(t.vectorIndexes, false)),
    stagedVectorIndexes: vector(split(t.vectorIndexes, true)),
    documentType,
  };
}

function modelJson(m: SchemaModel): unknown {
  return { tables: m.tables.map(tableJson), schemaValidation: m.options.schemaValidation };
}

describe("parser agrees with Convex's own schema.export()", () => {
  const compared: string[] = [];
  for (const name of schemaFixtures()) {
    it(name, async () => {
      const parsed = parseSchema(await readFixture(name));
      // Broken or partly unresolvable fixtures have no exact static model to compare.
      if (!parsed.ok || parsed.schema.warnings.length > 0) return;
      expect(modelJson(parsed.schema)).toEqual(await executeSchema(name));
      compared.push(name);
    });
  }
  it("compared the realistic fixtures", () => {
    expect(compared).toEqual(expect.arrayContaining(["all-validators", "chat-app", "ecommerce", "ents", "multi-file", "path-aliases", "saas-multitenant", "task-tracker", "union-documents"]));
  });
});

describe("printed random models agree with Convex's own schema.export()", () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`seed ${seed}`, async () => {
      const model = randomSchema(seed);
      const file = path.join(tmp, `random-${seed}.ts`);
      writeFileSync(file, printSchema(model));
      expect(modelJson(model)).toEqual(await executeSchema(`random-${seed}`, file));
    });
  }
});
