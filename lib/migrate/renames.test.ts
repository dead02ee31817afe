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

describe("rules from real histories (eval/rename-recall.ts, dev half)", () => {
  it("01 a table's shape ignores where a nested validator was written and reads its ids of itself under the new name", () => {
    const status = (line: number) =>
      V.object({ name: "kind", validator: V.string(), optional: false, loc: { file: "schema.ts", line, column: 3 } });
    const from = schema(
      table("documents", [req("key", V.string()), req("status", status(10)), opt("parent", V.id("documents"))]),
    );
    const to = schema(
      table("entries", [req("key", V.string()), req("status", status(14)), opt("parent", V.id("entries"))]),
    );
    const [c] = tableRenameCandidates(from, to);
    expect([c.from, c.to, c.reasons[0]]).toStrictEqual(["documents", "entries", "100% of fields match"]);
  });
  it("02 the only field of a type dropped and the only one added are a candidate whatever their names", () => {
    const from = schema(table("namespaces", [req("id", V.string()), req("version", V.number())]));
    const to = schema(table("namespaces", [req("namespace", V.string()), req("version", V.number())]));
    const [c] = fieldRenameCandidates(from, to, []);
    expect(candidateKey(c)).toBe("namespaces.id->namespace");
    expect(c.reasons).toContain("the only field of this type dropped and the only one added in the table");
    // Two of each type with unrelated names: the pairing is no evidence, nothing is proposed.
    const a = schema(table("t", [req("id", V.string()), req("kind", V.string())]));
    const b = schema(table("t", [req("namespace", V.string()), req("label", V.string())]));
    expect(fieldRenameCandidates(a, b, [])).toStrictEqual([]);
    // A different type is still no candidate.
    const n = schema(table("namespaces", [req("namespace", V.number()), req("version", V.number())]));
    expect(fieldRenameCandidates(from, n, [])).toStrictEqual([]);
  });
  it("03 a cross pair of two better pairings is not proposed", () => {
    const from = schema(table("vectors", [opt("model_userId_role", V.string()), opt("model_chatId_role", V.string())]));
    const to = schema(table("vectors", [opt("model_userId", V.string()), opt("model_chatId", V.string())]));
    expect(fieldRenameCandidates(from, to, []).map(candidateKey)).toStrictEqual([
      "vectors.model_chatId_role->model_chatId",
      "vectors.model_userId_role->model_userId",
    ]);
  });
  it("04 `id` alone is no merge's common part", () => {
    const from = schema(table("users", [opt("polarId", V.string()), opt("pendingId", V.id("_scheduled_functions"))]));
    const to = schema(table("users", [req("id", V.string())]));
    expect(mergeCandidates(from, to)).toStrictEqual([]);
  });
  it("05 a field named after its table is compared under the table's new name", () => {
    const from = schema(table("drafts", [req("ownerId", V.id("users")), req("draftText", V.string())]));
    const to = schema(table("notes", [req("ownerId", V.id("users")), req("noteText", V.string())]));
    const [c] = tableRenameCandidates(from, to);
    expect([c.from, c.to, c.reasons[0]]).toStrictEqual(["drafts", "notes", "100% of fields match"]);
  });
  it("06 ids of a table that is itself a rename candidate match across the pair", () => {
    const from = schema(
      table("variants", [req("title", V.string())]),
      table("variantTags", [req("variantId", V.id("variants")), req("tag", V.string())]),
    );
    const to = schema(
      table("carVariants", [req("title", V.string())]),
      table("carVariantTags", [req("variantId", V.id("carVariants")), req("tag", V.string())]),
    );
    const tags = tableRenameCandidates(from, to).find((c) => c.from === "variantTags");
    expect([tags?.to, tags?.reasons[0]]).toStrictEqual(["carVariantTags", "100% of fields match"]);
  });
  it("07 a type alone is no evidence when several fields of it changed and the names are unrelated", () => {
    const from = schema(table("users", [opt("phone", V.string()), req("name", V.string())]));
    const to = schema(table("users", [opt("source", V.string()), opt("title", V.string()), req("name", V.string())]));
    expect(fieldRenameCandidates(from, to, [])).toStrictEqual([]);
    const [c] = fieldRenameCandidates(from, to, [], { threshold: 0 });
    expect(c.reasons).toContain("unrelated names, and other fields of this type changed too");
  });
});
