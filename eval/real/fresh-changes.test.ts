/**
 * The fresh change requests (eval/README.md, "Fresh wordings (session 18)"): written apart from the reader, split by
 * a seeded hash of each request's text into a tuning half (a) and a holdout (b). Figures are not asserted here
 * (`npx tsx eval/run-real-eval.ts --set fresh-a|fresh-b --by-kind`); these are the properties that must hold.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { emptySchema, type SchemaModel } from "../../lib/schema/model";
import { applyOperations } from "../../lib/schema/operations";
import { FRESH_FILES, isHoldout, loadSetFile } from "../run-real-eval";
import { convexErrors } from "./convex-check";
import { canonical } from "./score";

const EVAL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const a = loadSetFile(FRESH_FILES["fresh-a"]);
const b = loadSetFile(FRESH_FILES["fresh-b"]);
/** A second tuning set (issue 17), written later by another writer who did not see a's or b's wordings. */
const c = loadSetFile(FRESH_FILES["fresh-c"]);
/** A third tuning set (issue 17), by a writer who saw none of a's, b's or c's wordings nor the reader. */
const d = loadSetFile(FRESH_FILES["fresh-d"]);
const halfOfText = (request: string): "a" | "b" => {
  const d = createHash("sha256").update(`fresh-changes-session-18:${request}`).digest();
  return (d[d.length - 1] ?? 0) % 2 === 0 ? "a" : "b";
};

describe("fresh change requests", () => {
  it("the holdout (fresh-changes-b.json) is the one whose sha256 eval/README.md records", () => {
    const recorded = /fresh-b sha256: `([0-9a-f]{64})`/.exec(readFileSync(path.join(EVAL, "README.md"), "utf8"))?.[1];
    const actual = createHash("sha256").update(readFileSync(FRESH_FILES["fresh-b"])).digest("hex");
    expect(actual).toBe(recorded);
  });

  it("the runner treats b as a holdout (--verbose refuses it, by its set name or its file) and a as tuning", () => {
    expect(isHoldout(b, FRESH_FILES["fresh-b"])).toBe(true);
    expect(isHoldout(b)).toBe(true);
    expect(isHoldout({ ...b, set: "dev" }, FRESH_FILES["fresh-b"])).toBe(true);
    expect(isHoldout(a, FRESH_FILES["fresh-a"])).toBe(false);
    expect(isHoldout(c, FRESH_FILES["fresh-c"])).toBe(false);
    expect(isHoldout(d, FRESH_FILES["fresh-d"])).toBe(false);
  });

  const KINDS = [
    "setOptional",
    "setRequired",
    "renameField",
    "renameTable",
    "addField",
    "addRelation",
    "addIndex",
    "softDelete",
    "enumNew",
    "enumExtend",
    "search",
    "removeField",
    "split",
    "merge",
    "offTopic",
    "alreadyDone",
    "contradictory",
    "ambiguous",
  ];

  it.each([
    { set: c, name: "fresh-c", least: 250, twoChanges: 1 },
    { set: d, name: "fresh-d", least: 300, twoChanges: 10 },
  ])(
    "$name holds at least $least requests of every kind, with unique ids and texts, on apps it carries",
    ({ set, name, least, twoChanges }) => {
      expect(set.set as string).toBe(name);
      expect(set.change.length).toBeGreaterThanOrEqual(least);
      expect(new Set(set.change.map((x) => x.id)).size).toBe(set.change.length);
      expect(new Set(set.change.map((x) => x.request)).size).toBe(set.change.length);
      for (const x of set.change) expect(set.apps[x.repo], x.id).toBeDefined();
      // Its truth references a table it lacks, so no operation applies to it.
      expect(set.apps["0xherve/chiron"]).toBeUndefined();
      const kinds = new Set<string>(set.change.map((x) => x.category));
      for (const kind of KINDS) expect(kinds.has(kind), kind).toBe(true);
      expect(set.change.filter((x) => x.id.includes("&")).length).toBeGreaterThanOrEqual(twoChanges);
    },
  );

  it("holds at least 300 requests, split by the hash of their text, none in both halves", () => {
    expect(a.change.length + b.change.length).toBeGreaterThanOrEqual(300);
    expect(a.set as string).toBe("fresh-a");
    expect(b.set as string).toBe("fresh-b");
    for (const c of a.change) expect(halfOfText(c.request), c.id).toBe("a");
    for (const c of b.change) expect(halfOfText(c.request), c.id).toBe("b");
    const texts = new Set(a.change.map((c) => c.request));
    expect(b.change.filter((c) => texts.has(c.request))).toEqual([]);
    for (const s of [a, b]) for (const c of s.change) expect(s.apps[c.repo], c.id).toBeDefined();
    for (const kind of ["offTopic", "alreadyDone", "contradictory", "ambiguous", "merge", "split", "addRelation"])
      expect(
        b.change.some((c) => c.category === kind),
        kind,
      ).toBe(true);
  });

  it("every expected operation list applies to its app's schema, changes it, and the result runs under convex", async () => {
    const results: Array<{ id: string; schema: SchemaModel }> = [];
    for (const s of [a, b, c, d]) {
      for (const x of s.change) {
        const schema = { ...emptySchema(), tables: s.apps[x.repo].tables };
        expect(Boolean(x.expect.accept) !== Boolean(x.expect.noOp), x.id).toBe(true);
        for (const alt of x.expect.accept ?? []) {
          const r = applyOperations(schema, alt);
          expect(r.ok, `${x.id}: ${x.request}`).toBe(true);
          if (!r.ok) continue;
          expect(canonical(r.schema), `${x.id} changes nothing`).not.toBe(canonical(schema));
          results.push({ id: x.id, schema: r.schema });
        }
      }
    }
    const errors = await convexErrors(results.map((r) => r.schema));
    expect(errors.map((e, i) => (e ? `${results[i].id}: ${e}` : null)).filter(Boolean)).toEqual([]);
  }, 240_000);
});
