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
import { parseSchema, printSchema } from "..";
import { toConvexExport as modelJson } from "../evaluated";
import { randomSchema } from "../testdata/random-model";
import { FIXTURES_DIR, readFixture, schemaFixtures } from "../testdata/fixtures";
import { authModuleSource } from "./known";

const tmp = mkdtempSync(path.join(os.tmpdir(), "schema-oracle-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function executeSchema(
  name: string,
  entry = path.join(FIXTURES_DIR, name, "convex/schema.ts"),
): Promise<unknown> {
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
          b.onLoad({ filter: /.*/, namespace: "stand-in" }, () => ({
            contents: authModuleSource(),
            loader: "ts",
            resolveDir: FIXTURES_DIR,
          }));
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
    expect(compared).toEqual(
      expect.arrayContaining([
        "all-validators",
        "chat-app",
        "ecommerce",
        "ents",
        "multi-file",
        "path-aliases",
        "saas-multitenant",
        "task-tracker",
        "union-documents",
      ]),
    );
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
