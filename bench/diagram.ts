/**
 * ER diagram benchmark in a real browser (headless Debian chromium through playwright-core), against the real app
 * (production build, embedded backend). For generated schemas of 100, 300 and 1,000 tables it creates a project,
 * opens its Diagram page twice and prints: cold layout time (worker) and whether the page stayed responsive
 * meanwhile, time to the first table nodes with the saved layout, panning frame times, and JS heap.
 *
 * Run: npx tsx bench/diagram.ts [--sizes 100,300,1000] [--dev] [--root DIR] [--base URL --backend URL] [--trace FILE] [--screenshots DIR]
 *   --root: the app folder to serve (default: this repo; it needs a `next build` unless --dev)
 *   --base/--backend: measure an app that is already running instead of starting one.
 *   --trace FILE: write Chromium traces of both panning runs at 1,000+ tables to FILE-fit.json and FILE-zoomed.json
 *   (open them in Perfetto).
 *   --screenshots DIR: save what the diagram looks like fitted and zoomed in, per size.
 * Targets (issue 11): cached open < 3 s, cold layout ≤ 5 s without blocking the page, panning p95 ≤ 33 ms.
 * Exits 0 even when a target is missed; misses are printed as MISSED.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { chromium, type Page } from "playwright-core";
import { PROBE_SCRIPT, intervals, percentile, type PageProbe } from "./lib/diagram-browser";
import { generateDiagramSchema } from "./lib/diagram-schema";
import { localSignIn } from "../backend/testing";

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const ensureUser = makeFunctionReference<"mutation", Record<string, never>, unknown>("team/users:ensure");
const createProject = makeFunctionReference<
  "action",
  { name: string; files: { path: string; content: string }[] },
  { ok: true; projectId: string } | { ok: false; errors: { message: string }[] }
>("projects/projectsNode:create");

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Starts `schema-assistant dev` on free-ish ports with a fresh data folder; resolves with both URLs. */
async function startApp(
  root: string,
  dev: boolean,
): Promise<{ child: ChildProcess; base: string; backend: string; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sa-diagram-bench-"));
  const port = 4600 + Math.floor(Math.random() * 300);
  const args = [
    path.join(root, "bin/schema-assistant.mjs"),
    "dev",
    "--port",
    String(port),
    "--backend-port",
    String(port + 1000),
    "--data",
    dataDir,
    ...(dev ? [] : ["--prod"]),
  ];
  // Its own process group, so stopping it also stops the Next server it starts.
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  let log = "";
  return await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The app did not start in 5 minutes:\n${log.slice(-2000)}`)),
      300_000,
    );
    const onData = (d: Buffer) => {
      log += String(d);
      const base = /running at (http\S+)/.exec(log)?.[1];
      const backend = /Embedded Convex backend: (http\S+)/.exec(log)?.[1];
      if (base && backend) {
        clearTimeout(timer);
        resolve({ child, base, backend, dataDir });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (d: Buffer) => (log += String(d)));
    child.on("exit", (code) => reject(new Error(`The app exited with ${code}:\n${log.slice(-2000)}`)));
  });
}

function stopApp(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    // already gone
  }
}

async function signIn(backend: string): Promise<{ token: string; expiresAt: number; sessionId: string }> {
  return await localSignIn(backend, { name: "Bench User", email: "bench@example.com" });
}

interface Figures {
  tables: number;
  coldWorkerMs: number | null;
  coldPaintMs: number | null;
  coldMaxGapMs: number;
  coldLongestTaskMs: number;
  cachedPaintMs: number | null;
  cachedFromSave: boolean;
  panFit: PanFigures;
  panZoomed: PanFigures;
  heapMb: number | null;
}

const probeOf = (page: Page) => page.evaluate(() => (window as unknown as { __probe: PageProbe }).__probe);

/** Opens the Diagram page, waits for table nodes, returns the probe and the status line. */
async function openDiagram(page: Page, url: string): Promise<{ probe: PageProbe; status: string }> {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __probe: PageProbe }).__probe?.nodesAt !== null, undefined, {
    timeout: 180_000,
    polling: 100,
  });
  const status = page.getByTestId("diagram-status");
  await status.waitFor();
  // The status line gets the worker's time after the render that shows the nodes.
  await page
    .waitForFunction(
      () =>
        /saved layout|laid out in/.test(document.querySelector('[data-testid="diagram-status"]')?.textContent ?? ""),
      undefined,
      { timeout: 60_000 },
    )
    .catch(() => undefined);
  return { probe: await probeOf(page), status: (await status.textContent()) ?? "" };
}

/** Drags the empty canvas in a circle for ~2 s and returns frame intervals while dragging. */
interface PanFigures {
  p50: number;
  p95: number;
  frames: number;
  /** Main-thread tasks over 50 ms while panning: script work, as opposed to raster/compositing delays. */
  longTasks: number;
  longestTask: number;
}

async function pan(page: Page): Promise<PanFigures> {
  const start = await page.evaluate(() => {
    const pane = document.querySelector(".react-flow__pane")!.getBoundingClientRect();
    for (let y = pane.top + 80; y < pane.bottom - 80; y += 23) {
      for (let x = pane.left + 80; x < pane.right - 80; x += 23) {
        if (document.elementFromPoint(x, y)?.classList.contains("react-flow__pane")) return { x, y };
      }
    }
    return { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 };
  });
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const from = await page.evaluate(() => performance.now());
  for (let i = 0; i < 120; i++) {
    const a = (i / 120) * Math.PI * 4;
    await page.mouse.move(start.x + Math.sin(a) * 150, start.y + (1 - Math.cos(a)) * 100);
    await page.waitForTimeout(12);
  }
  const to = await page.evaluate(() => performance.now());
  await page.mouse.up();
  const probe = await probeOf(page);
  const gaps = intervals(probe.frames, from, to);
  const tasks = probe.longTasks.filter((t) => t.start >= from && t.start <= to);
  return {
    p50: percentile(gaps, 50),
    p95: percentile(gaps, 95),
    frames: gaps.length,
    longTasks: tasks.length,
    longestTask: Math.max(0, ...tasks.map((t) => t.duration)),
  };
}

/** Saves a screenshot to `<--screenshots>/<tables>-<name>.png` when --screenshots is given. */
async function shot(page: Page, tables: number, name: string): Promise<void> {
  const dir = arg("--screenshots");
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(dir, `${tables}-${name}.png`) });
}

/** Runs `fn` under a Chromium trace written to `<--trace>-<name>.json` when --trace is given (1,000+ tables only). */
async function traced<T>(page: Page, tables: number, name: string, fn: () => Promise<T>): Promise<T> {
  const file = arg("--trace");
  if (!file || tables < 1000) return await fn();
  const browser = page.context().browser()!;
  await browser.startTracing(page, {
    path: `${file.replace(/\.json$/, "")}-${name}.json`,
    categories: [
      "devtools.timeline",
      "disabled-by-default-devtools.timeline",
      "cc",
      "viz",
      "benchmark",
      "toplevel",
      "blink",
    ],
  });
  try {
    return await fn();
  } finally {
    await browser.stopTracing();
  }
}

async function measure(page: Page, client: ConvexHttpClient, base: string, tables: number): Promise<Figures> {
  const created = await client.action(createProject, {
    name: `Diagram bench ${tables}`,
    files: [{ path: "convex/schema.ts", content: generateDiagramSchema(tables) }],
  });
  if (!created.ok) throw new Error(`Project creation failed: ${created.errors.map((e) => e.message).join("; ")}`);
  const url = `${base}/projects/${created.projectId}/diagram`;

  const cold = await openDiagram(page, url);
  const p = cold.probe;
  // While the worker lays out: the frames between the spinner and the render that shows the nodes (its own
  // frame gap is the first paint, not blocking by the layout).
  const during =
    p.spinnerAt !== null && p.nodesAt !== null ? intervals(p.frames, p.spinnerAt, p.nodesAt).slice(0, -1) : [];
  const tasks = p.longTasks.filter(
    (t) => p.spinnerAt !== null && p.nodesAt !== null && t.start >= p.spinnerAt && t.start + t.duration < p.nodesAt - 1,
  );
  const worker = await page.evaluate(
    () => performance.getEntriesByName("diagram: layout in worker").at(-1)?.duration ?? null,
  );
  await page.waitForTimeout(1500); // let the positions save

  const warm = await openDiagram(page, url);
  await shot(page, tables, "fit");
  const panFit = await traced(page, tables, "fit", () => pan(page));
  // Zoom in on the middle of the fitted schema, where the tables are.
  const box = await page.locator(".react-flow__pane").boundingBox();
  await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
  for (let i = 0; i < 12; i++) await page.mouse.wheel(0, -200), await page.waitForTimeout(40);
  await page.waitForTimeout(300);
  await shot(page, tables, "zoomed");
  const panZoomed = await traced(page, tables, "zoomed", () => pan(page));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const metrics = (await cdp.send("Performance.getMetrics")).metrics;
  const heap = metrics.find((m) => m.name === "JSHeapUsedSize")?.value;
  return {
    tables,
    coldWorkerMs: worker,
    coldPaintMs: p.nodesAt,
    coldMaxGapMs: during.length ? Math.max(...during) : NaN,
    coldLongestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
    cachedPaintMs: warm.probe.nodesAt,
    cachedFromSave: warm.status.includes("saved layout"),
    panFit,
    panZoomed,
    heapMb: heap ? heap / 1e6 : null,
  };
}

function report(rows: Figures[]): void {
  const f = (n: number | null) => (n === null || Number.isNaN(n) ? "—" : String(Math.round(n)));
  console.log(
    "\ntables | cold: worker ms / nodes painted ms / max frame gap ms / longest task ms | cached open: nodes painted ms | pan p50/p95 ms (fit all) | pan p50/p95 ms (zoomed in) | JS heap MB",
  );
  for (const r of rows) {
    console.log(
      `${r.tables} | ${f(r.coldWorkerMs)} / ${f(r.coldPaintMs)} / ${f(r.coldMaxGapMs)} / ${f(r.coldLongestTaskMs)} | ${f(r.cachedPaintMs)}${r.cachedFromSave ? "" : " (NOT from the saved layout)"} | ${r.panFit.p50.toFixed(1)}/${r.panFit.p95.toFixed(1)} (${r.panFit.frames} frames, ${r.panFit.longTasks} long tasks ≤ ${f(r.panFit.longestTask)} ms) | ${r.panZoomed.p50.toFixed(1)}/${r.panZoomed.p95.toFixed(1)} (${r.panZoomed.frames} frames, ${r.panZoomed.longTasks} long tasks ≤ ${f(r.panZoomed.longestTask)} ms) | ${f(r.heapMb)}`,
    );
  }
  const big = rows.find((r) => r.tables >= 1000);
  if (!big) return;
  const check = (ok: boolean, text: string) => console.log(`${ok ? "met   " : "MISSED"} ${text}`);
  console.log(
    `\nTargets at ${big.tables} tables (load average now ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores):`,
  );
  check(
    big.cachedPaintMs !== null && big.cachedPaintMs < 3000 && big.cachedFromSave,
    `opens with its saved layout in under 3 s: ${f(big.cachedPaintMs)} ms`,
  );
  check(
    big.coldWorkerMs !== null && big.coldWorkerMs <= 5000,
    `cold layout at most 5 s: ${f(big.coldWorkerMs)} ms in the worker`,
  );
  check(
    big.coldMaxGapMs < 200,
    `page not blocked during the layout: longest frame gap ${f(big.coldMaxGapMs)} ms (< 200 ms), longest task ${f(big.coldLongestTaskMs)} ms`,
  );
  // 33 ms is two frames at 60 Hz, which the frame clock reports as 33.3–33.4 ms.
  check(
    Math.max(big.panFit.p95, big.panZoomed.p95) <= 33.4,
    `panning p95 at most 33 ms: ${big.panFit.p95.toFixed(1)} ms (fit all), ${big.panZoomed.p95.toFixed(1)} ms (zoomed in)`,
  );
}

async function main(): Promise<void> {
  const sizes = (arg("--sizes") ?? "100,300,1000").split(",").map(Number);
  const root = path.resolve(arg("--root") ?? repo);
  const dev = process.argv.includes("--dev");
  if (!dev && !arg("--base") && !fs.existsSync(path.join(root, ".next/BUILD_ID"))) {
    // `npm run bench` runs every benchmark: say why this one measured nothing instead of failing the run.
    console.log(
      `SKIPPED: no production build in ${root}; run \`node node_modules/next/dist/bin/next build\` first (or pass --dev).`,
    );
    process.exit(0);
  }
  const app = arg("--base") ? null : await startApp(root, dev);
  const base = arg("--base") ?? app!.base;
  const backend = arg("--backend") ?? app!.backend;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    const auth = await signIn(backend);
    const client = new ConvexHttpClient(backend);
    client.setAuth(auth.token);
    await client.mutation(ensureUser, {});
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const stored = JSON.stringify({
      token: auth.token,
      expiresAt: auth.expiresAt,
      sessionId: auth.sessionId,
      name: "Bench User",
      email: "bench@example.com",
    });
    await context.addInitScript(
      (value: string) => window.localStorage.setItem("schema-assistant.local-token", value),
      stored,
    );
    await context.addInitScript({ content: PROBE_SCRIPT });
    const page = await context.newPage();
    page.setDefaultTimeout(180_000);
    page.on("pageerror", (e) => console.error("page error:", e.message.slice(0, 300)));
    // Warm the server's compiled routes so the first size does not pay for them.
    await page.goto(`${base}/`);
    const rows: Figures[] = [];
    for (const tables of sizes) {
      console.error(`measuring ${tables} tables…`);
      rows.push(await measure(page, client, base, tables));
    }
    report(rows);
  } finally {
    await browser.close();
    if (app) {
      stopApp(app.child);
      // The backend may still be writing as it stops: a failed clean-up must not hide the figures.
      setTimeout(() => fs.rmSync(app.dataDir, { recursive: true, force: true, maxRetries: 5 }), 2000);
    }
  }
}

await main();
