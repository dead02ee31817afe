import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readProjectFiles } from "./project-files";

const tmp = mkdtempSync(path.join(os.tmpdir(), "project-files-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const root = path.join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

describe("readProjectFiles", () => {
  it("reads convex/ sources, skips _generated and node_modules, and follows imports outside convex/", async () => {
    const root = project("app", {
      "convex/schema.ts": 'import { X } from "../shared/consts";\nexport default 1;\n',
      "convex/lib/helpers.ts": 'export * from "./more.js";\n',
      "convex/lib/more.ts": "export const m = 1;\n",
      "convex/_generated/api.d.ts": "export {};\n",
      "convex/node_modules/x/index.js": "\n",
      "convex/notes.md": "# not code\n",
      "shared/consts.ts": 'export { Y } from "./deeper";\nexport const X = 1;\n',
      "shared/deeper.ts": "export const Y = 2;\n",
      "shared/unused.ts": "export const Z = 3;\n",
    });
    const r = await readProjectFiles(root);
    expect(r.entry).toBe("convex/schema.ts");
    expect(Object.keys(r.files).sort()).toEqual([
      "convex/lib/helpers.ts",
      "convex/lib/more.ts",
      "convex/schema.ts",
      "shared/consts.ts",
      "shared/deeper.ts",
    ]);
  });

  it("reads the installed @convex-dev/auth tables when the schema imports them", async () => {
    const authTypes =
      'import { defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport const authTables = { users: defineTable({ email: v.string() }) };\n';
    const root = project("auth", {
      "convex/schema.ts": 'import { authTables } from "@convex-dev/auth/server";\nexport default 1;\n',
      "node_modules/@convex-dev/auth/dist/server/implementation/types.js": authTypes,
    });
    const r = await readProjectFiles(root);
    expect(r.packages).toEqual({
      "@convex-dev/auth/server": "node_modules/@convex-dev/auth/dist/server/implementation/types.js",
    });
    expect(r.files[r.packages["@convex-dev/auth/server"]]).toBe(authTypes);
  });

  it("follows imports through the tsconfig path aliases and returns them for the parser", async () => {
    const root = project("aliases", {
      "tsconfig.json": '{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }',
      "convex/schema.ts": 'import { a } from "@/lib/a";\nimport { v } from "convex/values";\nexport default 1;\n',
      "lib/a.ts": 'export { b } from "./b";\nimport "@/lib/c.js";\nexport const a = 1;\n',
      "lib/b.ts": "export const b = 2;\n",
      "lib/c.ts": "export const c = 3;\n",
      "lib/unused.ts": "export const u = 4;\n",
    });
    const r = await readProjectFiles(root);
    expect(Object.keys(r.files).sort()).toEqual(["convex/schema.ts", "lib/a.ts", "lib/b.ts", "lib/c.ts"]);
    expect(r.aliases).toEqual([{ pattern: "@/*", targets: ["*"] }]);
    expect(r.warnings).toEqual([]);
  });

  it("reads the project without aliases when its tsconfig is broken, with a warning naming the file", async () => {
    const root = project("broken-tsconfig", {
      "convex/tsconfig.json": '{ "compilerOptions": { "paths": ',
      "convex/schema.ts": "export default 1;\n",
    });
    const r = await readProjectFiles(root);
    expect(r.aliases).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain(`Cannot read "${path.join(root, "convex/tsconfig.json")}"`);
  });

  it("reads the installed zod's major when the project imports zod", async () => {
    const zod = { "node_modules/zod/package.json": '{ "name": "zod", "version": "3.25.76" }' };
    const uses = await readProjectFiles(
      project("zod-user", { ...zod, "convex/schema.ts": 'import { z } from "zod";\nexport default 1;\n' }),
    );
    expect(uses.zodMajor).toBe(3);
    const other = await readProjectFiles(project("zod-unused", { ...zod, "convex/schema.ts": "export default 1;\n" }));
    expect(other.zodMajor).toBeUndefined();
  });

  it("uses the functions folder of convex.json", async () => {
    const root = project("custom", {
      "convex.json": '{ "functions": "src/backend/" }',
      "src/backend/schema.ts": "export default 1;\n",
    });
    expect((await readProjectFiles(root)).entry).toBe("src/backend/schema.ts");
  });

  it("fails with a clear message when there is no schema", async () => {
    const root = project("empty", { "convex/messages.ts": "export const a = 1;\n" });
    await expect(readProjectFiles(root)).rejects.toThrow(
      `No Convex schema found: "${path.join(root, "convex/schema.ts")}" does not exist.`,
    );
  });
});
