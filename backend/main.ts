/**
 * Standalone entry: `node --import tsx backend/main.ts <projectDir> [--data DIR] [--port N]`.
 * Prints one JSON line `{ url, siteUrl, adminKey }` on stdout when ready; stops on SIGINT/SIGTERM.
 */
import { startBackend } from "./index.js";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const projectDir = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--")) ?? ".";
const running = await startBackend({
  projectDir,
  dataDir: flag("--data"),
  port: Number(flag("--port") ?? 0),
  watch: args.includes("--watch"),
});
process.stdout.write(
  `${JSON.stringify({ url: running.url, siteUrl: running.siteUrl, adminKey: running.adminKey, pid: process.pid })}\n`,
);
const stop = () => void running.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
