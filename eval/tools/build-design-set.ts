/**
 * Builds a design set from mined material (eval/tools/mine.ts's OUT folder) of repositories in none of the eval's
 * lists: the fresh design holdout (eval/README.md, "Fresh design holdout") or the design tuning set ("Design tuning
 * set").
 *   npx tsx eval/tools/build-design-set.ts fresh|tune MINED [OUT]
 *     (OUT: eval/real/fresh.json or eval/real/tune-designs.json; its repositories → fresh-repos.txt / tune-repos.txt)
 * The same keep rule as build-sets.ts, design cases only: a non-template README whose description names at least two
 * of the app's tables. Left out: repositories of dev, test, the learning corpus and docs/real-world-results.md,
 * Convex's own examples and components (get-convex), and near-copies: table names overlapping ≥ 80 % with an eval
 * app or an app already taken, ≥ 50 % with a learning-corpus app. The tuning set also leaves out the fresh holdout
 * and the fresh change-request sets (read here, never printed). Only counts are printed; it writes no other set.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { annotate } from "../real/annotate";
import type { EvalSet } from "../real/cases";
import { describeFromReadme } from "./describe";
import { designCases, jaccard, userTableNames } from "./design-pairs";
import type { AppTruth } from "./truth";

const EVAL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const read = (...p: string[]): string => readFileSync(path.join(...p), "utf8");
const lines = (file: string): string[] => read(EVAL, file).split("\n").filter(Boolean);

const [setName, mined, outArg] = process.argv.slice(2);
if ((setName !== "fresh" && setName !== "tune") || !mined)
  throw new Error("usage: build-design-set.ts fresh|tune MINED [OUT]");
const tuning = setName === "tune";
const out = outArg ?? path.join(EVAL, "real", tuning ? "tune-designs.json" : "fresh.json");

const setApps = (file: string): AppTruth[] =>
  Object.values((JSON.parse(read(EVAL, "real", file)) as EvalSet).apps ?? {});
// dev, test (and for tuning the fresh holdout): their apps and near-copies stay out (read here, never printed).
const evalApps = [...setApps("dev.json"), ...setApps("test.json"), ...(tuning ? setApps("fresh.json") : [])];
const changeApps = tuning
  ? readdirSync(path.join(EVAL, "real"))
      .filter((f) => /^fresh-changes-.*\.json$/.test(f))
      .flatMap(setApps)
  : [];
const learnApps = readdirSync(path.join(EVAL, "learn"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(read(EVAL, "learn", f)) as AppTruth);
const listed = new Set(
  [
    ...lines("real/repos.txt"),
    ...(tuning ? lines("real/fresh-repos.txt") : []),
    ...lines("learn/repos.txt"),
    ...evalApps.map((a) => a.repo),
    ...changeApps.map((a) => a.repo),
    ...learnApps.map((a) => a.repo),
  ].map((r) => r.toLowerCase()),
);
const docs = read(EVAL, "..", "docs", "real-world-results.md").toLowerCase();

const built: EvalSet = { set: setName, apps: {}, design: [], change: [] };
const taken: AppTruth[] = [];
const skipped: Record<string, number> = {};
const skip = (why: string): void => {
  skipped[why] = (skipped[why] ?? 0) + 1;
};
const slugs = readdirSync(path.join(mined, "truth"))
  .map((f) => f.replace(/\.json$/, ""))
  .sort();
for (const slug of slugs) {
  const truth = JSON.parse(read(mined, "truth", `${slug}.json`)) as AppTruth;
  const repo = truth.repo.toLowerCase();
  if (listed.has(repo) || docs.includes(repo)) {
    skip("in an existing list");
    continue;
  }
  if (repo.startsWith("get-convex/")) {
    skip("Convex's own example or component");
    continue;
  }
  const names = userTableNames(truth);
  if (names.length < 2) {
    skip("fewer than 2 tables");
    continue;
  }
  if ([...evalApps, ...taken].some((o) => jaccard(userTableNames(o), names) >= 0.8)) {
    skip("near-copy of an eval app or of an app already taken");
    continue;
  }
  if (learnApps.some((o) => jaccard(userTableNames(o), names) >= 0.5)) {
    skip("near-copy of a learning-corpus app");
    continue;
  }
  const readmeFile = path.join(mined, "readme", `${slug}.md`);
  const description = existsSync(readmeFile) ? describeFromReadme(read(readmeFile)) : null;
  if (!description) {
    skip("no README, a template README or too little prose");
    continue;
  }
  const expect = annotate(description, truth.tables);
  if (expect.tables.length < 2) {
    skip("description names fewer than 2 tables");
    continue;
  }
  taken.push(truth);
  built.apps[truth.repo] = truth;
  const meta = JSON.parse(read(mined, "meta", `${slug}.json`)) as { packageName?: string };
  built.design.push(...designCases(slug, truth, description, expect, meta));
}

writeFileSync(out, `${JSON.stringify(built)}\n`);
writeFileSync(path.join(path.dirname(out), `${setName}-repos.txt`), `${Object.keys(built.apps).sort().join("\n")}\n`);
process.stdout.write(
  `${setName}: ${Object.keys(built.apps).length} apps, ${built.design.length} design cases (of ${slugs.length} mined)\n${Object.entries(
    skipped,
  )
    .map(([why, n]) => `  left out, ${why}: ${n}`)
    .join("\n")}\n`,
);
