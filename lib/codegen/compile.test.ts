/**
 * THE KEY TEST: the generated code of every schema compiles and its generated convex-test tests pass, with no
 * edits. Each case becomes a Convex project in one temp folder (schema.ts + generated files + `_generated`);
 * one `tsc --noEmit` and one vitest run (edge-runtime, convex-test inlined) cover all cases.
 * The share of cases that pass is printed; the test requires 100%.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
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
  /** The schema source to use (fixtures keep their own); printed from the model otherwise. */
  schema?: string;
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
function apiDts(modules: string[], template: string): string {
  const imports = modules.map((m) => `import type * as ${m.replace(/\//g, "_")} from "../${m}.js";`).join("\n");
  const entries = modules.map((m) => `  ${m.includes("/") ? JSON.stringify(m) : m}: typeof ${m.replace(/\//g, "_")};`).join("\n");
  return template.replace(/(} from "convex\/server";\n)[\s\S]*?(\n\/\*\*)/, `$1${imports}\n$2`).replace(/ApiFromModules<\{[\s\S]*?\}>/, `ApiFromModules<{\n${entries}\n}>`);
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
}

let work: string | undefined;
afterAll(() => {
  if (work && !process.env.KEEP_CODEGEN_TMP) rmSync(work, { recursive: true, force: true });
});

function cases(): Case[] {
  return [
    ...MODEL_CASES.map((c) => ({ ...c, options: { ...c.options, withTests: true, withSeed: true } })),
    ...fixtureCases().map((c) => ({ ...c, options: { withTests: true, withSeed: true, zod: true } })),
    ...randomSchemas(Number(process.env.CODEGEN_RANDOM ?? 12), 20261124).map((model, i) => ({
      name: `random-${i}`,
      model,
      options: { withTests: true, withSeed: true, zod: i % 2 === 0, onDelete: (["refuse", "cascade", "detach"] as const)[i % 3] },
    })),
  ];
}

test("generated code compiles and its generated tests pass for every schema", () => {
  work = mkdtempSync(join(tmpdir(), "sa-codegen-"));
  symlinkSync(NODE_MODULES, join(work, "node_modules"), "dir");
  const all = cases();
  // One real `convex codegen` run gives the _generated templates; later cases only differ in api.d.ts modules.
  const first = join(work, all[0].name);
  const firstGen = generateCode(all[0].model, all[0].options);
  writeFiles(first, { ...firstGen.files, "convex/schema.ts": all[0].schema ?? schemaSource(all[0].model), "package.json": `{"name":"x","private":true,"dependencies":{"convex":"1.48.0"}}\n` });
  symlinkSync(NODE_MODULES, join(first, "node_modules"), "dir");
  execFileSync(process.execPath, [join(NODE_MODULES, "convex/bin/main.js"), "codegen", "--system-udfs", "--typecheck", "disable"], { cwd: first, stdio: "pipe" });
  const gen = (f: string) => readFileSync(join(first, "convex/_generated", f), "utf8");
  const templates = Object.fromEntries(["api.d.ts", "api.js", "dataModel.d.ts", "server.d.ts", "server.js"].map((f) => [f, gen(f)]));
  expect(apiDts(modulePaths(Object.keys(firstGen.files)), templates["api.d.ts"])).toBe(templates["api.d.ts"]);

  for (const c of all.slice(1)) {
    const out = generateCode(c.model, c.options);
    const files = { ...out.files, "convex/schema.ts": c.schema ?? schemaSource(c.model) };
    const generated = Object.fromEntries(Object.entries(templates).map(([f, text]) => [`convex/_generated/${f}`, f === "api.d.ts" ? apiDts(modulePaths(Object.keys(files)), text) : text]));
    writeFiles(join(work, c.name), { ...files, ...generated });
  }
  writeFileSync(join(work, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      target: "ESNext", lib: ["ES2021", "dom"], module: "ESNext", moduleResolution: "Bundler", strict: true, skipLibCheck: true,
      allowSyntheticDefaultImports: true, isolatedModules: true, noEmit: true, forceConsistentCasingInFileNames: true,
    },
    include: ["*/convex/**/*.ts"],
  }));
  const tsc = spawnSync(process.execPath, [join(NODE_MODULES, "typescript/bin/tsc"), "--noEmit", "-p", work], { encoding: "utf8" });
  const tscErrors = new Map<string, string[]>();
  for (const line of tsc.stdout.split("\n").filter((l) => /error TS/.test(l))) {
    const name = line.split("/")[0];
    tscErrors.set(name, [...(tscErrors.get(name) ?? []), line]);
  }
  writeFileSync(join(work, "vitest.config.mjs"), `export default { test: { environment: "edge-runtime", include: ["*/convex/**/*.test.ts"], server: { deps: { inline: ["convex-test"] } }, testTimeout: 30000 } };\n`);
  const report = join(work, "vitest.json");
  spawnSync(process.execPath, [join(NODE_MODULES, "vitest/vitest.mjs"), "run", "--root", work, "--config", join(work, "vitest.config.mjs"), "--reporter=json", `--outputFile=${report}`], { encoding: "utf8", cwd: work });
  const results: { name: string; status: string; assertionResults: { title: string; status: string; failureMessages: string[] }[]; message?: string }[] = existsSync(report) ? JSON.parse(readFileSync(report, "utf8")).testResults : [];
  const testFailures = new Map<string, string[]>();
  for (const r of results) {
    const name = r.name.slice(work.length + 1).split("/")[0];
    const failed = r.assertionResults.filter((a) => a.status === "failed").map((a) => `${a.title}: ${a.failureMessages.join(" ").slice(0, 600)}`);
    if (r.status === "failed" && failed.length === 0) failed.push(`${r.name}: ${(r.message ?? "").slice(0, 600)}`);
    if (failed.length > 0) testFailures.set(name, [...(testFailures.get(name) ?? []), ...failed]);
  }
  const ran = new Set(results.map((r) => r.name.slice(work!.length + 1).split("/")[0]));
  const failures = all
    .filter((c) => tscErrors.has(c.name) || testFailures.has(c.name) || !ran.has(c.name))
    .map((c) => ({ case: c.name, tsc: tscErrors.get(c.name) ?? [], tests: testFailures.get(c.name) ?? (ran.has(c.name) ? [] : ["no test ran"]) }));
  const passed = all.length - failures.length;
  console.log(`codegen: ${passed}/${all.length} schemas (${((100 * passed) / all.length).toFixed(0)}%) compile and pass their generated tests with no edits; ${results.length} test files, ${results.reduce((n, r) => n + r.assertionResults.length, 0)} tests`);
  expect(failures).toEqual([]);
}, 600_000);
