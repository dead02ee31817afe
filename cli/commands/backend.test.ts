/**
 * `schema-assistant backend` as `npx convex dev` behaves: _generated written on start and after a change, and a
 * project whose functions do not bundle refused (exit 1, naming the file and the import) instead of served empty.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { until } from "../../backend/testing";
import { REPO_ROOT } from "../repo-root";

const CLI = path.join(REPO_ROOT, "bin/schema-assistant.mjs");
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sa-backend-cli-"));
  dirs.push(dir);
  cpSync(path.join(REPO_ROOT, "backend/testdata/basic/convex"), path.join(dir, "convex"), {
    recursive: true,
    filter: (p) => !p.includes("_generated"),
  });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "basic", dependencies: { convex: "1.48.0" } }));
  symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

it("refuses a project whose functions do not bundle, naming the file and the import", () => {
  const dir = project();
  writeFileSync(
    path.join(dir, "convex/broken.ts"),
    'import { nope } from "not-installed-anywhere";\nexport const x = nope;\n',
  );
  const r = spawnSync(process.execPath, [CLI, "backend", dir, "--port", "0", "--data", path.join(dir, ".data")], {
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(
    /error: Bundling .* failed:\n.*convex\/broken\.ts:1:\d+: Could not resolve "not-installed-anywhere"/,
  );
  expect(r.stdout).not.toMatch(/CONVEX_URL=/);
}, 150_000);

it("writes convex/_generated on start and again when a module is added", async () => {
  const dir = project();
  const child = spawn(process.execPath, [CLI, "backend", dir, "--port", "0", "--data", path.join(dir, ".data")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  try {
    await until(
      async () => out,
      (o) => o.includes("CONVEX_URL="),
      { what: "the backend to start", timeoutMs: 120_000 },
    );
    const api = path.join(dir, "convex/_generated/api.d.ts");
    expect(existsSync(api)).toBe(true);
    expect(readFileSync(api, "utf8")).toContain('import type * as messages from "../messages.js";');
    writeFileSync(
      path.join(dir, "convex/notes.ts"),
      'import { query } from "./_generated/server";\nexport const list = query({ args: {}, handler: async () => [] });\n',
    );
    await until(
      async () => readFileSync(api, "utf8"),
      (t) => t.includes('import type * as notes from "../notes.js";'),
      { what: "api.d.ts to list notes", timeoutMs: 60_000 },
    );
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}, 200_000);
