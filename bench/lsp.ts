/**
 * Language server benchmark: a generated project with 100 tables and 200 functions (20 files), served by the real
 * `schema-assistant lsp --stdio` process. Each "keystroke" is a didChange of an open buffer (a function file, then
 * the schema); the figure is the time until the server publishes diagnostics for that document version.
 * Baseline, measured in the same run and process: recomputing everything from scratch (parse, lint, analysis of
 * every function file, optimizer checks), which is what a non-incremental server would do per keystroke.
 * Wall-clock figures follow the machine's load; the CPU time the server's own work takes per keystroke (the same
 * ProjectState calls, in this process) does much less, and is what a quiet machine's latency comes to.
 * Run: npx tsx bench/lsp.ts [keystrokes]
 */
import os from "node:os";
import { parseSchema } from "../lib/schema";
import { lintSchema } from "../lib/lint";
import { analyzeProject, checkOptimizations } from "../lib/optimize";
import { ProjectState } from "../cli/lsp/project-state";
import { change, startLsp } from "../cli/lsp/testing";

const TABLES = 100;
const FUNCTIONS = 200;
const PER_FILE = 10;
const KEYSTROKES = Number(process.argv[2] ?? 60);

function project(): Record<string, string> {
  const tables: string[] = [];
  for (let t = 0; t < TABLES; t++) {
    tables.push(`  t${t}: defineTable({ ownerId: v.id("t${Math.max(0, t - 1)}"), status: v.string(), title: v.string(), rank: v.number() })
    .index("by_owner", ["ownerId"])
    .index("by_status_and_rank", ["status", "rank"]),`);
  }
  const files: Record<string, string> = {
    "convex/schema.ts": `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({\n${tables.join("\n")}\n});\n`,
    "convex/lib/helpers.ts": `export async function firstOwned(ctx: any, ownerId: any) {\n  return await ctx.db.query("t0").withIndex("by_owner", (q: any) => q.eq("ownerId", ownerId)).first();\n}\n`,
  };
  for (let f = 0; f * PER_FILE < FUNCTIONS; f++) {
    const body: string[] = [];
    for (let i = f * PER_FILE; i < (f + 1) * PER_FILE; i++) {
      const t = `t${i % TABLES}`;
      body.push(
        i % 3 === 0
          ? `export const f${i} = query({ args: { s: v.string() }, handler: async (ctx, { s }) => {\n  return await ctx.db.query("${t}").filter((q) => q.eq(q.field("status"), s)).collect();\n} });`
          : i % 3 === 1
            ? `export const f${i} = query({ args: { id: v.id("${t}") }, handler: async (ctx, { id }) => {\n  return await ctx.db.query("${t}").withIndex("by_owner", (q) => q.eq("ownerId", id)).take(10);\n} });`
            : `export const f${i} = mutation({ args: { id: v.id("${t}") }, handler: async (ctx, { id }) => {\n  await firstOwned(ctx, id);\n  await ctx.db.patch(id, { rank: 1 });\n} });`,
      );
    }
    files[`convex/mod${f}.ts`] =
      `import { v } from "convex/values";\nimport { mutation, query } from "./_generated/server";\nimport { firstOwned } from "./lib/helpers";\n${body.join("\n")}\n`;
  }
  return files;
}

function p(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

const fmt = (values: number[]) =>
  `p50 ${p(values, 0.5).toFixed(1)} ms, p95 ${p(values, 0.95).toFixed(1)} ms (n=${values.length})`;

const files = project();

// Baseline: everything from scratch, as a server without per-file state would do on each keystroke.
const full: number[] = [];
for (let i = 0; i < 15; i++) {
  const start = performance.now();
  const parsed = parseSchema({ files, entry: "convex/schema.ts" });
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  lintSchema(parsed.schema);
  checkOptimizations({ schema: parsed.schema, analysis: analyzeProject({ files }, { schema: parsed.schema }) });
  full.push(performance.now() - start);
}

// CPU time of the server's work per keystroke: update the buffer's text, compute that file's diagnostics.
const cpuPerKeystroke = (file: string, edit: (base: string, i: number) => string): number[] => {
  const state = new ProjectState({ files, entry: "convex/schema.ts" });
  const out: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    const before = process.cpuUsage();
    state.update(file, edit(files[file], i));
    state.fileDiagnostics(file);
    const used = process.cpuUsage(before);
    out.push((used.user + used.system) / 1000);
  }
  return out;
};
const fnEdit = (base: string, i: number) =>
  base.replace('q.field("status"), s)', `q.field("status"), s + "${"x".repeat(i + 1)}")`);
const schemaEdit = (base: string, i: number) =>
  base.replace("rank: v.number() })", `rank: v.number(), n${"o".repeat(i + 1)}: v.string() })`);
const cpuFn = cpuPerKeystroke("convex/mod7.ts", fnEdit);
const cpuSchema = cpuPerKeystroke("convex/schema.ts", schemaEdit);

const lsp = await startLsp(files);
try {
  lsp.open("convex/mod7.ts");
  lsp.open("convex/schema.ts");
  await lsp.waitForDiagnostics("convex/mod7.ts", (x) => x.diagnostics.length > 0, 60_000);
  const keystroke = async (file: string, text: string): Promise<number> => {
    const start = performance.now();
    const version = change(lsp, file, text);
    await lsp.waitForDiagnostics(file, (x) => x.version === version);
    return performance.now() - start;
  };
  const typed = async (file: string, edit: (base: string, i: number) => string): Promise<number[]> => {
    const base = files[file];
    const out: number[] = [];
    for (let i = 0; i < KEYSTROKES; i++) {
      out.push(await keystroke(file, edit(base, i)));
      await new Promise((r) => setTimeout(r, 20)); // typing pace
    }
    return out;
  };
  // Typing a new filter value character by character in a function file.
  const fn = await typed("convex/mod7.ts", fnEdit);
  // Typing a new field name in the schema (re-parse, lint, checks over every function's cached analysis).
  const schema = await typed("convex/schema.ts", schemaEdit);
  console.log(`Project: ${TABLES} tables, ${FUNCTIONS} functions in ${Object.keys(files).length - 2} files.`);
  console.log(`keystroke → fresh diagnostics, function file: ${fmt(fn)}`);
  console.log(`keystroke → fresh diagnostics, schema.ts:     ${fmt(schema)}`);
  console.log(`baseline, everything recomputed per keystroke (in process, no protocol): ${fmt(full)}`);
  console.log(`server CPU time per keystroke (in process): function file ${fmt(cpuFn)}; schema.ts ${fmt(cpuSchema)}`);
  console.log(`load average: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  console.log(`goal: p95 < 100 ms`);
} finally {
  await lsp.stop();
}
