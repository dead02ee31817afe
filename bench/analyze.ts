/**
 * Parser benchmark: generated schemas of 100, 1,000 and 5,000 tables; prints the static parse time and its ratio
 * to a bare oxc-parser parse (AST deserialised) of the same file.
 * Run: npx tsx bench/analyze.ts
 */
import { parseSync } from "oxc-parser";
import { parseSchemaSource } from "../lib/schema";

/** A realistic generated schema: 8 fields (ids, unions, nested objects) and 2 indexes per table. */
export function generateSchema(tables: number): string {
  const out = [
    'import { defineSchema, defineTable } from "convex/server";',
    'import { v } from "convex/values";',
    "",
    "export default defineSchema({",
  ];
  for (let i = 0; i < tables; i++) {
    out.push(
      `  table${i}: defineTable({`,
      `    name: v.string(),`,
      `    count: v.number(),`,
      `    ownerId: v.id("table${(i + 1) % tables}"),`,
      `    tags: v.array(v.string()),`,
      `    status: v.union(v.literal("active"), v.literal("archived")),`,
      `    meta: v.optional(v.object({ x: v.number(), y: v.boolean() })),`,
      `    size: v.optional(v.int64()),`,
      `    data: v.record(v.string(), v.any()),`,
      `  })`,
      `    .index("by_owner", ["ownerId"])`,
      `    .index("by_name_count", ["name", "count"]),`,
    );
  }
  out.push("});", "");
  return out.join("\n");
}

/** Median times of two functions run alternately, so machine noise falls on both alike. */
function alternate(a: () => unknown, b: () => unknown, times: number): [number, number] {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < times; i++) {
    let t = performance.now();
    a();
    ta.push(performance.now() - t);
    t = performance.now();
    b();
    tb.push(performance.now() - t);
  }
  const med = (xs: number[]): number => xs.sort((x, y) => x - y)[xs.length >> 1];
  return [med(ta), med(tb)];
}

function main(): void {
  console.log("tables   bytes      bare oxc (ms)  parseSchema (ms)  ratio  cold parseSchema (ms)");
  for (const n of [100, 1000, 5000]) {
    const src = generateSchema(n);
    const t = performance.now();
    const result = parseSchemaSource(src);
    const cold = performance.now() - t;
    if (!result.ok || result.schema.tables.length !== n) throw new Error(`parse of ${n} tables failed`);
    const [b, ours] = alternate(
      () => parseSync("schema.ts", src).program,
      () => parseSchemaSource(src),
      n >= 5000 ? 7 : 21,
    );
    console.log(
      `${String(n).padEnd(8)} ${String(src.length).padEnd(10)} ${b.toFixed(1).padStart(13)}  ${ours.toFixed(1).padStart(16)}  ${(ours / b).toFixed(2).padStart(5)}  ${cold.toFixed(1).padStart(20)}`,
    );
  }
}

if (process.argv[1]?.endsWith("analyze.ts")) main();
