/** The function ↔ table map: which function reads or writes which table, as data for the diagram overlay. */
import type { DbAccess, FunctionKind, FunctionRef } from "./types";

export interface FunctionTableMap {
  functions: { name: string; kind: FunctionKind; file: string }[];
  edges: { function: string; table: string; mode: "read" | "write"; count: number }[];
}

/**
 * Builds the map from accesses (and optionally the full function list, so functions without any access still
 * appear). `count` is how many access sites the function reaches for that table and mode. Sorted for stable output.
 */
export function functionTableMap(accesses: DbAccess[], functions: FunctionRef[] = []): FunctionTableMap {
  const fns = new Map<string, { name: string; kind: FunctionKind; file: string }>();
  for (const f of functions) fns.set(f.name, { name: f.name, kind: f.kind, file: f.file });
  const edges = new Map<string, FunctionTableMap["edges"][number]>();
  for (const a of accesses) {
    // A table named at run time is no edge of the diagram.
    if (a.computedTable) continue;
    if (!fns.has(a.function)) fns.set(a.function, { name: a.function, kind: a.functionKind, file: a.file });
    const key = `${a.function}|${a.table}|${a.mode}`;
    const e = edges.get(key);
    if (e) e.count++;
    else edges.set(key, { function: a.function, table: a.table, mode: a.mode, count: 1 });
  }
  const byName = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return {
    functions: [...fns.values()].sort((x, y) => byName(x.name, y.name)),
    edges: [...edges.values()].sort(
      (x, y) => byName(x.function, y.function) || byName(x.table, y.table) || byName(x.mode, y.mode),
    ),
  };
}
