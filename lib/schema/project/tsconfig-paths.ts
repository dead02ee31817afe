/**
 * Import aliases of a Convex project (tsconfig `compilerOptions.paths`, e.g. `"@cvx/*": ["./*"]` in
 * convex/tsconfig.json), as the bundler Convex uses resolves them for the functions: from the nearest tsconfig.json
 * of the functions folder (then the project root's), following relative `extends`. Targets become paths from the
 * project root ("convex/*"), the form the schema parser's and the optimizer's file keys have.
 */
import type { PathAlias } from "../paths";
import { dirname, joinPath, type ProjectFs } from "./reader";

interface CompilerPaths {
  paths?: Record<string, string[]>;
  /** folder the paths are relative to (baseUrl, else the tsconfig's own folder) */
  base: string;
}

/** Aliases for the functions in `functionsDir`; [] when no tsconfig declares any. Throws naming an unreadable tsconfig. */
export async function readPathAliases(fs: ProjectFs, functionsDir: string): Promise<PathAlias[]> {
  for (const dir of [functionsDir, ""]) {
    const found = await compilerPaths(fs, joinPath(dir, "tsconfig.json"), 0);
    if (!found?.paths) continue;
    return Object.entries(found.paths).map(([pattern, targets]) => ({
      pattern,
      targets: targets.map((t) => joinPath(found.base, t)),
    }));
  }
  return [];
}

async function compilerPaths(fs: ProjectFs, file: string, depth: number): Promise<CompilerPaths | undefined> {
  const text = await fs.readFile(file);
  if (text === undefined) return undefined;
  let config: { extends?: unknown; compilerOptions?: { paths?: unknown; baseUrl?: unknown } };
  try {
    config = JSON.parse(stripJsonComments(text));
  } catch (e) {
    throw new Error(`Cannot read "${fs.display?.(file) ?? file}": ${(e as Error).message}`);
  }
  const dir = dirname(file);
  const options = config.compilerOptions ?? {};
  const inherited =
    typeof config.extends === "string" && config.extends.startsWith(".") && depth < 5
      ? await compilerPaths(
          fs,
          joinPath(dir, config.extends.endsWith(".json") ? config.extends : `${config.extends}.json`),
          depth + 1,
        )
      : undefined;
  const base = typeof options.baseUrl === "string" ? joinPath(dir, options.baseUrl) : undefined;
  if (isPaths(options.paths)) return { paths: options.paths, base: base ?? dir };
  return inherited ? { paths: inherited.paths, base: base ?? inherited.base } : undefined;
}

function isPaths(v: unknown): v is Record<string, string[]> {
  return (
    !!v &&
    typeof v === "object" &&
    Object.values(v).every((t) => Array.isArray(t) && t.every((x) => typeof x === "string"))
  );
}

/** tsconfig is JSON with comments and trailing commas: drop both, leaving strings (which may hold "/*") intact. */
export function stripJsonComments(text: string): string {
  const noComments = outsideStrings(text, (chunk) => chunk.replace(/\/\/[^\n]*|\/\*[\s\S]*?(\*\/|$)/g, ""));
  return outsideStrings(noComments, (chunk) => chunk.replace(/,(\s*[}\]])/g, "$1"));
}

/** Applies `fn` to the text outside JSON strings; comments stay in that text (a quote in a comment opens no string). */
function outsideStrings(text: string, fn: (chunk: string) => string): string {
  let out = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) {
      const end = text[i + 1] === "/" ? text.indexOf("\n", i) : text.indexOf("*/", i + 2) + 1;
      i = end <= 0 ? text.length : end;
      continue;
    }
    if (c !== '"') continue;
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
    out += fn(text.slice(start, i)) + text.slice(i, j + 1);
    start = j + 1;
    i = j;
  }
  return out + fn(text.slice(start));
}
