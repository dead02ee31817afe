/**
 * The foreign-key graph: which references must be deferred (inserted unset, patched later) so every table can be
 * written in dependency order, and that order.
 */
import type { PlanForeignKey, PlanTable } from "./plan";

/** Strongly connected components (Tarjan), each a list of table source names. */
function components(nodes: string[], edges: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      out.push(comp);
    }
  };
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return out;
}

function edgesOf(tables: PlanTable[], keep: (fk: PlanForeignKey) => boolean): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const t of tables) {
    edges.set(
      t.source,
      t.foreignKeys.filter((fk) => keep(fk) && fk.target !== t.source).map((fk) => fk.target),
    );
  }
  return edges;
}

/** Table → index of its strongly connected component, counting only components with a cycle. */
function cyclicComponents(tables: PlanTable[], keep: (fk: PlanForeignKey) => boolean): Map<string, number> {
  const comps = components(
    tables.map((t) => t.source),
    edgesOf(tables, keep),
  );
  const out = new Map<string, number>();
  comps.forEach((c, i) => c.length > 1 && c.forEach((n) => out.set(n, i)));
  return out;
}

/**
 * Marks foreign keys to defer: every self-reference, then one reference at a time inside a remaining cycle
 * (optional references first) until the graph of the others is acyclic. Returns the references that were required
 * and had to become optional.
 */
export function markDeferred(tables: PlanTable[]): { table: PlanTable; fk: PlanForeignKey }[] {
  const forced: { table: PlanTable; fk: PlanForeignKey }[] = [];
  const defer = (t: PlanTable, fk: PlanForeignKey) => {
    fk.deferred = true;
    if (!fk.optional) {
      fk.optional = true;
      forced.push({ table: t, fk });
    }
  };
  for (const t of tables) for (const fk of t.foreignKeys) if (fk.target === t.source) defer(t, fk);
  for (;;) {
    const comp = cyclicComponents(tables, (fk) => !fk.deferred);
    if (comp.size === 0) return forced;
    const inCycle = tables.flatMap((t) =>
      t.foreignKeys
        .filter((fk) => !fk.deferred && comp.has(t.source) && comp.get(t.source) === comp.get(fk.target))
        .map((fk) => ({ t, fk })),
    );
    const pick = inCycle.find((x) => x.fk.optional) ?? inCycle[0];
    defer(pick.t, pick.fk);
  }
}

/** Tables in an order where every non-deferred reference points to an earlier table (stable otherwise). */
export function insertOrder(tables: PlanTable[]): PlanTable[] {
  const bySource = new Map(tables.map((t) => [t.source, t]));
  const done = new Set<string>();
  const out: PlanTable[] = [];
  const visiting = new Set<string>();
  const visit = (t: PlanTable) => {
    if (done.has(t.source) || visiting.has(t.source)) return;
    visiting.add(t.source);
    for (const fk of t.foreignKeys) {
      const target = bySource.get(fk.target);
      if (!fk.deferred && target && target !== t) visit(target);
    }
    visiting.delete(t.source);
    done.add(t.source);
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}
