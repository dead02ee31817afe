/**
 * A copy of a fixture project goes through `generate`, `codegen` and `tsc --noEmit` with the network off (a network
 * namespace of its own via `unshare -rn` where the kernel allows it): the generated code compiles offline.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { REPO_ROOT } from "./repo-root";

const dir = mkdtempSync(path.join(os.tmpdir(), "sa-toolchain-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const offline = spawnSync("unshare", ["-rn", "true"]).status === 0;

function run(args: string[]) {
  const [cmd, rest] = offline ? ["unshare", ["-rn", process.execPath, ...args]] : [process.execPath, args];
  return spawnSync(cmd, rest, { cwd: REPO_ROOT, encoding: "utf8", timeout: 240_000 });
}

it("generate → codegen → tsc --noEmit passes offline on a copy of a fixture project", () => {
  cpSync(path.join(REPO_ROOT, "lib/schema/testdata/ecommerce"), dir, { recursive: true });
  writeFileSync(
    path.join(dir, "package.json"),
    `${JSON.stringify({ name: "shop", private: true, dependencies: { convex: "1.48.0" } }, null, 2)}\n`,
  );
  symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  // Convex's default convex/tsconfig.json (what `npx convex dev` writes into a new project).
  writeFileSync(
    path.join(dir, "convex/tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          allowJs: true,
          strict: true,
          moduleResolution: "Bundler",
          jsx: "react-jsx",
          skipLibCheck: true,
          allowSyntheticDefaultImports: true,
          target: "ESNext",
          lib: ["ES2021", "dom"],
          forceConsistentCasingInFileNames: true,
          module: "ESNext",
          isolatedModules: true,
          noEmit: true,
        },
        include: ["./**/*"],
        exclude: ["./_generated"],
      },
      null,
      2,
    ),
  );

  const generate = run(["bin/schema-assistant.mjs", "generate", dir, "--with-tests", "--seed", "--zod"]);
  expect(generate.status, generate.stderr).toBe(0);
  expect(generate.stdout).toMatch(
    /package\.json: added @faker-js\/faker@\S+, convex-test@\S+ \(dev\), vitest@\S+ \(dev\), zod@\S+/,
  );
  const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  expect(Object.keys(pkg.dependencies)).toEqual(["@faker-js/faker", "convex", "zod"]);
  expect(Object.keys(pkg.devDependencies)).toEqual(["convex-test", "vitest"]);

  const codegen = run(["bin/schema-assistant.mjs", "codegen", dir]);
  expect(codegen.status, codegen.stderr).toBe(0);
  expect(codegen.stdout).toContain("convex/_generated/api.d.ts");

  const tsc = run([
    path.join(REPO_ROOT, "node_modules/typescript/bin/tsc"),
    "--noEmit",
    "-p",
    path.join(dir, "convex"),
  ]);
  expect(tsc.stdout + tsc.stderr).toBe("");
  expect(tsc.status).toBe(0);
}, 300_000);
