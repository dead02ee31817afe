/**
 * A real client nobody here wrote: Debian's Neovim (0.7.2, built-in LSP client) runs headless on a copy of the
 * language server's fixture project with editors/neovim/schema-assistant.lua, and drive.lua reports what Neovim's
 * own API saw. Skips (saying so) only when `nvim` is not installed; .ci/run installs it.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const HERE = __dirname;
const REPO = path.resolve(HERE, "../..");
const FIXTURE = path.join(REPO, "cli/lsp/testdata/project");
const hasNvim = spawnSync("nvim", ["--version"]).status === 0;
if (!hasNvim) console.warn("neovim.test.ts skipped: `nvim` is not installed (apt-get install -y neovim).");

interface Seen {
  attached: boolean;
  diagnostics: { code: string; lnum: number; col: number; severity: number; message: string }[];
  completion: { label: string; detail: string }[];
  hover?: string;
  definition?: { uri: string; range: { start: { line: number; character: number } } };
  after_edit: { code: string }[];
  analyze?: string;
  modified: boolean;
  error?: string;
}

describe.skipIf(!hasNvim)("Neovim's built-in LSP client", () => {
  it("shows diagnostics, completes index names, hovers tables and follows unsaved edits", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sa-nvim-"));
    try {
      const project = path.join(dir, "project");
      cpSync(FIXTURE, project, { recursive: true });
      const out = path.join(dir, "seen.json");
      const run = spawnSync("nvim", ["--headless", "--clean", "-S", path.join(HERE, "drive.lua")], {
        env: {
          ...process.env,
          SA_EDITOR_DIR: HERE,
          SA_NODE: process.execPath,
          SA_BIN: path.join(REPO, "bin/schema-assistant.mjs"),
          SA_PROJECT: project,
          SA_OUT: out,
        },
        timeout: 90_000,
        encoding: "utf8",
      });
      expect(run.status, run.stderr).toBe(0);
      const seen = JSON.parse(readFileSync(out, "utf8")) as Seen;
      expect(seen.error).toBeUndefined();
      expect(seen.attached).toBe(true);
      expect(seen.diagnostics.map((d) => d.code).sort()).toEqual([
        "OPT101",
        "OPT101",
        "OPT102",
        "OPT103",
        "OPT107",
        "OPT109",
      ]);
      const unknown = seen.diagnostics.find((d) => d.code === "OPT109")!;
      expect(unknown.severity).toBe(1); // vim.diagnostic.severity.ERROR
      expect(unknown.message).toContain('Table "tasks" has no index "by_title"');
      const tasks = readFileSync(path.join(project, "convex/tasks.ts"), "utf8").split("\n");
      expect(tasks[unknown.lnum]).toContain('withIndex("by_title"');
      expect(unknown.col).toBe(tasks[unknown.lnum].indexOf('withIndex("by_title"'));
      expect(seen.completion).toEqual([
        { label: "by_owner", detail: "ownerId" },
        { label: "by_status_and_due", detail: "status, dueAt" },
      ]);
      expect(seen.hover).toContain("**tasks** (table)");
      expect(seen.hover).toMatch(/Read by .*`tasks:byOwner`/);
      expect(seen.definition?.uri).toBe(pathToFileURL(path.join(project, "convex/schema.ts")).toString());
      expect(seen.analyze).toContain("LINT-ID-INDEX");
      // The edit was never saved: the server read Neovim's buffer.
      expect(seen.modified).toBe(true);
      expect(seen.after_edit.map((d) => d.code)).not.toContain("OPT109");
      expect(seen.after_edit.map((d) => d.code)).toContain("OPT107");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
