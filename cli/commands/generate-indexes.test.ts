import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runGenerate } from "./generate";
import { runOptimize } from "./optimize";
import type { Io } from "./analyze";

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: "",
    stderr: "",
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ tokenIdentifier: v.string(), name: v.string() }).index("by_token", ["tokenIdentifier"]),
  boards: defineTable({ ownerId: v.id("users"), title: v.string() }),
  cards: defineTable({ boardId: v.id("boards"), text: v.string() }),
});
`;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("generate adds the indexes its code needs (--no-add-indexes keeps the schema)", () => {
  it("writes the indexes the generated code queries into schema.ts; the optimizer then finds no scan in it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sa-generate-indexes-"));
    dirs.push(dir);
    mkdirSync(path.join(dir, "convex"));
    writeFileSync(path.join(dir, "convex/schema.ts"), SCHEMA);
    const io = capture();
    expect(await runGenerate(dir, {}, io)).toBe(0);
    expect(io.stderr).toContain("added index boards.by_ownerId (ownerId) to convex/schema.ts");
    expect(io.stderr).toContain("added index cards.by_boardId (boardId) to convex/schema.ts");
    const schema = readFileSync(path.join(dir, "convex/schema.ts"), "utf8");
    expect(schema).toContain(`.index("by_ownerId", ["ownerId"])`);
    const out = capture();
    expect(await runOptimize(dir, { json: true }, out)).toBe(0);
    const report = JSON.parse(out.stdout) as { findings: { code: string; loc?: { file: string } }[] };
    expect(report.findings.filter((f) => f.loc?.file !== "convex/schema.ts")).toEqual([]);
  });

  it("with --no-add-indexes, leaves schema.ts alone", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sa-generate-indexes-"));
    dirs.push(dir);
    mkdirSync(path.join(dir, "convex"));
    writeFileSync(path.join(dir, "convex/schema.ts"), SCHEMA);
    const io = capture();
    expect(await runGenerate(dir, { addIndexes: false }, io)).toBe(0);
    expect(io.stderr).not.toContain("added index");
    expect(readFileSync(path.join(dir, "convex/schema.ts"), "utf8")).toBe(SCHEMA);
  });
});
