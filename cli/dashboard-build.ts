/**
 * The dashboard's production build, made once and reused while its sources are unchanged, so `npm run dev` serves
 * compiled pages (a development server compiles each page on its first visit, 13–21 s here).
 *
 * Freshness is a stamp over every file the build could read — everything in the repository but the folders the
 * dashboard never imports, tests, and next-env.d.ts (which the build itself writes) — by path, size and mtime, plus
 * the NEXT_PUBLIC_* variables Next inlines.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { storedShape } from "../lib/stored";

/** The stamp file this module writes beside a build: what the build was made from. */
const storedStamp = storedShape("dashboard build stamp", 1, z.looseObject({ stamp: z.string().optional() }));

/** Folders no dashboard page imports from (CLI, backend, tests, tooling, data). */
const NOT_DASHBOARD = new Set([
  "node_modules",
  ".next",
  ".data",
  ".git",
  ".ci",
  "e2e",
  "bench",
  "bin",
  "cli",
  "backend",
  "eval",
  "editors",
  "docs",
  "architecture",
  "test-results",
  "playwright-report",
  "tmp",
  "testdata",
]);
const STAMP_FILE = ".next/schema-assistant-build.json";

function sourceLines(root: string, rel: string, out: string[]): void {
  for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!NOT_DASHBOARD.has(e.name)) sourceLines(root, r, out);
    } else if (
      e.isFile() &&
      !/\.(test|spec)\.[cm]?[jt]sx?$|\.md$|\.tsbuildinfo$/.test(e.name) &&
      r !== "next-env.d.ts"
    ) {
      const s = statSync(path.join(root, r));
      out.push(`${r}\t${s.size}\t${s.mtimeMs}`);
    }
  }
}

/** The stamp of the sources and build-time environment the dashboard would be built from now. */
export function dashboardStamp(root: string, env: Record<string, string | undefined>): string {
  const lines: string[] = [];
  sourceLines(root, "", lines);
  const publicEnv = Object.keys(env)
    .filter((k) => k.startsWith("NEXT_PUBLIC_"))
    .sort()
    .map((k) => `${k}=${env[k]}`);
  return createHash("sha256").update(lines.sort().join("\n")).update("\0").update(publicEnv.join("\n")).digest("hex");
}

/** Whether `.next` holds a production build made from exactly these sources. */
export function buildIsFresh(root: string, stamp: string): boolean {
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) return false;
  try {
    return storedStamp.parse(readFileSync(path.join(root, STAMP_FILE), "utf8"), STAMP_FILE).stamp === stamp;
  } catch {
    return false;
  }
}

export function recordBuild(root: string, stamp: string): void {
  writeFileSync(path.join(root, STAMP_FILE), JSON.stringify({ stamp }) + "\n");
}

/** URL paths of every page (`[param]` segments filled with a placeholder), to load each once before announcing. */
export function pagePaths(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(root, "app", rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (/^page\.[jt]sx?$/.test(e.name))
        out.push(`/${rel}`.replace(/\[\.*[^\]]+\]/g, "warm-up").replace(/\/\([^)]+\)/g, ""));
    }
  };
  walk("");
  return out.sort();
}
