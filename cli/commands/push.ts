/**
 * `schema-assistant push [dir]`: uploads the local schema as a new pending version (to review and migrate in the
 * dashboard); `--check` uploads nothing and exits 1 when the repository and the approved version disagree (CI).
 */
import type { Command } from "commander";
import {
  fetchVersion,
  modelOf,
  pushFiles,
  remoteFrom,
  schemaClosure,
  schemaDifferences,
  type RemoteFlags,
} from "../schema-sync";
import { loadSchema, processIo, type Io } from "./analyze";
import { remoteOptions } from "./pull";

export interface PushFlags extends RemoteFlags {
  check?: boolean;
}

export async function runPush(dir: string, flags: PushFlags, io: Io = processIo): Promise<number> {
  try {
    const remote = remoteFrom(flags);
    const local = await loadSchema(dir, io);
    if (!local) return 1;
    if (flags.check) {
      const current = await fetchVersion(remote, "current");
      const differences = schemaDifferences(modelOf(current.files, "dashboard's"), local.model);
      if (differences.length === 0) {
        io.out(`in sync with version ${current.number} (${current.semver})\n`);
        return 0;
      }
      io.err(
        `error: the repository's schema differs from the approved version ${current.number} (${current.semver}):\n${differences.map((d) => `  ${d}\n`).join("")}`,
      );
      io.err(
        "Push it (schema-assistant push) and approve it in the dashboard, or pull the approved one (schema-assistant pull).\n",
      );
      return 1;
    }
    const version = await pushFiles(remote, schemaClosure(local.project.files, local.project.entry));
    io.out(
      version.unchanged
        ? `unchanged: version ${version.number} (${version.semver}) already has this schema\n`
        : `pushed as version ${version.number} (${version.semver}, ${version.status}): review and migrate it under Migrations in the dashboard\n`,
    );
    return 0;
  } catch (e) {
    io.err(`error: push failed: ${(e as Error).message}\n`);
    return 1;
  }
}

export function register(program: Command): void {
  remoteOptions(
    program
      .command("push")
      .description(
        "upload the local schema to Schema Assistant as a new version; --check fails when they disagree (CI)",
      )
      .argument("[dir]", "project folder", ".")
      .option("--check", "upload nothing; exit 1 when the repository and the approved version differ"),
  ).action(async (dir: string, flags: PushFlags) => {
    process.exitCode = await runPush(dir, flags);
  });
}
