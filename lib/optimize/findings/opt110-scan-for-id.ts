/**
 * OPT110: a query collects a whole table (or index range) and then looks for one document by `_id`
 * (`.find(d => d._id === id)`). `ctx.db.get(id)` reads that one document; it also works when the table name is
 * computed at run time, since an id carries its table.
 */
import type { Finding } from "../types";
import type { OptimizerCheck } from "./shared";
import { querySites, scannedScope } from "./shared";

export const scanForId: OptimizerCheck = {
  code: "OPT110",
  severity: "warning",
  name: "scan-for-id",
  summary: "A whole table or index range collected to find one document by _id: use ctx.db.get(id).",
  check({ analysis }) {
    const out: Finding[] = [];
    for (const { access, functions } of querySites(analysis)) {
      if (!access.findsById || access.terminal?.kind !== "collect") continue;
      out.push({
        code: "OPT110",
        severity: "warning",
        message: `.collect() reads ${scannedScope(access)} to find one document by "_id".`,
        path: access.table || undefined,
        loc: access.findsById,
        functions,
        fixes: [{ description: "Read that document with ctx.db.get(id): one read instead of the whole table." }],
      });
    }
    return out;
  },
};
