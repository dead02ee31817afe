/** Behaviour of the advisor, codemod, measurements and table map, on the fixture projects and inline code. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSchema, parseSchemaSource } from "../schema";
import {
  adviseIndexes,
  analyzeProject,
  checkOptimizations,
  compareMeasurements,
  functionTableMap,
  optimizeProject,
  planCodemod,
  rankMeasurements,
  statsFromSamples,
} from "./index";
import type { DataStats, Measurement } from "./types";

function load(name: string) {
  const dir = path.join(__dirname, "testdata", name);
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const abs = path.join(d, n);
      if (statSync(abs).isDirectory()) walk(abs);
      else files[path.relative(dir, abs).split(path.sep).join("/")] = readFileSync(abs, "utf8");
    }
  };
  walk(path.join(dir, "convex"));
  const parsed = parseSchema({ files, entry: "convex/schema.ts" });
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  const analysis = analyzeProject({ files }, { schema: parsed.schema });
  return { files, schema: parsed.schema, analysis };
}

describe("adviseIndexes", () => {
  it("reuses existing indexes, adds the missing ones and merges patterns one index serves", () => {
    const { schema, analysis } = load("task-tracker");
    const advice = adviseIndexes(schema, analysis.accesses);
    const summary = advice.map(
      (a) =>
        `${a.table} ${a.action} ${a.index.name} [${a.index.fields.join(",")}] ${a.patterns.map((p) => p.function).join(",")}`,
    );
    expect(summary).toEqual([
      "comments add by_authorId [authorId] comments:byAuthor",
      "projects add by_teamId_and_archived [teamId,archived] teams:projects",
      "tasks reuse by_assignee [assigneeId] tasks:mine",
      "tasks add by_assigneeId_and_dueDate [assigneeId,dueDate] tasks:upcomingForMe",
      "tasks reuse by_project_and_status [projectId,status] tasks:listByStatus,tasks:listByProject",
    ]);
    // listByProject collects without an order, so the [projectId, status] index serves it, with a note.
    const reuse = advice.find((a) => a.index.name === "by_project_and_status");
    expect(reuse?.notes.join(" ")).toContain("tasks:listByProject");
    expect(advice.find((a) => a.index.name === "by_authorId")?.strong).toBe(true);
    expect(advice.find((a) => a.index.name === "by_teamId_and_archived")?.strong).toBe(false);
  });

  it("estimates documents read before and after from statistics, and stages indexes on large tables", () => {
    const { schema, analysis } = load("index-problems");
    const stats: DataStats = JSON.parse(
      readFileSync(path.join(__dirname, "testdata/index-problems/stats.json"), "utf8"),
    );
    const advice = adviseIndexes(schema, analysis.accesses, stats, { stagedAbove: 100_000 });
    expect(advice).toHaveLength(1);
    expect(advice[0]).toMatchObject({
      table: "messages",
      action: "add",
      index: { name: "by_channelId_and_pinned", fields: ["channelId", "pinned"], staged: true },
      before: 4000,
      after: 40,
      strong: true,
    });
  });

  it("drops a pattern when statistics show the index would not help", () => {
    const schema =
      mustParse(`import { defineSchema, defineTable } from "convex/server"; import { v } from "convex/values";
      export default defineSchema({ items: defineTable({ flag: v.boolean(), owner: v.id("users") }), users: defineTable({ n: v.string() }) });`);
    const files = {
      "convex/items.ts": `import { query } from "./_generated/server";
      export const f = query({ args: {}, handler: async (ctx) => ctx.db.query("items").filter((q) => q.eq(q.field("flag"), true)).first() });`,
    };
    const analysis = analyzeProject({ files }, { schema });
    const stats: DataStats = { tables: { items: { documents: 1000, fields: { flag: { selectivity: 0.95 } } } } };
    expect(adviseIndexes(schema, analysis.accesses, stats)).toEqual([]);
    expect(checkOptimizations({ schema, analysis, stats }).filter((f) => f.code === "OPT108")).toEqual([]);
    expect(checkOptimizations({ schema, analysis }).map((f) => `${f.code} ${f.severity}`)).toEqual(["OPT108 info"]);
  });
});

describe("planCodemod", () => {
  it("adds strong indexes to schema.ts and rewrites only filters whose meaning provably stays the same", () => {
    const { files, schema, analysis } = load("task-tracker");
    const advice = adviseIndexes(schema, analysis.accesses);
    const plan = planCodemod({ files, schema, schemaFile: "convex/schema.ts", analysis, advice });
    expect(plan.errors).toEqual([]);
    expect(plan.operations.map((o) => (o.op === "addIndex" ? `${o.table}.${o.index.name}` : o.op))).toEqual([
      "comments.by_authorId",
      "tasks.by_assigneeId_and_dueDate",
    ]);
    expect(plan.rewrites.map((r) => `${r.loc.file}:${r.loc.line} ${r.kind} ${r.index}`)).toEqual([
      "convex/comments.ts:20 query by_authorId",
      "convex/tasks.ts:22 extend by_project_and_status",
      "convex/tasks.ts:32 query by_assignee",
    ]);
    expect(plan.rewrites[0].after).toBe('withIndex("by_authorId", (q) => q.eq("authorId", ctx.user._id))');
    // listByProject would change order (status first); upcomingForMe's index range has a bound: both left alone.
    const skippedLines = plan.skipped.map((s) => s.loc.line).sort((a, b) => a - b);
    expect(skippedLines).toEqual([11, 43, 45]);
    expect(plan.changed["convex/tasks.ts"]).toContain(
      '.withIndex("by_project_and_status", (q) => q.eq("projectId", args.projectId).eq("status", args.status))\n      .take(100)',
    );
    expect(plan.changed["convex/tasks.ts"]).toContain(
      '.withIndex("by_assignee", (q) => q.eq("assigneeId", ctx.user._id))\n      .take(50)',
    );
    expect(plan.changed["convex/schema.ts"]).toMatch(/\.index\("by_authorId", \["authorId"\]\)/);
    expect(plan.diff).toContain("+++ b/convex/comments.ts");
    // The result parses, and re-analysing it shows the rewritten filters gone.
    const after = { ...files, ...plan.changed };
    const reparsed = parseSchema({ files: after, entry: "convex/schema.ts" });
    expect(reparsed.ok).toBe(true);
    if (!reparsed.ok) return;
    const again = checkOptimizations({
      schema: reparsed.schema,
      analysis: analyzeProject({ files: after }, { schema: reparsed.schema }),
    });
    const codes = again.map((f) => `${f.loc?.file}:${f.loc?.line} ${f.code}`);
    expect(codes).not.toContain("convex/comments.ts:20 OPT107");
    expect(codes).not.toContain("convex/tasks.ts:32 OPT101");
    expect(codes).not.toContain("convex/tasks.ts:22 OPT101");
    // upcomingForMe now has a well-ordered index; its filter follows withIndex, so it is reported, not rewritten.
    // (the extension above removed the line of listByStatus's filter, so upcomingForMe moved up one line)
    expect(codes).not.toContain("convex/tasks.ts:42 OPT103");
    expect(codes).toContain("convex/tasks.ts:42 OPT101");
    expect(again.find((f) => f.loc?.line === 42)?.message).toContain('index "by_assigneeId_and_dueDate" serves it');
  });

  it("does not rewrite code to use an index that is staged", () => {
    const { files, schema, analysis } = load("task-tracker");
    const stats: DataStats = { tables: { comments: { documents: 500_000 } } };
    const advice = adviseIndexes(schema, analysis.accesses, stats);
    const plan = planCodemod({ files, schema, schemaFile: "convex/schema.ts", analysis, advice });
    expect(plan.changed["convex/schema.ts"]).toMatch(
      /\.index\("by_authorId", \{ fields: \["authorId"\], staged: true \}\)/,
    );
    expect(plan.rewrites.map((r) => r.loc.file)).not.toContain("convex/comments.ts");
  });
});

describe("measurements", () => {
  const m = (
    fn: string,
    table: string,
    index: string | null,
    calls: number,
    scanned: number,
    returned: number,
  ): Measurement => ({
    functionPath: fn,
    table,
    index,
    calls,
    documentsScanned: scanned,
    documentsReturned: returned,
  });

  it("ranks measured patterns by waste and attaches the static findings", () => {
    const { schema, analysis } = load("task-tracker");
    const findings = checkOptimizations({ schema, analysis });
    const ranked = rankMeasurements(
      [
        m("tasks:mine", "tasks", null, 2, 2000, 10),
        m("comments:list", "comments", "by_task", 5, 100, 100),
        m("teams:all", "teams", null, 1, 30, 30),
      ],
      findings,
    );
    expect(ranked.map((r) => `${r.function} ${r.waste}`)).toEqual([
      "tasks:mine 1990",
      "comments:list 0",
      "teams:all 0",
    ]);
    expect(ranked[0].findings.map((f) => f.code)).toEqual(["OPT101"]);
    expect(ranked[2].findings.map((f) => f.code)).toEqual(["OPT102"]);
  });

  it("compares before and after per call", () => {
    const cmp = compareMeasurements(
      [m("tasks:mine", "tasks", null, 2, 2000, 10)],
      [m("tasks:mine", "tasks", "by_assignee", 4, 20, 20)],
    );
    expect(cmp.changes).toEqual([
      {
        function: "tasks:mine",
        table: "tasks",
        indexBefore: null,
        indexAfter: "by_assignee",
        scannedBefore: 1000,
        scannedAfter: 5,
        returnedBefore: 5,
        returnedAfter: 5,
      },
    ]);
    expect(cmp).toMatchObject({ scannedBefore: 1000, scannedAfter: 5 });
  });

  it("derives statistics from document samples", () => {
    const stats = statsFromSamples({ t: { count: 1000, documents: [{ a: 1, b: "x" }, { a: 2, b: "x" }, { a: 1 }] } });
    expect(stats.tables.t).toEqual({
      documents: 1000,
      fields: { a: { distinct: 2, selectivity: 0.5 }, b: { distinct: 2, selectivity: 0.5 } },
    });
  });
});

describe("functionTableMap", () => {
  it("lists every function and its read/write edges with counts", () => {
    const { analysis } = load("task-tracker");
    const map = functionTableMap(analysis.accesses, analysis.functions);
    expect(map.functions).toHaveLength(analysis.functions.length);
    expect(map.edges.filter((e) => e.function === "tasks:remove")).toEqual([
      { function: "tasks:remove", table: "comments", mode: "read", count: 1 },
      { function: "tasks:remove", table: "comments", mode: "write", count: 1 },
      { function: "tasks:remove", table: "tasks", mode: "write", count: 1 },
      { function: "tasks:remove", table: "users", mode: "read", count: 1 },
    ]);
    expect(map.edges.find((e) => e.function === "tasks:create" && e.table === "activity")).toEqual({
      function: "tasks:create",
      table: "activity",
      mode: "write",
      count: 1,
    });
  });
});

function mustParse(source: string) {
  const r = parseSchemaSource(source);
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.schema;
}

describe("optimizeProject", () => {
  it("returns the same findings and advice as the separate calls, plus measured patterns", () => {
    const { files, schema, analysis } = load("task-tracker");
    const measurements = [
      { functionPath: "teams:all", table: "teams", index: null, calls: 1, documentsScanned: 10, documentsReturned: 10 },
    ];
    const r = optimizeProject({ files, schema, measurements });
    expect(r.findings).toEqual(checkOptimizations({ schema, analysis }));
    expect(r.advice).toEqual(adviseIndexes(schema, analysis.accesses));
    expect(r.measured?.[0]).toMatchObject({ function: "teams:all", waste: 0 });
    expect(r.tableMap.functions).toHaveLength(16);
  });
});

describe("incomplete schemas", () => {
  it("claims no missing or unknown index on a table the parser could not read fully", () => {
    const files = {
      "convex/schema.ts": `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { extraIndexes } from "some-package";
export default defineSchema({
  items: extraIndexes(defineTable({ ownerId: v.id("owners"), n: v.number() }).index("by_n", ["n"])),
  owners: defineTable({ name: v.string() }),
});`,
      "convex/items.ts": `import { query } from "./_generated/server";
import { v } from "convex/values";
export const f = query({ args: { o: v.id("owners") }, handler: async (ctx, { o }) => {
  await ctx.db.query("items").withIndex("by_owner" as any).first();
  return await ctx.db.query("items").filter((q) => q.eq(q.field("ownerId"), o)).first();
} });`,
    };
    const parsed = parseSchema({ files, entry: "convex/schema.ts" });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const analysis = analyzeProject({ files }, { schema: parsed.schema });
    const codes = checkOptimizations({ schema: parsed.schema, analysis }).map((f) => f.code);
    expect(parsed.schema.warnings.map((w) => w.path)).toContain("items");
    expect(codes).toEqual([]);
  });
});
