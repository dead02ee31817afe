#!/usr/bin/env node
// `npm test`: lint and architecture check, type-check, unit/integration tests, browser tests — in that order, stopping
// at the first failure — then each step's time and the total, with the machine's load (a loaded 2-core machine runs
// everything slower).
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const STEPS = [
  ["npm run check", ["npm", "run", "check"]],
  ["tsc --noEmit", ["tsc", "--noEmit", "-p", "."]],
  ["vitest run", ["vitest", "run"]],
  ["playwright test", ["playwright", "test"]],
];

const load = () => loadavg()[0].toFixed(1);
const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;
const startLoad = load();
const started = performance.now();
const times = [];
let status = 0;
for (const [name, [bin, ...args]] of STEPS) {
  const t0 = performance.now();
  const command = bin === "npm" ? bin : path.join(ROOT, "node_modules/.bin", bin);
  const r = spawnSync(command, args, { cwd: ROOT, stdio: "inherit" });
  times.push(`${name} ${seconds(performance.now() - t0)}`);
  status = r.status ?? 1;
  if (status !== 0) {
    times[times.length - 1] += r.signal ? ` (killed by ${r.signal})` : " (failed)";
    break;
  }
}
const total = performance.now() - started;
process.stdout.write(
  `\nnpm test: ${status === 0 ? "passed" : "FAILED"} in ${seconds(total)} (${(total / 60_000).toFixed(1)} min) — ${times.join(", ")}; load average ${startLoad} at the start, ${load()} at the end\n`,
);
process.exit(status);
