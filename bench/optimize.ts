/**
 * Optimizer benchmark: generates a project with 500 Convex functions over 50 tables (indexed reads, filters,
 * helpers in another file, search, mutations) and times analysis, checks and advice.
 * Run: npx tsx bench/optimize.ts [functions]
 */
import { parseSchema } from "../lib/schema";
import { adviseIndexes, analyzeProject, checkOptimizations, functionTableMap } from "../lib/optimize";

const FUNCTIONS = Number(process.argv[2] ?? 500);
const TABLES = 50;
const PER_FILE = 10;

function schemaSource(): string {
  const tables: string[] = [];
  for (let t = 0; t < TABLES; t++) {
    const parent = t > 0 ? `t${t - 1}` : "t0";
    tables.push(`  t${t}: defineTable({ ownerId: v.id("${parent}"), status: v.string(), title: v.string(), rank: v.number() })
    .index("by_owner", ["ownerId"])
    .index("by_status_and_rank", ["status", "rank"])
    .searchIndex("search_title", { searchField: "title", filterFields: ["status"] }),`);
  }
  return `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({\n${tables.join("\n")}\n});\n`;
}

const HELPERS = `import type { QueryCtx } from "../_generated/server";
export async function ownerOf(ctx: QueryCtx, table: "t0", id: any) {
  const row = await ctx.db.get(id);
  return row ? await ctx.db.query(table).withIndex("by_owner", (q) => q.eq("ownerId", row._id)).first() : null;
}
`;

function functionSource(i: number): string {
  const t = `t${i % TABLES}`;
  switch (i % 5) {
    case 0:
      return `export const f${i} = query({ args: { id: v.id("${t}") }, handler: async (ctx, { id }) => {
  return await ctx.db.query("${t}").withIndex("by_owner", (q) => q.eq("ownerId", id)).take(10);
} });`;
    case 1:
      return `export const f${i} = query({ args: { s: v.string() }, handler: async (ctx, { s }) => {
  return await ctx.db.query("${t}").filter((q) => q.eq(q.field("status"), s)).collect();
} });`;
    case 2:
      return `export const f${i} = query({ args: { id: v.id("t0") }, handler: async (ctx, { id }) => {
  return await ownerOf(ctx, "t0", id);
} });`;
    case 3:
      return `export const f${i} = query({ args: { text: v.string() }, handler: async (ctx, { text }) => {
  return await ctx.db.query("${t}").withSearchIndex("search_title", (q) => q.search("title", text).eq("status", "open")).take(5);
} });`;
    default:
      return `export const f${i} = mutation({ args: { id: v.id("${t}") }, handler: async (ctx, { id }) => {
  const row = await ctx.db.get(id);
  if (row) await ctx.db.patch(id, { rank: row.rank + 1 });
  await ctx.db.insert("${t}", { ownerId: id as any, status: "new", title: "x", rank: 0 });
} });`;
  }
}

function project(): Record<string, string> {
  const files: Record<string, string> = { "convex/schema.ts": schemaSource(), "convex/lib/helpers.ts": HELPERS };
  for (let f = 0; f * PER_FILE < FUNCTIONS; f++) {
    const body: string[] = [];
    for (let i = f * PER_FILE; i < Math.min(FUNCTIONS, (f + 1) * PER_FILE); i++) body.push(functionSource(i));
    files[`convex/mod${f}.ts`] =
      `import { v } from "convex/values";\nimport { mutation, query } from "./_generated/server";\nimport { ownerOf } from "./lib/helpers";\n${body.join("\n")}\n`;
  }
  return files;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

const files = project();
const parsed = parseSchema({ files, entry: "convex/schema.ts" });
if (!parsed.ok) throw new Error(parsed.errors[0].message);
const schema = parsed.schema;
const lines = Object.values(files).reduce((n, s) => n + s.split("\n").length, 0);
console.log(`project: ${FUNCTIONS} functions in ${Object.keys(files).length} files (${lines} lines), ${TABLES} tables`);
for (let run = 1; run <= 3; run++) {
  const a = time(() => analyzeProject({ files }, { schema }));
  const c = time(() => checkOptimizations({ schema, analysis: a.value }));
  const d = time(() => adviseIndexes(schema, a.value.accesses));
  const m = time(() => functionTableMap(a.value.accesses, a.value.functions));
  const total = a.ms + c.ms + d.ms + m.ms;
  console.log(
    `run ${run}: analyse ${a.ms.toFixed(0)} ms (${a.value.functions.length} functions, ${a.value.accesses.length} accesses, ${a.value.notAnalysed.length} not analysed), ` +
      `checks ${c.ms.toFixed(0)} ms (${c.value.length} findings), advice ${d.ms.toFixed(0)} ms (${d.value.length}), map ${m.ms.toFixed(0)} ms; total ${total.toFixed(0)} ms ${total < 2000 ? "< 2 s ✓" : "≥ 2 s ✗"}`,
  );
}
