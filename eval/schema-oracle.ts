/**
 * Oracle over real projects: for each Convex project in a corpus folder, Convex's own `schema.export()` (the
 * schema bundled straight from disk and run) against our static reading alone, and static + evaluated reading.
 * Prints how many agree exactly. The corpus is not part of this repository (public projects' code is never
 * committed): lay projects out as <corpus>/<name>/ (a `.projroot` file may name the subfolder holding convex/), with
 * their packages installed in <corpus>/node_modules.
 *
 *   npx tsx eval/schema-oracle.ts <corpus> [--verbose]
 */
import { build } from "esbuild";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { completeByEvaluation } from "../cli/schema-eval";
import { readProjectFiles } from "../cli/project-files";
import { toConvexExport } from "../lib/schema/evaluated";
import { parseSchema } from "../lib/schema";

interface Row {
  name: string;
  outcome: "no-truth" | "static-failed" | "compared";
  staticExact?: boolean;
  staticWarnings?: number;
  combinedExact?: boolean;
  evaluatedTables?: number;
  detail?: string;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), "schema-oracle-"));

/** Canonical JSON: sorted keys, staged lists defaulted, so only meaning is compared. */
function canonical(exported: unknown): string {
  const norm = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(norm);
    if (!x || typeof x !== "object") return x;
    const o = x as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .filter((k) => k !== "stagedDocumentType" && o[k] !== undefined)
        .sort()
        .map((k) => [k, norm(o[k])]),
    );
  };
  const e = exported as { tables: Record<string, unknown>[] };
  for (const t of e.tables)
    for (const k of ["stagedDbIndexes", "stagedSearchIndexes", "stagedVectorIndexes"]) t[k] ??= [];
  return JSON.stringify(norm(e));
}

async function convexTruth(root: string, entry: string, n: number): Promise<unknown> {
  const out = await build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "silent",
    absWorkingDir: root,
  });
  const file = path.join(tmp, `truth-${n}.mjs`);
  writeFileSync(file, out.outputFiles[0].text);
  return JSON.parse((await import(pathToFileURL(file).href)).default.export());
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `…${a.slice(Math.max(0, i - 60), i + 60)}… vs …${b.slice(Math.max(0, i - 60), i + 60)}…`;
}

async function main(): Promise<void> {
  const [corpus, ...flags] = process.argv.slice(2);
  if (!corpus) throw new Error("usage: npx tsx eval/schema-oracle.ts <corpus> [--verbose]");
  const rows: Row[] = [];
  let n = 0;
  for (const name of readdirSync(corpus).sort()) {
    let root = path.join(corpus, name);
    if (name === "node_modules" || name.startsWith(".") || !statSync(root).isDirectory() || !readdirSync(root).length)
      continue;
    if (existsSync(path.join(root, ".projroot")))
      root = path.join(root, readFileSync(path.join(root, ".projroot"), "utf8").trim());
    let project: Awaited<ReturnType<typeof readProjectFiles>>;
    try {
      project = await readProjectFiles(root);
    } catch {
      continue; // no convex/schema.ts where expected
    }
    let truth: string;
    try {
      truth = canonical(await convexTruth(root, project.entry, n++));
    } catch (e) {
      const first = (e as { errors?: Array<{ text: string }> }).errors?.[0]?.text;
      rows.push({ name, outcome: "no-truth", detail: (first ?? (e as Error).message.split("\n")[0]).slice(0, 160) });
      continue;
    }
    const parsed = parseSchema(project);
    if (!parsed.ok) {
      rows.push({ name, outcome: "static-failed", detail: parsed.errors[0]?.message });
      continue;
    }
    const staticJson = canonical(toConvexExport(parsed.schema));
    const read = await completeByEvaluation(parsed.schema, { ...project, root }, "auto");
    const combinedJson = canonical(toConvexExport(read.schema));
    rows.push({
      name,
      outcome: "compared",
      staticExact: staticJson === truth,
      staticWarnings: parsed.schema.warnings.filter((w) => w.severity === "warning").length,
      combinedExact: combinedJson === truth,
      evaluatedTables: read.evaluatedTables.length,
      detail:
        combinedJson === truth
          ? staticJson === truth
            ? undefined
            : firstDifference(staticJson, truth)
          : firstDifference(combinedJson, truth),
    });
  }
  const compared = rows.filter((r) => r.outcome === "compared");
  const clean = compared.filter((r) => r.staticWarnings === 0);
  const count = (xs: Row[], f: (r: Row) => boolean | undefined) => xs.filter(f).length;
  console.log(
    `projects with a schema: ${rows.length}; Convex's export obtained: ${rows.length - count(rows, (r) => r.outcome === "no-truth")}`,
  );
  console.log(`static parse failed (syntax etc.): ${count(rows, (r) => r.outcome === "static-failed")}`);
  console.log(`static + evaluated reading exact: ${count(compared, (r) => r.combinedExact)}/${compared.length}`);
  console.log(
    `static reading alone exact: ${count(compared, (r) => r.staticExact)}/${compared.length}; on schemas with no unresolved-value warning: ${count(clean, (r) => r.staticExact)}/${clean.length}`,
  );
  console.log(
    `projects where evaluation changed tables: ${count(compared, (r) => (r.evaluatedTables ?? 0) > 0)} (${compared.reduce((s, r) => s + (r.evaluatedTables ?? 0), 0)} tables)`,
  );
  for (const r of rows) {
    const wrong = r.outcome !== "compared" || !r.combinedExact || (r.staticWarnings === 0 && !r.staticExact);
    if (wrong || flags.includes("--verbose"))
      console.log(
        `  ${r.name}: ${r.outcome}${r.outcome === "compared" ? ` static=${r.staticExact} combined=${r.combinedExact} warnings=${r.staticWarnings} evaluated=${r.evaluatedTables}` : ""}${r.detail ? `\n      ${r.detail}` : ""}`,
      );
  }
  rmSync(tmp, { recursive: true, force: true });
}

await main();
