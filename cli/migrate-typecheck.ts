/**
 * Compatibility check of `migrate --typecheck`: which of the project's functions stop type-checking once the schema
 * changes. The project's convex/ folder is copied aside (its `_generated/dataModel.d.ts` derives every type from
 * `schema.ts`), type-checked with the old schema and with the new one, and the errors only the new schema causes
 * are attributed to the function around them. Nothing in the project is written.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { FunctionRef } from "../lib/optimize/types";
import { count } from "../lib/text";

export interface TypeBreak {
  /** The Convex function around the error ("tasks:list"), or undefined in a helper outside any function. */
  function?: string;
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

export type CompatResult = { ok: true; breaks: TypeBreak[] } | { ok: false; skipped: string };

/** A tsconfig over the functions folder `folder` (from the root, "/"-separated). */
const tsconfig = (folder: string) => ({
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2023", "dom"],
    module: "esnext",
    moduleResolution: "bundler",
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    allowJs: true,
    jsx: "react-jsx",
  },
  include: [`${folder}/**/*.ts`, `${folder}/**/*.tsx`],
});

const ERROR = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

function tscPath(dir: string): string | undefined {
  const own = path.join(dir, "node_modules/typescript/bin/tsc");
  if (existsSync(own)) return own;
  try {
    return createRequire(import.meta.url).resolve("typescript/bin/tsc");
  } catch {
    return undefined;
  }
}

function runTsc(tsc: string, cwd: string): Promise<TypeBreak[]> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsc, "-p", "tsconfig.json", "--pretty", "false"],
      { cwd, maxBuffer: 64 * 1024 * 1024 },
      (_err, stdout) => {
        const out: TypeBreak[] = [];
        for (const line of stdout.split("\n")) {
          const m = ERROR.exec(line.trim());
          if (m)
            out.push({
              file: m[1].split(path.sep).join("/"),
              line: Number(m[2]),
              column: Number(m[3]),
              code: m[4],
              message: m[5],
            });
        }
        resolve(out);
      },
    );
  });
}

/** The function whose definition starts last at or before the error, in the same file. */
function functionAt(functions: FunctionRef[], file: string, line: number): string | undefined {
  let best: FunctionRef | undefined;
  for (const f of functions)
    if (f.file === file && f.loc.line <= line && (!best || f.loc.line > best.loc.line)) best = f;
  return best?.name;
}

/**
 * Type-checks the project's functions against `fromSource` and `toSource` (texts of the schema file `schemaEntry`,
 * which sits at the root of the functions folder: "convex/schema.ts", or where convex.json puts it) and returns the
 * errors only the new schema causes, by function. Skips (saying why) when the project has no generated types, no
 * node_modules or no TypeScript.
 */
export async function checkCompatibility(
  dir: string,
  schemaEntry: string,
  fromSource: string,
  toSource: string,
  functions: FunctionRef[],
): Promise<CompatResult> {
  const folder = path.posix.dirname(schemaEntry);
  if (!existsSync(path.join(dir, folder, "_generated/dataModel.d.ts")))
    return {
      ok: false,
      skipped: `${folder}/_generated is missing: run \`npx convex codegen\` once so functions have their types`,
    };
  if (!existsSync(path.join(dir, "node_modules/convex")))
    return { ok: false, skipped: "node_modules/convex is missing: install the project's packages first" };
  const tsc = tscPath(dir);
  if (!tsc) return { ok: false, skipped: "no TypeScript compiler found" };
  const tmp = await mkdtemp(path.join(os.tmpdir(), "sa-typecheck-"));
  try {
    await cp(path.join(dir, folder), path.join(tmp, folder), {
      recursive: true,
      filter: (src) => !src.includes(`${path.sep}node_modules`),
    });
    await symlink(path.join(dir, "node_modules"), path.join(tmp, "node_modules"));
    await writeFile(path.join(tmp, "tsconfig.json"), JSON.stringify(tsconfig(folder)));
    const schemaFile = path.join(tmp, schemaEntry);
    await writeFile(schemaFile, fromSource);
    const before = await runTsc(tsc, tmp);
    await writeFile(schemaFile, toSource);
    const after = await runTsc(tsc, tmp);
    const key = (b: TypeBreak) => `${b.file}:${b.line}:${b.column}:${b.code}:${b.message}`;
    const known = new Set(before.map(key));
    const breaks = after
      .filter((b) => !known.has(key(b)))
      .map((b) => ({ ...b, function: functionAt(functions, b.file, b.line) }));
    return { ok: true, breaks };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The check as the CLI prints it. */
export function formatCompatibility(r: CompatResult): string {
  if (!r.ok) return `Compatibility: not checked (${r.skipped}).\n`;
  if (!r.breaks.length) return "Compatibility: every function still type-checks against the new schema.\n";
  const fns = new Set(r.breaks.map((b) => b.function ?? b.file));
  const out = [
    `Compatibility: ${count(fns.size, "function")} ${fns.size === 1 ? "stops" : "stop"} type-checking against the new schema:`,
  ];
  for (const b of r.breaks)
    out.push(`  ${b.function ?? "(outside a function)"} ${b.file}:${b.line}:${b.column} ${b.code} ${b.message}`);
  return out.join("\n") + "\n";
}
