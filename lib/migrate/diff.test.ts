import { describe, expect, it } from "vitest";
import { diffSchemas } from "./diff";
import { opt, req, schema, table, V } from "../testing/model";

describe("diffSchemas", () => {
  it("01 add table", () => {
    const users = table("users", [req("name", V.string())]);
    expect(diffSchemas(schema(), schema(users))).toStrictEqual([{ kind: "addTable", table: "users", def: users }]);
  });
  it("02 drop table", () => {
    const users = table("users", []);
    expect(diffSchemas(schema(users), schema())).toStrictEqual([{ kind: "dropTable", table: "users", def: users }]);
  });
  it("03 add and drop field", () => {
    const from = schema(table("users", [req("a", V.string())]));
    const to = schema(table("users", [opt("b", V.number())]));
    expect(diffSchemas(from, to)).toStrictEqual([
      { kind: "dropField", table: "users", field: req("a", V.string()) },
      { kind: "addField", table: "users", field: opt("b", V.number()) },
    ]);
  });
  it("04 string → string | null widens", () => {
    const from = schema(table("t", [req("x", V.string())]));
    const to = schema(table("t", [req("x", V.union(V.string(), V.null()))]));
    expect(diffSchemas(from, to)).toStrictEqual([
      { kind: "widenType", table: "t", field: "x", from: V.string(), to: V.union(V.string(), V.null()) },
    ]);
  });
  it("05 string → literal narrows; string → number changes", () => {
    const from = schema(table("t", [req("x", V.string()), req("y", V.string())]));
    const to = schema(table("t", [req("x", V.literal("a")), req("y", V.number())]));
    expect(diffSchemas(from, to).map((c) => c.kind)).toStrictEqual(["narrowType", "changeType"]);
  });
  it("06 optional ↔ required", () => {
    const from = schema(table("t", [opt("x", V.string()), req("y", V.string())]));
    const to = schema(table("t", [req("x", V.string()), opt("y", V.string())]));
    expect(diffSchemas(from, to)).toStrictEqual([
      { kind: "makeRequired", table: "t", field: "x", validator: V.string() },
      { kind: "makeOptional", table: "t", field: "y", validator: V.string() },
    ]);
  });
  it("07 confirmed field rename keeps indexes", () => {
    const from = schema(table("t", [req("name", V.string())], { by_name: ["name"] }));
    const to = schema(table("t", [req("fullName", V.string())], { by_name: ["fullName"] }));
    expect(diffSchemas(from, to, { fields: [{ table: "t", from: "name", to: "fullName" }] })).toStrictEqual([
      {
        kind: "renameField",
        table: "t",
        from: "name",
        to: "fullName",
        field: req("fullName", V.string()),
        previous: req("name", V.string()),
        confidence: 1,
      },
    ]);
  });
  it("08 unconfirmed rename is drop + add, index changes", () => {
    const from = schema(table("t", [req("name", V.string())], { by_name: ["name"] }));
    const to = schema(table("t", [req("fullName", V.string())], { by_name: ["fullName"] }));
    expect(diffSchemas(from, to).map((c) => c.kind)).toStrictEqual(["dropField", "addField", "changeIndex"]);
  });
  it("09 confirmed table rename diffs fields under the new name", () => {
    const from = schema(table("posts", [req("title", V.string())]));
    const to = schema(table("articles", [req("title", V.string()), opt("body", V.string())]));
    expect(diffSchemas(from, to, { tables: [{ from: "posts", to: "articles" }] })).toStrictEqual([
      { kind: "renameTable", from: "posts", to: "articles", confidence: 1 },
      { kind: "addField", table: "articles", field: opt("body", V.string()) },
    ]);
  });
  it("10 index add / drop / staged → enabled", () => {
    const from = schema(table("t", [req("a", V.string())], { by_a: ["a"] }));
    const to = schema(table("t", [req("a", V.string())], { by_a2: ["a", "_creationTime"] }));
    expect(diffSchemas(from, to).map((c) => c.kind)).toStrictEqual(["dropIndex", "addIndex"]);
  });
  it("11 search index change and options", () => {
    const a = table("t", [req("body", V.string())]);
    a.searchIndexes = [{ name: "s", searchField: "body", filterFields: [] }];
    const b = table("t", [req("body", V.string()), req("k", V.string())]);
    b.searchIndexes = [{ name: "s", searchField: "body", filterFields: ["k"] }];
    const to = schema(b);
    to.options.schemaValidation = false;
    expect(diffSchemas(schema(a), to).map((c) => c.kind)).toStrictEqual([
      "changeOptions",
      "addField",
      "changeSearchIndex",
    ]);
  });
  it("12 identical schemas have no changes", () => {
    const s = schema(table("t", [req("a", V.array(V.id("t")))], { by_a: ["a"] }));
    expect(diffSchemas(s, structuredClone(s))).toStrictEqual([]);
  });
});
