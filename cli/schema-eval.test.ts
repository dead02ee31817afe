/**
 * Evaluated reading on the user's machine: wrapper libraries (zodvex) and a team's own helpers are read exactly —
 * checked against Convex's own schema.export() run in this process — with static places kept; failures are located
 * warnings and the static reading stays; the child sees no environment and is stopped when it runs too long.
 */
import { build } from "esbuild";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { toConvexExport } from "../lib/schema/evaluated";
import { parseSchema } from "../lib/schema";
import { runAnalyze, readSchema, type Io } from "./commands/analyze";
import { runDocs } from "./commands/docs";
import { schemaFromDir } from "./migrate-sources";
import { readProjectFiles } from "./project-files";
import { completeByEvaluation, evaluateSchema } from "./schema-eval";

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "testdata/evaluated");
const tmp = mkdtempSync(path.join(os.tmpdir(), "schema-eval-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The oracle: Convex's own export of the fixture, run in this process. */
async function convexExport(name: string): Promise<unknown> {
  const out = await build({
    entryPoints: [path.join(FIXTURES, name, "convex/schema.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "silent",
  });
  const file = path.join(tmp, `${name}.mjs`);
  writeFileSync(file, out.outputFiles[0].text);
  const exported = JSON.parse((await import(pathToFileURL(file).href)).default.export());
  for (const t of exported.tables) delete t.stagedDocumentType;
  return exported;
}

async function staticAndProject(name: string) {
  const root = path.join(FIXTURES, name);
  const project = await readProjectFiles(root);
  const parsed = parseSchema(project);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join("\n"));
  return { root, project, model: parsed.schema };
}

describe("evaluated reading", () => {
  for (const [name, tables] of [
    ["zodvex", ["users", "teams"]],
    ["custom-wrapper", ["tickets"]],
  ] as const) {
    it(`reads ${name} exactly where static reading stops, keeping static places`, async () => {
      const { root, project, model } = await staticAndProject(name);
      expect(model.warnings.map((w) => w.code)).toContain("SA103");
      const read = await completeByEvaluation(model, { ...project, root });
      expect(read.evaluatedTables).toEqual(tables);
      expect(toConvexExport(read.schema)).toEqual(await convexExport(name));
      expect(read.schema.warnings).toEqual([]);
      for (const t of tables) expect(read.schema.tables.find((x) => x.name === t)?.loc?.file).toBe("convex/schema.ts");
      expect(read.notes.map((n) => `${n.code} ${n.path}`)).toEqual(tables.map((t) => `SA121 ${t}`));
    });
  }

  it("leaves an exact static reading alone unless asked", async () => {
    const { root, project, model } = await staticAndProject("zodvex");
    const exact = { ...model, tables: model.tables.filter((t) => t.name === "invites"), warnings: [] };
    expect((await completeByEvaluation(exact, { ...project, root })).evaluated).toBe(false);
    expect((await completeByEvaluation(model, { ...project, root }, "never")).schema).toBe(model);
  });

  it("names the import that cannot be bundled and keeps the static reading", async () => {
    const { root, project, model } = await staticAndProject("broken-import");
    const read = await completeByEvaluation(model, { ...project, root });
    expect(read.evaluated).toBe(false);
    expect(read.schema.tables[0].anyDocument).toBe(true);
    expect(read.schema.warnings.at(-1)).toMatchObject({
      code: "SA120",
      severity: "warning",
      loc: { file: "convex/schema.ts", line: 2 },
    });
    expect(read.schema.warnings.at(-1)?.message).toContain('Could not resolve "not-installed-table-kit"');
  });

  it("locates an exception thrown while the schema loads", async () => {
    const { root, project } = await staticAndProject("throws");
    const r = await evaluateSchema({ ...project, root });
    expect(r).toMatchObject({ ok: false, error: { code: "SA120", loc: { file: "convex/schema.ts", line: 5 } } });
    expect(!r.ok && r.error.message).toContain("no table kit for things");
  });

  it("stops a schema that never finishes loading", async () => {
    const { root, project } = await staticAndProject("loops");
    const r = await evaluateSchema({ ...project, root, timeoutMs: 1500 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/took longer than 1500 ms/);
  });

  it("runs the schema without this process's environment", async () => {
    process.env.SA_EVAL_TEST_SECRET = "leaked";
    try {
      const { root, project } = await staticAndProject("env-reader");
      const r = await evaluateSchema({ ...project, root });
      expect(r.ok && JSON.stringify(r.json)).toContain('"unset"');
      expect(r.ok && JSON.stringify(r.json)).not.toContain("leaked");
    } finally {
      delete process.env.SA_EVAL_TEST_SECRET;
    }
  });
});

describe("commands read wrapper-library schemas", () => {
  it("analyze says which tables were read by evaluation", async () => {
    let out = "";
    let err = "";
    const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t) };
    expect(await runAnalyze(path.join(FIXTURES, "zodvex"), { json: true }, io)).toBe(0);
    const report = JSON.parse(out);
    expect(report.readByEvaluation).toEqual(["users", "teams"]);
    expect(report.tables.find((t: { name: string }) => t.name === "users")).toMatchObject({
      fields: 6,
      indexes: 2,
      searchIndexes: 1,
    });
    expect(err).toContain('SA121  info: Table "users" was read by evaluating the schema');
  });

  it("SCHEMA_ASSISTANT_EVALUATE=never keeps the static reading; a bad value is refused", async () => {
    const r = await readSchema(path.join(FIXTURES, "zodvex"), "never");
    expect(r.ok && r.model.tables.find((t) => t.name === "users")?.anyDocument).toBe(true);
    process.env.SCHEMA_ASSISTANT_EVALUATE = "sometimes";
    try {
      await expect(readSchema(path.join(FIXTURES, "zodvex"))).rejects.toThrow(
        "SCHEMA_ASSISTANT_EVALUATE must be auto, always or never",
      );
    } finally {
      delete process.env.SCHEMA_ASSISTANT_EVALUATE;
    }
  });

  it("docs documents the fields only evaluation can read", async () => {
    const out = path.join(tmp, "docs-zodvex");
    const io: Io = { out: () => {}, err: () => {} };
    expect(await runDocs(path.join(FIXTURES, "zodvex"), { out, now: "2026-01-01T00:00:00.000Z" }, io)).toBe(0);
    const dbml = readFileSync(path.join(out, "schema.dbml"), "utf8");
    expect(dbml).toMatch(/Table users \{[\s\S]*email string[\s\S]*teamId[\s\S]*\}/);
    expect(dbml).toContain("Ref");
  });

  it("migrate reads the working tree the same way", async () => {
    const loaded = await schemaFromDir(path.join(FIXTURES, "custom-wrapper"));
    expect(loaded.model.tables.find((t) => t.name === "tickets")?.fields.map((f) => f.name)).toEqual([
      "title",
      "status",
      "createdBy",
      "updatedBy",
      "updatedAt",
    ]);
  });
});
