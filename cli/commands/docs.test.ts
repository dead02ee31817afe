import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Parser } from "@dbml/core";
import { afterAll, describe, expect, it } from "vitest";
import type { Io } from "./analyze";
import { runDocs, writeDocsAtomically } from "./docs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const FIXTURES = path.join(ROOT, "lib/schema/testdata");
const TMP = mkdtempSync(path.join(tmpdir(), "sa-docs-test-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const DOCS = ["SCHEMA.md", "relationship-analysis.md", "schema-ai-context.json", "schema-manifest.json", "schema.dbml"];

function copyFixture(name: string): string {
  const dir = path.join(TMP, `${name}-${Math.random().toString(36).slice(2)}`);
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

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

describe("schema-assistant docs (process)", () => {
  it("writes the docs, then --check passes until the schema changes", () => {
    const dir = copyFixture("task-tracker");
    const out = path.join(dir, "docs/schema");
    const w = cli("docs", dir);
    expect(w.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(DOCS);
    expect(
      Parser.parse(readFileSync(path.join(out, "schema.dbml"), "utf8"), "dbml").schemas[0].tables.length,
    ).toBeGreaterThan(5);
    expect(cli("docs", dir, "--check").status).toBe(0);

    const schema = path.join(dir, "convex/schema.ts");
    writeFileSync(
      schema,
      readFileSync(schema, "utf8").replace(
        "color: v.string(),",
        "color: v.string(),\n    hidden: v.optional(v.boolean()),",
      ),
    );
    const c = cli("docs", dir, "--check");
    expect(c.status).toBe(1);
    expect(c.stdout).toMatch(/^ {2}changed {2}schema-manifest\.json {2}schema source changed/m);
    expect(c.stdout).toMatch(
      /^ {2}changed {2}schema\.dbml {2}\+1 -0 lines; first difference at line \d+: "hidden boolean/m,
    );
    expect(c.stderr).toContain("docs are out of date");
  });
});

describe("runDocs", () => {
  const NOW = "2026-02-03T04:05:06.000Z";

  it("--out writes elsewhere; a later run only changes generatedAt, which --check ignores", async () => {
    const dir = copyFixture("chat-app");
    const out = path.join(TMP, "elsewhere", "docs");
    expect(await runDocs(dir, { out, now: NOW, schemaVersion: "7" }, capture())).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(out, "schema-manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ schemaVersion: "7", generatedAt: NOW, counts: { tables: 6 } });
    const check = capture();
    // no --schema-version: the version recorded on disk is reused
    expect(await runDocs(dir, { out, check: true, now: "2030-01-01T00:00:00.000Z" }, check)).toBe(0);
    expect(check.stdout).toContain("up to date");
  });

  it("editing a functions file that the schema does not import does not make the docs stale", async () => {
    const dir = copyFixture("chat-app");
    expect(await runDocs(dir, { now: NOW }, capture())).toBe(0);
    writeFileSync(path.join(dir, "convex/messages.ts"), "export const x = 1;\n");
    expect(await runDocs(dir, { check: true }, capture())).toBe(0);
  });

  it("reports missing docs and hand-added files under --check", async () => {
    const dir = copyFixture("chat-app");
    const out = path.join(dir, "docs/schema");
    expect(await runDocs(dir, { now: NOW }, capture())).toBe(0);
    rmSync(path.join(out, "SCHEMA.md"));
    writeFileSync(path.join(out, "notes.md"), "mine");
    const io = capture();
    expect(await runDocs(dir, { check: true }, io)).toBe(1);
    expect(io.stdout).toMatch(/^ {2}missing {2}SCHEMA\.md/m);
    expect(io.stdout).toMatch(/^ {2}extra {4}notes\.md/m);
  });

  it("writes nothing when the schema does not parse", async () => {
    const dir = copyFixture("syntax-error");
    const io = capture();
    expect(await runDocs(dir, { now: NOW }, io)).toBe(1);
    expect(io.stderr).toMatch(/convex\/schema\.ts:\d+:\d+ {2}SA001/);
    expect(existsSync(path.join(dir, "docs"))).toBe(false);
  });
});

describe("writeDocsAtomically", () => {
  it("leaves no partial output and no temp folder when a write fails", async () => {
    const parent = path.join(TMP, "atomic");
    mkdirSync(parent, { recursive: true });
    const fresh = path.join(parent, "new");
    // "sub/b.md" cannot be written (no such folder) after "a.md" was: nothing may appear.
    await expect(writeDocsAtomically(fresh, { "a.md": "a", "sub/b.md": "b" })).rejects.toThrow();
    expect(readdirSync(parent)).toEqual([]);

    const existing = path.join(parent, "existing");
    mkdirSync(existing);
    writeFileSync(path.join(existing, "a.md"), "old");
    await expect(writeDocsAtomically(existing, { "a.md": "new", "sub/b.md": "b" })).rejects.toThrow();
    expect(readFileSync(path.join(existing, "a.md"), "utf8")).toBe("old");
    expect(readdirSync(parent)).toEqual(["existing"]);

    await writeDocsAtomically(existing, { "a.md": "new", "c.md": "c" });
    expect(readdirSync(existing).sort()).toEqual(["a.md", "c.md"]);
    expect(readFileSync(path.join(existing, "a.md"), "utf8")).toBe("new");
    expect(readdirSync(parent)).toEqual(["existing"]);
  });
});
