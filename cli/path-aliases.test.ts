/**
 * A project whose schema imports through tsconfig path aliases ("@/convex/lib/validators", "@cvx/*", a file outside
 * the functions folder): every command that reads the schema runs on it, through the real binary.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURE = path.join(ROOT, "lib/schema/testdata/path-aliases");
const tmp = mkdtempSync(path.join(os.tmpdir(), "path-aliases-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], input?: string) {
  return spawnSync(process.execPath, [path.join(ROOT, "bin/schema-assistant.mjs"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
    input,
  });
}

/** A fresh copy of the fixture project (its convex/ and shared/ folders and tsconfig). */
function project(name: string): string {
  const dir = path.join(tmp, name);
  for (const sub of ["convex", "shared"]) cpSync(path.join(FIXTURE, sub), path.join(dir, sub), { recursive: true });
  return dir;
}

describe("commands on a schema that imports through tsconfig path aliases", () => {
  it("analyze reads every aliased field, with no parser warning", () => {
    const r = cli(["analyze", "--json", project("analyze")]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.warnings).toEqual([]);
    expect(report.tables).toEqual([
      { name: "orders", fields: 4, indexes: 1, searchIndexes: 0, vectorIndexes: 0 },
      { name: "tickets", fields: 2, indexes: 1, searchIndexes: 0, vectorIndexes: 0 },
    ]);
  });

  it("docs writes the aliased fields and then passes --check", () => {
    const dir = project("docs");
    const out = path.join(dir, "docs");
    expect(cli(["docs", dir, "--out", out]).status).toBe(0);
    const md = readFileSync(path.join(out, "SCHEMA.md"), "utf8");
    expect(md).toContain(
      "| `shipTo` | `v.object({ street: v.string(), city: v.string(), zip: v.optional(v.string()) })` | yes |",
    );
    expect(md).toContain("| `updatedBy` | `v.string()` | yes |");
    expect(cli(["docs", dir, "--out", out, "--check"]).status).toBe(0);
  });

  it("migrate plans against the working tree's aliased schema", () => {
    const dir = project("migrate");
    const old = path.join(dir, "old-schema.ts");
    // The same schema written out by hand, without the "by_status" index.
    const text = readFileSync(path.join(FIXTURE, "printed.golden.txt"), "utf8").replace(
      /\n\s*\.index\("by_status", \["status"\]\)/,
      "",
    );
    expect(text).not.toContain("by_status");
    writeFileSync(old, text);
    const r = cli(["migrate", dir, "--from", old, "--json"]);
    expect(r.status).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.changes.map((c: { kind: string; table: string }) => `${c.kind} ${c.table}`)).toEqual([
      "addIndex orders",
    ]);
  });

  it("chat --apply edits the schema in place, keeping the aliased imports, and the result still parses", () => {
    const dir = project("chat");
    const r = cli(["chat", dir, "--apply", "--yes"], "add a notes table for tickets\n");
    expect(r.status).toBe(0);
    const schema = readFileSync(path.join(dir, "convex/schema.ts"), "utf8");
    expect(schema).toContain('import { priority } from "@cvx/lib/validators";');
    expect(schema).toContain("notes: defineTable({");
    const again = JSON.parse(cli(["analyze", "--json", dir]).stdout);
    expect(again.warnings).toEqual([]);
    expect(again.tables.map((t: { name: string }) => t.name)).toEqual(["orders", "tickets", "notes"]);
  });
});
