/**
 * The real-app eval's data and invariants (eval/README.md). Figures are not asserted here: they are reported by
 * `npx tsx eval/run-real-eval.ts`; these are the properties that must always hold.
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { designFromRequest } from "../../lib/assistant/designer/index";
import { emptySchema } from "../../lib/schema/model";
import { applyOperations } from "../../lib/schema/operations";
import { loadSet } from "../run-real-eval";
import type { AppTruth } from "../tools/truth";
import { convexErrors } from "./convex-check";
import { runRealEval } from "./score";

const EVAL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = loadSet("dev");
const test = loadSet("test");
const lines = (file: string): string[] => readFileSync(path.join(EVAL, file), "utf8").split("\n").filter(Boolean);

describe("real-app eval data", () => {
  it("the frozen test set is the one whose sha256 eval/README.md records", () => {
    const recorded = /test set sha256: `([0-9a-f]{64})`/.exec(readFileSync(path.join(EVAL, "README.md"), "utf8"))?.[1];
    const actual = createHash("sha256")
      .update(readFileSync(path.join(EVAL, "real", "test.json")))
      .digest("hex");
    expect(actual).toBe(recorded);
  });

  it("has at least 150 design pairs from 100 repositories and 150 change requests, split by repository", () => {
    const repos = new Set([...dev.design, ...test.design].map((c) => c.repo));
    expect(dev.design.length + test.design.length).toBeGreaterThanOrEqual(150);
    expect(repos.size).toBeGreaterThanOrEqual(100);
    expect(dev.change.length + test.change.length).toBeGreaterThanOrEqual(150);
    const devRepos = new Set(Object.keys(dev.apps));
    expect(Object.keys(test.apps).filter((r) => devRepos.has(r))).toEqual([]);
    for (const s of [dev, test]) for (const c of [...s.design, ...s.change]) expect(s.apps[c.repo], c.id).toBeDefined();
    for (const kind of ["offTopic", "alreadyDone", "contradictory", "ambiguous"])
      expect(
        test.change.some((c) => c.category === kind),
        kind,
      ).toBe(true);
  });

  it("the learning corpus shares no repository with the eval and holds 150 apps or more", () => {
    const learn = lines("learn/repos.txt");
    const evalRepos = new Set([...lines("real/repos.txt"), ...Object.keys(dev.apps), ...Object.keys(test.apps)]);
    expect(learn.length).toBeGreaterThanOrEqual(150);
    expect(learn.filter((r) => evalRepos.has(r))).toEqual([]);
    const files = readdirSync(path.join(EVAL, "learn")).filter((f) => f.endsWith(".json"));
    expect(files.length).toBe(learn.length);
    for (const f of files) {
      const t = JSON.parse(readFileSync(path.join(EVAL, "learn", f), "utf8")) as AppTruth;
      expect(evalRepos.has(t.repo), t.repo).toBe(false);
    }
  });

  it("every expected operation list applies to its app's real schema, and every app's truth runs under convex", async () => {
    for (const s of [dev, test]) {
      for (const c of s.change) {
        const schema = { ...emptySchema(), tables: s.apps[c.repo].tables };
        for (const alt of c.expect.accept ?? [])
          expect(applyOperations(schema, alt).ok, `${c.id}: ${c.request}`).toBe(true);
      }
    }
    const apps = [...Object.values(dev.apps), ...Object.values(test.apps)];
    const errors = await convexErrors(apps.map((a) => ({ ...emptySchema(), tables: a.tables })));
    expect(errors.map((e, i) => (e ? `${apps[i].repo}: ${e}` : null)).filter(Boolean)).toEqual([]);
  });
});

describe("the whole real-app eval through the deterministic designer", () => {
  it("keeps the invariants: Convex accepts every schema it produces, no empty table, off-topic gives no operation", async () => {
    for (const set of [dev, test]) {
      const s = await runRealEval(set, (request, schema) => designFromRequest(request, schema, { history: [] }));
      expect(s.design.length + s.change.length).toBe(set.design.length + set.change.length);
      // Only counts are reported: the test set's failing cases are not for reading. A proposal whose own operations
      // do not apply (valid: false) leaves the schema unchanged and is counted by the figures, not here.
      expect(s.design.filter((d) => d.convexError !== null).length, `${set.set}: designs Convex rejects`).toBe(0);
      expect(s.change.filter((c) => c.convexError !== null).length, `${set.set}: change results Convex rejects`).toBe(
        0,
      );
      expect(
        s.design.reduce((a, d) => a + d.emptyTables, 0) + s.change.reduce((a, c) => a + c.emptyTables, 0),
        `${set.set}: empty tables`,
      ).toBe(0);
      expect(
        s.change.filter((c) => c.category === "offTopic" && c.operations > 0).length,
        `${set.set}: off-topic requests with operations`,
      ).toBe(0);
    }
  }, 120_000);
});
