import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSchema, parseSchemaSource } from "..";
import { FIXTURES_DIR, readFixture, schemaFixtures } from "../testdata/fixtures";
import { expectGolden } from "../../testing/golden";

describe("parseSchema fixtures", () => {
  for (const name of schemaFixtures()) {
    it(name, async () => {
      const input = await readFixture(name);
      const result = parseSchema(input);
      expectGolden(path.join(FIXTURES_DIR, name, "model.golden.json"), result);
    });
  }
});

describe("parseSchemaSource", () => {
  it("reads fields, optional wrappers and indexes with 1-based locations", () => {
    const src = [
      'import { defineSchema, defineTable } from "convex/server";',
      'import { v } from "convex/values";',
      "export default defineSchema({",
      '  notes: defineTable({ title: v.string(), done: v.optional(v.boolean()) }).index("by_title", ["title"]),',
      "});",
    ].join("\n");
    const r = parseSchemaSource(src);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const t = r.schema.tables[0];
    expect(t.name).toBe("notes");
    expect(t.loc).toEqual({ file: "convex/schema.ts", line: 4, column: 3 });
    expect(t.fields.map((f) => [f.name, f.validator.kind, f.optional, f.loc?.column])).toEqual([
      ["title", "string", false, 24],
      ["done", "boolean", true, 43],
    ]);
    expect(t.indexes).toEqual([
      { name: "by_title", fields: ["title"], loc: { file: "convex/schema.ts", line: 4, column: 76 } },
    ]);
  });

  it("reports a relative import as missing when only one file is given", () => {
    const r = parseSchemaSource(
      'import { f } from "./fields";\nimport { defineSchema, defineTable } from "convex/server";\nexport default defineSchema({ t: defineTable(f) });\n',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ code: "SA002", loc: { file: "convex/schema.ts", line: 1, column: 10 } });
  });

  it("reports a missing entry file", () => {
    const r = parseSchema({ files: {}, entry: "convex/schema.ts" });
    expect(r).toMatchObject({ ok: false, errors: [{ code: "SA008" }] });
  });

  it("keeps a table used under two names independent", () => {
    const r = parseSchemaSource(
      'import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nconst t = defineTable({ a: v.string() });\nexport default defineSchema({ one: t, two: t });\n',
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    r.schema.tables[0].fields.push({ name: "x", validator: { kind: "null" }, optional: false });
    expect(r.schema.tables.map((t) => [t.name, t.fields.length])).toEqual([
      ["one", 2],
      ["two", 1],
    ]);
  });
});

describe("duplicate keys", () => {
  it("warns when a key is written twice, but not when a property overrides a spread", () => {
    const r = parseSchemaSource(
      [
        'import { defineSchema, defineTable } from "convex/server";',
        'import { v } from "convex/values";',
        "const base = { a: v.string() };",
        "export default defineSchema({",
        "  t: defineTable({ ...base, a: v.number(), b: v.string(), b: v.boolean() }),",
        "});",
      ].join("\n"),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.schema.tables[0].fields.map((f) => [f.name, f.validator.kind])).toEqual([
      ["a", "number"],
      ["b", "boolean"],
    ]);
    expect(r.schema.warnings).toEqual([
      {
        code: "SA110",
        severity: "warning",
        message: 'The key "b" is written twice in one object; the later value wins.',
        loc: { file: "convex/schema.ts", line: 5, column: 59 },
        path: "t",
      },
    ]);
  });
});

describe("installed packages", () => {
  const schema =
    'import { defineSchema } from "convex/server";\nimport { authTables } from "@convex-dev/auth/server";\nexport default defineSchema({ ...authTables });\n';
  it("reads authTables from the installed package when given, else from the embedded definition", () => {
    const installed =
      'import { defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport const authTables = { users: defineTable({ email: v.string(), tenant: v.string() }) };\n';
    const key = "node_modules/@convex-dev/auth/dist/server/implementation/types.js";
    const r = parseSchema({
      files: { "convex/schema.ts": schema, [key]: installed },
      entry: "convex/schema.ts",
      packages: { "@convex-dev/auth/server": key },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.schema.tables.map((t) => [t.name, t.fields.map((f) => f.name), t.loc?.file])).toEqual([
      ["users", ["email", "tenant"], key],
    ]);
    const embedded = parseSchemaSource(schema);
    if (!embedded.ok) throw new Error(JSON.stringify(embedded.errors));
    expect(embedded.schema.tables.map((t) => t.name)).toEqual([
      "users",
      "authSessions",
      "authAccounts",
      "authRefreshTokens",
      "authVerificationCodes",
      "authVerifiers",
      "authRateLimits",
    ]);
  });
});

describe("namespace imports of known packages", () => {
  it('reads `import * as server from "convex/server"` and `import * as values from "convex/values"`', () => {
    const r = parseSchemaSource(
      'import * as server from "convex/server";\nimport * as values from "convex/values";\nconst { v } = values;\nconst { defineTable: table } = server;\nconst [first, { nested: [second] }] = [v.string(), { nested: [v.number()] }];\nexport default server.defineSchema({ t: table({ a: values.v.string(), b: first, c: second, d: v.boolean() }) });\n',
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.schema.tables[0].fields.map((f) => [f.name, f.validator.kind])).toEqual([
      ["a", "string"],
      ["b", "string"],
      ["c", "number"],
      ["d", "boolean"],
    ]);
    expect(r.schema.warnings).toEqual([]);
  });
});
