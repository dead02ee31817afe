/**
 * `schema-assistant backend [dir]`: serves a Convex project's functions from the embedded local backend.
 */
import type { Command } from "commander";
import { exportData, importData, startBackend } from "../../backend/index.js";
import { generateAndWatch } from "../codegen-watch";
import { generateConvexCode } from "../convex-codegen";

interface BackendOptions {
  port: string;
  host: string;
  data?: string;
  import?: string;
  export?: string;
  watch: boolean;
}

export function register(program: Command): void {
  program
    .command("backend")
    .description(
      "Run a Convex project's convex/ functions on the embedded local backend (offline), keeping convex/_generated current",
    )
    .argument("[dir]", "project folder holding convex/", ".")
    .option("--port <port>", "port of the deployment URL (the site URL for HTTP actions is port + 1)", "3210")
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .option("--data <dir>", "data folder (default <dir>/.data)")
    .option("--import <zip>", "import a snapshot ZIP (npx convex export layout) before serving, replacing its tables")
    .option("--export <zip>", "write the data to a snapshot ZIP and exit")
    .option("--no-watch", "do not reload (and regenerate convex/_generated) when convex/ changes")
    .action(async (dir: string, opts: BackendOptions) => {
      try {
        if (opts.export) {
          await exportData({ projectDir: dir, dataDir: opts.data }, opts.export);
          process.stdout.write(`${opts.export}\n`);
          return;
        }
        // Like `npx convex dev`: _generated is written before the first push and kept current while watching.
        const stopCodegen = opts.watch
          ? await generateAndWatch(dir, (line) => process.stderr.write(`${line}\n`))
          : (await generateConvexCode(dir), () => undefined);
        const running = await startBackend({
          projectDir: dir,
          dataDir: opts.data,
          port: Number(opts.port),
          host: opts.host,
          watch: opts.watch,
        }).catch((e: Error) => {
          stopCodegen();
          throw e;
        });
        // A project whose functions do not load is not served (watch mode would otherwise serve none of them).
        if (!running.backend.lastPush.ok) {
          stopCodegen();
          await running.close();
          process.stderr.write(`error: ${running.backend.lastPush.message}\n`);
          process.exitCode = 1;
          return;
        }
        if (opts.import) {
          const counts = await importData(running, opts.import);
          process.stderr.write(
            `imported ${
              Object.entries(counts)
                .map(([t, n]) => `${n} ${t}`)
                .join(", ") || "nothing"
            }\n`,
          );
        }
        process.stdout.write(
          `CONVEX_URL=${running.url}\nCONVEX_SITE_URL=${running.siteUrl}\nCONVEX_ADMIN_KEY=${running.adminKey}\n`,
        );
        let stopping = false;
        const stop = () => {
          if (stopping) return;
          stopping = true;
          stopCodegen();
          void running.close().then(() => process.exit(0));
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      } catch (e) {
        process.stderr.write(`error: ${(e as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}
