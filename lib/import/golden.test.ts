/**
 * Golden fixtures: every folder in testdata/ holds a source schema (schema.prisma or schema.sql) and optionally a
 * data file (data.sql); the expected outputs live in its expected/ folder. UPDATE_GOLDEN=1 rewrites them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseSchemaSource, sameValidator } from "../schema";
import { expectGolden } from "../testing/golden";
import {
  formatDataReport,
  formatSchemaReport,
  generatedFiles,
  importPrisma,
  importSql,
  emptyRowSet,
  MemorySink,
  readCsv,
  readJsonl,
  readSqlData,
  type ImportPlan,
  type RowSet,
  runDataImport,
  type DocValue,
} from "./index";

const root = join(import.meta.dirname, "testdata");
/** Compares `actual` with the case's expected/<name> golden file. */
function golden(dir: string, name: string, actual: string): void {
  expectGolden(join(dir, "expected", name), actual);
}

function show(v: DocValue): unknown {
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof ArrayBuffer)
    return `bytes:${[...new Uint8Array(v)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
  if (Array.isArray(v)) return v.map(show);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, show(x)]));
  return v;
}

/** data.sql, or a data/ folder of <table>.csv / .jsonl files. */
function readRows(dir: string, plan: ImportPlan): RowSet {
  if (existsSync(join(dir, "data.sql")))
    return readSqlData(plan, readFileSync(join(dir, "data.sql"), "utf8"), "data.sql");
  const set = emptyRowSet();
  for (const f of readdirSync(join(dir, "data")).sort()) {
    const text = readFileSync(join(dir, "data", f), "utf8");
    const table = f.replace(/\.(csv|jsonl)$/, "");
    if (f.endsWith(".csv")) readCsv(plan, table, text, `data/${f}`, set);
    else if (f.endsWith(".jsonl")) readJsonl(plan, table, text, `data/${f}`, set);
  }
  return set;
}

describe("import fixtures", () => {
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    test(name, async () => {
      const prisma = existsSync(join(dir, "schema.prisma"));
      const sourceFile = prisma ? "schema.prisma" : "schema.sql";
      const source = readFileSync(join(dir, sourceFile), "utf8");
      const hasData = existsSync(join(dir, "data.sql")) || existsSync(join(dir, "data"));
      const options = { file: sourceFile, legacyIds: hasData };
      const result = prisma ? importPrisma(source, options) : importSql(source, options);
      expect(result.ok, formatSchemaReport(result)).toBe(true);
      const files = generatedFiles(result);
      // Under expected/convex/ so the project's typecheck skips them (they import convex/_generated).
      golden(dir, "convex/schema.ts", files["convex/schema.ts"]);
      golden(dir, "convex/uniqueness.ts", files["convex/uniqueness.ts"] ?? "");
      golden(dir, "convex/importCleanup.ts", files["convex/importCleanup.ts"] ?? "");
      golden(dir, "convex/defaults.ts", files["convex/defaults.ts"] ?? "");
      golden(dir, "report.txt", formatSchemaReport(result));
      // The printed schema must read back (through the real parser) as the model the import built.
      const parsed = parseSchemaSource(files["convex/schema.ts"], "convex/schema.ts");
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.schema.tables.map((t) => t.name)).toEqual(result.schema.tables.map((t) => t.name));
      for (const t of result.schema.tables) {
        const back = parsed.schema.tables.find((x) => x.name === t.name)!;
        expect(back.fields.map((f) => [f.name, f.optional])).toEqual(t.fields.map((f) => [f.name, f.optional]));
        for (const f of t.fields)
          expect(sameValidator(back.fields.find((x) => x.name === f.name)!.validator, f.validator)).toBe(true);
        expect(back.indexes.map((i) => [i.name, i.fields])).toEqual(t.indexes.map((i) => [i.name, i.fields]));
      }
      if (!hasData) return;
      const rows = readRows(dir, result.plan);
      const sink = new MemorySink();
      const report = await runDataImport(result, rows, sink, { batchSize: 2 });
      golden(dir, "data-report.txt", formatDataReport(report, rows.diagnostics));
      const docs = Object.fromEntries(
        [...sink.tables].map(([t, m]) => [t, Object.fromEntries([...m].map(([id, d]) => [id, show(d)]))]),
      );
      golden(dir, "documents.json", JSON.stringify(docs, null, 2) + "\n");
    });
  }
});
