import { describe, expect, test } from "vitest";
import type { SchemaModel } from "../schema/model";
import { emptySchema, newTable } from "../schema/model";
import { chooseGenerator } from "./generators";
import {
  checkDocument,
  checkValue,
  contentHash,
  generateCode,
  generateSampleDocuments,
  planWrites,
  readHeader,
  storePath,
  withHeader,
} from "./index";
import { fixtureCases } from "./testdata/fixtures";
import { cycles, MODEL_CASES, shapes, tasksApp } from "./testdata/models";
import { randomSchemas } from "./testdata/random";

async function allModels(): Promise<{ name: string; model: SchemaModel }[]> {
  const fixtures = (await fixtureCases()).filter((c) => c.model.warnings.length === 0);
  return [...MODEL_CASES, ...fixtures, ...randomSchemas(30, 7).map((model, i) => ({ name: `random-${i}`, model }))];
}

describe("generateSampleDocuments", () => {
  test("every document validates against its table and references existing documents", async () => {
    for (const { name, model } of await allModels()) {
      const out = generateSampleDocuments(model, { seed: 3, perTable: 4 });
      const ids = new Set(
        Object.values(out.documents)
          .flat()
          .map((d) => d._id),
      );
      const idExists = (table: string, id: string) => ids.has(id) && id.startsWith(`${table}:`);
      for (const [table, docs] of Object.entries(out.documents)) {
        expect(docs, `${name}.${table}`).toHaveLength(4);
        for (const doc of docs)
          expect(checkDocument(model, table, doc, idExists), `${name}.${table} ${doc._id}`).toBeUndefined();
      }
      expect(out.order.length + out.unfillable.length, name).toBe(model.tables.length);
    }
  });

  test("is deterministic for a seed and changes with the seed", () => {
    const a = generateSampleDocuments(tasksApp, { seed: 1, perTable: 3 });
    expect(generateSampleDocuments(tasksApp, { seed: 1, perTable: 3 })).toEqual(a);
    expect(generateSampleDocuments(tasksApp, { seed: 2, perTable: 3 })).not.toEqual(a);
  });

  test("inserts parents first, fills optional back references later, reports required cycles", () => {
    const out = generateSampleDocuments(cycles, { seed: 1, perTable: 5 });
    expect(out.order).toEqual(["c", "d"]);
    expect(out.unfillable.map((u) => u.table)).toEqual(["a", "b"]);
    expect(out.documents.c.some((d) => typeof d.dId === "string" && d.dId.startsWith("d:"))).toBe(true);
    expect(generateSampleDocuments(tasksApp, { seed: 1, perTable: 2 }).order).toEqual([
      "users",
      "projects",
      "tasks",
      "comments",
    ]);
  });

  test("picks realistic values by field name and literal unions", () => {
    const docs = generateSampleDocuments(tasksApp, { seed: 5, perTable: 5 }).documents;
    for (const u of docs.users) if (u.email !== undefined) expect(u.email).toMatch(/@/);
    for (const p of docs.projects) {
      expect(["active", "archived"]).toContain(p.status);
      expect(p.createdAt).toBeGreaterThan(1_600_000_000_000);
    }
    expect(chooseGenerator("string", "email")).toBe("email");
    expect(chooseGenerator("string", "name", "users")).toBe("fullName");
    expect(chooseGenerator("string", "name", "products")).toBe("product");
    expect(chooseGenerator("string", "name", "projects")).toBe("words");
    expect(chooseGenerator("string", "avatarUrl")).toBe("imageUrl");
    expect(chooseGenerator("number", "price")).toBe("price");
    expect(chooseGenerator("number", "updatedAt")).toBe("timestamp");
    expect(chooseGenerator("number", "dueAt")).toBe("futureTimestamp");
  });

  test("rejects a non-positive perTable", () => {
    expect(() => generateSampleDocuments(tasksApp, { seed: 1, perTable: 0 })).toThrow(/perTable/);
  });
});

describe("checkValue", () => {
  test("reports the path of a mismatch", () => {
    const v = {
      kind: "object" as const,
      fields: [
        { name: "tags", optional: false, validator: { kind: "array" as const, element: { kind: "string" as const } } },
      ],
    };
    expect(checkValue(v, { tags: ["a"] }, "t", () => true)).toBeUndefined();
    expect(checkValue(v, { tags: ["a", 1] }, "t", () => true)).toBe("t.tags[1]: expected a string, got 1");
    expect(checkValue(v, { tags: [], extra: 1 }, "t", () => true)).toMatch(/extra: field not in the validator/);
    expect(checkValue({ kind: "id", table: "users" }, "posts:1", "x", (t, id) => id.startsWith(`${t}:`))).toMatch(
      /an id of "users"/,
    );
  });
});

describe("generateCode", () => {
  test("writes functions, validators and shared helpers per table; output is stable", () => {
    const a = generateCode(tasksApp, { withTests: true, withSeed: true, zod: true });
    expect(Object.keys(a.files).sort()).toEqual([
      "convex/comments.test.ts",
      "convex/comments.ts",
      "convex/lib/access.ts",
      "convex/lib/documents.ts",
      "convex/lib/relations.ts",
      "convex/projects.test.ts",
      "convex/projects.ts",
      "convex/seed.test.ts",
      "convex/seed.ts",
      "convex/tasks.test.ts",
      "convex/tasks.ts",
      "convex/users.test.ts",
      "convex/users.ts",
      "convex/validators/comments.ts",
      "convex/validators/comments.zod.ts",
      "convex/validators/projects.ts",
      "convex/validators/projects.zod.ts",
      "convex/validators/tasks.ts",
      "convex/validators/tasks.zod.ts",
      "convex/validators/users.ts",
      "convex/validators/users.zod.ts",
    ]);
    expect(generateCode(tasksApp, { withTests: true, withSeed: true, zod: true })).toEqual(a);
    const tasks = a.tables.find((t) => t.table === "tasks")!;
    expect(tasks.owner).toBe("createdBy");
    expect(tasks.functions).toEqual([
      "get",
      "list",
      "listByProject",
      "listByParent",
      "create",
      "update",
      "remove",
      "internalCreate",
      "internalUpdate",
      "internalRemove",
    ]);
    expect(tasks.notes).toContain(`No "listBy" for "tasks.assigneeId": no index starts with it.`);
  });

  test("applies the remove strategy per reference", () => {
    const relations = generateCode(tasksApp, {
      onDelete: "cascade",
      onDeleteOverrides: { "tasks.assigneeId": "detach", "comments.taskId": "refuse" },
    }).files["convex/lib/relations.ts"];
    expect(relations).toContain(
      `for (const dependant of await ctx.db.query("tasks").withIndex("by_project", (q) => q.eq("projectId", id)).collect()) {\n    await deleteTasks(ctx, dependant._id);`,
    );
    expect(relations).toContain(`await ctx.db.patch("tasks", dependant._id, { "assigneeId": undefined });`);
    expect(relations).toContain(
      `if ((await ctx.db.query("comments").withIndex("by_task", (q) => q.eq("taskId", id)).first()) !== null) {`,
    );
    const detach = generateCode(tasksApp, { onDelete: "detach" });
    expect(detach.tables.find((t) => t.table === "projects")!.notes).toContain(
      `"remove" refuses instead of detaching: "tasks.projectId" is required, so it cannot be detached.`,
    );
  });

  test("generates unusual tables with TODOs and lists them instead of skipping them", () => {
    const out = generateCode(shapes, { withTests: true, withSeed: true });
    expect(out.files["convex/blobs.ts"]).toContain("TODO(schema-assistant)");
    expect(out.files["convex/schemaTable.ts"]).toContain(`ctx.db.get("schema", args.id)`);
    expect(out.todos).toContainEqual({
      table: "blobs",
      kind: "any-document",
      path: "convex/blobs.ts",
      message: `"blobs" is \`v.any()\`: its functions accept any document.`,
    });
    const cyc = generateCode(cycles, { withTests: true, folder: "crud" });
    expect(cyc.todos.filter((t) => t.kind === "unfillable").map((t) => t.table)).toEqual(["a", "b"]);
    expect(cyc.files["convex/a.test.ts"]).toContain("test.todo(");
    const bad: SchemaModel = {
      ...emptySchema(),
      tables: [newTable("t", [{ name: "bad-name", optional: false, validator: { kind: "string" } }])],
    };
    expect(generateCode(bad).todos).toContainEqual(
      expect.objectContaining({
        kind: "invalid-schema",
        message: `Field "t.bad-name" is not a valid Convex identifier; Convex rejects the schema.`,
      }),
    );
  });

  test("leaves tables defined by a package (authTables) out unless named", async () => {
    const tracker = (await fixtureCases()).find((c) => c.name === "fixture-task-tracker")!.model;
    const out = generateCode(tracker);
    expect(out.skipped.map((s) => s.table)).toEqual([
      "users",
      "authSessions",
      "authAccounts",
      "authRefreshTokens",
      "authVerificationCodes",
      "authVerifiers",
      "authRateLimits",
    ]);
    expect(out.skipped[0].reason).toBe("defined by a package (node_modules/@convex-dev/auth/server.ts)");
    expect(out.files["convex/authAccounts.ts"]).toBeUndefined();
    expect(out.files["convex/lib/access.ts"]).toContain(`ctx.db.normalizeId("users", identity.subject.split("|")[0])`);
    expect(generateCode(tracker, { tables: ["users"] }).files["convex/users.ts"]).toBeDefined();
  });

  test("writes into the functions folder the schema lives in", () => {
    const out = generateCode({ ...tasksApp, entry: "src/convex/schema.ts" }, { tables: ["users"], withSeed: true });
    expect(Object.keys(out.files).sort()).toEqual([
      "src/convex/lib/access.ts",
      "src/convex/lib/documents.ts",
      "src/convex/lib/relations.ts",
      "src/convex/seed.ts",
      "src/convex/users.ts",
      "src/convex/validators/users.ts",
    ]);
  });

  test("restricts per-table files to --tables and rejects unknown tables", () => {
    const out = generateCode(tasksApp, { tables: ["tasks"] });
    expect(
      Object.keys(out.files)
        .filter((p) => !p.startsWith("convex/lib/"))
        .sort(),
    ).toEqual(["convex/tasks.ts", "convex/validators/tasks.ts"]);
    expect(() => generateCode(tasksApp, { tables: ["nope"] })).toThrow(`Unknown table "nope"`);
    expect(() => generateCode(tasksApp, { folder: "../x" })).toThrow(/Invalid folder/);
  });
});

describe("planWrites (hand edits are never overwritten)", () => {
  const v1 = withHeader("line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\n");
  const v2 = withHeader("line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8 changed\n");

  test("headers carry the hash of the body", () => {
    const h = readHeader(v1)!;
    expect(h.hash).toBe(contentHash(h.body));
    expect(readHeader("export const x = 1;\n")).toBeUndefined();
  });

  test("creates, updates untouched files, keeps unchanged ones", () => {
    const p = planWrites(
      { "a.ts": v2, "b.ts": v1, "c.ts": v1 },
      { "b.ts": v1, "c.ts": v2 },
      { "b.ts": v1, "c.ts": v2 },
    );
    expect(p.entries.map((e) => [e.path, e.action])).toEqual([
      ["a.ts", "create"],
      ["b.ts", "unchanged"],
      ["c.ts", "update"],
    ]);
    expect(p.writes["a.ts"]).toBe(v2);
    expect(p.writes["c.ts"]).toBe(v1);
    expect(p.writes[storePath("c.ts")]).toBe(v1);
  });

  test("merges generator changes into a hand-edited file, or leaves it alone on conflict", () => {
    const edited = v1.replace("line 2\n", "line 2 edited by hand\n");
    const merged = planWrites({ "a.ts": v2 }, { "a.ts": edited }, { "a.ts": v1 });
    expect(merged.entries[0].action).toBe("merged");
    expect(merged.writes["a.ts"]).toContain("line 2 edited by hand\n");
    expect(merged.writes["a.ts"]).toContain("line 8 changed\n");
    expect(readHeader(merged.writes["a.ts"])!.hash).not.toBe(contentHash(readHeader(merged.writes["a.ts"])!.body));

    const clash = v1.replace("line 8\n", "line 8 mine\n");
    const conflict = planWrites({ "a.ts": v2 }, { "a.ts": clash }, { "a.ts": v1 });
    expect(conflict.entries[0].action).toBe("conflict");
    expect(conflict.writes).toEqual({});

    expect(planWrites({ "a.ts": v1 }, { "a.ts": edited }, { "a.ts": v1 }).entries[0].action).toBe("kept");
    expect(planWrites({ "a.ts": v2 }, { "a.ts": edited }, {}).entries[0].action).toBe("conflict");
  });

  test("never touches files it did not write and reports stale generated files", () => {
    const p = planWrites({ "a.ts": v1 }, { "a.ts": "export const mine = 1;\n" }, { "a.ts": undefined, "gone.ts": v1 });
    expect(p.entries[0].action).toBe("foreign");
    expect(p.writes).toEqual({});
    expect(p.stale).toEqual(["gone.ts"]);
  });
});
