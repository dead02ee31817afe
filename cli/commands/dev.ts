import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { generateAndWatch } from "../codegen-watch";
import { buildIsFresh, dashboardStamp, pagePaths, recordBuild } from "../dashboard-build";
import { REPO_ROOT as ROOT } from "../repo-root";

interface DevOptions {
  port: string;
  backendPort: string;
  host: string;
  data: string;
  prod?: boolean;
  hot?: boolean;
}

/**
 * `schema-assistant dev`: the embedded backend serving this app's convex/ folder plus the Next.js dashboard, as one
 * process tree. Ctrl-C (or SIGTERM) stops both.
 */
export function register(program: Command): void {
  program
    .command("dev")
    .description("start the embedded Convex backend and the dashboard (the demo project is seeded on first sign-in)")
    .option("--port <port>", "dashboard port", process.env.PORT ?? "3000")
    .option("--backend-port <port>", "embedded backend port", process.env.CONVEX_PORT ?? "3210")
    .option("--host <host>", "address to bind", "127.0.0.1")
    .option("--data <dir>", "backend data folder", path.join(ROOT, ".data"))
    .option("--hot", "serve the dashboard from Next's development server (recompiles on change; first visits compile)")
    .option("--prod", "serve the existing production build as it is (builds it only when missing)")
    .action(async (opts: DevOptions) => {
      await runDev(opts).catch((e: Error) => {
        process.stderr.write(`error: ${e.message}\n`);
        process.exit(1);
      });
    });
}

async function runDev(opts: DevOptions): Promise<void> {
  const { startBackend } = await import("../../backend/index.ts");
  process.env.MESSAGE_KEYS ||= devMessageKeys(path.resolve(opts.data));
  const logBackend = (line: string) => process.stderr.write(`[backend] ${line}\n`);
  // As `npx convex dev`: convex/_generated is rewritten on start and whenever convex/ changes.
  const stopCodegen = await generateAndWatch(ROOT, logBackend);
  const dashboardUrl = `http://${opts.host === "0.0.0.0" || opts.host === "::" ? "127.0.0.1" : opts.host}:${opts.port}`;
  const backend = await startBackend({
    projectDir: ROOT,
    // The dashboard's own origin; others (a LAN hostname, a proxy in front) go in ALLOWED_ORIGINS.
    allowedOrigins: [dashboardUrl],
    dataDir: path.resolve(opts.data),
    port: Number(opts.backendPort),
    host: opts.host,
    watch: true,
    log: logBackend,
  }).catch((e: Error) => {
    stopCodegen();
    throw e;
  });
  if (!backend.backend.lastPush.ok) {
    stopCodegen();
    await backend.close();
    throw new Error(`the app's convex/ functions do not load: ${backend.backend.lastPush.message}`);
  }
  const env = {
    ...process.env,
    NEXT_PUBLIC_CONVEX_URL: backend.url,
    // next.config.js proxies /api/schema/* (the HTTP API) to the backend's site URL.
    CONVEX_SITE_URL: backend.siteUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_PUBLIC_CLERK_KEYLESS_DISABLED: "1",
  };
  const next = path.join(ROOT, "node_modules/next/dist/bin/next");
  if (!opts.hot) await ensureBuild(next, env, Boolean(opts.prod));
  const child = spawn(process.execPath, [next, opts.hot ? "dev" : "start", "-p", opts.port, "-H", opts.host], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = dashboardUrl;
  let announced = false;
  child.stdout?.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    for (const line of text.split("\n")) if (line.trim()) process.stderr.write(`[dashboard] ${line}\n`);
    if (!announced && /Ready|started server/i.test(text)) {
      announced = true;
      // Each page is loaded once before the URL is shown, so no visitor waits for a page's first load.
      void warmPages(url, opts.hot ? 180_000 : 30_000).then(() =>
        process.stdout.write(
          `\nSchema Assistant is running at ${url}\nEmbedded Convex backend: ${backend.url}\nPress Ctrl-C to stop.\n\n`,
        ),
      );
    }
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    child.kill("SIGTERM");
    stopCodegen();
    await backend.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  child.on("exit", (code) => void stop(code ?? 0));
}

/**
 * Makes sure `.next` holds a production build of the current sources: reused when its stamp matches, rebuilt
 * otherwise. `asIs` (--prod) accepts any existing build, as the e2e run, which builds right before, wants.
 */
async function ensureBuild(next: string, serveEnv: NodeJS.ProcessEnv, asIs: boolean): Promise<void> {
  const hasBuild = existsSync(path.join(ROOT, ".next/BUILD_ID"));
  if (asIs && hasBuild) return;
  // app/layout.tsx reads the backend's URL per request; left out of the build, one build serves any backend port.
  const { NEXT_PUBLIC_CONVEX_URL: _perRequest, ...env } = serveEnv;
  const stamp = dashboardStamp(ROOT, env);
  if (!asIs && buildIsFresh(ROOT, stamp)) return;
  process.stderr.write(
    hasBuild
      ? "The dashboard's sources changed: rebuilding it (reused until they change again; `dev --hot` recompiles per page instead)…\n"
      : "Building the dashboard (once; reused until its sources change)…\n",
  );
  await waitFor(spawn(process.execPath, [next, "build"], { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] }));
  recordBuild(ROOT, stamp);
}

/** Loads every page once (status ignored: a sign-in redirect still loads the route's code), at most `budgetMs`. */
async function warmPages(base: string, budgetMs: number): Promise<void> {
  const deadline = Date.now() + budgetMs;
  for (const p of pagePaths(ROOT)) {
    const left = deadline - Date.now();
    if (left <= 0) return;
    await fetch(base + p, { redirect: "manual", signal: AbortSignal.timeout(left) })
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
  }
}

function waitFor(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`exited with code ${code}`)))),
  );
}

/**
 * A message-encryption key for local use, made once and kept in the data folder (MESSAGE_KEYS in the environment
 * wins). Conversations in that folder are unreadable without it.
 */
function devMessageKeys(dataDir: string): string {
  const file = path.join(dataDir, "message-keys");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const keys = `dev1:${randomBytes(32).toString("base64")}`;
  writeFileSync(file, keys + "\n", { mode: 0o600 });
  return keys;
}
