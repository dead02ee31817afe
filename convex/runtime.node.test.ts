import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const CONVEX_DIR = path.resolve(__dirname);

/** Files that run in Convex's default runtime: every function file without "use node". */
function defaultRuntimeFiles(dir = CONVEX_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "_generated" ? [] : defaultRuntimeFiles(full);
    // Convex skips files with more than one dot (tests, auth.config.ts, test.setup.ts); so do we.
    if (!/\.tsx?$/.test(entry.name) || entry.name.split(".").length > 2) return [];
    return /^\s*["']use node["']/.test(readFileSync(full, "utf8")) ? [] : [full];
  });
}

// The embedded backend runs everything in Node, so it cannot catch a Node-only import in a query or mutation;
// bundling for a browser-like platform does, the way Convex's own bundler would reject it at deploy time.
describe("convex/ default-runtime files", () => {
  it.each(defaultRuntimeFiles().map((f) => [path.relative(CONVEX_DIR, f)]))(
    "%s imports no Node-only module",
    async (file) => {
      const result = await build({
        entryPoints: [path.join(CONVEX_DIR, file)],
        bundle: true,
        write: false,
        platform: "browser",
        format: "esm",
        logLevel: "silent",
      }).catch((err: { errors?: { text: string }[] }) => err);
      const errors = "errors" in result ? (result.errors ?? []).map((e) => e.text) : [];
      expect(errors).toEqual([]);
    },
  );

  it("finds the files it checks", () => {
    expect(defaultRuntimeFiles().map((f) => path.basename(f))).toContain("projects.ts");
  });
});
