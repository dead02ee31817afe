/**
 * Our offline codegen against the convex package's own CLI (`convex codegen --system-udfs --typecheck disable`,
 * which needs no deployment) on the same project: byte-identical _generated files.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateConvexCode, staleGeneratedFiles } from "./convex-codegen";
import { REPO_ROOT } from "./repo-root";

const temp: string[] = [];
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of `convexDir` as `<tmp>/convex` in a project using this repository's node_modules, without _generated. */
function project(convexDir: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sa-codegen-test-"));
  temp.push(dir);
  cpSync(convexDir, path.join(dir, "convex"), {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}_generated`) && !/\.test\.ts$/.test(src),
  });
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "fixture", dependencies: { convex: "1.48.0" } }),
  );
  symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  for (const [file, text] of Object.entries(extra)) writeFileSync(path.join(dir, file), text);
  return dir;
}

function convexOwnCodegen(dir: string): void {
  const r = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, "node_modules/convex/bin/main.js"), "codegen", "--system-udfs", "--typecheck", "disable"],
    { cwd: dir, encoding: "utf8", timeout: 120_000 },
  );
  expect(r.status, r.stderr).toBe(0);
}

const generated = (dir: string) =>
  Object.fromEntries(
    readdirSync(path.join(dir, "convex/_generated"))
      .sort()
      .map((f) => [f, readFileSync(path.join(dir, "convex/_generated", f), "utf8")]),
  );

describe("offline codegen", () => {
  for (const [name, source] of [
    ["the embedded backend's fixture (http, crons, files)", "backend/testdata/basic/convex"],
    ["this app's own convex/ (60+ modules in folders)", "convex"],
  ]) {
    it(`writes what convex's own generator writes: ${name}`, async () => {
      const ours = project(path.join(REPO_ROOT, source));
      const theirs = project(path.join(REPO_ROOT, source));
      const result = await generateConvexCode(ours);
      convexOwnCodegen(theirs);
      expect(result.written).toEqual(["api.d.ts", "api.js", "dataModel.d.ts", "server.d.ts", "server.js"]);
      expect(generated(ours)).toEqual(generated(theirs));
      // A second run changes nothing.
      expect((await generateConvexCode(ours)).written).toEqual([]);
    }, 180_000);
  }

  it("declares installed components in api.d.ts and api.js (convex.config.ts), as npx convex dev does", async () => {
    const config = `import { defineApp } from "convex/server";
import migrations from "@convex-dev/migrations/convex.config.js";
import rateLimiter from "@convex-dev/rate-limiter/convex.config";

const app = defineApp();
app.use(migrations);
app.use(rateLimiter, { name: "limits" });
export default app;
`;
    const dir = project(path.join(REPO_ROOT, "backend/testdata/basic/convex"));
    writeFileSync(path.join(dir, "convex/convex.config.ts"), config);
    const plain = project(path.join(REPO_ROOT, "backend/testdata/basic/convex"));
    convexOwnCodegen(plain);
    await generateConvexCode(dir);
    const ours = generated(dir);
    const theirs = generated(plain);
    expect(ours["api.d.ts"]).toContain(`export declare const components: {
  migrations: import("@convex-dev/migrations/_generated/component.js").ComponentApi<"migrations">;
  limits: import("@convex-dev/rate-limiter/_generated/component.js").ComponentApi<"limits">;
};`);
    // The app's own api is the one without components.
    expect(ours["api.d.ts"]).toContain(
      theirs["api.d.ts"].slice(
        theirs["api.d.ts"].indexOf("import type * as"),
        theirs["api.d.ts"].indexOf("/**\n * A utility"),
      ),
    );
    expect(ours["api.js"]).toContain("export const components = componentsGeneric();");
    expect(ours["dataModel.d.ts"]).toBe(theirs["dataModel.d.ts"]);
    // After a push, Convex types the environment of apps with components (platform variables at least).
    expect(ours["server.d.ts"]).toContain("export declare const env: Env;");
  }, 180_000);

  it("--check lists _generated files that are stale, missing or extra, writing nothing", async () => {
    const dir = project(path.join(REPO_ROOT, "backend/testdata/basic/convex"));
    expect(await staleGeneratedFiles(dir)).toEqual([
      "api.d.ts",
      "api.js",
      "dataModel.d.ts",
      "server.d.ts",
      "server.js",
    ]);
    await generateConvexCode(dir);
    expect(await staleGeneratedFiles(dir)).toEqual([]);
    writeFileSync(path.join(dir, "convex/notes.ts"), "export const x = 1;\n");
    writeFileSync(path.join(dir, "convex/_generated/old.js"), "");
    expect(await staleGeneratedFiles(dir)).toEqual(["api.d.ts", "old.js"]);
    expect(readFileSync(path.join(dir, "convex/_generated/api.d.ts"), "utf8")).not.toContain("notes");
  }, 180_000);

  it("names the problem when the project has no functions folder", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "sa-codegen-test-"));
    temp.push(dir);
    await expect(generateConvexCode(dir)).rejects.toThrow(/no Convex functions folder at .*convex/);
  });
});
