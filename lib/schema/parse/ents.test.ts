import { describe, expect, it } from "vitest";
import { parseSchemaSource } from "..";

const HEAD =
  'import { v } from "convex/values";\nimport { defineTable } from "convex/server";\nimport { defineEnt, defineEntFromTable, defineEntSchema } from "convex-ents";\n';

function parse(body: string) {
  return parseSchemaSource(`${HEAD}export default defineEntSchema({\n${body}\n});\n`);
}

function errors(body: string) {
  const r = parse(body);
  if (r.ok) throw new Error("expected errors");
  return r.errors.map((e) => [e.code, e.message, e.loc?.line]);
}

describe("convex-ents definitions convex-ents rejects are located errors", () => {
  it("a 1:1 edge without its inverse", () => {
    expect(errors('  users: defineEnt({}).edge("profile", { ref: true }),\n  profiles: defineEnt({}),')).toEqual([
      ["SA007", 'Missing inverse edge in table "profiles" for the edge "profile" in table "users".', 5],
    ]);
  });

  it("an edge to a table that is not in the schema", () => {
    expect(errors('  posts: defineEnt({}).edge("author", { to: "users" }),')).toEqual([
      ["SA007", 'The edge "author" in table "posts" points to an undefined table "users".', 5],
    ]);
  });

  it("two possible inverse edges", () => {
    const body = '  a: defineEnt({}).edges("bs"),\n  bs: defineEnt({}).edges("a").edges("alsoA", { to: "a" }),';
    expect(errors(body)).toEqual([
      ["SA007", 'The edge "bs" in table "a" has too many potential inverse edges in table "bs": "a", "alsoA".', 5],
    ]);
  });

  it("a field defined twice, and both `field` and `ref` on one edge", () => {
    const body =
      '  users: defineEnt({ email: v.string() }).field("email", v.string()).edge("team", { field: "teamId", ref: "x" }),';
    expect(errors(body).map((e) => e[1])).toEqual([
      'Duplicate field "email" in a convex-ents definition.',
      'Edge "team" cannot have both `field` and `ref`: choose one to be the reference and the other to store the foreign key.',
    ]);
  });

  it("soft deletion of an edge whose target has no deletion behaviour", () => {
    const body =
      '  users: defineEnt({}).edges("posts", { ref: true }),\n  posts: defineEnt({}).edge("user", { deletion: "soft" }),';
    expect(errors(body)).toEqual([
      [
        "SA007",
        'The edge "user" in table "posts" cannot specify soft deletion behavior: the target table "users" has no "soft" or "scheduled" deletion configured.',
        6,
      ],
    ]);
  });

  it("a plain defineTable inside defineEntSchema", () => {
    expect(errors("  logs: defineTable({ at: v.number() }),")).toEqual([
      [
        "SA006",
        'Table "logs" of "defineEntSchema" is a "defineTable(...)": convex-ents needs "defineEnt(...)" or "defineEntFromTable(...)".',
        5,
      ],
    ]);
  });
});

describe("convex-ents edges", () => {
  it("stores a 1:many edge on the many side with an index, and names a many:many join table after both edges", () => {
    const r = parse(
      '  teams: defineEnt({}).edges("players", { ref: true }).edges("sponsors"),\n  players: defineEnt({}).edge("team"),\n  sponsors: defineEnt({}).edges("teams"),',
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.schema.warnings).toEqual([]);
    const summary = r.schema.tables.map((t) => [t.name, t.fields.map((f) => f.name), t.indexes.map((i) => i.name)]);
    expect(summary).toEqual([
      ["teams", [], []],
      ["players", ["teamId"], ["teamId"]],
      ["sponsors", [], []],
      [
        "teams_to_sponsors",
        ["teamsId", "sponsorsId"],
        ["teamsId", "sponsorsId", "teamsId_sponsorsId", "sponsorsId_teamsId"],
      ],
    ]);
    expect(r.schema.tables[1].fields[0]).toMatchObject({
      validator: { kind: "id", table: "teams" },
      optional: false,
      loc: { line: 6 },
    });
  });

  it("warns and leaves out an edge whose options cannot be read statically", () => {
    const r = parse('  a: defineEnt({}).edge("b", { to: process.env.TABLE }),');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.schema.tables[0].fields).toEqual([]);
    expect(r.schema.warnings.map((w) => [w.code, w.loc?.line])).toEqual([["SA113", 5]]);
  });
});

describe("defineEntFromTable", () => {
  it("rejects a union document, but keeps a document it cannot read statically (already warned) with its indexes", () => {
    expect(
      errors(
        "  a: defineEntFromTable(defineTable(v.union(v.object({ x: v.string() }), v.object({ y: v.string() })))),",
      ).map((e) => e[0]),
    ).toEqual(["SA007"]);
    const r = parse('  a: defineEntFromTable(defineTable(makeFields()).index("by_x", ["x"])),');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.schema.tables[0]).toMatchObject({
      name: "a",
      anyDocument: true,
      indexes: [{ name: "by_x", fields: ["x"] }],
    });
    expect(r.schema.warnings.map((w) => w.code)).toEqual(["SA103"]);
  });
});
