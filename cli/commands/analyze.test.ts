import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { healthScore, lintSchema } from "../../lib/lint";
import { parseSchema } from "../../lib/schema";
import { inferRelationships, referenceCount } from "../../lib/schema/relationships";
import { analyzeModel as analyzeStored } from "../../convex/lib/analysis";
import { readProjectFiles } from "../project-files";
import { runAnalyze, type AnalyzeReport, type Io } from "./analyze";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const FIXTURES = path.join(ROOT, "lib/schema/testdata");
const ERRORS = path.join(ROOT, "lib/lint/testdata/projects/errors");

function cli(...args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, "bin/schema-assistant.mjs"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });
}

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: "",
    stderr: "",
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

describe("schema-assistant analyze (process)", () => {
  it("prints the summary, relationships, located findings and the health score", () => {
    const r = cli("analyze", path.join(FIXTURES, "chat-app"));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Schema convex\/schema\.ts: 6 tables, \d+ fields, \d+ indexes, 1 search, 1 vector$/m);
    expect(r.stdout).toContain("  messages.channelId → channels (many-to-one)");
    expect(r.stdout).toContain("  channels.memberIds[] → users (many-to-many)");
    expect(r.stdout).toMatch(
      /^ {2}convex\/schema\.ts:\d+:\d+ {2}LINT-ID-INDEX {2}warning: Field "channels\.createdBy" references "users"/m,
    );
    expect(r.stdout).toMatch(/^Health score: \d+\/100$/m);
  });

  it("exits 1 on parse errors and prints them as file:line:col", () => {
    const r = cli("analyze", path.join(FIXTURES, "syntax-error"));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^convex\/schema\.ts:\d+:\d+ {2}SA001 {2}error: /m);
  });
});

describe("runAnalyze", () => {
  it("--json returns the same findings and score as the engine", async () => {
    const io = capture();
    expect(await runAnalyze(path.join(FIXTURES, "task-tracker"), { json: true }, io)).toBe(0);
    const report: AnalyzeReport = JSON.parse(io.stdout);
    const parsed = parseSchema(await readProjectFiles(path.join(FIXTURES, "task-tracker")));
    if (!parsed.ok) throw new Error("fixture does not parse");
    const diagnostics = lintSchema(parsed.schema);
    expect(report.diagnostics).toEqual(diagnostics);
    expect(report.healthScore).toBe(healthScore(parsed.schema, [...parsed.schema.warnings, ...diagnostics]).score);
    expect(report.summary.tables).toBe(parsed.schema.tables.length);
    expect(
      report.relationships.some(
        (r) => r.from === "tasks" && r.field === "projectId" && r.to === "projects" && r.indexed,
      ),
    ).toBe(true);
  });

  it("--json carries parser warnings, which count in the health score", async () => {
    // Static reading only: by default the CLI evaluates what it cannot read (cli/schema-eval.test.ts).
    process.env.SCHEMA_ASSISTANT_EVALUATE = "never";
    try {
      const io = capture();
      expect(await runAnalyze(path.join(FIXTURES, "unresolvable"), { json: true }, io)).toBe(0);
      const report: AnalyzeReport = JSON.parse(io.stdout);
      expect(report.warnings.length).toBeGreaterThan(0);
      const warningCodes = new Set(report.warnings.map((w) => w.code));
      expect(report.breakdown.some((b) => warningCodes.has(b.code))).toBe(true);
      const text = capture();
      await runAnalyze(path.join(FIXTURES, "unresolvable"), {}, text);
      expect(text.stdout).toMatch(/^Parser warnings \(\d+\)\n {2}convex\/schema\.ts:\d+:\d+ {2}SA\d+ {2}warning: /m);
    } finally {
      delete process.env.SCHEMA_ASSISTANT_EVALUATE;
    }
    // With evaluation (the default) the same schema is read whole, and the report says which tables it took.
    const evaluated = capture();
    expect(await runAnalyze(path.join(FIXTURES, "unresolvable"), { json: true }, evaluated)).toBe(0);
    expect(JSON.parse(evaluated.stdout).readByEvaluation.length).toBeGreaterThan(0);
  });

  it("prints the same counts and score as the dashboard and the HTTP API store (one analyzeSchema)", async () => {
    const dir = path.join(FIXTURES, "chat-app");
    const io = capture();
    expect(await runAnalyze(dir, { json: true }, io)).toBe(0);
    const report: AnalyzeReport = JSON.parse(io.stdout);
    const parsed = parseSchema(await readProjectFiles(dir));
    if (!parsed.ok) throw new Error("fixture does not parse");
    const stored = analyzeStored(parsed.schema);
    expect(stored.summary).toEqual(report.summary);
    expect(stored.healthScore).toBe(report.healthScore);
    expect(stored.diagnostics).toEqual([...report.warnings, ...report.diagnostics]);
    // `indexes` counts database indexes only: search and vector indexes are reported apart.
    const t = parsed.schema.tables;
    expect(report.summary.indexes).toBe(t.reduce((n, x) => n + x.indexes.length, 0));
    expect([report.summary.searchIndexes, report.summary.vectorIndexes]).toEqual([1, 1]);
  });

  it("counts the references between tables, as the diagram and the docs do, and lists join tables apart", async () => {
    const dir = path.join(FIXTURES, "chat-app");
    const parsed = parseSchema(await readProjectFiles(dir));
    if (!parsed.ok) throw new Error("fixture does not parse");
    const n = referenceCount(parsed.schema);
    // chat-app also has a reference to `_storage` and many-to-many through join tables: inferred, never counted.
    expect(inferRelationships(parsed.schema).length).toBeGreaterThan(n);
    const json = capture();
    await runAnalyze(dir, { json: true }, json);
    const report: AnalyzeReport = JSON.parse(json.stdout);
    expect(report.summary.relationships).toBe(n);
    expect(report.relationships).toHaveLength(n);
    expect(report.joinTableRelationships.length).toBeGreaterThan(0);
    expect(report.joinTableRelationships.every((r) => r.viaJoinTable)).toBe(true);
    const text = capture();
    await runAnalyze(dir, {}, text);
    expect(text.stdout).toContain(`\nRelationships: ${n} references between tables\n`);
    expect(text.stdout).toContain(
      "\nMany-to-many through join tables (made of the references above, not counted again)\n",
    );
    expect(text.stdout).not.toContain("_storage (");
  });

  it("fails on error findings only with --strict", async () => {
    const plain = capture();
    expect(await runAnalyze(ERRORS, {}, plain)).toBe(0);
    expect(plain.stdout).toMatch(
      /convex\/schema\.ts:\d+:\d+ {2}LINT-RESERVED-NAME {2}error: Index name "notes\.by_id" is reserved/,
    );
    expect(plain.stdout).toMatch(
      /LINT-SEARCH-INDEX-FIELD {2}error: Index "notes\.search_body" uses filter field "folder"/,
    );
    const strict = capture();
    expect(await runAnalyze(ERRORS, { strict: true }, strict)).toBe(1);
    expect(strict.stderr).toContain("2 error-severity findings (--strict)");
    // warnings alone never fail --strict
    expect(await runAnalyze(path.join(FIXTURES, "chat-app"), { strict: true }, capture())).toBe(0);
  });

  it("--json reports parse errors on stdout as well", async () => {
    const io = capture();
    expect(await runAnalyze(path.join(FIXTURES, "unknown-validator"), { json: true }, io)).toBe(1);
    const out = JSON.parse(io.stdout);
    expect(out.ok).toBe(false);
    expect(out.errors[0]).toMatchObject({ code: "SA005", severity: "error", loc: { file: "convex/schema.ts" } });
    expect(io.stderr).toMatch(/^convex\/schema\.ts:\d+:\d+ {2}SA005 {2}error: Unknown validator "v\.strng"/m);
  });

  it("explains a missing schema", async () => {
    const io = capture();
    expect(await runAnalyze(path.join(ROOT, "lib/lint"), {}, io)).toBe(1);
    expect(io.stderr).toMatch(/No Convex schema found: ".*lib\/lint\/convex\/schema\.ts" does not exist/);
  });
});
