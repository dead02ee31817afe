import { describe, expect, it } from "vitest";
import type { RenameCandidate } from "./changes";
import {
  candidateKey,
  failingResolver,
  fieldRenameCandidates,
  fixedResolver,
  idOnlyName,
  mergeCandidates,
  nameSimilarity,
  RenameDecisionNeeded,
  resolveRenames,
  tableRenameCandidates,
} from "./renames";
import { opt, req, schema, table, V } from "../testing/model";

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
    const withData = fieldRenameCandidates(a, b, [], {
      threshold: 0,
      samples: { from: { t: docs }, to: { t: [{ heading: "x" }, { heading: "y" }] } },
    })[0].confidence;
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

describe("renames that follow a table rename, and merges", () => {
  const from = schema(
    table("agents", [req("name", V.string())]),
    table("memories", [req("agentId", V.id("agents")), req("text", V.string())]),
    table("usage", [req("billableTokens", V.number()), req("unbillableTokens", V.number()), req("model", V.string())]),
  );
  const to = schema(
    table("players", [req("name", V.string())]),
    table("memories", [req("playerId", V.id("players")), req("text", V.string())]),
    table("usage", [req("tokens", V.number()), req("model", V.string())]),
  );

  it("01 an id field renamed with its table is carried once the table rename is confirmed, without a question", async () => {
    const asked: string[] = [];
    const r = await resolveRenames(
      from,
      to,
      (c) => (asked.push(candidateKey(c)), c.kind === "table" || c.kind === "merge" ? "rename" : "addDrop"),
    );
    expect(r.fields).toStrictEqual([{ table: "memories", from: "agentId", to: "playerId", confidence: 1 }]);
    expect(asked).not.toContain("memories.agentId->playerId");
    // Without the table rename it is not proposed at all.
    const none = await resolveRenames(from, to, () => "addDrop");
    expect(none.fields).toStrictEqual([]);
  });
  it("02 two fields into one are one merge (combine), not two renames of one target", async () => {
    expect(mergeCandidates(from, to).map(candidateKey)).toStrictEqual([
      "usage.billableTokens+unbillableTokens->tokens",
    ]);
    expect(fieldRenameCandidates(from, to, []).filter((c) => c.table === "usage")).toStrictEqual([]);
    const r = await resolveRenames(
      from,
      to,
      fixedResolver(["agents->players", "usage.billableTokens+unbillableTokens->tokens"]),
    );
    expect(r.merges).toStrictEqual([
      { table: "usage", from: ["billableTokens", "unbillableTokens"], to: "tokens", how: "sum" },
    ]);
    // Non-interactive: one clear question about the merge (not "two renames to tokens").
    const run = resolveRenames(from, to, (c) => (c.kind === "table" ? "rename" : failingResolver(c)));
    await expect(run).rejects.toThrow(
      /merge of "usage\.billableTokens" and "usage\.unbillableTokens" into "usage\.tokens".*--rename "usage\.billableTokens\+unbillableTokens->tokens" to combine them/,
    );
  });
  it("03 idOnlyName swaps the singular table name, keeping case", () => {
    expect(idOnlyName("agentId", "agents", "players")).toBe("playerId");
    expect(idOnlyName("ownerAgentIds", "agents", "players")).toBe("ownerPlayerIds");
    expect(idOnlyName("userId", "agents", "players")).toBeUndefined();
  });
});

describe("resolveRenames", () => {
  const from = schema(table("users", [req("name", V.string()), opt("nick", V.string())]));
  const to = schema(table("users", [req("fullName", V.string()), opt("nickname", V.string())]));

  it("01 fixed answers confirm only listed renames", async () => {
    const r = await resolveRenames(from, to, fixedResolver(["users.nick->nickname"]));
    expect(r).toStrictEqual({
      tables: [],
      fields: [{ table: "users", from: "nick", to: "nickname", confidence: expect.any(Number) }],
    });
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
