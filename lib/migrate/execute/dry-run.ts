/** Dry run: what a run would write, step by step, without writing, plus the preflight of the result. */
import type { MigrationPlan } from "../plan/types";
import { preflightAsync, type PreflightResult } from "../preflight";
import { batchBuilder, dataSteps } from "./engine";
import { storeDocuments } from "./stats";
import type { MigrationStore } from "./types";

export interface DryRunResult {
  /** Documents each data step would write, computed on the current data. */
  writes: { stepId: string; table: string; documents: number; writes: number }[];
  preflight: PreflightResult;
}

/** Reads everything a run would read and reports the writes it would make; nothing is written. */
export async function dryRunMigration(
  plan: MigrationPlan,
  store: MigrationStore,
  opts: { batchSize?: number } = {},
): Promise<DryRunResult> {
  const writes: DryRunResult["writes"] = [];
  for (const s of dataSteps(plan)) {
    const table = s.step.kind === "copyTable" ? s.step.from : s.step.table;
    // Remaps need the copies' new ids, which only exist in a real run: count the references instead.
    const build = batchBuilder(plan, s.step, { idMap: new Map() });
    let documents = 0;
    let count = 0;
    for (let cursor: string | null = null; ; ) {
      const page = await store.page(table, cursor, opts.batchSize ?? 500);
      documents += page.docs.length;
      count += build(page.docs).writes.length;
      if (page.isDone) break;
      cursor = page.cursor;
    }
    writes.push({ stepId: s.id, table, documents, writes: count });
  }
  return { writes, preflight: await preflightAsync(plan, storeDocuments(store)) };
}
