/**
 * Protocol tests against the real `schema-assistant lsp --stdio` process on a copy of testdata/project:
 * diagnostics from open buffers (unsaved text wins over disk), completion, hover, definition, references,
 * code actions, commands and the designer request, all through vscode-languageserver-protocol.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CodeAction, CompletionItem, Hover, Location, TextEdit } from "vscode-languageserver-protocol";
import { change, positionOf, startLsp, type LspClient } from "./testing";

const TASKS = "convex/tasks.ts";
const SCHEMA = "convex/schema.ts";
let lsp: LspClient;

beforeAll(async () => {
  lsp = await startLsp();
  lsp.open(TASKS);
  lsp.open(SCHEMA);
}, 120_000);
afterAll(() => lsp?.stop());

const codes = (list: { code?: string | number }[]) => list.map((d) => String(d.code)).sort();

/** Applies LSP text edits to a text (edits do not overlap). */
function applyEdits(text: string, edits: TextEdit[]): string {
  const offset = (p: { line: number; character: number }) =>
    text.split("\n").slice(0, p.line).join("\n").length + (p.line ? 1 : 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

describe("schema-assistant lsp", () => {
  it("publishes optimizer findings for a function file and lint findings for the schema", async () => {
    const tasks = await lsp.waitForDiagnostics(TASKS, (p) => p.diagnostics.length >= 6);
    expect(codes(tasks)).toEqual(["OPT101", "OPT101", "OPT102", "OPT103", "OPT107", "OPT109"]);
    const unknown = tasks.find((d) => d.code === "OPT109")!;
    const text = lsp.read(TASKS);
    expect(unknown.severity).toBe(1);
    expect(unknown.message).toContain('no index "by_title"');
    expect(unknown.message).toContain("tasks:byTitle");
    expect(unknown.range.start).toEqual(positionOf(text, 'withIndex("by_title"'));
    const schema = await lsp.waitForDiagnostics(SCHEMA, (p) => p.diagnostics.length > 0);
    const lint = schema.find((d) => d.code === "LINT-ID-INDEX")!;
    expect(lint.severity).toBe(2);
    expect(lint.range.start).toEqual(positionOf(lsp.read(SCHEMA), "assigneeId: v.id"));
    expect(lint.range.end.character - lint.range.start.character).toBe("assigneeId".length);
  });

  it("reads the unsaved buffer, not the disk: an edit clears a finding and a broken schema is located", async () => {
    const text = lsp.read(TASKS);
    const v1 = change(
      lsp,
      TASKS,
      text
        .replace('withIndex("by_title"', 'withIndex("by_owner"')
        .replace('q.eq("title", title)', 'q.eq("ownerId", title as any)'),
    );
    const after = await lsp.waitForDiagnostics(TASKS, (p) => p.version === v1);
    expect(codes(after)).not.toContain("OPT109");
    expect(codes(after)).toContain("OPT107");
    change(lsp, TASKS, text);
    const schemaText = lsp.read(SCHEMA);
    const v2 = change(lsp, SCHEMA, schemaText.replace("dueAt: v.number(),", "dueAt: v.number(,"));
    const broken = await lsp.waitForDiagnostics(SCHEMA, (p) => p.version === v2);
    expect(broken.map((d) => d.code)).toEqual(["SA001"]);
    expect(broken[0].range.start.line).toBe(positionOf(schemaText, "dueAt: v.number(").line);
    const v3 = change(lsp, SCHEMA, schemaText);
    expect(codes(await lsp.waitForDiagnostics(SCHEMA, (p) => p.version === v3))).toEqual(["LINT-ID-INDEX"]);
  });

  it("a schema edit re-checks the function files: removing an index a query uses reports it", async () => {
    const schemaText = lsp.read(SCHEMA);
    change(lsp, SCHEMA, schemaText.replace('.index("by_owner", ["ownerId"])', ""));
    const tasks = await lsp.waitForDiagnostics(TASKS, (p) =>
      p.diagnostics.some((d) => String(d.message).includes('no index "by_owner"')),
    );
    expect(tasks.filter((d) => d.code === "OPT109").length).toBe(2);
    change(lsp, SCHEMA, schemaText);
    await lsp.waitForDiagnostics(TASKS, (p) => p.diagnostics.filter((d) => d.code === "OPT109").length === 1);
  });

  it("completes table names, index names with their fields, and field names", async () => {
    const text = lsp.read(TASKS);
    const complete = async (needle: string, delta: number): Promise<CompletionItem[]> =>
      (await lsp.connection.sendRequest("textDocument/completion", {
        textDocument: { uri: lsp.uri(TASKS) },
        position: positionOf(text, needle, delta),
      })) as CompletionItem[];
    expect((await complete('query("tasks")', 7)).map((i) => i.label).sort()).toEqual(["tasks", "users"]);
    expect((await complete('v.id("users")', 6)).map((i) => i.label).sort()).toEqual(["tasks", "users"]);
    const indexes = await complete('withIndex("by_owner"', 11);
    expect(indexes.map((i) => [i.label, i.detail])).toEqual([
      ["by_owner", "ownerId"],
      ["by_status_and_due", "status, dueAt"],
    ]);
    const fields = await complete('q.eq("dueAt"', 6);
    expect(fields.map((i) => i.label)).toEqual(
      expect.arrayContaining(["title", "status", "ownerId", "assigneeId", "dueAt"]),
    );
    // Inside withIndex("by_status_and_due", q => q.eq("…")) the index's first field is preselected.
    expect(fields.find((i) => i.preselect)?.label).toBe("status");
    const inField = await complete('q.field("assigneeId")', 9);
    expect(inField.map((i) => i.label)).toEqual(expect.arrayContaining(["assigneeId", "_id", "_creationTime"]));
    // In the schema, an index's field list offers the fields of the table it is declared on.
    const schema = lsp.read(SCHEMA);
    const inSchema = (await lsp.connection.sendRequest("textDocument/completion", {
      textDocument: { uri: lsp.uri(SCHEMA) },
      position: positionOf(schema, '["ownerId"]', 2),
    })) as CompletionItem[];
    expect(inSchema.map((i) => i.label)).toEqual(["title", "status", "ownerId", "assigneeId", "dueAt"]);
    const usersIndex = (await lsp.connection.sendRequest("textDocument/completion", {
      textDocument: { uri: lsp.uri(SCHEMA) },
      position: positionOf(schema, '["email"]', 2),
    })) as CompletionItem[];
    expect(usersIndex.map((i) => i.label)).toEqual(["name", "email"]);
    // An edit replaces the literal's contents.
    expect((indexes[0].textEdit as TextEdit).range.start).toEqual(positionOf(text, 'withIndex("by_owner"', 11));
  });

  it("hovers a table, an index and v.id with docs, relationships and the functions using them", async () => {
    const text = lsp.read(TASKS);
    const hover = async (needle: string, delta: number) =>
      (
        (await lsp.connection.sendRequest("textDocument/hover", {
          textDocument: { uri: lsp.uri(TASKS) },
          position: positionOf(text, needle, delta),
        })) as Hover | null
      )?.contents as { value: string } | undefined;
    const table = (await hover('query("tasks")', 8))!.value;
    expect(table).toContain("**tasks** (table)");
    expect(table).toContain("Work items of a team.");
    expect(table).toContain('assigneeId: v.id("users")');
    expect(table).toContain("`tasks.ownerId` → **users**");
    expect(table).toMatch(/Read by .*`tasks:byOwner`/);
    expect(table).toMatch(/Written by `tasks:create`/);
    const index = (await hover('withIndex("by_owner"', 12))!.value;
    expect(index).toContain("**tasks.by_owner**: fields `ownerId`");
    expect(index).toContain("Read by `tasks:byOwner`");
    const users = (await hover('v.id("users")', 7))!.value;
    expect(users).toContain("**users** (table)");
    expect(users).toContain("`tasks.assigneeId` → **users**");
  });

  it("hovers a field in the schema and finds where an index and a field are queried", async () => {
    const schema = lsp.read(SCHEMA);
    const field = (await lsp.connection.sendRequest("textDocument/hover", {
      textDocument: { uri: lsp.uri(SCHEMA) },
      position: positionOf(schema, "ownerId: v.id", 2),
    })) as Hover;
    const text = (field.contents as { value: string }).value;
    expect(text).toContain('tasks.ownerId: v.id("users")');
    expect(text).toContain("Indexes: `by_owner`");
    expect(text).toContain("Queried by `tasks:byOwner`");
    expect(text).toContain("Written by `tasks:create`"); // the shorthand key in ctx.db.insert("tasks", { …, ownerId, … })
    const refs = async (position: { line: number; character: number }) =>
      (
        (await lsp.connection.sendRequest("textDocument/references", {
          textDocument: { uri: lsp.uri(SCHEMA) },
          position,
          context: { includeDeclaration: true },
        })) as Location[]
      )
        .map((r) => `${r.uri.slice(lsp.uri("").length + 1)}:${r.range.start.line + 1}`)
        .sort();
    // The index: its declaration and the withIndex call using it.
    expect(await refs(positionOf(schema, '"by_status_and_due"', 2))).toEqual([
      "convex/schema.ts:20",
      "convex/tasks.ts:29",
    ]);
    // A field: its declaration, the filter on it and the insert writing it; another: the index range naming it.
    expect(await refs(positionOf(schema, "status: v.union", 1))).toEqual([
      "convex/schema.ts:14",
      "convex/tasks.ts:22",
      "convex/tasks.ts:44",
    ]);
    expect(await refs(positionOf(schema, "dueAt: v.number", 1))).toEqual([
      "convex/schema.ts:17",
      "convex/tasks.ts:29",
      "convex/tasks.ts:44",
    ]);
    // A field queried in a helper's index range and in a filter.
    expect(await refs(positionOf(schema, "email: v.string", 1))).toEqual([
      "convex/lib/helpers.ts:5",
      "convex/schema.ts:8",
      "convex/tasks.ts:58",
    ]);
  });

  it("goes to the index and table definitions and finds references of a table", async () => {
    const text = lsp.read(TASKS);
    const schema = lsp.read(SCHEMA);
    const def = (await lsp.connection.sendRequest("textDocument/definition", {
      textDocument: { uri: lsp.uri(TASKS) },
      position: positionOf(text, 'withIndex("by_owner"', 12),
    })) as Location;
    expect(def.uri).toBe(lsp.uri(SCHEMA));
    expect(def.range.start).toEqual(positionOf(schema, '"by_owner"'));
    const table = (await lsp.connection.sendRequest("textDocument/definition", {
      textDocument: { uri: lsp.uri(TASKS) },
      position: positionOf(text, 'v.id("users")', 7),
    })) as Location;
    expect(table.range.start).toEqual(positionOf(schema, "users: defineTable"));
    const refs = (await lsp.connection.sendRequest("textDocument/references", {
      textDocument: { uri: lsp.uri(SCHEMA) },
      position: positionOf(schema, "users: defineTable", 1),
      context: { includeDeclaration: false },
    })) as Location[];
    const where = refs.map((r) => `${r.uri.slice(lsp.uri("").length + 1)}:${r.range.start.line + 1}`).sort();
    expect(where).toEqual(["convex/lib/helpers.ts:5", "convex/tasks.ts:58"]);
  });

  it("offers a lint fix, an index for a query and a provable filter → withIndex rewrite", async () => {
    const text = lsp.read(TASKS);
    const schema = lsp.read(SCHEMA);
    const actionsAt = async (file: string, source: string, needle: string) => {
      const at = positionOf(source, needle);
      return (await lsp.connection.sendRequest("textDocument/codeAction", {
        textDocument: { uri: lsp.uri(file) },
        range: { start: at, end: at },
        context: { diagnostics: [] },
      })) as CodeAction[];
    };
    const lint = await actionsAt(SCHEMA, schema, "assigneeId: v.id");
    expect(lint.map((a) => a.title)).toEqual(['LINT-ID-INDEX: Add index "by_assigneeId" on ["assigneeId"].']);
    const fixed = applyEdits(schema, lint[0].edit!.changes![lsp.uri(SCHEMA)]);
    expect(fixed).toContain('.index("by_assigneeId", ["assigneeId"])');
    expect(fixed.replace(/\s*\.index\("by_assigneeId", \["assigneeId"\]\)/, "")).toBe(schema);

    const add = await actionsAt(TASKS, text, 'filter((q) => q.eq(q.field("assigneeId")');
    const titles = add.map((a) => a.title);
    expect(titles).toContain('Add index "by_assigneeId" (assigneeId) on "tasks" to convex/schema.ts');
    const both = add.find((a) => a.title.startsWith('Add index "by_assigneeId" and rewrite'))!;
    expect(applyEdits(text, both.edit!.changes![lsp.uri(TASKS)])).toContain(
      '.withIndex("by_assigneeId", (q) => q.eq("assigneeId", assigneeId)).collect()',
    );

    const rewrite = await actionsAt(TASKS, text, 'filter((q) => q.eq(q.field("email")');
    expect(rewrite.map((a) => a.title)).toEqual(['Rewrite .filter to .withIndex("by_email")']);
    const after = applyEdits(text, rewrite[0].edit!.changes![lsp.uri(TASKS)]);
    expect(after).toContain('ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", email)).first()');
  });

  it("runs the CLI's commands and the designer on the open schema", async () => {
    const analyze = (await lsp.connection.sendRequest("workspace/executeCommand", {
      command: "schema-assistant.analyze",
    })) as { exitCode: number; output: string };
    expect(analyze.exitCode).toBe(0);
    expect(analyze.output).toContain("LINT-ID-INDEX");
    const design = (await lsp.connection.sendRequest("schemaAssistant/design", {
      message: "add a priority field to tasks",
    })) as { reply: string; diff: string; uri: string; edit: TextEdit };
    expect(design.diff).toMatch(/^\+\s+priority: /m);
    expect(design.uri).toBe(lsp.uri(SCHEMA));
    const next = applyEdits(lsp.read(SCHEMA), [design.edit]);
    expect(next).toContain("/** Work items of a team. */");
    expect(next).toMatch(/priority: /);

    // A migration plan from git HEAD to the working tree.
    const git = (...args: string[]) => execFileSync("git", args, { cwd: lsp.dir, stdio: "pipe" });
    git("init", "-q");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "empty");
    git("add", ".");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "fixture");
    writeFileSync(
      path.join(lsp.dir, SCHEMA),
      lsp.read(SCHEMA).replace("dueAt: v.number(),", "dueAt: v.number(),\n    archived: v.optional(v.boolean()),"),
    );
    const migrate = (await lsp.connection.sendRequest("workspace/executeCommand", {
      command: "schema-assistant.migrate",
    })) as { exitCode: number; output: string };
    expect(migrate.exitCode, migrate.output).toBe(0);
    expect(migrate.output).toContain("tasks.archived");
  });
});

describe("a schema split over files", () => {
  it("reports a parse error in a file the schema imports, at its place in that file, from the unsaved buffer", async () => {
    const validators =
      'import { v } from "convex/values";\nexport const status = v.union(v.literal("open"), v.literal("done"));\n';
    const other = await startLsp({
      "convex/validators.ts": validators,
      "convex/schema.ts":
        'import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nimport { status } from "./validators";\nexport default defineSchema({ tasks: defineTable({ title: v.string(), status }) });\n',
    });
    try {
      other.open("convex/validators.ts");
      other.open("convex/schema.ts");
      const version = change(
        other,
        "convex/validators.ts",
        validators.replace('v.literal("done"))', 'v.literal("done")'),
      );
      const broken = await other.waitForDiagnostics("convex/validators.ts", (p) => p.version === version);
      expect(broken.map((d) => d.code)).toEqual(["SA001"]);
      expect(broken[0].range.start.line).toBe(1);
      const fixed = change(other, "convex/validators.ts", validators.replace('v.literal("done"))', "v.strng())"));
      const unknown = await other.waitForDiagnostics("convex/validators.ts", (p) => p.version === fixed);
      expect(unknown.map((d) => d.code)).toEqual(["SA005"]); // unknown validator builder, located in the imported file
    } finally {
      await other.stop();
    }
  }, 120_000);
});

describe("a schema static reading cannot fully resolve", () => {
  it("is completed by running it once opened, and a stale run never hides what the buffer says", async () => {
    const schema = readFileSync(path.join(__dirname, "../testdata/evaluated/custom-wrapper/convex/schema.ts"), "utf8");
    const tickets =
      'import { v } from "convex/values";\nimport { query } from "./_generated/server";\n\nexport const open = query({\n  args: {},\n  handler: async (ctx) => ctx.db.query("tickets").withIndex("by_status", (q) => q.eq("status", "open")).take(10),\n});\n';
    const other = await startLsp({ "convex/schema.ts": schema, "convex/tickets.ts": tickets });
    try {
      other.open("convex/schema.ts");
      other.open("convex/tickets.ts");
      // Static reading cannot follow the helper's loop (SA103); running the schema reads "tickets" exactly (SA121).
      const notes = await other.waitForDiagnostics(
        "convex/schema.ts",
        (p) => p.diagnostics.some((d) => d.code === "SA121"),
        60_000,
      );
      expect(notes.map((d) => d.code)).not.toContain("SA103");
      expect(notes.find((d) => d.code === "SA121")!.severity).toBe(3);
      const at = positionOf(tickets, 'q.eq("status"', 6);
      const fields = (await other.connection.sendRequest("textDocument/completion", {
        textDocument: { uri: other.uri("convex/tickets.ts") },
        position: at,
      })) as CompletionItem[];
      expect(fields.map((i) => i.label)).toEqual(
        expect.arrayContaining(["title", "status", "createdBy", "updatedBy", "updatedAt"]),
      );
      // An unsaved edit of a table static reading resolves shows at once, on top of the last run.
      change(
        other,
        "convex/schema.ts",
        schema.replace(
          "users: defineTable({ name: v.string() })",
          "users: defineTable({ name: v.string(), email: v.string() })",
        ),
      );
      const hover = (await other.connection.sendRequest("textDocument/hover", {
        textDocument: { uri: other.uri("convex/tickets.ts") },
        position: positionOf(tickets, 'query("tickets")', 8),
      })) as Hover;
      expect((hover.contents as { value: string }).value).toContain('createdBy: v.id("users")');
      const users = (await other.connection.sendRequest("textDocument/completion", {
        textDocument: { uri: other.uri("convex/schema.ts") },
        position: positionOf(schema, 'v.id("users")', 6),
      })) as CompletionItem[];
      expect(users.find((i) => i.label === "users")!.detail).toBe("table: name, email");
    } finally {
      await other.stop();
    }
  }, 120_000);
});
