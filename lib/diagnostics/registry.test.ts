import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { codeInfo, DIAGNOSTIC_CODES } from "./registry";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** A diagnostic code written as a string literal, in any stage's scheme. */
const CODE = /["'`](SA\d{3}|LINT-[A-Z0-9-]+|MR\d{3}|OPT\d{3}|IMP-[A-Z0-9-]+|DATA-[A-Z0-9-]+)["'`]/g;

/** Production sources (no tests, fixtures or generated code) of the parts that emit diagnostics. */
function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory())
      return ["testdata", "testing", "_generated", "node_modules"].includes(e.name) ? [] : sources(rel);
    return /\.tsx?$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

describe("diagnostic code registry", () => {
  it("registers each code once, with a stage, a severity and a one-line summary", () => {
    const codes = DIAGNOSTIC_CODES.map((c) => c.code);
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
    for (const c of DIAGNOSTIC_CODES) {
      expect(c.summary, c.code).toMatch(/^[^\n]{10,200}\.$/);
    }
    expect(new Set(DIAGNOSTIC_CODES.map((c) => c.stage))).toEqual(
      new Set(["schema", "lint", "migrate", "optimize", "import"]),
    );
  });

  it("every code lib/, convex/ and cli/ write is registered, and every registered code is written somewhere", () => {
    // Where codes are declared (the tables the registry reads), not emitted.
    const declaring = new Set(["lib/schema/codes.ts", "lib/import/codes.ts", "lib/optimize/codes.ts"]);
    const emitted = new Map<string, string>();
    for (const file of ["lib", "convex", "cli"].flatMap(sources).filter((f) => !declaring.has(f)))
      for (const m of readFileSync(path.join(ROOT, file), "utf8").matchAll(CODE))
        if (!emitted.has(m[1])) emitted.set(m[1], file);
    expect(emitted.size).toBeGreaterThan(100);
    expect([...emitted].filter(([code]) => !codeInfo(code)).map(([code, file]) => `${code} (${file})`)).toEqual([]);
    expect(DIAGNOSTIC_CODES.filter((c) => !emitted.has(c.code)).map((c) => c.code)).toEqual([]);
  });
});
