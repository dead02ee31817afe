/**
 * The schema oracle over real, public Convex schemas: the ones npm packages ship (Convex components, an app's
 * backend package), pinned in eval/oracle-corpus and installed from the registry on first run, never committed.
 * For every schema, static + evaluated reading must equal Convex's own `schema.export()`, and static reading alone
 * must be exact wherever it left nothing unresolved (an unknown library is what evaluation is for).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  corpusSchemas,
  ensureCorpusInstalled,
  isWrong,
  NPM_CORPUS,
  type OracleRow,
  oracleReport,
  runOracle,
} from "./schema-oracle";

/** Fewer means a broken install or a package that stopped shipping its schema: fail, never pass on less. */
const MIN_SCHEMAS = 30;

const tmp = mkdtempSync(path.join(os.tmpdir(), "schema-oracle-real-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("schema oracle over real schemas shipped in npm packages", () => {
  let rows: OracleRow[] = [];
  beforeAll(async () => {
    const installed = await ensureCorpusInstalled();
    const started = performance.now();
    rows = await runOracle(await corpusSchemas(NPM_CORPUS), tmp);
    const schemas = rows.filter((r) => !r.compiledCopy);
    const copies = rows.filter((r) => r.compiledCopy);
    const packages = new Set(schemas.map((r) => r.name.replace(/\/(src|dist)\/.*$/, ""))).size;
    const exact = (xs: OracleRow[]) => `${xs.filter((r) => r.combinedExact).length} exact`;
    const staticExact = (xs: OracleRow[]) => `${xs.filter((r) => r.staticExact).length} statically`;
    console.log(
      `schema oracle: ${schemas.length} real schemas from ${packages} npm packages, ${exact(schemas)} (${staticExact(schemas)}); their ${copies.length} compiled JavaScript copies ${exact(copies)} (${staticExact(copies)}); ${((performance.now() - started) / 1000).toFixed(1)} s, corpus ${installed}\n${oracleReport(rows).join("\n")}`,
    );
  }, 600_000);

  it(`finds at least ${MIN_SCHEMAS} schemas and obtains Convex's export of each`, () => {
    expect(rows.filter((r) => !r.compiledCopy).length).toBeGreaterThanOrEqual(MIN_SCHEMAS);
    expect(rows.filter((r) => r.outcome !== "compared").map((r) => `${r.name}: ${r.outcome} ${r.detail}`)).toEqual([]);
  });

  it("static + evaluated reading equals Convex's export() on every schema and compiled copy", () => {
    expect(rows.filter((r) => !r.combinedExact).map((r) => `${r.name}: ${r.detail}`)).toEqual([]);
  });

  it("static reading alone is exact on every schema it read with nothing unresolved", () => {
    expect(rows.filter(isWrong).map((r) => `${r.name}: ${r.detail}`)).toEqual([]);
    // Most real schemas need no evaluation at all.
    expect(rows.filter((r) => r.staticExact && !r.compiledCopy).length).toBeGreaterThanOrEqual(MIN_SCHEMAS);
  });
});
