/**
 * `npm run check` starts with `biome lint .`: this shows the repository's Biome config fails a planted violation
 * (and passes the same file without it), run on a temp copy so no other run of the linter ever sees it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIOME = path.join(ROOT, "node_modules", ".bin", "biome");
const dir = mkdtempSync(path.join(tmpdir(), "biome-planted-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lint(name: string, source: string): { status: number | null; output: string } {
  writeFileSync(path.join(dir, name), source);
  const r = spawnSync(BIOME, ["lint", "--config-path", path.join(ROOT, "biome.jsonc"), name], {
    cwd: dir,
    encoding: "utf8",
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("biome lint (the first half of npm run check)", () => {
  it("passes clean code", () => {
    const r = lint("clean.ts", "export function twice(x: number): number {\n  return x * 2;\n}\n");
    expect(r.output).not.toContain("lint/");
    expect(r.status).toBe(0);
  }, 60_000);

  it("fails a planted violation, naming the file, line and rule", () => {
    const r = lint("planted.ts", "export function twice(x: number): number {\n  debugger;\n  return x * 2;\n}\n");
    expect(r.status).toBe(1);
    expect(r.output).toContain("planted.ts:2:3 lint/suspicious/noDebugger");
  }, 60_000);
});
