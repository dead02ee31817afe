/**
 * `schema-assistant codegen [dir]`: writes convex/_generated as `npx convex codegen` would, without a deployment.
 */
import path from "node:path";
import type { Command } from "commander";
import { generateConvexCode, staleGeneratedFiles } from "../convex-codegen";
import { processIo, type Io } from "./analyze";

/** Runs codegen for `dir`, printing what changed (with `check`, what would change: exit 1); returns the exit code. */
export async function runCodegen(dir: string, io: Io = processIo, check = false): Promise<number> {
  try {
    if (check) {
      const stale = await staleGeneratedFiles(dir);
      if (stale.length === 0) {
        io.out("convex/_generated is up to date\n");
        return 0;
      }
      io.err(`error: convex/_generated is out of date: ${stale.join(", ")}; run schema-assistant codegen\n`);
      return 1;
    }
    const r = await generateConvexCode(dir);
    const rel = path.relative(process.cwd(), r.dir);
    const where = rel && !rel.startsWith("..") ? rel : r.dir;
    io.out(
      r.written.length ? r.written.map((f) => `wrote ${path.join(where, f)}\n`).join("") : `${where} is up to date\n`,
    );
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
    .option("--check", "write nothing; exit 1 when convex/_generated is not what codegen would write (CI)")
    .action(async (dir: string, opts: { check?: boolean }) => {
      process.exitCode = await runCodegen(dir, processIo, Boolean(opts.check));
    });
}
