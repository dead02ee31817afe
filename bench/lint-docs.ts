/**
 * Lint + docs benchmark on generated schemas (bench/analyze.ts's generator: 8 fields, 2 indexes, 1 reference per
 * table): median time of lintSchema, generateDocs (all five files) and getQueryContext, and the docs' size.
 * Run: npx tsx bench/lint-docs.ts
 */
import { getQueryContext, generateDocs } from "../lib/docs";
import { lintSchema } from "../lib/lint";
import { parseSchemaSource } from "../lib/schema";
import { generateSchema } from "./analyze";

function median(run: () => unknown, times: number): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

console.log("tables  findings  lint (ms)  docs (ms)  docs size (KB)  query context (ms)");
for (const n of [100, 1000, 5000]) {
  const source = generateSchema(n);
  const parsed = parseSchemaSource(source);
  if (!parsed.ok) throw new Error(`parse of ${n} tables failed`);
  const model = parsed.schema;
  const runs = n >= 5000 ? 3 : 9;
  const findings = lintSchema(model).length;
  const lint = median(() => lintSchema(model), runs);
  let size = 0;
  const docs = median(() => {
    const files = generateDocs(model, { source, generatedAt: "2026-01-01T00:00:00.000Z", version: "1" });
    size = Object.values(files).reduce((s, f) => s + f.length, 0);
  }, runs);
  const ctx = median(() => getQueryContext(model, `list table${n >> 1} documents by owner`), runs);
  console.log(
    `${String(n).padEnd(6)}  ${String(findings).padStart(8)}  ${lint.toFixed(1).padStart(9)}  ${docs.toFixed(1).padStart(9)}  ${(size / 1024).toFixed(0).padStart(14)}  ${ctx.toFixed(1).padStart(18)}`,
  );
}
