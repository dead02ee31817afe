/**
 * THE KEY TEST: the generated code of every schema compiles and its generated convex-test tests pass, with no
 * edits. Each case becomes a Convex project in one temp folder (schema.ts + generated files + `_generated`);
 * one `tsc --noEmit` and one vitest run (edge-runtime, convex-test inlined) cover all cases.
 * The share of cases that pass is printed; the test requires 100%.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  existsSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, expect, test } from "vitest";
import type { SchemaModel } from "../schema/model";
import type { CodegenOptions } from "./index";
import { generateCode } from "./index";
import { schemaSource } from "./schema-source";
import { MODEL_CASES } from "./testdata/models";
import { randomSchemas } from "./testdata/random";
import { fixtureCases } from "./testdata/fixtures";

const ROOT = resolve(__dirname, "../..");
const NODE_MODULES = join(ROOT, "node_modules");

interface Case {
  name: string;
  model: SchemaModel;
  /** The project's own files (fixtures); otherwise convex/schema.ts is printed from the model. */
  files?: Record<string, string>;
  options: CodegenOptions;
}

/** Module paths as `convex codegen` lists them: convex/**.ts|js except _generated, schema, config and dotted names. */
function modulePaths(files: string[]): string[] {
  return files
    .filter((p) => p.startsWith("convex/") && /\.(ts|js)$/.test(p) && !p.startsWith("convex/_generated/"))
    .map((p) => p.slice("convex/".length).replace(/\.(ts|js)$/, ""))
    .filter((m) => !m.split("/").pop()!.includes(".") && m !== "schema")
    .sort();
}

/** `convex/_generated/api.d.ts` in the exact form `npx convex codegen` writes it. */
function apiDts(modules: string[], template: string, moduleIdentifier: (m: string) => string): string {
  const imports = modules.map((m) => `import type * as ${moduleIdentifier(m)} from "../${m}.js";`).join("\n");
  const entries = modules
    .map((m) => `  ${m.includes("/") ? JSON.stringify(m) : m}: typeof ${moduleIdentifier(m)};`)
    .join("\n");
  return template
    .replace(/(} from "convex\/server";\n)[\s\S]*?(\n\/\*\*)/, `$1${imports}\n$2`)
    .replace(/ApiFromModules<\{[\s\S]*?\}>/, `ApiFromModules<{\n${entries}\n}>`);
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
}

/**
 * The temp folder's node_modules: links to ours, except convex-helpers, copied without the .ts sources it ships next
 * to its .d.ts files. tsc resolves a declaration's relative import ("./zod3.js") to the .ts beside it and then
 * type-checks that source (zod3.ts, zod4.ts: a third of the whole run) although only fixtures import the package
 * and errors outside the cases never count; the .d.ts files declare the same types.
 */
function linkNodeModules(dir: string): void {
  const target = join(dir, "node_modules");
  mkdirSync(target);
  for (const name of readdirSync(NODE_MODULES)) {
    if (name !== "convex-helpers") symlinkSync(join(NODE_MODULES, name), join(target, name));
  }
  const helpers = join(NODE_MODULES, "convex-helpers");
  cpSync(helpers, join(target, "convex-helpers"), {
    recursive: true,
    filter: (src) => !(/\.ts$/.test(src) && !src.endsWith(".d.ts") && existsSync(src.replace(/\.ts$/, ".d.ts"))),
  });
}

let work: string | undefined;
afterAll(() => {
  if (work && !process.env.KEEP_CODEGEN_TMP) rmSync(work, { recursive: true, force: true });
});

/** Packages a fixture imports that are not installed here or not typed as Convex (its printed schema is used instead). */
function missingPackages(files: Record<string, string>): string[] {
  const specs = Object.values(files).flatMap((text) =>
    [...text.matchAll(/from\s+["']([^."'][^"']*)["']/g)].map((m) => m[1]),
  );
  const pkgs = specs.map((s) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]));
  return [...new Set(pkgs)].filter(
    (p) => PRINTED_SCHEMA_PACKAGES.includes(p) || !existsSync(join(NODE_MODULES, p, "package.json")),
  );
}

// convex-ents types a schema as its ents API sees it (no join tables), so such fixtures compile against their
// printed schema: the tables, fields and indexes Convex gets from convex-ents at runtime.
const PRINTED_SCHEMA_PACKAGES = ["convex-ents"];

/** Fixture files that a generated path would overwrite move the generated functions into a folder. */
function fixtureOptions(c: { model: SchemaModel; files: Record<string, string> }): CodegenOptions {
  const options: CodegenOptions = { withTests: true, withSeed: true, zod: true };
  const clash = Object.keys(generateCode(c.model, options).files).some((p) => p in c.files);
  return clash ? { ...options, folder: "generated" } : options;
}

async function cases(): Promise<Case[]> {
  const only = process.env.CODEGEN_ONLY ? new RegExp(process.env.CODEGEN_ONLY) : undefined;
  return (await allCases()).filter((c) => !only || only.test(c.name));
}

async function allCases(): Promise<Case[]> {
  return [
    ...MODEL_CASES.map((c) => ({ ...c, options: { ...c.options, withTests: true, withSeed: true } })),
    ...(await fixtureCases()).map((c) => ({
      ...c,
      files: missingPackages(c.files).length > 0 ? undefined : c.files,
      options: fixtureOptions(c),
    })),
    ...randomSchemas(Number(process.env.CODEGEN_RANDOM ?? 6), 20261124).map((model, i) => ({
      name: `random-${i}`,
      model,
      options: {
        withTests: true,
        withSeed: true,
        zod: i % 2 === 0,
        onDelete: (["refuse", "cascade", "detach"] as const)[i % 3],
      },
    })),
  ];
}

/** The project files of a case: its own (or a printed schema) plus the generated ones. */
function projectFiles(c: Case, generated: Record<string, string>): Record<string, string> {
  return { ...(c.files ?? { "convex/schema.ts": schemaSource(c.model) }), ...generated };
}

test("generated code compiles and its generated tests pass for every schema", async () => {
  // The identifier rule (reserved words, "api", ...) of `convex codegen` itself.
  const { moduleIdentifier } = (await import(join(NODE_MODULES, "convex/dist/esm/cli/codegen_templates/api.js"))) as {
    moduleIdentifier: (m: string) => string;
  };
  work = mkdtempSync(join(tmpdir(), "sa-codegen-"));
  linkNodeModules(work);
  const all = await cases();
  // One real `convex codegen` run gives the _generated templates; later cases only differ in api.d.ts modules.
  const first = join(work, all[0].name);
  const firstGen = generateCode(all[0].model, all[0].options);
  writeFiles(first, {
    ...projectFiles(all[0], firstGen.files),
    "package.json": `{"name":"x","private":true,"dependencies":{"convex":"1.48.0"}}\n`,
  });
  symlinkSync(NODE_MODULES, join(first, "node_modules"), "dir");
  execFileSync(
    process.execPath,
    [join(NODE_MODULES, "convex/bin/main.js"), "codegen", "--system-udfs", "--typecheck", "disable"],
    { cwd: first, stdio: "pipe" },
  );
  const gen = (f: string) => readFileSync(join(first, "convex/_generated", f), "utf8");
  const templates = Object.fromEntries(
    ["api.d.ts", "api.js", "dataModel.d.ts", "server.d.ts", "server.js"].map((f) => [f, gen(f)]),
  );
  expect(
    apiDts(modulePaths(Object.keys(projectFiles(all[0], firstGen.files))), templates["api.d.ts"], moduleIdentifier),
  ).toBe(templates["api.d.ts"]);

  for (const c of all.slice(1)) {
    const out = generateCode(c.model, c.options);
    const files = projectFiles(c, out.files);
    const generated = Object.fromEntries(
      Object.entries(templates).map(([f, text]) => [
        `convex/_generated/${f}`,
        f === "api.d.ts" ? apiDts(modulePaths(Object.keys(files)), text, moduleIdentifier) : text,
      ]),
    );
    writeFiles(join(work, c.name), { ...files, ...generated });
  }
  writeFileSync(
    join(work, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ESNext",
        lib: ["ES2021", "dom"],
        module: "ESNext",
        moduleResolution: "Bundler",
        strict: true,
        skipLibCheck: true,
        allowSyntheticDefaultImports: true,
        isolatedModules: true,
        noEmit: true,
        forceConsistentCasingInFileNames: true,
      },
      include: ["*/convex/**/*.ts"],
    }),
  );
  const tsc = spawnSync(process.execPath, [join(NODE_MODULES, "typescript/bin/tsc"), "--noEmit", "-p", work], {
    encoding: "utf8",
    cwd: work,
  });
  const tscErrors = new Map<string, string[]>();
  const ownPaths = new Set(all.flatMap((c) => Object.keys(c.files ?? {}).map((p) => `${c.name}/${p}`)));
  // Errors in a fixture's own files do not count (they may not type-check on their own); all others do.
  for (const line of tsc.stdout.split("\n").filter((l) => /error TS/.test(l) && !ownPaths.has(l.split("(")[0]))) {
    const name = line.split("/")[0];
    tscErrors.set(name, [...(tscErrors.get(name) ?? []), line]);
  }
  writeFileSync(
    join(work, "vitest.config.mjs"),
    `export default { test: { environment: "edge-runtime", include: ["*/convex/**/*.test.ts"], server: { deps: { inline: ["convex-test"] } }, testTimeout: 30000, isolate: false, pool: "threads" } };\n`,
  );
  const report = join(work, "vitest.json");
  spawnSync(
    process.execPath,
    [
      join(NODE_MODULES, "vitest/vitest.mjs"),
      "run",
      "--root",
      work,
      "--config",
      join(work, "vitest.config.mjs"),
      "--reporter=json",
      `--outputFile=${report}`,
    ],
    { encoding: "utf8", cwd: work },
  );
  const results: {
    name: string;
    status: string;
    assertionResults: { title: string; status: string; failureMessages: string[] }[];
    message?: string;
  }[] = existsSync(report) ? JSON.parse(readFileSync(report, "utf8")).testResults : [];
  const testFailures = new Map<string, string[]>();
  for (const r of results) {
    const name = r.name.slice(work.length + 1).split("/")[0];
    const failed = r.assertionResults
      .filter((a) => a.status === "failed")
      .map((a) => `${a.title}: ${a.failureMessages.join(" ").slice(0, 600)}`);
    if (r.status === "failed" && failed.length === 0) failed.push(`${r.name}: ${(r.message ?? "").slice(0, 600)}`);
    if (failed.length > 0) testFailures.set(name, [...(testFailures.get(name) ?? []), ...failed]);
  }
  const ran = new Set(results.map((r) => r.name.slice(work!.length + 1).split("/")[0]));
  // Schemas Convex itself rejects (or that the parser could not fully read) must still compile; their generated
  // tests are not expected to pass and the generator lists them as "invalid-schema" todos.
  const invalid = new Set(
    all
      .filter((c) => generateCode(c.model, c.options).todos.some((t) => t.kind === "invalid-schema"))
      .map((c) => c.name),
  );
  // A schema the parser could not fully read may not even type-check against its real types: nothing is required.
  const incomplete = new Set(all.filter((c) => c.model.warnings.length > 0).map((c) => c.name));
  const failures = all
    .filter((c) => !incomplete.has(c.name))
    .filter((c) => tscErrors.has(c.name) || (!invalid.has(c.name) && (testFailures.has(c.name) || !ran.has(c.name))))
    .map((c) => ({
      case: c.name,
      tsc: tscErrors.get(c.name) ?? [],
      tests: testFailures.get(c.name) ?? (ran.has(c.name) ? [] : ["no test ran"]),
    }));
  const passed = all.length - failures.length - invalid.size;
  const valid = all.length - invalid.size;
  console.log(
    `codegen: ${invalid.size} invalid schemas reported as todos (${incomplete.size} only partly read); ${passed}/${valid} valid schemas (${((100 * passed) / valid).toFixed(0)}%) compile and pass their generated tests with no edits; ${results.length} test files, ${results.reduce((n, r) => n + r.assertionResults.length, 0)} tests`,
  );
  expect(failures).toEqual([]);
}, 600_000);
