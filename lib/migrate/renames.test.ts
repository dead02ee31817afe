import { describe, expect, it } from "vitest";
import type { RenameCandidate } from "./changes";
import { failingResolver, fieldRenameCandidates, fixedResolver, nameSimilarity, RenameDecisionNeeded, resolveRenames, tableRenameCandidates } from "./renames";
import { opt, req, schema, table, V } from "./testkit";

describe("rename candidates", () => {
  const from = schema(table("users", [req("name", V.string()), req("age", V.number())]));
  const to = schema(table("users", [req("fullName", V.string()), req("age", V.number())]));

  it("01 similar name, same type → candidate", () => {
    const c = fieldRenameCandidates(from, to, []);
    expect(c.map((x) => [x.table, x.from, x.to])).toStrictEqual([["users", "name", "fullName"]]);
    expect(c[0].confidence).toBeGreaterThan(0.7);
  });
  it("02 unrelated name and type → no candidate", () => {
    const a = schema(table("t", [req("title", V.string())]));
    const b = schema(table("t", [req("count", V.number())]));
    expect(fieldRenameCandidates(a, b, [])).toStrictEqual([]);
  });
  it("03 sampled data raises confidence", () => {
    const a = schema(table("t", [req("title", V.string())]));
    const b = schema(table("t", [req("heading", V.string())]));
    const without = fieldRenameCandidates(a, b, [], { threshold: 0 })[0].confidence;
    const docs = [{ title: "x" }, { title: "y" }];
    const withData = fieldRenameCandidates(a, b, [], { threshold: 0, samples: { from: { t: docs }, to: { t: [{ heading: "x" }, { heading: "y" }] } } })[0].confidence;
    expect(withData).toBeGreaterThan(without);
  });
  it("04 table rename by shape", () => {
    const a = schema(table("posts", [req("title", V.string()), req("body", V.string())]));
    const b = schema(table("articles", [req("title", V.string()), req("body", V.string())]));
    expect(tableRenameCandidates(a, b).map((c) => [c.from, c.to])).toStrictEqual([["posts", "articles"]]);
  });
  it("05 name similarity uses tokens and singulars", () => {
    expect(nameSimilarity("userIds", "user_id")).toBe(1);
    expect(nameSimilarity("abc", "xyz")).toBe(0);
  });
});

describe("resolveRenames", () => {
  const from = schema(table("users", [req("name", V.string()), opt("nick", V.string())]));
  const to = schema(table("users", [req("fullName", V.string()), opt("nickname", V.string())]));

  it("01 fixed answers confirm only listed renames", async () => {
    const r = await resolveRenames(from, to, fixedResolver(["users.nick->nickname"]));
    expect(r).toStrictEqual({ tables: [], fields: [{ table: "users", from: "nick", to: "nickname", confidence: expect.any(Number) }] });
  });
  it("02 one-to-one: a confirmed name is not offered again", async () => {
    const asked: RenameCandidate[] = [];
    const a = schema(table("t", [req("name", V.string())]));
    const b = schema(table("t", [req("name2", V.string()), req("name3", V.string())]));
    await resolveRenames(a, b, (c) => (asked.push(c), "rename"));
    expect(asked).toHaveLength(1);
  });
  it("03 non-interactive default fails with a clear message", async () => {
    await expect(resolveRenames(from, to, failingResolver)).rejects.toThrow(RenameDecisionNeeded);
    await expect(resolveRenames(from, to, failingResolver)).rejects.toThrow(/--rename "users\.name->fullName"/);
  });
});
