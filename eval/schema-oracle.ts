/**
 * Oracle over real projects: for each Convex project in a corpus folder, Convex's own `schema.export()` (the
 * schema bundled straight from disk and run) against our static reading alone, and static + evaluated reading.
 * Prints how many agree exactly. The comparison itself is cli/schema-oracle.ts, shared with the oracle test over
 * the schemas npm packages ship (`--npm`: eval/oracle-corpus, installed from its lockfile when needed).
 * The project corpus is not part of this repository (public projects' code is never committed): lay projects out
 * as <corpus>/<name>/ (a `.projroot` file may name the subfolder holding convex/), with their packages installed
 * in <corpus>/node_modules.
 *
 *   npx tsx eval/schema-oracle.ts <corpus> [--verbose]
 *   npx tsx eval/schema-oracle.ts --npm [--verbose]
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  corpusSchemas,
  ensureCorpusInstalled,
  NPM_CORPUS,
  type OracleCase,
  oracleReport,
  runOracle,
} from "../cli/schema-oracle";

/** The projects of a corpus folder: <corpus>/<name>/, or the subfolder its `.projroot` names. */
function projectCases(corpus: string): OracleCase[] {
  const cases: OracleCase[] = [];
  for (const name of readdirSync(corpus).sort()) {
    let root = path.resolve(corpus, name);
    if (name === "node_modules" || name.startsWith(".") || !statSync(root).isDirectory() || !readdirSync(root).length)
      continue;
    if (existsSync(path.join(root, ".projroot")))
      root = path.join(root, readFileSync(path.join(root, ".projroot"), "utf8").trim());
    cases.push({ name, root });
  }
  return cases;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const corpus = args.find((a) => !a.startsWith("--"));
  const npm = args.includes("--npm");
  if (!corpus && !npm) throw new Error("usage: npx tsx eval/schema-oracle.ts <corpus> | --npm [--verbose]");
  const tmp = mkdtempSync(path.join(os.tmpdir(), "schema-oracle-"));
  try {
    if (npm) console.log(`npm corpus ${await ensureCorpusInstalled()}`);
    const cases = npm ? await corpusSchemas(NPM_CORPUS) : projectCases(corpus!);
    // A folder with no schema where expected is not a project: left out, not counted.
    const rows = (await runOracle(cases, tmp)).filter((r) => r.outcome !== "no-schema");
    for (const line of oracleReport(rows, args.includes("--verbose"))) console.log(line);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
