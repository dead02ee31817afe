/**
 * Builds the real-app eval sets and the learning corpus from mined material (eval/tools/mine.ts's OUT folder):
 *   npx tsx eval/tools/build-sets.ts MINED [--freeze-test]
 * - eval repositories: a non-template README whose description names at least two of the app's tables;
 *   each gives a "readme" design case, a "rewrite" one when the README lists features, and change requests;
 * - split by repository (seeded hash; ~40 % test), written to eval/real/dev.json; eval/real/test.json only with
 *   --freeze-test and only if it does not exist (the test set is frozen once: its sha256 is in eval/README.md);
 * - every other mined app with two or more tables, not a near-copy of an eval app → eval/learn/.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { emptySchema } from "../../lib/schema/model";
import { applyOperations } from "../../lib/schema/operations";
import { annotate } from "../real/annotate";
import type { ChangeCase, EvalSet } from "../real/cases";
import { changeCases } from "./changes";
import { describeFromReadme } from "./describe";
import { designCases, jaccard, userTableNames } from "./design-pairs";
import type { AppTruth } from "./truth";

const EVAL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SPLIT_SEED = "real-eval-split-2026-12-07";
const TEST_SHARE = 0.4;

export function setOf(repo: string): "dev" | "test" {
  const h = createHash("sha256").update(`${SPLIT_SEED}:${repo}`).digest();
  return h.readUInt32BE(0) / 2 ** 32 < TEST_SHARE ? "test" : "dev";
}

const [mined, ...flags] = process.argv.slice(2);
const freeze = flags.includes("--freeze-test");
const slugs = readdirSync(path.join(mined, "truth"))
  .map((f) => f.replace(/\.json$/, ""))
  .sort();
const sets: Record<"dev" | "test", EvalSet> = {
  dev: { set: "dev", apps: {}, design: [], change: [] },
  test: { set: "test", apps: {}, design: [], change: [] },
};
const testFile = path.join(EVAL, "real", "test.json");
// Once frozen, the test set's apps stay eval apps whatever is mined later: they and their near-copies never reach
// dev or the learning corpus, and a later app hashing to test is held out of everything.
const frozenTest = existsSync(testFile) ? (JSON.parse(readFileSync(testFile, "utf8")) as EvalSet) : null;
const evalTruths: AppTruth[] = frozenTest ? Object.values(frozenTest.apps) : [];
const rest: AppTruth[] = [];
for (const slug of slugs) {
  const truth = JSON.parse(readFileSync(path.join(mined, "truth", `${slug}.json`), "utf8")) as AppTruth;
  if (frozenTest?.apps[truth.repo]) continue;
  const names = userTableNames(truth);
  if (names.length < 2) continue;
  // Forks and tutorial copies: the same tables as an app already taken are the same app.
  if ([...evalTruths, ...rest].some((o) => jaccard(userTableNames(o), names) >= 0.8)) continue;
  const readmeFile = path.join(mined, "readme", `${slug}.md`);
  const description = existsSync(readmeFile) ? describeFromReadme(readFileSync(readmeFile, "utf8")) : null;
  const expect = description ? annotate(description, truth.tables) : null;
  if (!description || !expect || expect.tables.length < 2) {
    rest.push(truth);
    continue;
  }
  evalTruths.push(truth);
  // An eval app mined after the freeze that hashes to test joins neither set.
  if (frozenTest && setOf(truth.repo) === "test") continue;
  const set = sets[setOf(truth.repo)];
  set.apps[truth.repo] = truth;
  const meta = JSON.parse(readFileSync(path.join(mined, "meta", `${slug}.json`), "utf8")) as { packageName?: string };
  set.design.push(...designCases(slug, truth, description, expect, meta));
  // Change requests need a schema the project's model accepts as it is (no reference to a missing table).
  const model = { ...emptySchema(), tables: truth.tables };
  if (applyOperations(model, []).ok) {
    const changes: ChangeCase[] = changeCases(
      truth.repo,
      truth.tables,
      setOf(truth.repo),
      set.set === "dev" ? 5 : 3,
      set.set === "dev" ? 2 : 1,
    ).filter((c) => !c.expect.accept || c.expect.accept.every((alt) => applyOperations(model, alt).ok));
    set.change.push(...changes);
  }
}

// Near-copies of an eval app stay out of the learning corpus too.
const learn = rest.filter((t) => !evalTruths.some((e) => jaccard(userTableNames(e), userTableNames(t)) >= 0.5));
const learnDir = path.join(EVAL, "learn");
rmSync(learnDir, { recursive: true, force: true });
mkdirSync(learnDir, { recursive: true });
for (const t of learn) writeFileSync(path.join(learnDir, `${t.repo.replace("/", "+")}.json`), `${JSON.stringify(t)}\n`);
writeFileSync(path.join(learnDir, "repos.txt"), `${learn.map((t) => t.repo).join("\n")}\n`);
writeFileSync(path.join(EVAL, "real", "dev.json"), `${JSON.stringify(sets.dev)}\n`);
if (freeze && !existsSync(testFile)) writeFileSync(testFile, `${JSON.stringify(sets.test)}\n`);
// The eval's repositories: dev and the frozen test set (an app mined after the freeze that hashes to test is held out
// of both sets and of the learning corpus).
writeFileSync(
  path.join(EVAL, "real", "repos.txt"),
  `${[...Object.keys(sets.dev.apps), ...Object.keys((frozenTest ?? sets.test).apps)].sort().join("\n")}\n`,
);
const count = (s: EvalSet): string =>
  `${Object.keys(s.apps).length} apps, ${s.design.length} design, ${s.change.length} change`;
process.stdout.write(
  `dev: ${count(sets.dev)}\ntest: ${frozenTest ? `${count(frozenTest)} (frozen)` : `${count(sets.test)}${freeze ? "" : " (not written)"}`}\nlearn: ${learn.length} apps\n`,
);
