/**
 * `schema-assistant pull [dir]`: writes a project's approved schema (or any version) from Schema Assistant into
 * the local folder — convex/schema.ts and the files it imports; --migration adds the generated migration module.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { functionsDirOf } from "../../backend/loader.js";
import { fetchVersion, remoteFrom, schemaClosure, type RemoteFlags } from "../schema-sync";
import { processIo, type Io } from "./analyze";

export interface PullFlags extends RemoteFlags {
  version?: string;
  migration?: boolean;
}

export async function runPull(dir: string, flags: PullFlags, io: Io = processIo): Promise<number> {
  try {
    const version = await fetchVersion(remoteFrom(flags), flags.version ?? "current");
    const files = schemaClosure(version.files);
    if (flags.migration && version.migration) files[version.migration.path] = version.migration.code;
    // Versions keep the functions folder as convex/; a project whose convex.json names another gets it there.
    const functions = path
      .relative(path.resolve(dir), functionsDirOf(path.resolve(dir)))
      .split(path.sep)
      .join("/");
    const writes = Object.entries(files).map(([stored, text]) => {
      const rel = stored.startsWith("convex/") ? `${functions}/${stored.slice("convex/".length)}` : stored;
      const target = path.resolve(dir, rel);
      // Checked for every file before any is written: a bad path leaves the folder untouched.
      if (!target.startsWith(path.resolve(dir) + path.sep))
        throw new Error(`refusing to write ${rel}: outside ${path.resolve(dir)}`);
      return { rel, target, text };
    });
    for (const { rel, target, text } of writes) {
      if ((await readFile(target, "utf8").catch(() => undefined)) === text) {
        io.out(`unchanged ${rel}\n`);
        continue;
      }
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, text);
      io.out(`wrote     ${rel}\n`);
    }
    if (flags.migration && !version.migration) io.out("no migration module: no plan led to this version\n");
    io.out(`version ${version.number} (${version.semver}, ${version.status})\n`);
    return 0;
  } catch (e) {
    io.err(`error: pull failed: ${(e as Error).message}\n`);
    return 1;
  }
}

/** --url, --token, --project, shared by pull and push. */
export function remoteOptions(cmd: Command): Command {
  return cmd
    .option("--url <url>", "Schema Assistant's address (env SCHEMA_ASSISTANT_URL; default http://127.0.0.1:3000)")
    .option(
      "--token <token>",
      "a project API token (env SCHEMA_ASSISTANT_TOKEN, preferred: it stays out of shell history)",
    )
    .option("--project <projectId>", "the project (env SCHEMA_ASSISTANT_PROJECT)");
}

export function register(program: Command): void {
  remoteOptions(
    program
      .command("pull")
      .description("write the project's approved schema from Schema Assistant into the local folder (HTTP API, token)")
      .argument("[dir]", "project folder", ".")
      .option("--version <version>", 'which version: "current" (approved), a number or a version id', "current")
      .option("--migration", "also write the migration module generated for the plan to that version"),
  ).action(async (dir: string, flags: PullFlags) => {
    process.exitCode = await runPull(dir, flags);
  });
}
