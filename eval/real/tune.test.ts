/**
 * The second design tuning set (eval/README.md, "Design tuning set"): README description → real schema pairs from
 * public Convex apps in none of the eval's other lists, for tuning the designer on more real wording than dev half a.
 * Not frozen (it may be rebuilt with eval/tools/build-design-set.ts tune); these properties must always hold (figures come
 * from `npx tsx eval/run-real-eval.ts --set tune`).
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { emptySchema } from "../../lib/schema/model";
import { TUNE_DESIGN_FILE, loadSet, loadSetFile } from "../run-real-eval";
import { jaccard, userTableNames } from "../tools/design-pairs";
import type { AppTruth } from "../tools/truth";
import { convexErrors } from "./convex-check";

const EVAL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tune = loadSetFile(TUNE_DESIGN_FILE);
const lines = (file: string): string[] => readFileSync(path.join(EVAL, file), "utf8").split("\n").filter(Boolean);
const learnApps = readdirSync(path.join(EVAL, "learn"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(path.join(EVAL, "learn", f), "utf8")) as AppTruth);

describe("design tuning set", () => {
  it("holds at least 80 design pairs from 50 repositories, design cases only, listed in tune-repos.txt", () => {
    expect(tune.set).toBe("tune");
    expect(tune.change).toEqual([]);
    expect(tune.design.length).toBeGreaterThanOrEqual(80);
    const repos = new Set(tune.design.map((c) => c.repo));
    expect(repos.size).toBeGreaterThanOrEqual(50);
    expect(new Set(tune.design.map((c) => c.id)).size).toBe(tune.design.length);
    for (const c of tune.design) {
      expect(tune.apps[c.repo], c.id).toBeDefined();
      expect(c.expect.tables.length, c.id).toBeGreaterThanOrEqual(2);
    }
    expect(lines("real/tune-repos.txt")).toEqual(Object.keys(tune.apps).sort());
  });

  it("shares no repository with any other list, and holds no near-copy of an eval or learning-corpus app", () => {
    const dev = loadSet("dev");
    const test = loadSet("test");
    const fresh = loadSetFile(path.join(EVAL, "real", "fresh.json"));
    const changeSets = readdirSync(path.join(EVAL, "real"))
      .filter((f) => /^fresh-changes-.*\.json$/.test(f))
      .map((f) => loadSetFile(path.join(EVAL, "real", f)));
    const docs = readFileSync(path.join(EVAL, "..", "docs", "real-world-results.md"), "utf8").toLowerCase();
    const others = new Set(
      [
        ...lines("real/repos.txt"),
        ...lines("real/fresh-repos.txt"),
        ...lines("learn/repos.txt"),
        ...[dev, test, fresh, ...changeSets].flatMap((s) => Object.keys(s.apps ?? {})),
        ...learnApps.map((t) => t.repo),
      ].map((r) => r.toLowerCase()),
    );
    const apps = Object.values(tune.apps);
    expect(
      apps.map((a) => a.repo).filter((r) => others.has(r.toLowerCase()) || docs.includes(r.toLowerCase())),
    ).toEqual([]);
    const evalApps = [...Object.values(dev.apps), ...Object.values(test.apps), ...Object.values(fresh.apps)];
    for (const a of apps) {
      const names = userTableNames(a);
      // Counts only: the holdouts' apps are not named here.
      expect(evalApps.filter((e) => jaccard(userTableNames(e), names) >= 0.8).length, a.repo).toBe(0);
      expect(
        learnApps.filter((e) => jaccard(userTableNames(e), names) >= 0.5).map((e) => e.repo),
        a.repo,
      ).toEqual([]);
      expect(
        apps.filter((o) => o !== a && jaccard(userTableNames(o), names) >= 0.8).map((o) => o.repo),
        a.repo,
      ).toEqual([]);
    }
  });

  it("every app's truth runs under convex", async () => {
    const apps = Object.values(tune.apps);
    const errors = await convexErrors(apps.map((a) => ({ ...emptySchema(), tables: a.tables })));
    expect(errors.map((e, i) => (e ? `${apps[i].repo}: ${e}` : null)).filter(Boolean)).toEqual([]);
  }, 180_000);
});
