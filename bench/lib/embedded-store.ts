/**
 * An embedded backend serving a one-file project with `schema`, seeded through the admin API (1,000 documents per
 * atomic write), and the CLI's migration store over it: what the migration benchmarks run the engine against.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startBackend } from "../../backend";
import { BackendStore } from "../../cli/migrate-backend-store";
import type { SchemaModel } from "../../lib/schema/model";
import { printSchema } from "../../lib/schema/print";

export interface EmbeddedStore {
  store: BackendStore;
  close(): Promise<void>;
}

export async function embeddedStore(
  schema: SchemaModel,
  table: string,
  docs: Record<string, unknown>[],
): Promise<EmbeddedStore> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "sa-migrate-bench-"));
  await mkdir(path.join(dir, "convex"));
  await writeFile(path.join(dir, "convex/schema.ts"), printSchema(schema));
  const running = await startBackend({ projectDir: dir, port: 0, log: () => undefined });
  const close = async () => {
    await running.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < docs.length; i += 1000) {
      const writes = docs.slice(i, i + 1000).map((value) => ({ op: "insert", table, value }));
      const res = await fetch(`${running.url}/api/admin/write`, {
        method: "POST",
        headers: { Authorization: `Convex ${running.adminKey}`, "Content-Type": "application/json" },
        body: JSON.stringify({ writes }),
      });
      if (!res.ok) throw new Error(await res.text());
    }
  } catch (e) {
    await close();
    throw e;
  }
  const store = new BackendStore({
    url: running.url,
    adminKey: running.adminKey,
    backupDir: path.join(dir, "backups"),
    pushSchema: async (m) => {
      await writeFile(path.join(dir, "convex/schema.ts"), printSchema(m));
      await running.reload();
      if (!running.backend.lastPush.ok) throw new Error(running.backend.lastPush.message);
    },
  });
  return { store, close };
}
