/**
 * The embedded local Convex backend: runs a project's convex/ functions offline for the unchanged Convex clients
 * (ConvexReactClient / ConvexClient over WebSocket, ConvexHttpClient over HTTP). See backend/README.md.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { WebSocketServer } from "ws";
import { Backend } from "./backend.js";
import { functionsDirOf } from "./loader.js";
import { handleApi, handleSite, sendJson } from "./http-api.js";
import { OriginPolicy, parseOrigins } from "./origins.js";
import { readSnapshotZip, writeSnapshotZip } from "./snapshot-zip.js";

export { Backend } from "./backend.js";
export type { Measurement, Identity } from "./engine.js";
export type { AdminWrite } from "./admin.js";

/** Options of `startBackend`. */
export interface StartBackendOptions {
  /** The project folder (holding convex/ or the folder named by convex.json `functions`). */
  projectDir: string;
  /** Where data lives. @default `<projectDir>/.data` */
  dataDir?: string;
  /** Port of the deployment URL; the site URL (HTTP actions) uses port + 1. 0 picks free ports. @default 3210 */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** Environment variables for the functions (merged into process.env). */
  env?: Record<string, string>;
  /** Reload when the functions folder changes; a failing first load then serves no functions until fixed. @default false */
  watch?: boolean;
  /** Log sink. @default stderr */
  log?: (line: string) => void;
  /**
   * Web origins that may call the backend from a browser (e.g. the dashboard's). ALLOWED_ORIGINS (comma-separated)
   * adds more. Requests without an Origin header (CLI, servers) are not affected.
   */
  allowedOrigins?: string[];
  /**
   * Local sign-in: session length (LOCAL_AUTH_SESSION_HOURS, default 24), sign-ups per address per hour
   * (LOCAL_AUTH_SIGN_UPS_PER_HOUR, default 10), open sign-up forced on (LOCAL_AUTH_OPEN_SIGN_UP=1).
   */
  localAuth?: { sessionHours?: number; signUpsPerHour?: number; openSignUp?: boolean };
  /**
   * Called once both ports listen, before the data is loaded; requests meanwhile are answered 503 STARTING (and
   * WebSockets closed with 1013 "try again later", which Convex clients retry).
   */
  onListening?: (urls: { url: string; siteUrl: string }) => void | Promise<void>;
}

/** The answer to requests that arrive while the backend loads its data (instead of holding them). */
const STARTING = {
  code: "STARTING",
  message: "The backend is starting (loading its data); try again in a few seconds.",
};

function refuseWhileStarting(res: http.ServerResponse): void {
  res.setHeader("Retry-After", "1");
  sendJson(res, 503, STARTING);
}

/** Local sign-in settings from the environment, under those given in code. */
function localAuthSettings(given: StartBackendOptions["localAuth"]): NonNullable<StartBackendOptions["localAuth"]> {
  const num = (name: string): number | undefined => {
    const raw = process.env[name];
    if (!raw) return undefined;
    const n = Number(raw);
    if (!(n > 0)) throw new Error(`${name} must be a positive number, got "${raw}"`);
    return n;
  };
  return {
    sessionHours: num("LOCAL_AUTH_SESSION_HOURS"),
    signUpsPerHour: num("LOCAL_AUTH_SIGN_UPS_PER_HOUR"),
    openSignUp: process.env.LOCAL_AUTH_OPEN_SIGN_UP === "1",
    ...given,
  };
}

/** A running backend. */
export interface RunningBackend {
  /** Deployment URL for Convex clients, e.g. http://127.0.0.1:3210. */
  url: string;
  /** Site URL serving HTTP actions, e.g. http://127.0.0.1:3211. */
  siteUrl: string;
  /** Admin key for /api/admin/* (`Authorization: Convex <adminKey>`) and ConvexHttpClient.setAdminAuth. */
  adminKey: string;
  dataDir: string;
  /** The backend object (engine, store, sync) for tools in this process. */
  backend: Backend;
  /** Reloads the functions folder now (what the watcher does). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts the backend and resolves once it serves requests. */
export async function startBackend(options: StartBackendOptions): Promise<RunningBackend> {
  const projectDir = path.resolve(options.projectDir);
  const dataDir = path.resolve(options.dataDir ?? path.join(projectDir, ".data"));
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? ((line: string) => process.stderr.write(`[backend] ${line}\n`));
  let backend: Backend | null = null;
  let started = false;

  const api = http.createServer((req, res) =>
    started ? void handleApi(backend!, req, res) : refuseWhileStarting(res),
  );
  const site = http.createServer((req, res) =>
    started ? void handleSite(backend!, req, res) : refuseWhileStarting(res),
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  const allowedOrigins = [...(options.allowedOrigins ?? []), ...parseOrigins(process.env.ALLOWED_ORIGINS)];
  const origins = new OriginPolicy(allowedOrigins);
  api.on("upgrade", (req, socket, head) => {
    if (!/^\/api\/[^/]+\/sync\/?$/.test(new URL(req.url ?? "/", "http://x").pathname)) return void socket.destroy();
    // Browsers send Origin on WebSockets and never check CORS there: refuse pages from other origins.
    if (!origins.allows(req.headers.origin)) {
      socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (started) backend!.sync.accept(ws);
      else ws.close(1013, STARTING.message); // "try again later": the client reconnects with backoff
    });
  });

  const port = await listen(api, options.port ?? 3210, host);
  let sitePort: number;
  try {
    sitePort = await listen(site, port === 0 || options.port === 0 ? 0 : port + 1, host);
  } catch {
    sitePort = await listen(site, 0, host);
  }
  const hostForUrl = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const url = `http://${hostForUrl}:${port}`;
  const siteUrl = `http://${hostForUrl}:${sitePort}`;
  await options.onListening?.({ url, siteUrl });
  backend = new Backend({
    projectDir,
    dataDir,
    url,
    siteUrl,
    env: options.env ?? {},
    log,
    tolerateLoadErrors: options.watch === true,
    allowedOrigins,
    localAuth: localAuthSettings(options.localAuth),
  });
  try {
    await backend.start();
  } catch (e) {
    await Promise.all([closeServer(api), closeServer(site)]);
    throw e;
  }
  started = true;

  let watcher: fs.FSWatcher | null = null;
  if (options.watch) {
    let timer: NodeJS.Timeout | null = null;
    watcher = fs.watch(functionsDirOf(projectDir), { recursive: true }, (_event, file) => {
      if (file && /(^|[\\/])(\.|node_modules)/.test(String(file))) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void backend!.reload(), 150);
    });
  }
  const b = backend;
  return {
    url,
    siteUrl,
    adminKey: b.adminKey,
    dataDir,
    backend: b,
    reload: () => b.reload(),
    async close() {
      watcher?.close();
      wss.close();
      await b.close();
      await Promise.all([closeServer(api), closeServer(site)]);
    },
  };
}

/** Writes the data of a data dir to a snapshot ZIP without serving (for `--export`). */
export async function exportData(options: { projectDir: string; dataDir?: string }, zipPath: string): Promise<void> {
  const running = await startBackend({ ...options, port: 0, log: () => undefined });
  try {
    const res = await fetch(`${running.url}/api/admin/export`, {
      headers: { Authorization: `Convex ${running.adminKey}` },
    });
    if (!res.ok) throw new Error(`Export failed: ${await res.text()}`);
    fs.writeFileSync(zipPath, Buffer.from(await res.arrayBuffer()));
  } finally {
    await running.close();
  }
}

/** Imports a snapshot ZIP into a running backend ("replace" empties the tables it contains first). */
export async function importData(
  running: RunningBackend,
  zipPath: string,
  mode: "replace" | "append" = "replace",
): Promise<Record<string, number>> {
  return (await running.backend.importSnapshot(readSnapshotZip(new Uint8Array(fs.readFileSync(zipPath))), mode))
    .imported;
}

export { readSnapshotZip, writeSnapshotZip };
