import { describe, expect, it } from "vitest";
import { collectProjectFiles } from "./collect";
import { joinPath, memoryFs } from "./reader";

describe("collectProjectFiles over an in-memory project", () => {
  it("follows relative and aliased imports out of the functions folder, skipping generated code", async () => {
    const fs = memoryFs({
      "convex.json": '{ "functions": "src/convex/" }',
      "src/convex/schema.ts": 'import { a } from "@shared/a";\nimport { b } from "../b.js";\n',
      "src/convex/_generated/api.ts": "export {};\n",
      "src/convex/notes.md": "# no\n",
      "src/convex/tsconfig.json": '{ "compilerOptions": { "paths": { "@shared/*": ["../../shared/*"] } } }',
      "src/b.ts": "export const b = 1;\n",
      "shared/a.ts": "export const a = 1;\n",
      "shared/unused.ts": "export const u = 1;\n",
    });
    const p = await collectProjectFiles(fs);
    expect(p.entry).toBe("src/convex/schema.ts");
    expect(Object.keys(p.files).sort()).toEqual(["shared/a.ts", "src/b.ts", "src/convex/schema.ts"]);
    expect(p.aliases).toEqual([{ pattern: "@shared/*", targets: ["shared/*"] }]);
  });

  it("finds installed packages and the zod major above the root", async () => {
    const fs = memoryFs({
      "app/convex/schema.ts": 'import { authTables } from "@convex-dev/auth/server";\nimport { z } from "zod";\n',
      "node_modules/@convex-dev/auth/dist/server/implementation/types.js": "export const authTables = {};\n",
      "node_modules/zod/package.json": '{ "version": "3.25.0" }',
    });
    const inApp = {
      ...fs,
      readFile: (p: string) => fs.readFile(joinPath("app", p)),
      isFile: (p: string) => fs.isFile(joinPath("app", p)),
      readDir: (p: string) => fs.readDir(joinPath("app", p)),
    };
    const p = await collectProjectFiles(inApp);
    expect(p.packages).toEqual({
      "@convex-dev/auth/server": "../node_modules/@convex-dev/auth/dist/server/implementation/types.js",
    });
    expect(p.zodMajor).toBe(3);
  });

  it("names the missing schema file and reports an unreadable tsconfig as a warning", async () => {
    await expect(collectProjectFiles(memoryFs({ "convex/x.ts": "" }))).rejects.toThrow(
      'No Convex schema found: "convex/schema.ts" does not exist.',
    );
    const p = await collectProjectFiles(memoryFs({ "convex/schema.ts": "", "tsconfig.json": "{ paths: }" }));
    expect(p.warnings[0]).toMatch(/^Cannot read "tsconfig.json": .*; import aliases are not resolved\.$/);
  });
});

describe("joinPath", () => {
  it("normalises and keeps parents above the root", () => {
    expect(joinPath("a/b", "../c")).toBe("a/c");
    expect(joinPath("", "../../node_modules/x")).toBe("../../node_modules/x");
    expect(joinPath("a", "./b/./c")).toBe("a/b/c");
  });
});
