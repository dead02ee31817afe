import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SCHEMA_CODES } from "./codes";

const dir = path.dirname(fileURLToPath(import.meta.url));

function sources(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = path.join(d, n);
    if (statSync(p).isDirectory()) return n === "testdata" ? [] : sources(p);
    return n.endsWith(".ts") && !n.endsWith(".test.ts") && n !== "codes.ts" ? [p] : [];
  });
}

describe("schema diagnostic codes", () => {
  it("every code the stage emits is catalogued with the severity it is emitted with", () => {
    const emitted = new Map<string, Set<string>>();
    for (const file of sources(dir)) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/(warn|error)\(\s*"(SA\d{3})"|code: "(SA\d{3})",\s*severity: "(error|warning)"/g)) {
        const code = m[2] ?? m[3];
        const severity = m[1] === "warn" ? "warning" : (m[1] ?? m[4]);
        emitted.set(code, (emitted.get(code) ?? new Set()).add(severity));
      }
      for (const m of text.matchAll(/fail\(\s*"(SA\d{3})"/g))
        emitted.set(m[1], (emitted.get(m[1]) ?? new Set()).add("error"));
    }
    expect(emitted.size).toBeGreaterThan(15);
    for (const [code, severities] of emitted) {
      const entry = SCHEMA_CODES[code as keyof typeof SCHEMA_CODES];
      expect(entry, code).toBeDefined();
      expect([...severities], code).toEqual([entry.severity]);
    }
  });
});
