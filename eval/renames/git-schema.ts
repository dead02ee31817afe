/**
 * Reads a schema file at a git revision of a bare repository, with the project files it imports (relative imports,
 * followed recursively), for the rename evaluation (eval/rename-recall.ts) and its labelling aid (eval/renames/scan.ts).
 */
import { execFileSync } from "node:child_process";
import { parseSchema } from "../../lib/schema";
import type { SchemaModel } from "../../lib/schema/model";

export function gitShow(gitDir: string, rev: string, path: string): string | undefined {
  try {
    return execFileSync("git", ["--git-dir", gitDir, "show", `${rev}:${path}`], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 64 << 20,
    });
  } catch {
    return undefined;
  }
}

function norm(path: string): string {
  const out: string[] = [];
  for (const p of path.split("/")) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** The schema at `rev`, parsed with the files it imports; undefined when it does not parse. */
export function schemaAt(gitDir: string, rev: string, entry: string): SchemaModel | undefined {
  const files: Record<string, string> = {};
  const queue = [entry];
  while (queue.length) {
    const path = queue.shift() as string;
    if (path in files) continue;
    const text = gitShow(gitDir, rev, path);
    if (text === undefined) continue;
    files[path] = text;
    const dir = path.split("/").slice(0, -1).join("/");
    for (const m of text.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      const base = norm(`${dir}/${m[1]}`).replace(/\.js$/, "");
      for (const c of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
        if (c in files) break;
        if (/\.tsx?$/.test(c) && gitShow(gitDir, rev, c) !== undefined) {
          queue.push(c);
          break;
        }
      }
    }
  }
  if (!(entry in files)) return undefined;
  const r = parseSchema({ files, entry });
  return r.ok ? r.schema : undefined;
}

/** Revisions that touched `path`, oldest first (first-parent history, renames of the file not followed). */
export function revisionsOf(gitDir: string, path: string, max = 400): string[] {
  return execFileSync("git", ["--git-dir", gitDir, "log", "--format=%H", "-n", String(max), "--", path], {
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .filter(Boolean)
    .reverse();
}
