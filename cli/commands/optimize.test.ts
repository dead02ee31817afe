import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runOptimize, type OptimizeReport } from "./optimize";

const FIXTURE = path.join(__dirname, "../../lib/optimize/testdata/task-tracker");
const dirs: string[] = [];

function copy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "optimize-cli-"));
  dirs.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

async function run(dir: string, opts: Parameters<typeof runOptimize>[1]) {
  let out = "";
  let err = "";
  const code = await runOptimize(dir, opts, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("schema-assistant optimize", () => {
  it("prints findings as file:line:col CODE message and index advice", async () => {
    const { code, out, err } = await run(copy(), {});
    expect(code).toBe(0);
    expect(out).toContain(
      'convex/tasks.ts:32:8 OPT101 Filter on "assigneeId" reads every document of "tasks" although index "by_assignee" serves it.',
    );
    expect(out).toContain("add comments.by_authorId [authorId] for comments:byAuthor");
    expect(err).toContain("Analysed 16 functions");
  });

  it("shows documents read before and after with --stats, and measured waste with --measurements", async () => {
    const dir = copy();
    writeFileSync(
      path.join(dir, "stats.json"),
      JSON.stringify({ tables: { comments: { documents: 5000, fields: { authorId: { distinct: 100 } } } } }),
    );
    writeFileSync(
      path.join(dir, "m.json"),
      JSON.stringify({
        measurements: [
          {
            functionPath: "comments:byAuthor",
            table: "comments",
            index: null,
            calls: 2,
            documentsScanned: 9000,
            documentsReturned: 40,
          },
        ],
      }),
    );
    const { out } = await run(dir, { stats: path.join(dir, "stats.json"), measurements: path.join(dir, "m.json") });
    expect(out).toContain(
      "add comments.by_authorId [authorId] for comments:byAuthor (documents read per call: 2000 → 20)",
    );
    expect(out).toContain(
      "comments:byAuthor comments full scan: 9000 scanned, 40 returned in 2 calls (waste 8960) OPT107",
    );
  });

  it("--auto prints a diff and writes nothing; --yes writes, and the findings it fixed are gone", async () => {
    const dir = copy();
    const before = readFileSync(path.join(dir, "convex/tasks.ts"), "utf8");
    const dry = await run(dir, { auto: true });
    expect(dry.out).toContain('+      .withIndex("by_assignee", (q) => q.eq("assigneeId", ctx.user._id))');
    expect(dry.err).toContain("pass --yes");
    expect(readFileSync(path.join(dir, "convex/tasks.ts"), "utf8")).toBe(before);
    const wet = await run(dir, { auto: true, yes: true });
    expect(wet.code).toBe(0);
    expect(readFileSync(path.join(dir, "convex/schema.ts"), "utf8")).toContain('.index("by_authorId", ["authorId"])');
    const after = await run(dir, { json: true });
    const report = JSON.parse(after.out) as OptimizeReport;
    const codes = report.findings.map((f) => `${f.loc?.file}:${f.loc?.line} ${f.code}`);
    expect(codes).not.toContain("convex/comments.ts:20 OPT107");
    expect(codes).not.toContain("convex/tasks.ts:32 OPT101");
    expect(report.tableMap.functions).toHaveLength(16);
  });

  it("reads the functions in the folder convex.json names, with module paths from that folder", async () => {
    // "app/backend/" has no `convex` segment; a `convex/` folder beside it is not the functions folder.
    const dir = mkdtempSync(path.join(tmpdir(), "optimize-cli-"));
    dirs.push(dir);
    const files: Record<string, string> = {
      "convex.json": '{ "functions": "app/backend/" }',
      "app/backend/schema.ts": `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  notes: defineTable({ title: v.string(), ownerId: v.string() }).index("by_title", ["title"]).index("by_owner", ["ownerId"]),
});
`,
      // A builder under another name: \`queryGeneric as QueryBuilder<…>\` (no _generated/server in the project).
      "app/backend/builders.ts": `import { queryGeneric, type QueryBuilder } from "convex/server";
export const query = queryGeneric as QueryBuilder<any, "public">;
`,
      "app/backend/notes.ts": `import { v } from "convex/values";
import { query } from "./builders";
export const byTitle = query({
  args: { title: v.string() },
  handler: (ctx, { title }) => ctx.db.query("notes").withIndex("by_title", (q) => q.eq("title", title)).collect(),
});
`,
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const { code, out } = await run(dir, { json: true });
    expect(code).toBe(0);
    const report = JSON.parse(out) as OptimizeReport;
    expect(report.tableMap.functions.map((f) => f.name)).toEqual(["notes:byTitle"]);
    expect(report.findings.filter((f) => f.code === "OPT105").map((f) => f.message)).toEqual([
      expect.stringContaining('"by_owner"'),
    ]);
  });

  it("fails with a clear message when there is no schema", async () => {
    const { code, err } = await run(path.join(tmpdir(), "does-not-exist-optimize"), {});
    expect(code).toBe(1);
    expect(err).toMatch(/No Convex schema found/);
  });
});
