import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  inferRelationships,
  newTable,
  parseSchema,
  suggestReferences,
  type Field,
  type SchemaModel,
  type Validator,
} from "..";
import { emptySchema } from "../model";
import { FIXTURES_DIR, readFixture, schemaFixtures } from "../testdata/fixtures";
import { expectGolden } from "../../testing/golden";

const f = (name: string, validator: Validator, optional = false): Field => ({ name, validator, optional });
const id = (table: string): Validator => ({ kind: "id", table });

function model(...tables: ReturnType<typeof newTable>[]): SchemaModel {
  return { ...emptySchema(), tables };
}

describe("inferRelationships", () => {
  for (const name of schemaFixtures()) {
    it(`fixture ${name}`, async () => {
      const parsed = parseSchema(await readFixture(name));
      if (!parsed.ok) return;
      const result = {
        relationships: inferRelationships(parsed.schema),
        suggestions: suggestReferences(parsed.schema),
      };
      expectGolden(path.join(FIXTURES_DIR, name, "relationships.golden.json"), result);
    });
  }

  it("classifies many-to-one, optional, self, arrays, nested paths and system tables", () => {
    const rels = inferRelationships(
      model(
        newTable("users"),
        newTable("tasks", [
          f("ownerId", id("users")),
          f("assigneeId", id("users"), true),
          f("parentId", { kind: "union", members: [id("tasks"), { kind: "null" }] }),
          f("watcherIds", { kind: "array", element: id("users") }),
          f("meta", { kind: "object", fields: [f("reviewerId", id("users"), true)] }),
          f("fileId", id("_storage")),
        ]),
      ),
    );
    expect(
      rels.map((r) => [
        r.from.path,
        r.to,
        r.kind,
        r.optional,
        `${r.cardinality.from}:${r.cardinality.to}`,
        !!r.external,
      ]),
    ).toEqual([
      ["ownerId", "users", "many-to-one", false, "*:1", false],
      ["assigneeId", "users", "many-to-one", true, "*:0..1", false],
      ["parentId", "tasks", "self", true, "*:0..1", false],
      ["watcherIds[]", "users", "many-to-many", false, "*:*", false],
      ["meta.reviewerId", "users", "many-to-one", true, "*:0..1", false],
      ["fileId", "_storage", "many-to-one", false, "*:1", true],
    ]);
  });

  it("finds one-to-one by naming and many-to-many through a join table", () => {
    const rels = inferRelationships(
      model(
        newTable("users"),
        newTable("teams"),
        newTable("userProfiles", [f("userId", id("users")), f("bio", { kind: "string" })]),
        newTable("teamMembers", [
          f("teamId", id("teams")),
          f("userId", id("users")),
          f("role", {
            kind: "union",
            members: [
              { kind: "literal", value: "admin" },
              { kind: "literal", value: "member" },
            ],
          }),
        ]),
      ),
    );
    expect(rels.find((r) => r.from.table === "userProfiles")?.kind).toBe("one-to-one");
    expect(rels.find((r) => r.viaJoinTable)).toEqual({
      from: { table: "teams", field: "teamId", path: "teamMembers.teamId" },
      to: "users",
      kind: "many-to-many",
      optional: false,
      viaJoinTable: "teamMembers",
      cardinality: { from: "*", to: "*" },
    });
  });

  it("does not treat a table with many other fields as a join table", () => {
    const many = ["a", "b", "c", "d"].map((n) => f(n, { kind: "string" }));
    const rels = inferRelationships(
      model(
        newTable("users"),
        newTable("teams"),
        newTable("x", [f("teamId", id("teams")), f("userId", id("users")), ...many]),
      ),
    );
    expect(rels.some((r) => r.viaJoinTable)).toBe(false);
  });
});

describe("suggestReferences", () => {
  it("suggests v.id for string fields named after tables, and user aliases with medium confidence", () => {
    const s = suggestReferences(
      model(
        newTable("users"),
        newTable("teamMembers"),
        newTable("posts", [
          f("userId", { kind: "string" }),
          f("teamMemberIds", { kind: "array", element: { kind: "string" } }),
          f("authorId", { kind: "string" }),
          f("createdBy", { kind: "string" }),
          f("stripeCustomerId", { kind: "string" }),
          f("title", { kind: "string" }),
        ]),
      ),
    );
    expect(s.map((x) => [x.field, x.target, x.confidence])).toEqual([
      ["userId", "users", "high"],
      ["teamMemberIds", "teamMembers", "high"],
      ["authorId", "users", "medium"],
      ["createdBy", "users", "medium"],
    ]);
    expect(s[1].operation).toEqual({
      op: "changeFieldType",
      table: "posts",
      field: "teamMemberIds",
      validator: { kind: "array", element: id("teamMembers") },
    });
    expect(s[0].message).toBe(
      'Field "posts.userId" is a string but looks like a reference to "users"; use v.id("users").',
    );
  });
});
