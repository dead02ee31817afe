/**
 * Merges into an object or an array, and renames that change the type (issue 20): each rule on a minimal schema.
 */
import { describe, expect, it } from "vitest";
import { generateMigrations } from "./codegen";
import { formatPlan } from "./format";
import { planMigration, planWithRenames } from "./plan";
import {
  candidateKey,
  failingResolver,
  fieldRenameCandidates,
  fixedResolver,
  mergeCandidates,
  RenameDecisionNeeded,
  resolveRenames,
} from "./renames";
import { combine, compileBackfill } from "./transform";
import { opt, req, schema, table, V } from "../testing/model";

const lit = (...xs: string[]) => V.union(...xs.map((x) => V.literal(x)));

describe("fields merged into an object", () => {
  // Members named after the object's name and their own (`fooKey` → foo.key), or by their own name.
  const from = schema(table("jobs", [req("title", V.string()), req("fooKey", V.string()), opt("fooArgs", V.any())]));
  const to = schema(
    table("jobs", [req("title", V.string()), opt("foo", V.object(req("key", V.string()), opt("args", V.any())))]),
  );

  it("is one merge candidate naming the member each source fills, and no add + drop question", async () => {
    const [c, ...rest] = mergeCandidates(from, to);
    expect(rest).toStrictEqual([]);
    expect([candidateKey(c), c.how, c.members]).toStrictEqual(["jobs.fooKey+fooArgs->foo", "object", ["key", "args"]]);
    expect(fieldRenameCandidates(from, to, [])).toStrictEqual([]);
    const asked: string[] = [];
    await resolveRenames(from, to, (x) => {
      asked.push(candidateKey(x));
      return "addDrop";
    });
    expect(asked).toStrictEqual(["jobs.fooKey+fooArgs->foo"]);
  });

  it("members with the sources' own names match too", () => {
    const a = schema(table("places", [req("street", V.string()), req("city", V.string())]));
    const b = schema(table("places", [req("address", V.object(req("street", V.string()), req("city", V.string())))]));
    expect(mergeCandidates(a, b).map((c) => [candidateKey(c), c.members])).toStrictEqual([
      ["places.street+city->address", ["street", "city"]],
    ]);
  });

  it("no candidate when a required member matches no dropped field, or only one member matches", () => {
    const a = schema(table("places", [req("street", V.string()), req("city", V.string())]));
    const missing = schema(
      table("places", [
        req("address", V.object(req("street", V.string()), req("city", V.string()), req("zip", V.string()))),
      ]),
    );
    const wrongType = schema(
      table("places", [req("address", V.object(req("street", V.string()), req("city", V.number())))]),
    );
    expect(mergeCandidates(a, missing)).toStrictEqual([]);
    expect(mergeCandidates(a, wrongType)).toStrictEqual([]);
  });

  it("a member named after the object and itself may change type when another member keeps it: a decision", async () => {
    const a = schema(table("jobs", [opt("fooKey", V.string()), opt("fooArgs", V.string())]));
    const b = schema(
      table("jobs", [opt("foo", V.object(req("key", V.string()), req("args", V.record(V.string(), V.string()))))]),
    );
    const [c] = mergeCandidates(a, b);
    expect([candidateKey(c), c.members, c.confidence]).toStrictEqual([
      "jobs.fooKey+fooArgs->foo",
      ["key", "args"],
      0.75,
    ]);
    expect(c.reasons.join("; ")).toContain(
      'member "args" is v.record(v.string(), v.string()), "fooArgs" was v.string()',
    );
    const plan = await planMigration(a, b, { resolver: fixedResolver(["jobs.fooKey+fooArgs->foo"]) });
    expect(plan.decisions.map((d) => d.field)).toStrictEqual(["foo"]);
    // Names alone are not enough: with no member holding its source as it is, no candidate.
    const none = schema(table("jobs", [opt("foo", V.object(req("key", V.number()), req("args", V.number())))]));
    expect(mergeCandidates(a, none)).toStrictEqual([]);
  });

  it("confirmed, the backfill builds the object from the old fields, then drops them", async () => {
    const renames = await resolveRenames(from, to, fixedResolver(["jobs.fooKey+fooArgs->foo"]));
    const plan = planWithRenames(from, to, renames);
    expect(
      plan.changes.filter((c) => c.kind === "mergeFields").map((c) => c.kind === "mergeFields" && c.members),
    ).toStrictEqual([["key", "args"]]);
    expect(plan.risks.map((r) => r.code)).not.toContain("MR102");
    expect(plan.decisions).toStrictEqual([]);
    const step = plan.phases[1].steps.find((s) => s.kind === "backfill");
    if (step?.kind !== "backfill") throw new Error("no backfill");
    const run = compileBackfill(to.tables[0], step.fields);
    expect(run({ title: "t", fooKey: "k", fooArgs: { n: 1 } })).toStrictEqual({ foo: { key: "k", args: { n: 1 } } });
    expect(run({ title: "t", fooKey: "k" })).toStrictEqual({ foo: { key: "k" } });
    expect(run({ title: "t" })).toBeNull();
    expect(formatPlan(plan)).toContain("foo ← object { key: fooKey, args: fooArgs } when missing");
    expect(plan.warnings.join("\n")).toContain('combined into "foo" (an object { key: fooKey, args: fooArgs })');
    const code = generateMigrations(plan).code;
    expect(code).toContain('[["key", doc.fooKey], ["args", doc.fooArgs]]');
  });
});

describe("same-typed fields merged into an array", () => {
  const from = schema(
    table("pairs", [req("leftPhoto", V.string()), opt("rightPhoto", V.string()), req("photoCount", V.number())]),
  );
  const to = schema(table("pairs", [req("photos", V.array(V.string())), req("photoCount", V.number())]));

  it("is one merge candidate collecting them in the old order; a field of another type is left out", () => {
    expect(mergeCandidates(from, to).map((c) => [candidateKey(c), c.how])).toStrictEqual([
      ["pairs.leftPhoto+rightPhoto->photos", "array"],
    ]);
  });

  it("numbered names count, a single field does not", () => {
    const a = schema(table("t", [opt("slot1", V.number()), opt("slot2", V.number()), opt("slot3", V.number())]));
    const b = schema(table("t", [req("slots", V.array(V.number()))]));
    expect(mergeCandidates(a, b).map(candidateKey)).toStrictEqual(["t.slot1+slot2+slot3->slots"]);
    const one = schema(table("t", [opt("slot1", V.number()), opt("other", V.number())]));
    expect(mergeCandidates(one, b)).toStrictEqual([]);
  });

  it("confirmed, the backfill collects the values set, in order, skipping unset ones", async () => {
    const renames = await resolveRenames(from, to, fixedResolver(["pairs.leftPhoto+rightPhoto->photos"]));
    const plan = planWithRenames(from, to, renames);
    const step = plan.phases[1].steps.find((s) => s.kind === "backfill");
    if (step?.kind !== "backfill") throw new Error("no backfill");
    const run = compileBackfill(to.tables[0], step.fields);
    expect(run({ leftPhoto: "a", rightPhoto: "b", photoCount: 2 })).toStrictEqual({ photos: ["a", "b"] });
    expect(run({ leftPhoto: "a", photoCount: 1 })).toStrictEqual({ photos: ["a"] });
    expect(combine("array", [undefined, undefined])).toBeUndefined();
    expect(generateMigrations(plan).code).toContain("[doc.leftPhoto, doc.rightPhoto].filter((x) => x !== undefined)");
  });

  it("non-interactive runs stop with the merge's key; never applied unasked", async () => {
    const run = () => planMigration(from, to, { resolver: failingResolver });
    await expect(run()).rejects.toBeInstanceOf(RenameDecisionNeeded);
    await expect(run()).rejects.toThrow('--rename "pairs.leftPhoto+rightPhoto->photos" to combine them');
    const plan = await planMigration(from, to, { resolver: fixedResolver([]) });
    expect(plan.changes.map((c) => c.kind)).toContain("dropField");
  });
});

describe("a rename that changes the type", () => {
  const from = schema(table("steps", [req("name", V.string()), req("status", lit("todo", "done"))]));
  const to = schema(table("steps", [req("name", V.string()), req("state", lit("todo", "running", "done"))]));

  it("close names with different types are a rename candidate that says what the values need", () => {
    const [c, ...rest] = fieldRenameCandidates(from, to, []);
    expect(rest).toStrictEqual([]);
    expect(candidateKey(c)).toBe("steps.status->state");
    expect(c.confidence).toBeGreaterThanOrEqual(0.6);
    // A literal set into a wider one fits as it is; into an unrelated one needs a conversion or a default.
    const other = schema(table("steps", [req("name", V.string()), req("state", lit("open", "closed"))]));
    const [d] = fieldRenameCandidates(from, other, []);
    expect(candidateKey(d)).toBe("steps.status->state");
    expect(d.reasons.at(-1)).toContain("need a conversion or a default");
  });

  it("confirmed, it is a rename with the type change's backfill, never add + drop", async () => {
    const other = schema(table("steps", [req("name", V.string()), req("state", lit("open", "closed"))]));
    const plan = await planMigration(from, other, { resolver: fixedResolver(["steps.status->state"]) });
    expect(plan.changes.some((c) => c.kind === "renameField" && c.from === "status" && c.to === "state")).toBe(true);
    expect(plan.changes.some((c) => c.kind === "dropField" || c.kind === "addField")).toBe(false);
    expect(plan.decisions.map((d) => d.field)).toStrictEqual(["state"]);
    // With a default, values that do not fit get it; none is lost with the old field.
    const chosen = await planMigration(from, other, {
      resolver: fixedResolver(["steps.status->state"]),
      defaults: { "steps.state": "open" },
    });
    const step = chosen.phases[1].steps.find((s) => s.kind === "backfill");
    if (step?.kind !== "backfill") throw new Error("no backfill");
    expect(compileBackfill(other.tables[0], step.fields)({ name: "n", status: "todo" })).toStrictEqual({
      state: "open",
    });
  });

  it("a single value into a list is renamed and wrapped", async () => {
    const a = schema(table("posts", [req("tag", V.string())]));
    const b = schema(table("posts", [req("tags", V.array(V.string()))]));
    const [c] = fieldRenameCandidates(a, b, []);
    expect(c.reasons.at(-1)).toContain("values converted (wrapArray)");
    const plan = await planMigration(a, b, { resolver: fixedResolver(["posts.tag->tags"]) });
    const step = plan.phases[1].steps.find((s) => s.kind === "backfill");
    if (step?.kind !== "backfill") throw new Error("no backfill");
    expect(compileBackfill(b.tables[0], step.fields)({ tag: "x" })).toStrictEqual({ tags: ["x"] });
  });

  it("a value turned into an object or a record with no conversion is a new structure, not a rename", () => {
    const a = schema(table("t", [req("setting", V.string())]));
    const b = schema(table("t", [req("settings", V.object(req("theme", V.string())))]));
    expect(fieldRenameCandidates(a, b, [])).toStrictEqual([]);
    // An object whose members changed keeps its kind: still a candidate.
    const c = schema(table("t", [req("setting", V.object(req("kind", V.string())))]));
    const d = schema(table("t", [req("settings", V.object(req("type", V.string()), req("on", V.boolean())))]));
    expect(fieldRenameCandidates(c, d, []).map(candidateKey)).toStrictEqual(["t.setting->settings"]);
  });

  it("distant names with different types stay add + drop without a question", () => {
    const a = schema(table("t", [req("title", V.string())]));
    const b = schema(table("t", [req("count", V.number())]));
    expect(fieldRenameCandidates(a, b, [])).toStrictEqual([]);
  });
});
