import path from "node:path";
import { fileURLToPath } from "node:url";
import { Parser } from "@dbml/core";
import { describe, expect, it } from "vitest";
import { parseSchema } from "../schema";
import type { SchemaModel } from "../schema/model";
import { readFixture, schemaFixtures } from "../schema/testdata/fixtures";
import { expectGolden } from "../testing/golden";
import { checkMermaidEr } from "./mermaid-grammar";
import {
  checkDocsDrift,
  DOC_FILES,
  generateDocs,
  normalizeSource,
  schemaSourceFiles,
  sha256,
  type SchemaManifest,
} from "./index";

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), "testdata");
const INPUT = { generatedAt: "2026-01-01T00:00:00.000Z", version: "1" };

async function load(name: string): Promise<{ model: SchemaModel; files: Record<string, string> } | undefined> {
  const project = await readFixture(name);
  const parsed = parseSchema(project);
  return parsed.ok ? { model: parsed.schema, files: schemaSourceFiles(project.files, project.entry) } : undefined;
}

function manifestOf(docs: Record<string, string>): SchemaManifest {
  return JSON.parse(docs["schema-manifest.json"]);
}

describe("exports parse with their reference grammar", () => {
  it("a schema declaring _id and _creationTime itself still gives valid DBML and Mermaid", () => {
    const parsed = parseSchema({
      files: {
        "convex/schema.ts": `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({ items: defineTable({ _id: v.string(), _creationTime: v.number(), name: v.string() }) });`,
      },
      entry: "convex/schema.ts",
    });
    if (!parsed.ok) throw new Error("parse");
    const docs = generateDocs(parsed.schema, { ...INPUT, source: "x" });
    const db = Parser.parse(docs["schema.dbml"], "dbml");
    expect(db.schemas[0].tables[0].fields.map((f) => f.name)).toEqual(["_id", "_creationTime", "name"]);
    expect(docs["schema.dbml"]).toContain("declared: v.string()");
    expect(checkMermaidEr(docs["SCHEMA.md"].split("```mermaid\n")[1].split("```")[0].trimEnd())).toEqual([]);
  });

  it("the Mermaid check rejects what Mermaid's grammar rejects", () => {
    expect(checkMermaidEr("erDiagram\n  a b {\n  }")).not.toEqual([]);
    expect(checkMermaidEr("erDiagram\n  a {\n    id _id PK\n    id _id PK\n  }")).toEqual([
      'line 4: attribute "_id" of "a" is written twice',
    ]);
    expect(checkMermaidEr('erDiagram\n  a ||--xx b : "x"')).toEqual(['line 2: cardinality "||--xx" is not Mermaid\'s']);
    expect(checkMermaidEr('erDiagram\n  a {\n    float64 n "optional"\n  }\n  a }o--|| b : "b.c"')).toEqual([]);
  });
});

describe("docs over schema fixture projects (golden)", () => {
  for (const name of schemaFixtures()) {
    it(name, async () => {
      const loaded = await load(name);
      if (!loaded) return; // parse failures are covered by the parser's and lint's goldens
      const docs = generateDocs(loaded.model, { ...INPUT, source: loaded.files });
      expect(Object.keys(docs)).toEqual([...DOC_FILES]);
      for (const file of DOC_FILES) {
        expectGolden(path.join(OUT, name, file), docs[file]);
      }
      // The DBML must load in @dbml/core with every table and the column references.
      const db = Parser.parse(docs["schema.dbml"], "dbml");
      expect(db.schemas[0].tables.map((t) => t.name)).toEqual(loaded.model.tables.map((t) => t.name));
      // The Mermaid diagram follows Mermaid's ER grammar.
      expect(checkMermaidEr(docs["SCHEMA.md"].split("```mermaid\n")[1].split("```")[0].trimEnd())).toEqual([]);
      // Same input, same bytes; the manifest hashes what it describes.
      expect(generateDocs(loaded.model, { ...INPUT, source: loaded.files })).toEqual(docs);
      const manifest = manifestOf(docs);
      expect(manifest.source.sha256).toBe(sha256(normalizeSource(loaded.files)));
      expect(manifest.files["SCHEMA.md"]).toBe(sha256(docs["SCHEMA.md"]));
      expect(manifest.counts.tables).toBe(loaded.model.tables.length);
    });
  }
});

describe("SCHEMA.md Mermaid diagram", () => {
  it("declares every table and one edge per reference with valid names", async () => {
    const { model } = (await load("task-tracker"))!;
    const md = generateDocs(model, { ...INPUT, source: "" })["SCHEMA.md"];
    const mermaid = md.split("```mermaid\n")[1].split("```")[0];
    for (const t of model.tables) expect(mermaid).toContain(`  ${t.name} {`);
    const edges = mermaid.split("\n").filter((l) => l.includes("--"));
    for (const e of edges)
      expect(e).toMatch(/^ {2}[A-Za-z_][\w-]* (\}o|\|o|\|\|)--(\|\||o\||o\{) [A-Za-z_][\w-]* : "[^"]+"$/);
    expect(edges.some((e) => e === '  tasks }o--|| projects : "projectId"')).toBe(true);
    expect(edges.some((e) => e === '  tasks }o--o| users : "assigneeId"')).toBe(true);
  });
});

describe("checkDocsDrift", () => {
  const model: SchemaModel = {
    tables: [
      {
        name: "users",
        fields: [{ name: "name", validator: { kind: "string" }, optional: false }],
        indexes: [],
        searchIndexes: [],
        vectorIndexes: [],
      },
    ],
    options: { schemaValidation: true, strictTableNameTypes: true },
    warnings: [],
  };
  const source = "export default defineSchema({ users: defineTable({ name: v.string() }) });\n";
  const docs = generateDocs(model, { ...INPUT, source });

  it("is ok for the same docs generated at another time, and for CRLF / trailing-space variants of the source", () => {
    const later = generateDocs(model, {
      ...INPUT,
      generatedAt: "2027-05-05T00:00:00.000Z",
      source: source.replace(/\n/g, "  \r\n"),
    });
    expect(later["schema-manifest.json"]).not.toBe(docs["schema-manifest.json"]);
    expect(checkDocsDrift(later, docs)).toEqual({ ok: true, changes: [] });
  });

  it("reports a changed source, changed, missing and extra files", () => {
    const changedModel: SchemaModel = {
      ...model,
      tables: [
        {
          ...model.tables[0],
          fields: [...model.tables[0].fields, { name: "email", validator: { kind: "string" }, optional: true }],
        },
      ],
    };
    const now = generateDocs(changedModel, {
      ...INPUT,
      source: source.replace("v.string() }", "v.string(), email: v.optional(v.string()) }"),
    });
    const onDisk: Record<string, string> = { ...docs, "notes.txt": "mine" };
    delete onDisk["schema.dbml"];
    const r = checkDocsDrift(now, onDisk);
    expect(r.ok).toBe(false);
    const byFile = Object.fromEntries(r.changes.map((c) => [c.file, c]));
    expect(byFile["schema.dbml"].kind).toBe("missing");
    expect(byFile["notes.txt"].kind).toBe("extra");
    expect(byFile["schema-manifest.json"].kind).toBe("changed");
    expect(byFile["schema-manifest.json"].summary).toMatch(
      /^schema source changed \(sha256 [0-9a-f]{12} on disk, [0-9a-f]{12} now\)$/,
    );
    expect(byFile["SCHEMA.md"].kind).toBe("changed");
    expect(byFile["SCHEMA.md"].summary).toMatch(/^\+\d+ -\d+ lines; first difference at line \d+: /);
  });
});
