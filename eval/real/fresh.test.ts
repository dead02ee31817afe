/**
 * The fresh design holdout (eval/README.md, "Fresh design holdout"): design pairs from public Convex apps in none of
 * the eval's other lists, to measure the designer's generalisation without touching the frozen test set. Its data
 * is frozen by hash; these are the properties that must always hold (figures come from
 * `npx tsx eval/run-real-eval.ts --set fresh`).
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { emptySchema } from "../../lib/schema/model";
import { loadSet } from "../run-real-eval";
import { jaccard, userTableNames } from "../tools/design-pairs";
import type { AppTruth } from "../tools/truth";
import type { EvalSet } from "./cases";
import { convexErrors } from "./convex-check";

const EVAL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FILE = path.join(EVAL, "real", "fresh.json");
const fresh = JSON.parse(readFileSync(FILE, "utf8")) as EvalSet;
const lines = (file: string): string[] => readFileSync(path.join(EVAL, file), "utf8").split("\n").filter(Boolean);
const learnApps = readdirSync(path.join(EVAL, "learn"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(path.join(EVAL, "learn", f), "utf8")) as AppTruth);

describe("fresh design holdout", () => {
  it("is the file whose sha256 eval/README.md records", () => {
    const recorded = /fresh set sha256: `([0-9a-f]{64})`/.exec(readFileSync(path.join(EVAL, "README.md"), "utf8"))?.[1];
    expect(createHash("sha256").update(readFileSync(FILE)).digest("hex")).toBe(recorded);
  });

  it("holds at least 40 design pairs from 30 repositories, design cases only, listed in fresh-repos.txt", () => {
    expect(fresh.set).toBe("fresh");
    expect(fresh.change).toEqual([]);
    expect(fresh.design.length).toBeGreaterThanOrEqual(40);
    const repos = new Set(fresh.design.map((c) => c.repo));
    expect(repos.size).toBeGreaterThanOrEqual(30);
    for (const c of fresh.design) {
      expect(fresh.apps[c.repo], c.id).toBeDefined();
      expect(c.expect.tables.length, c.id).toBeGreaterThanOrEqual(2);
    }
    expect(lines("real/fresh-repos.txt")).toEqual(Object.keys(fresh.apps).sort());
  });

  it("shares no repository with dev, test or the learning corpus, and holds no near-copy of their apps", () => {
    const dev = loadSet("dev");
    const test = loadSet("test");
    const others = new Set(
      [
        ...lines("real/repos.txt"),
        ...lines("learn/repos.txt"),
        ...Object.keys(dev.apps),
        ...Object.keys(test.apps),
        ...learnApps.map((t) => t.repo),
      ].map((r) => r.toLowerCase()),
    );
    const apps = Object.values(fresh.apps);
    expect(apps.map((a) => a.repo).filter((r) => others.has(r.toLowerCase()))).toEqual([]);
    const evalApps = [...Object.values(dev.apps), ...Object.values(test.apps)];
    for (const a of apps) {
      const names = userTableNames(a);
      expect(
        evalApps.filter((e) => jaccard(userTableNames(e), names) >= 0.8).map((e) => e.repo),
        a.repo,
      ).toEqual([]);
      expect(
        learnApps.filter((e) => jaccard(userTableNames(e), names) >= 0.5).map((e) => e.repo),
        a.repo,
      ).toEqual([]);
    }
  });

  it("every app's truth runs under convex", async () => {
    const apps = Object.values(fresh.apps);
    const errors = await convexErrors(apps.map((a) => ({ ...emptySchema(), tables: a.tables })));
    expect(errors.map((e, i) => (e ? `${apps[i].repo}: ${e}` : null)).filter(Boolean)).toEqual([]);
  }, 120_000);
});
