import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { buildIsFresh, dashboardStamp, pagePaths, recordBuild } from "./dashboard-build";

const root = mkdtempSync(path.join(os.tmpdir(), "sa-dash-build-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string) {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

it("reuses the build until a dashboard source or a NEXT_PUBLIC_ variable changes", () => {
  write("app/page.tsx", "export default 1;");
  write("app/projects/[projectId]/docs/page.tsx", "export default 2;");
  write("lib/engine.ts", "export const x = 1;");
  write(".next/BUILD_ID", "b1");
  const env = { NEXT_PUBLIC_CONVEX_URL: "http://127.0.0.1:3210", SECRET: "a" };
  const stamp = dashboardStamp(root, env);
  expect(buildIsFresh(root, stamp)).toBe(false);
  recordBuild(root, stamp);
  expect(buildIsFresh(root, dashboardStamp(root, env))).toBe(true);

  // Not read by the build: tests, the CLI, the backend, next-env.d.ts, other environment variables.
  write("lib/engine.test.ts", "test");
  write("cli/main.ts", "cli");
  write("backend/index.ts", "backend");
  write("next-env.d.ts", '/// <reference types="next" />');
  expect(buildIsFresh(root, dashboardStamp(root, { ...env, SECRET: "b" }))).toBe(true);

  expect(buildIsFresh(root, dashboardStamp(root, { ...env, NEXT_PUBLIC_CONVEX_URL: "http://127.0.0.1:4000" }))).toBe(
    false,
  );
  utimesSync(path.join(root, "lib/engine.ts"), new Date(), new Date(Date.now() + 5000));
  expect(buildIsFresh(root, dashboardStamp(root, env))).toBe(false);
});

it("lists every page to load once, dynamic segments filled in", () => {
  expect(pagePaths(root)).toEqual(["/", "/projects/warm-up/docs"]);
});
