/**
 * End to end on the embedded backend: run a fixture project, call its functions, read the measured documents
 * scanned, apply `optimize --auto --yes` (statistics and measurements read from the backend), reload, call the
 * same functions again and check that fewer documents are read, measured.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterAll, describe, expect, it } from "vitest";
import { startBackend, type RunningBackend } from "../../backend";
import { compareMeasurements, type Measurement } from "../../lib/optimize";
import { runOptimize, type OptimizeReport } from "./optimize";

const FIXTURE = path.join(__dirname, "../../lib/optimize/testdata/measured");
const seed = makeFunctionReference<"mutation", { owners: number; perOwner: number }, string[]>("items:seed");
const byOwner = makeFunctionReference<"query", { ownerId: string }, unknown[]>("items:byOwner");
const firstOpen = makeFunctionReference<"query", { ownerId: string }, unknown>("items:firstOpen");

const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

async function measurements(b: RunningBackend): Promise<Measurement[]> {
  const res = await fetch(`${b.url}/api/admin/measurements`, { headers: { authorization: `Convex ${b.adminKey}` } });
  return ((await res.json()) as { measurements: Measurement[] }).measurements;
}

async function resetMeasurements(b: RunningBackend): Promise<void> {
  await fetch(`${b.url}/api/admin/measurements`, {
    method: "DELETE",
    headers: { authorization: `Convex ${b.adminKey}` },
  });
}

async function callAll(http: ConvexHttpClient, owners: string[]) {
  const results = [];
  for (const ownerId of owners.slice(0, 5)) {
    results.push(await http.query(byOwner, { ownerId }), await http.query(firstOpen, { ownerId }));
  }
  return results;
}

describe("optimize on the embedded backend", () => {
  it("applies --auto and reads fewer documents, measured", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "optimize-backend-"));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(FIXTURE, dir, { recursive: true });
    const b = await startBackend({ projectDir: dir, port: 0, log: () => undefined });
    cleanup.push(() => b.close());
    const http = new ConvexHttpClient(b.url);
    const owners = await http.mutation(seed, { owners: 20, perOwner: 60 });
    await resetMeasurements(b);
    const resultsBefore = await callAll(http, owners);
    const before = await measurements(b);
    // take(50) of one owner's items, newest first, scans about 20 × 50 documents of the 1,200 (20 owners interleaved).
    const scanned = before.find((m) => m.functionPath === "items:byOwner");
    expect(scanned).toMatchObject({ table: "items", index: null, calls: 5, documentsReturned: 250 });
    expect(scanned!.documentsScanned).toBeGreaterThan(4500);

    let out = "";
    let err = "";
    const io = { out: (t: string) => (out += t), err: (t: string) => (err += t) };
    const code = await runOptimize(
      dir,
      { auto: true, yes: true, json: true, backend: b.url, adminKey: b.adminKey },
      io,
    );
    expect(code, err).toBe(0);
    const report = JSON.parse(out) as OptimizeReport;
    // Measured waste is ranked and joined with the static findings.
    expect(report.measured?.[0]).toMatchObject({ function: "items:byOwner", table: "items", index: null });
    expect(report.measured?.[0].findings.map((f) => f.code)).toEqual(["OPT107"]);
    // Statistics sampled from the backend give the estimate: 1,200 items, 20 owners, 50 wanted.
    expect(report.advice.find((a) => a.index.name === "by_ownerId")).toMatchObject({ before: 1000, after: 50 });
    expect(report.codemod?.written.sort()).toEqual(["convex/items.ts", "convex/schema.ts"]);
    expect(readFileSync(path.join(dir, "convex/items.ts"), "utf8")).toContain(
      '.withIndex("by_ownerId", (q) => q.eq("ownerId", ownerId))',
    );

    await b.reload();
    await resetMeasurements(b);
    const resultsAfter = await callAll(http, owners);
    const after = await measurements(b);
    // Same answers, far fewer documents read.
    expect(resultsAfter).toEqual(resultsBefore);
    const cmp = compareMeasurements(before, after);
    const row = (fn: string) => cmp.changes.find((c) => c.function === fn)!;
    expect(row("items:byOwner")).toMatchObject({ indexBefore: null, indexAfter: "by_ownerId", scannedAfter: 50 });
    expect(row("items:byOwner").scannedBefore).toBeGreaterThan(900);
    expect(row("items:firstOpen").indexAfter).toBe("by_ownerId_and_status");
    expect(row("items:firstOpen").scannedAfter).toBeLessThanOrEqual(1);
    expect(cmp.scannedAfter).toBeLessThan(cmp.scannedBefore / 10);
  });
});
