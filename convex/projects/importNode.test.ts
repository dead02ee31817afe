import { describe, expect, it } from "vitest";
import type { Field, SchemaModel, Validator } from "../../lib/schema/model";
import advisorPrisma from "../../lib/import/testdata/prisma-advisor-chat/schema.prisma?raw";
import advisorUsers from "../../lib/import/testdata/prisma-advisor-chat/data/users.csv?raw";
import advisorAdvisors from "../../lib/import/testdata/prisma-advisor-chat/data/advisors.csv?raw";
import advisorConversations from "../../lib/import/testdata/prisma-advisor-chat/data/conversations.jsonl?raw";
import advisorMessages from "../../lib/import/testdata/prisma-advisor-chat/data/messages.csv?raw";
import advisorMemories from "../../lib/import/testdata/prisma-advisor-chat/data/advisor_memories.csv?raw";
import advisorSummaries from "../../lib/import/testdata/prisma-advisor-chat/data/ThreadSummary.jsonl?raw";
import sqlSchema from "../../lib/import/testdata/sql-app/schema.sql?raw";
import sqlData from "../../lib/import/testdata/sql-app/data.sql?raw";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { newDeployment, signedIn } from "../test.setup";

const ADVISOR_DATA = [
  { path: "data/users.csv", content: advisorUsers },
  { path: "data/advisors.csv", content: advisorAdvisors },
  { path: "data/conversations.jsonl", content: advisorConversations },
  { path: "data/messages.csv", content: advisorMessages },
  { path: "data/advisor_memories.csv", content: advisorMemories },
  { path: "data/ThreadSummary.jsonl", content: advisorSummaries },
];

type Deployment = ReturnType<typeof newDeployment>;
type SandboxDoc = { table: string; doc: Record<string, unknown> & { _id: string } };

/** Every `v.id` value inside `value` as [target table, id]. */
function references(validator: Validator, value: unknown, out: [string, string][] = []): [string, string][] {
  if (value === undefined || value === null) return out;
  switch (validator.kind) {
    case "id":
      out.push([validator.table, String(value)]);
      break;
    case "array":
      for (const item of value as unknown[]) references(validator.element, item, out);
      break;
    case "object":
      for (const f of validator.fields) references(f.validator, (value as Record<string, unknown>)[f.name], out);
      break;
    case "union":
      if (typeof value === "string") for (const m of validator.members) if (m.kind === "id") references(m, value, out);
      break;
  }
  return out;
}

async function sandbox(t: Deployment, projectId: Id<"projects">): Promise<SandboxDoc[]> {
  const rows = await t.run((ctx) =>
    ctx.db
      .query("sandboxDocuments")
      .withIndex("by_project_table", (q) => q.eq("projectId", projectId))
      .collect(),
  );
  return rows.map((r) => ({ table: r.table, doc: r.doc as SandboxDoc["doc"] }));
}

/** Checks that every reference in the sandbox names a document of the referenced table; returns the count checked. */
function checkReferences(model: SchemaModel, docs: SandboxDoc[]): number {
  const ids = new Map(docs.map((d) => [d.doc._id, d.table]));
  expect(ids.size).toBe(docs.length);
  let checked = 0;
  for (const { table, doc } of docs) {
    const fields: Field[] = model.tables.find((t) => t.name === table)!.fields;
    for (const f of fields) {
      for (const [target, id] of references(f.validator, doc[f.name])) {
        expect(ids.get(id), `${table}.${f.name} = ${id} (document ${doc._id})`).toBe(target);
        checked++;
      }
    }
  }
  return checked;
}

async function projectModel(
  as: Awaited<ReturnType<typeof signedIn>>["as"],
  projectId: Id<"projects">,
): Promise<SchemaModel> {
  const project = await as.query(api.projects.projects.get, { projectId });
  return JSON.parse(project.version!.modelJson) as SchemaModel;
}

describe("importNode.preview", () => {
  it("maps the advisor-chat Prisma schema without saving anything", async () => {
    const t = newDeployment();
    const { as } = await signedIn(t, "Ada");
    const before = await t
      .run((ctx) => ctx.db.query("projects").collect())
      .then((rows) => rows.filter((p) => !p.isDemo));
    const report = await as.action(api.projects.importNode.preview, { kind: "prisma", source: advisorPrisma });
    expect(report.ok).toBe(true);
    expect(report.tables.map((x) => x.table)).toEqual(
      expect.arrayContaining(["users", "advisors", "conversations", "messages", "advisorMemories"]),
    );
    expect(report.files["convex/schema.ts"]).toContain("messages: defineTable({");
    expect(report.files["convex/uniqueness.ts"]).toContain("ensureUnique");
    // Lossy mappings carry their line in schema.prisma.
    const warning = report.diagnostics.find((d) => d.severity === "warning");
    expect(warning).toMatchObject({ file: "schema.prisma", line: expect.any(Number) });
    expect(advisorPrisma.split("\n").length).toBeGreaterThanOrEqual(warning!.line!);
    expect(report.data).toBeUndefined();
    expect(
      await t.run((ctx) => ctx.db.query("projects").collect()).then((rows) => rows.filter((p) => !p.isDemo)),
    ).toHaveLength(before.length);
  });

  it("dry-runs data files: counts per table and broken rows with their place", async () => {
    const t = newDeployment();
    const { as } = await signedIn(t, "Ada");
    const report = await as.action(api.projects.importNode.preview, {
      kind: "prisma",
      source: advisorPrisma,
      dataFiles: ADVISOR_DATA,
    });
    const messages = report.data!.tables.find((x) => x.table === "messages")!;
    expect(messages).toMatchObject({ read: 5, written: 4, skipped: 1 });
    expect(report.data!.problems).toContainEqual(
      expect.objectContaining({
        code: "DATA-CONVERT",
        table: "messages",
        key: "5",
        file: "data/messages.csv",
        line: 6,
        skipped: true,
      }),
    );
    // The JSON column's shape is shown but not applied unless asked.
    expect(report.jsonShapes).toEqual([
      expect.objectContaining({ table: "messages", field: "toolCalls", applied: false, samples: 1 }),
    ]);
    expect(report.files["convex/schema.ts"]).toContain("toolCalls: v.optional(v.any())");
    expect(await t.run((ctx) => ctx.db.query("sandboxDocuments").collect())).toHaveLength(0);
  });

  it("locates errors in the source", async () => {
    const t = newDeployment();
    const { as } = await signedIn(t, "Ada");
    const report = await as.action(api.projects.importNode.preview, {
      kind: "prisma",
      source: "model User {\n  id Int @id\n  name String\n  oops {\n}\n",
      fileName: "prisma/schema.prisma",
    });
    expect(report.ok).toBe(false);
    expect(report.diagnostics.find((d) => d.severity === "error")).toMatchObject({
      code: "IMP-PARSE",
      file: "prisma/schema.prisma",
      line: 4,
    });
    expect(report.files).toEqual({});
  });
});

describe("importNode.create", () => {
  it("creates a project from Prisma + CSV/JSONL with every reference resolving in the sandbox", async () => {
    const t = newDeployment();
    const { as } = await signedIn(t, "Ada");
    const result = await as.action(api.projects.importNode.create, {
      name: "Advisor chat",
      kind: "prisma",
      source: advisorPrisma,
      dataFiles: ADVISOR_DATA,
      inferJson: true,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const model = await projectModel(as, result.projectId);
    const project = await as.query(api.projects.projects.get, { projectId: result.projectId });
    expect(project.version!.source).toBe(result.report.files["convex/schema.ts"]);
    // inferJson: the column is typed from its values in schema.ts and in the stored model.
    expect(project.version!.source).toContain(`toolCalls: v.optional(${result.report.jsonShapes![0].type})`);
    expect(
      model.tables.find((x) => x.name === "messages")!.fields.find((f) => f.name === "toolCalls")!.validator.kind,
    ).toBe("array");
    expect(Object.keys(JSON.parse(project.version!.filesJson!))).toEqual(
      expect.arrayContaining(["convex/uniqueness.ts", "convex/importCleanup.ts"]),
    );
    const docs = await sandbox(t, result.projectId);
    for (const counts of result.report.data!.tables) {
      expect(docs.filter((d) => d.table === counts.table).length, counts.table).toBe(counts.written);
    }
    expect(docs.length).toBe(12);
    // messages.replyToId is a deferred self reference: patched after insert, and it still resolves.
    expect(checkReferences(model, docs)).toBeGreaterThanOrEqual(10);
    expect(docs.some((d) => d.table === "messages" && typeof d.doc.replyToId === "string")).toBe(true);
    const summary = await as.query(api.migrations.sandbox.summary, { projectId: result.projectId });
    expect(summary.find((s) => s.table === "messages")?.count).toBe(4);
    // The report stays with the project.
    const stored = await as.query(api.projects.importReports.forProject, { projectId: result.projectId });
    expect(stored).toMatchObject({
      kind: "prisma",
      fileName: "schema.prisma",
      tables: 6,
      warnings: 2,
      rowsRead: 14,
      rowsWritten: 12,
      rowsSkipped: 2,
    });
    expect(stored!.report.data!.problems).toHaveLength(2);
    const { as: other } = await signedIn(t, "Eve");
    await expect(other.query(api.projects.importReports.forProject, { projectId: result.projectId })).rejects.toThrow(
      /not found/i,
    );
  });

  it("imports a pg_dump with its inline COPY data, reporting skipped and dangling rows", async () => {
    const t = newDeployment();
    const { as } = await signedIn(t, "Ada");
    // One pg_dump file: DDL then COPY data (the data is read from the source itself).
    const dump = `${sqlSchema}\n${sqlData}`;
    const offset = `${sqlSchema}\n`.split("\n").length - 1;
    const result = await as.action(api.projects.importNode.create, {
      name: "SQL app",
      kind: "sql",
      source: dump,
      fileName: "dump.sql",
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const data = result.report.data!;
    expect(data.tables.find((x) => x.table === "users")).toMatchObject({ read: 5, written: 3, skipped: 2 });
    expect(data.problems).toContainEqual(
      expect.objectContaining({ code: "DATA-DANGLING", table: "tasks", key: "103", skipped: false }),
    );
    expect(data.problems).toContainEqual(
      expect.objectContaining({ code: "DATA-MISSING-REF", table: "attachments", key: "2", skipped: true }),
    );
    expect(data.readProblems).toContainEqual(
      expect.objectContaining({ code: "DATA-UNKNOWN-TABLE", file: "dump.sql", line: offset + 63 }),
    );
    expect(data.problems).toContainEqual(
      expect.objectContaining({ code: "DATA-CONVERT", table: "auditEvents", file: "dump.sql", line: offset + 68 }),
    );
    const docs = await sandbox(t, result.projectId);
    const written = data.tables.reduce((n, x) => n + x.written, 0);
    expect(docs.length).toBe(written);
    for (const counts of data.tables)
      expect(docs.filter((d) => d.table === counts.table).length, counts.table).toBe(counts.written);
    expect(checkReferences(await projectModel(as, result.projectId), docs)).toBeGreaterThan(10);
    // The dangling assignee was left unset, the task itself imported.
    const task103 = docs.find((d) => d.table === "tasks" && d.doc.legacyId === 103);
    expect(task103?.doc.assigneeId).toBeUndefined();
  });

  it('skips rows Convex cannot store ("$" JSON keys, int64 out of range) one by one, with their table, key and line', async () => {
    const t = newDeployment();
    const { as } = await signedIn(t, "Ada");
    const source = "model Event {\n  id Int @id\n  payload Json\n  total BigInt\n}\n";
    const rows = [
      '{"id":1,"payload":{"ok":true},"total":"1"}',
      '{"id":2,"payload":{"$ref":"#/x"},"total":"2"}',
      '{"id":3,"payload":[1,2],"total":"3"}',
      '{"id":4,"payload":{},"total":"99999999999999999999"}',
    ].join("\n");
    const result = await as.action(api.projects.importNode.create, {
      name: "Events",
      kind: "prisma",
      source,
      dataFiles: [{ path: "Event.jsonl", content: rows }],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.report.data!.tables).toEqual([
      expect.objectContaining({ table: "events", read: 4, written: 2, skipped: 2 }),
    ]);
    expect(result.report.data!.problems).toEqual([
      expect.objectContaining({
        code: "DATA-CONVERT",
        table: "events",
        key: "2",
        file: "Event.jsonl",
        line: 2,
        skipped: true,
      }),
      expect.objectContaining({
        code: "DATA-REJECTED",
        table: "events",
        key: "4",
        file: "Event.jsonl",
        line: 4,
        skipped: true,
      }),
    ]);
    const docs = await sandbox(t, result.projectId);
    expect(docs.map((d) => d.doc.legacyId).sort()).toEqual([1, 3]);
  });

  it("returns located errors for a broken SQL source and saves nothing", async () => {
    const t = newDeployment();
    const { as } = await signedIn(t, "Ada");
    const result = await as.action(api.projects.importNode.create, {
      name: "Broken",
      kind: "sql",
      source:
        "CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES missing(id));\n",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ file: "schema.sql", line: 2 });
    expect(
      await t.run((ctx) => ctx.db.query("projects").collect()).then((rows) => rows.filter((p) => !p.isDemo)),
    ).toHaveLength(0);
    expect(await t.run((ctx) => ctx.db.query("sandboxDocuments").collect())).toHaveLength(0);
  });
});
