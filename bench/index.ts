/**
 * `npm run bench`: runs every benchmark (each `bench/*.ts` but this file; shared helpers live in bench/lib/) one
 * after another, each printing its own figures. `npm run bench -- analyze migrate` runs only those.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dir = path.dirname(fileURLToPath(import.meta.url));
const all = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "index.ts" && !f.endsWith(".test.ts"))
  .map((f) => f.slice(0, -3))
  .sort();
const names = process.argv.length > 2 ? process.argv.slice(2) : all;
let failed = 0;
for (const name of names) {
  if (!all.includes(name)) {
    console.error(`No benchmark "${name}"; there are: ${all.join(", ")}.`);
    failed++;
    continue;
  }
  console.log(`\n=== bench/${name}.ts ===`);
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, `${name}.ts`)], { stdio: "inherit" });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
