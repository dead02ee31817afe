/**
 * `schema-assistant codegen [dir]`: writes convex/_generated as `npx convex codegen` would, without a deployment.
 */
import path from "node:path";
import type { Command } from "commander";
import { generateConvexCode } from "../convex-codegen";
import { processIo, type Io } from "./analyze";

/** Runs codegen for `dir`, printing what changed; returns the exit code. */
export async function runCodegen(dir: string, io: Io = processIo): Promise<number> {
  try {
    const r = await generateConvexCode(dir);
    const rel = path.relative(process.cwd(), r.dir);
    const where = rel && !rel.startsWith("..") ? rel : r.dir;
    io.out(r.written.length ? r.written.map((f) => `wrote ${path.join(where, f)}\n`).join("") : `${where} is up to date\n`);
    return 0;
  } catch (e) {
    io.err(`error: codegen failed: ${(e as Error).message}\n`);
    return 1;
  }
}

export function register(program: Command): void {
  program
    .command("codegen")
    .description("write convex/_generated offline, with the convex package's own generator (as npx convex codegen)")
    .argument("[dir]", "project folder holding convex/", ".")
    .action(async (dir: string) => {
      process.exitCode = await runCodegen(dir);
    });
}
