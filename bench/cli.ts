/**
 * Toolchain benchmark (issue 19): CLI start-up and work next to `node -e 0` measured in the same run, codegen, the
 * offline generate → codegen → tsc path, install warnings, and (with --dashboard) the first visit of every
 * dashboard page after `dev` prints its URL. Prints the goal table.
 *
 * Run: npx tsx bench/cli.ts [--runs N] [--dashboard]   (--dashboard builds the dashboard when stale: minutes)
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { pagePaths } from "../cli/dashboard-build";
import { writeComposedProject } from "./lib/composed-project";

const ROOT = path.resolve(import.meta.dirname, "..");
// npm's own range checker (installed with npm's dependencies here; untyped).
const { satisfies } = createRequire(import.meta.url)("semver") as {
  satisfies(version: string, range: string): boolean;
};
const CLI = path.join(ROOT, "bin/schema-assistant.mjs");
const arg = (name: string) => process.argv.indexOf(name);
const RUNS = arg("--runs") > 0 ? Number(process.argv[arg("--runs") + 1]) : 9;

const TIME = spawnSync("/usr/bin/time", ["-f", "%U %S", "true"]).status === 0;

/** Wall and CPU (user + system) time of one run of `node args`, exit code checked. CPU needs /usr/bin/time. */
function timeRun(args: string[], cwd = ROOT): { wall: number; cpu: number } {
  const t = process.hrtime.bigint();
  const r = TIME
    ? spawnSync("/usr/bin/time", ["-f", "%U %S", process.execPath, ...args], {
        cwd,
        encoding: "utf8",
        maxBuffer: 64 << 20,
      })
    : spawnSync(process.execPath, args, { cwd, encoding: "utf8", maxBuffer: 64 << 20 });
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed (${r.status}): ${r.stderr.slice(0, 500)}`);
  const [user, sys] = TIME ? r.stderr.trim().split("\n").pop()!.split(" ").map(Number) : [NaN, NaN];
  return { wall, cpu: (user + sys) * 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
type Timing = { wall: number; cpu: number };

/** Runs the commands alternately `runs` times (machine noise falls on all alike); medians per command. */
function alternate(commands: Record<string, string[]>, runs: number): Record<string, Timing> {
  const samples: Record<string, Timing[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (const args of Object.values(commands)) timeRun(args); // warm the file cache and the bundle
  for (let i = 0; i < runs; i++) for (const [k, args] of Object.entries(commands)) samples[k].push(timeRun(args));
  return Object.fromEntries(
    Object.entries(samples).map(([k, v]) => [
      k,
      { wall: median(v.map((x) => x.wall)), cpu: median(v.map((x) => x.cpu)) },
    ]),
  );
}

const project = writeComposedProject(path.join(ROOT, "bench/out/cli-project"));
const summary = /Schema \S+: (\d+) tables, (\d+) fields/.exec(
  spawnSync(process.execPath, [CLI, "analyze", project], { encoding: "utf8" }).stdout,
);
console.log(
  `project: bench/out/cli-project (${summary?.[1]} tables, ${summary?.[2]} fields: this app's schema and five fixture projects, one folder each)`,
);
console.log(
  `load average: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}; median of ${RUNS} alternating runs\n`,
);

const t = alternate(
  {
    "node -e 0": ["-e", "0"],
    "--help": [CLI, "--help"],
    analyze: [CLI, "analyze", project],
    "analyze --json": [CLI, "analyze", project, "--json"],
    codegen: [CLI, "codegen", project],
  },
  RUNS,
);
// The start-up before this change, for reference (fewer runs: it is slow).
const tsxRuns = Array.from({ length: 3 }, () => timeRun(["--import", "tsx", path.join(ROOT, "cli/main.ts"), "--help"]));
const tsxHelp = { wall: median(tsxRuns.map((x) => x.wall)), cpu: median(tsxRuns.map((x) => x.cpu)) };
t["--help through tsx (before)"] = tsxHelp;
const base = t["node -e 0"];

console.log("command                         wall ms  (− node -e 0)   CPU ms  (− node -e 0)");
for (const [k, m] of Object.entries(t)) {
  console.log(
    `${k.padEnd(30)}  ${m.wall.toFixed(0).padStart(7)}  ${(m.wall - base.wall).toFixed(0).padStart(13)}  ${m.cpu.toFixed(0).padStart(7)}  ${(m.cpu - base.cpu).toFixed(0).padStart(13)}`,
  );
}
// On a loaded machine wall time mostly measures the queue for a CPU: goals are judged on CPU time there.
const loaded = os.loadavg()[0] > os.availableParallelism();
const judged = (m: Timing) => (loaded && TIME ? m.cpu : m.wall);
const figure = (m: Timing) => `${m.wall.toFixed(0)} ms wall, ${m.cpu.toFixed(0)} ms CPU`;

// generate → codegen → tsc --noEmit on a copy of a fixture, with the network off where `unshare -rn` works.
function offlineToolchain(): { ok: boolean; ms: number; offline: boolean; detail: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sa-bench-toolchain-"));
  const offline = spawnSync("unshare", ["-rn", "true"]).status === 0;
  const run = (args: string[]) =>
    offline
      ? spawnSync("unshare", ["-rn", process.execPath, ...args], { cwd: ROOT, encoding: "utf8" })
      : spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  const start = performance.now();
  try {
    cpSync(path.join(ROOT, "lib/schema/testdata/ecommerce"), dir, { recursive: true });
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "shop", dependencies: { convex: "1.48.0" } }));
    symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    writeFileSync(
      path.join(dir, "convex/tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          allowJs: true,
          strict: true,
          moduleResolution: "Bundler",
          skipLibCheck: true,
          target: "ESNext",
          lib: ["ES2021", "dom"],
          module: "ESNext",
          isolatedModules: true,
          noEmit: true,
        },
        include: ["./**/*"],
        exclude: ["./_generated"],
      }),
    );
    for (const args of [
      [CLI, "generate", dir, "--with-tests", "--seed", "--zod"],
      [CLI, "codegen", dir],
      [path.join(ROOT, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", path.join(dir, "convex")],
    ]) {
      const r = run(args);
      if (r.status !== 0)
        return {
          ok: false,
          ms: performance.now() - start,
          offline,
          detail: `${path.basename(args[0])} ${args[1]}: ${(r.stdout + r.stderr).slice(0, 300)}`,
        };
    }
    return { ok: true, ms: performance.now() - start, offline, detail: "" };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const toolchain = offlineToolchain();
console.log(
  `\ngenerate → codegen → tsc --noEmit (ecommerce fixture${toolchain.offline ? ", network namespace without interfaces" : ""}): ${toolchain.ok ? "passes" : `FAILS ${toolchain.detail}`} in ${(toolchain.ms / 1000).toFixed(1)} s`,
);

// Install warnings: dependencies whose engines exclude this Node, and what a dry-run install prints.
const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string; engines?: { node?: string } }>;
};
const badEngines = Object.entries(lock.packages).filter(
  ([k, p]) => k && p.engines?.node && !satisfies(process.versions.node, p.engines.node),
);
const dry = spawnSync("npm", ["install", "--dry-run", "--no-audit", "--no-fund", "--ignore-scripts"], {
  cwd: ROOT,
  encoding: "utf8",
});
const warnings = (dry.stdout + dry.stderr).split("\n").filter((l) => /^npm warn/i.test(l));
console.log(
  `install: ${badEngines.length} locked packages exclude Node ${process.versions.node}${badEngines.length ? ` (${badEngines.map(([k]) => k.replace("node_modules/", "")).join(", ")})` : ""}; npm install --dry-run printed ${warnings.length} warning line(s)`,
);

// First visit of every dashboard page after `dev` announces its URL.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

async function dashboard(): Promise<{
  worst: number;
  pages: [string, number, number, number?][];
  browser: boolean;
} | null> {
  if (arg("--dashboard") < 0) return null;
  const data = mkdtempSync(path.join(os.tmpdir(), "sa-bench-dev-"));
  const port = 3400 + Math.floor(Math.random() * 200);
  const child = spawn(
    process.execPath,
    [CLI, "dev", "--port", String(port), "--backend-port", String(port + 300), "--data", data],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  try {
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.includes("Schema Assistant is running at")) resolve();
      });
      child.stderr.on("data", (c: Buffer) =>
        process.stderr.write(
          c
            .toString()
            .split("\n")
            .filter((l) => /error|Building|rebuilding/i.test(l))
            .map((l) => `  ${l}\n`)
            .join(""),
        ),
      );
      child.on("exit", (code) => reject(new Error(`dev exited with ${code} before printing its URL`)));
    });
    console.log(
      `\ndev printed its URL after ${((performance.now() - started) / 1000).toFixed(1)} s (a build, when the sources changed, comes first)`,
    );
    const pages: [string, number, number, number?][] = [];
    for (const p of pagePaths(ROOT)) {
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}${p}`, { redirect: "manual" });
      const html = await res.text();
      // A build reused across runs must still point the page at this run's backend.
      if (p === "/" && !html.includes(`127.0.0.1:${port + 300}`))
        throw new Error(`the dashboard's HTML does not name this run's backend (127.0.0.1:${port + 300})`);
      pages.push([p, res.status, performance.now() - t0]);
    }
    // The same pages in a browser, to the load event (scripts and styles included), when chromium is there.
    const browser = existsSync(CHROMIUM)
      ? await chromium.launch({
          executablePath: CHROMIUM,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        })
      : null;
    try {
      for (const entry of pages) {
        if (!browser) break;
        const page = await browser.newPage();
        const t0 = performance.now();
        await page.goto(`http://127.0.0.1:${port}${entry[0]}`, { waitUntil: "load" });
        entry.push(performance.now() - t0);
        await page.close();
      }
    } finally {
      await browser?.close();
    }
    return { worst: Math.max(...pages.map((p) => Math.max(p[2], p[3] ?? 0))), pages, browser: browser !== null };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(data, { recursive: true, force: true });
  }
}
const dash = await dashboard();
if (dash) {
  console.log(`first visit after the URL: HTTP GET${dash.browser ? "; then chromium to the load event" : ""}`);
  for (const [p, status, ms, load] of dash.pages)
    console.log(
      `  ${p.padEnd(36)} ${status}  ${ms.toFixed(0).padStart(5)} ms${load === undefined ? "" : `  ${load.toFixed(0).padStart(5)} ms`}`,
    );
}

const row = (measure: string, figure: string, goal: string, met: boolean) =>
  console.log(`| ${measure} | ${figure} | ${goal} | ${met ? "met" : "NOT met"} |`);
console.log("\n| measure | this run | goal | |\n| --- | --- | --- | --- |");
console.log(
  `(judged on ${loaded && TIME ? "CPU time: load average above the core count" : "wall time"}; node -e 0 took ${figure(base)})`,
);
row(
  "`schema-assistant --help`",
  `${figure(t["--help"])} (through tsx before: ${figure(tsxHelp)})`,
  "< 150 ms",
  judged(t["--help"]) < 150,
);
row(
  `\`analyze\` on a ${summary?.[1]}-table project, end to end`,
  figure(t.analyze),
  "< 500 ms",
  judged(t.analyze) < 500,
);
row(
  "`generate` → `codegen` → `tsc --noEmit`, offline",
  toolchain.ok ? `passes (${(toolchain.ms / 1000).toFixed(1)} s)` : "fails",
  "passes",
  toolchain.ok,
);
row(
  "first visit of any dashboard page after the URL is printed",
  dash
    ? `worst ${dash.worst.toFixed(0)} ms over ${dash.pages.length} pages${dash.browser ? " (HTTP and browser load)" : " (HTTP)"}`
    : "not measured (--dashboard)",
  "< 2 s",
  dash !== null && dash.worst < 2000,
);
row(
  "install warnings",
  `${badEngines.length} engine mismatches, ${warnings.length} warning lines`,
  "0",
  badEngines.length === 0 && warnings.length === 0,
);
