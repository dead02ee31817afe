/** Lint leaves alone what a library creates (convex-ents join tables and edge indexes, authTables). */
import { describe, expect, it } from "vitest";
import { parseSchemaSource } from "../schema";
import { lintSchema } from "./index";

const ENTS = `import { defineEnt, defineEntSchema } from "convex-ents";
import { v } from "convex/values";
export default defineEntSchema({
  users: defineEnt({ name: v.string() }).edges("messages", { ref: true }).edges("groups"),
  groups: defineEnt({ name: v.string() }).edges("users"),
  messages: defineEnt({ text: v.string() })
    .edge("user")
    .index("by_user", ["userId"])
    .index("by_user_text", ["userId", "text"]),
});
`;

function model() {
  const r = parseSchemaSource(ENTS);
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.schema;
}

describe("lint on library-made tables and indexes", () => {
  it("marks the join table and the edge index as convex-ents'", () => {
    const m = model();
    expect(m.tables.filter((t) => t.generatedBy).map((t) => [t.name, t.generatedBy])).toEqual([
      ["users_to_groups", "convex-ents"],
    ]);
    const messages = m.tables.find((t) => t.name === "messages")!;
    expect(messages.generatedBy).toBeUndefined();
    expect(messages.indexes.map((i) => [i.name, i.generatedBy ?? "project"])).toEqual([
      ["userId", "convex-ents"],
      ["by_user", "project"],
      ["by_user_text", "project"],
    ]);
  });

  it("reports the project's duplicate of an edge index, never the edge index or the join table", () => {
    const found = lintSchema(model()).map((d) => `${d.code} ${d.path}: ${d.message}`);
    expect(found).toEqual([
      'LINT-REDUNDANT-INDEX messages.by_user: Index "messages.by_user" has the same fields as "userId" (created by convex-ents), so it is redundant.',
    ]);
  });

  it("reports them with includeDependencies", () => {
    const paths = lintSchema(model(), { includeDependencies: true }).map((d) => `${d.code} ${d.path}`);
    expect(paths).toContain("LINT-REDUNDANT-INDEX messages.userId");
    expect(paths).toContain("LINT-REDUNDANT-INDEX users_to_groups.usersId");
    expect(paths).toContain("LINT-REDUNDANT-INDEX users_to_groups.groupsId");
  });

  it("leaves the tables of @convex-dev/auth's authTables alone, not a table the project overrides", () => {
    const r = parseSchemaSource(`import { authTables } from "@convex-dev/auth/server";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  ...authTables,
  authRateLimits: defineTable({ identifier: v.string(), attemptsLeft: v.number() }).index("id", ["identifier"]).index("id2", ["identifier"]),
});
`);
    if (!r.ok) throw new Error(r.errors[0].message);
    expect(r.schema.tables.find((t) => t.name === "users")?.generatedBy).toBe("@convex-dev/auth");
    expect(r.schema.tables.find((t) => t.name === "authRateLimits")?.generatedBy).toBeUndefined();
    expect(lintSchema(r.schema).map((d) => `${d.code} ${d.path}`)).toEqual(["LINT-REDUNDANT-INDEX authRateLimits.id2"]);
  });
});
