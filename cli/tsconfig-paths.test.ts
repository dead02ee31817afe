import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readPathAliases, stripJsonComments } from "./tsconfig-paths";

const tmp = mkdtempSync(path.join(os.tmpdir(), "tsconfig-paths-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const root = path.join(tmp, name);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), text);
  }
  return root;
}

describe("stripJsonComments", () => {
  it("drops comments and trailing commas but keeps strings that look like them", () => {
    const text = '{\n  /* "block" */ "a/*": ["./*", "//x"], // it\'s "quoted"\n  "b": "y,}",\n}';
    expect(JSON.parse(stripJsonComments(text))).toEqual({ "a/*": ["./*", "//x"], b: "y,}" });
  });
});

describe("readPathAliases", () => {
  it("reads the functions folder's tsconfig first, with targets from the project root", async () => {
    const root = project("nearest", {
      "tsconfig.json": '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"] } } }',
      "convex/tsconfig.json":
        '{\n  // Convex\'s own config\n  "compilerOptions": { "paths": { "~/*": ["../*"], "@cvx/*": ["./*"], }, },\n}',
    });
    expect(await readPathAliases(root, "convex")).toEqual([
      { pattern: "~/*", targets: ["*"] },
      { pattern: "@cvx/*", targets: ["convex/*"] },
    ]);
  });

  it("falls back to the root tsconfig and follows a relative extends with its baseUrl", async () => {
    const root = project("extends", {
      "tsconfig.base.json":
        '{ "compilerOptions": { "baseUrl": "./packages", "paths": { "@shared/*": ["shared/*"] } } }',
      "tsconfig.json": '{ "extends": "./tsconfig.base" }',
    });
    expect(await readPathAliases(root, "convex")).toEqual([{ pattern: "@shared/*", targets: ["packages/shared/*"] }]);
  });

  it("has no aliases without a tsconfig, and names the file it cannot read", async () => {
    expect(await readPathAliases(project("none", { "convex/schema.ts": "" }), "convex")).toEqual([]);
    const broken = project("broken", { "tsconfig.json": "{ paths: }" });
    await expect(readPathAliases(broken, "convex")).rejects.toThrow(
      `Cannot read "${path.join(broken, "tsconfig.json")}"`,
    );
  });
});
