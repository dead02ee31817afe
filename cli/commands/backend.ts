/**
 * `schema-assistant backend [dir]`: serves a Convex project's functions from the embedded local backend.
 */
import type { Command } from "commander";
import { exportData, importData, startBackend } from "../../backend/index.js";

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
    .description("Run a Convex project's convex/ functions on the embedded local backend (offline)")
    .argument("[dir]", "project folder holding convex/", ".")
    .option("--port <port>", "port of the deployment URL (the site URL for HTTP actions is port + 1)", "3210")
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .option("--data <dir>", "data folder (default <dir>/.data)")
    .option("--import <zip>", "import a snapshot ZIP (npx convex export layout) before serving, replacing its tables")
    .option("--export <zip>", "write the data to a snapshot ZIP and exit")
    .option("--no-watch", "do not reload when convex/ changes")
    .action(async (dir: string, opts: BackendOptions) => {
      try {
        if (opts.export) {
          await exportData({ projectDir: dir, dataDir: opts.data }, opts.export);
          process.stdout.write(`${opts.export}\n`);
          return;
        }
        const running = await startBackend({ projectDir: dir, dataDir: opts.data, port: Number(opts.port), host: opts.host, watch: opts.watch });
        if (opts.import) {
          const counts = await importData(running, opts.import);
          process.stderr.write(`imported ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(", ") || "nothing"}\n`);
        }
        process.stdout.write(`CONVEX_URL=${running.url}\nCONVEX_SITE_URL=${running.siteUrl}\nCONVEX_ADMIN_KEY=${running.adminKey}\n`);
        let stopping = false;
        const stop = () => {
          if (stopping) return;
          stopping = true;
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
