/** Statistics and document streams read through a `MigrationStore` (for risk checks and the preflight). */
import type { MigrationStats } from "../risks";
import type { Doc } from "../validate";
import type { MigrationStore } from "./types";

/** Every document of `table`, page by page. */
export async function* storeTableDocuments(store: MigrationStore, table: string, pageSize = 1000): AsyncGenerator<Doc> {
  for (let cursor: string | null = null; ; ) {
    const page = await store.page(table, cursor, pageSize);
    yield* page.docs;
    if (page.isDone) return;
    cursor = page.cursor;
  }
}

/** All tables' documents, as the preflight reads them. */
export async function* storeDocuments(store: MigrationStore): AsyncGenerator<readonly [string, AsyncIterable<Doc>]> {
  for (const table of await store.listTables()) yield [table, storeTableDocuments(store, table)] as const;
}

/** Document counts and per-field presence of every table in the store. */
export async function storeStats(store: MigrationStore): Promise<MigrationStats> {
  const stats: MigrationStats = { tables: {} };
  for (const table of await store.listTables()) {
    const present: Record<string, number> = {};
    let count = 0;
    for await (const d of storeTableDocuments(store, table)) {
      count++;
      for (const k in d) if (d[k] !== undefined && !k.startsWith("_")) present[k] = (present[k] ?? 0) + 1;
    }
    stats.tables[table] = { count, present };
  }
  return stats;
}
