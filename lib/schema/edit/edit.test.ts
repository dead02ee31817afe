import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyOperationsToSource, type SchemaOperation } from "..";
import { FIXTURES_DIR } from "../testdata/fixtures";
import { expectGolden } from "../../testing/golden";

const SRC = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

// Shared status validator.
const status = v.union(v.literal("open"), v.literal("closed"));

export default defineSchema({
  users: defineTable({
    name: v.string(), // display name
    email: v.string(),
  }).index("by_email", ["email"]),

  /** Work items. */
  tasks: defineTable({
    title: v.string(),
    status,
    ownerId: v.id("users"),
    notes: v.optional(v.string()),
  })
    .index("by_owner", ["ownerId"])
    .index("by_status", ["status"]),
  inline: defineTable({ a: v.string() }),
});
`;

function edit(ops: SchemaOperation[], src = SRC): string {
  const r = applyOperationsToSource(src, ops);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.source;
}

describe("applyOperationsToSource", () => {
  it("adds a field to the right object literal, keeping comments and layout", () => {
    const out = edit([
      { op: "addField", table: "tasks", field: { name: "dueAt", validator: { kind: "number" }, optional: true } },
    ]);
    expect(out).toContain(`    notes: v.optional(v.string()),\n    dueAt: v.optional(v.number()),\n  })`);
    expect(out).toContain("// Shared status validator.");
    expect(out.replace("    dueAt: v.optional(v.number()),\n", "")).toBe(SRC);
  });

  it("keeps a comment trailing the last property on that property's line", () => {
    const head = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n`;
    const withComma =
      head + `export default defineSchema({\n  t: defineTable({\n    title: v.string(), // short\n  }),\n});\n`;
    expect(
      edit(
        [{ op: "addField", table: "t", field: { name: "n", validator: { kind: "number" }, optional: false } }],
        withComma,
      ),
    ).toBe(
      head +
        `export default defineSchema({\n  t: defineTable({\n    title: v.string(), // short\n    n: v.number(),\n  }),\n});\n`,
    );
    const noComma =
      head + `export default defineSchema({\n  t: defineTable({\n    title: v.string() /* short */\n  }),\n});\n`;
    expect(
      edit(
        [{ op: "addField", table: "t", field: { name: "n", validator: { kind: "number" }, optional: false } }],
        noComma,
      ),
    ).toBe(
      head +
        `export default defineSchema({\n  t: defineTable({\n    title: v.string(), /* short */\n    n: v.number()\n  }),\n});\n`,
    );
  });

  it("rewrites an inline object one property per line to hold a described field", () => {
    const head = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\n`;
    const src = head + `export default defineSchema({\n  tasks: defineTable({ title: v.string() }),\n});\n`;
    const out = edit(
      [
        {
          op: "addField",
          table: "tasks",
          field: {
            name: "deletedAt",
            validator: { kind: "number" },
            optional: true,
            description: "When it was deleted.",
          },
        },
      ],
      src,
    );
    expect(out).toBe(
      head +
        `export default defineSchema({\n  tasks: defineTable({\n    title: v.string(),\n    /** When it was deleted. */\n    deletedAt: v.optional(v.number()),\n  }),\n});\n`,
    );
  });

  it("adds to an inline object and an empty object", () => {
    const out = edit([
      { op: "addField", table: "inline", field: { name: "b", validator: { kind: "boolean" }, optional: false } },
      { op: "createTable", table: "empty" },
      { op: "addField", table: "empty", field: { name: "x", validator: { kind: "string" }, optional: false } },
    ]);
    expect(out).toContain(`inline: defineTable({ a: v.string(), b: v.boolean() }),`);
    expect(out).toContain(`  empty: defineTable({\n    x: v.string(),\n  }),\n});`);
  });

  it("renames a field and the index fields that use it, and a shorthand property", () => {
    const out = edit([
      { op: "renameField", table: "tasks", from: "ownerId", to: "assigneeId" },
      { op: "renameField", table: "tasks", from: "status", to: "state" },
    ]);
    expect(out).toContain(`    assigneeId: v.id("users"),`);
    expect(out).toContain(`.index("by_owner", ["assigneeId"])`);
    expect(out).toContain(`    state: status,`);
    expect(out).toContain(`.index("by_status", ["state"])`);
  });

  it("changes a validator and toggles optional without regenerating references", () => {
    const out = edit([
      {
        op: "changeFieldType",
        table: "users",
        field: "name",
        validator: { kind: "union", members: [{ kind: "string" }, { kind: "null" }] },
      },
      { op: "setOptional", table: "tasks", field: "status", optional: true },
      { op: "setOptional", table: "tasks", field: "notes", optional: false },
    ]);
    expect(out).toContain(`    name: v.union(v.string(), v.null()), // display name`);
    expect(out).toContain(`    status: v.optional(status),`);
    expect(out).toContain(`    notes: v.string(),`);
  });

  it("appends and removes indexes on the table chain", () => {
    const out = edit([
      { op: "addIndex", table: "tasks", index: { name: "by_title", fields: ["title"] } },
      { op: "addIndex", table: "users", index: { name: "by_name", fields: ["name"], staged: true } },
      { op: "removeIndex", table: "tasks", name: "by_status" },
      {
        op: "addSearchIndex",
        table: "tasks",
        index: { name: "search_title", searchField: "title", filterFields: ["status"] },
      },
    ]);
    expect(out).toContain(
      `    .index("by_owner", ["ownerId"])\n    .index("by_title", ["title"])\n    .searchIndex("search_title", { searchField: "title", filterFields: ["status"] }),`,
    );
    expect(out).toContain(
      `}).index("by_email", ["email"])\n    .index("by_name", { fields: ["name"], staged: true }),`,
    );
    expect(out).not.toContain("by_status");
  });

  it("adds and removes whole tables, renames tables and their references", () => {
    const out = edit([
      {
        op: "createTable",
        table: "projects",
        fields: [{ name: "name", validator: { kind: "string" }, optional: false }],
        indexes: [],
        description: "Groups of tasks.",
      },
      { op: "removeIndex", table: "tasks", name: "by_owner" },
      { op: "removeField", table: "tasks", field: "ownerId" },
      { op: "renameTable", from: "users", to: "people" },
      { op: "dropTable", table: "inline" },
    ]);
    expect(out).toContain(`  /** Groups of tasks. */\n  projects: defineTable({\n    name: v.string(),\n  }),\n});`);
    expect(out).toContain(`  people: defineTable({`);
    expect(out).not.toContain("inline");
    expect(out).not.toContain("ownerId");
  });

  it("sets descriptions as JSDoc comments, replacing an existing one", () => {
    const out = edit([
      { op: "setDescription", table: "tasks", description: "Things to do." },
      { op: "setDescription", table: "users", field: "email", description: "Login email." },
    ]);
    expect(out).toContain(`  /** Things to do. */\n  tasks: defineTable({`);
    expect(out).not.toContain("Work items.");
    expect(out).toContain(`    /** Login email. */\n    email: v.string(),`);
  });

  it("rejects invalid operations and edits outside the file, changing nothing", () => {
    const bad = applyOperationsToSource(SRC, [{ op: "removeField", table: "tasks", field: "nope" }]);
    expect(bad).toMatchObject({
      ok: false,
      errors: [{ code: "SA201", message: 'Field "tasks.nope" does not exist.' }],
    });
    const spread = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nconst f = { a: v.string() };\nexport default defineSchema({ t: defineTable({ ...f }) });\n`;
    const r = applyOperationsToSource(spread, [{ op: "removeField", table: "t", field: "a" }]);
    expect(r).toMatchObject({
      ok: false,
      errors: [{ code: "SA202", path: "t.a", loc: { file: "convex/schema.ts", line: 3, column: 13 } }],
    });
  });

  it("edits a realistic fixture (golden)", () => {
    const file = path.join(FIXTURES_DIR, "task-tracker/convex/schema.ts");
    const files = {
      "convex/validators.ts": readFileSync(path.join(FIXTURES_DIR, "task-tracker/convex/validators.ts"), "utf8"),
    };
    const r = applyOperationsToSource(
      readFileSync(file, "utf8"),
      [
        {
          op: "addField",
          table: "tasks",
          field: { name: "storyPoints", validator: { kind: "number" }, optional: true },
        },
        { op: "renameField", table: "comments", from: "body", to: "text" },
        { op: "addIndex", table: "comments", index: { name: "by_author", fields: ["authorId"] } },
        { op: "dropTable", table: "activity" },
        {
          op: "createTable",
          table: "sprints",
          fields: [{ name: "teamId", validator: { kind: "id", table: "teams" }, optional: false }],
          indexes: [{ name: "by_team", fields: ["teamId"] }],
        },
      ],
      "convex/schema.ts",
      files,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expectGolden(path.join(FIXTURES_DIR, "task-tracker/edited.golden.txt"), r.source);
  });
});

describe("applyOperationsToSource on fields held in a constant", () => {
  const src = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

const noteFields = {
  title: v.string(),
};

const shared = { at: v.number() };

export default defineSchema({
  notes: defineTable(noteFields),
  a: defineTable(shared),
  b: defineTable(shared),
});
`;

  it("edits a constant used by one table", () => {
    const r = applyOperationsToSource(src, [
      { op: "addField", table: "notes", field: { name: "body", validator: { kind: "string" }, optional: false } },
    ]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.source).toContain(`const noteFields = {\n  title: v.string(),\n  body: v.string(),\n};`);
  });

  it("refuses a constant shared by two tables", () => {
    const r = applyOperationsToSource(src, [
      { op: "addField", table: "a", field: { name: "x", validator: { kind: "string" }, optional: false } },
    ]);
    expect(r).toMatchObject({
      ok: false,
      errors: [{ code: "SA202", path: "a", loc: { file: "convex/schema.ts", line: 12, column: 3 } }],
    });
  });
});

describe("applyOperationsToSource on tables built by a helper shared by several tables", () => {
  const src = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

function withTimestamps<T extends Record<string, any>>(fields: T) {
  return defineTable({ ...fields, createdAt: v.number() }).index("by_created", ["createdAt"]);
}

export default defineSchema({
  posts: withTimestamps({ title: v.string() }),
  comments: withTimestamps({ body: v.string() }),
});
`;
  const str = { kind: "string" } as const;

  it("edits the table's own fields where they are written, and leaves the helper and the other table alone", () => {
    const ops: SchemaOperation[][] = [
      [{ op: "addField", table: "posts", field: { name: "slug", validator: str, optional: true } }],
      [{ op: "renameField", table: "posts", from: "title", to: "heading" }],
      [{ op: "setOptional", table: "posts", field: "title", optional: true }],
      [{ op: "removeField", table: "posts", field: "title" }],
      [{ op: "addIndex", table: "posts", index: { name: "by_title", fields: ["title"] } }],
    ];
    const lines = ops.map((o) => {
      const r = applyOperationsToSource(src, o);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      expect(r.source).toContain("  comments: withTimestamps({ body: v.string() }),");
      expect(r.source).toContain("return defineTable({ ...fields, createdAt: v.number() })");
      const at = r.source.split("\n").findIndex((l) => l.startsWith("  posts:"));
      return r.source
        .split("\n")
        .slice(at, at + 2)
        .join("\n");
    });
    const next = "\n  comments: withTimestamps({ body: v.string() }),";
    expect(lines).toEqual([
      `  posts: withTimestamps({ title: v.string(), slug: v.optional(v.string()) }),${next}`,
      `  posts: withTimestamps({ heading: v.string() }),${next}`,
      `  posts: withTimestamps({ title: v.optional(v.string()) }),${next}`,
      `  posts: withTimestamps({ }),${next}`,
      '  posts: withTimestamps({ title: v.string() })\n    .index("by_title", ["title"]),',
    ]);
  });

  it("refuses a field the shared helper writes for every table", () => {
    const r = applyOperationsToSource(src, [{ op: "setOptional", table: "posts", field: "createdAt", optional: true }]);
    expect(r).toMatchObject({ ok: false, errors: [{ code: "SA202", path: "posts.createdAt" }] });
  });
});

describe("applyOperationsToSource with the tables object in a constant", () => {
  it("adds and drops tables in the constant passed to defineSchema", () => {
    const src = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

const tables = {
  a: defineTable({ x: v.string() }),
  b: defineTable({ y: v.string() }),
};

export default defineSchema(tables);
`;
    const r = applyOperationsToSource(src, [
      { op: "createTable", table: "c", fields: [{ name: "z", validator: { kind: "number" }, optional: false }] },
      { op: "dropTable", table: "a" },
    ]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.source).toContain(
      `const tables = {\n  b: defineTable({ y: v.string() }),\n  c: defineTable({\n    z: v.number(),\n  }),\n};`,
    );
  });
});

describe("applyOperationsToSource when defineSchema lives in another file", () => {
  it("refuses instead of splicing the wrong file", () => {
    const entry = 'export { default } from "./schemaDef";\n';
    const def =
      'import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ a: defineTable({ x: v.string() }) });\n';
    const r = applyOperationsToSource(entry, [{ op: "dropTable", table: "a" }], "convex/schema.ts", {
      "convex/schemaDef.ts": def,
    });
    expect(r).toMatchObject({ ok: false, errors: [{ code: "SA202" }] });
  });
});

describe("imports the new code needs", () => {
  const books: SchemaOperation = {
    op: "createTable",
    table: "books",
    fields: [{ name: "title", validator: { kind: "string" }, optional: false }],
  };

  it("adds defineTable and v to an empty defineSchema({}) file", () => {
    const out = edit([books], 'import { defineSchema } from "convex/server";\n\nexport default defineSchema({});\n');
    expect(out).toContain('import { defineSchema, defineTable } from "convex/server";');
    expect(out).toContain('import { v } from "convex/values";');
    expect(out).toMatch(/books: defineTable\(\{\s+title: v\.string\(\),?\s+\}\)/);
  });

  it("writes import lines at the top of a file without imports of its own helpers, and never twice", () => {
    const bare =
      'import { defineSchema, defineTable } from "convex/server";\nexport default defineSchema({ a: defineTable({}) });\n';
    const out = edit(
      [books, { op: "addField", table: "a", field: { name: "n", validator: { kind: "number" }, optional: false } }],
      bare,
    );
    expect(out.match(/from "convex\/values"/g)).toHaveLength(1);
    expect(out.match(/defineTable/g)!.length).toBeGreaterThanOrEqual(3);
    expect(out.match(/import \{ defineSchema, defineTable \}/g)).toHaveLength(1);
  });

  it("leaves files that already import both alone", () => {
    const out = edit([books]);
    expect(out.split("\n").slice(0, 3).join("\n")).toBe(SRC.split("\n").slice(0, 3).join("\n"));
  });
});
