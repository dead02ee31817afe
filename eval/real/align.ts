/**
 * Aligns the tables of a designed schema with the real app's tables (eval/README.md, "Table alignment"):
 * 1. the same singular words ("order_items" = "orderItems" = "OrderItem"),
 * 2. the same words after the synonym list (names.ts),
 * 3. one name's words contained in the other's, sharing the last word ("messages" ~ "chatMessages"),
 * 4. field overlap: at least two shared non-system field names and Jaccard ≥ 0.4.
 * Each step pairs only tables still unpaired, one to one, in the truth's order.
 */
import type { Table } from "../../lib/schema/model";
import { canonKey, fieldKey, nameKey } from "./names";

/** truth table name → designed table. */
export type Alignment = Map<string, Table>;

const containedTail = (a: string, b: string): boolean => {
  const wa = a.split(" ");
  const wb = b.split(" ");
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  return short[short.length - 1] === long[long.length - 1] && short.every((w) => long.includes(w));
};

function overlap(a: Table, b: Table): number {
  const fa = new Set(a.fields.map((f) => fieldKey(f.name)));
  const fb = new Set(b.fields.map((f) => fieldKey(f.name)));
  const shared = [...fa].filter((x) => fb.has(x)).length;
  if (shared < 2) return 0;
  return shared / new Set([...fa, ...fb]).size;
}

export function alignTables(truth: Table[], designed: Table[]): Alignment {
  const out: Alignment = new Map();
  const used = new Set<Table>();
  const steps: Array<(t: Table, d: Table) => boolean> = [
    (t, d) => nameKey(t.name) === nameKey(d.name),
    (t, d) => canonKey(t.name) === canonKey(d.name),
    (t, d) => containedTail(canonKey(t.name), canonKey(d.name)),
  ];
  for (const same of steps) {
    for (const t of truth) {
      if (out.has(t.name)) continue;
      const d = designed.find((x) => !used.has(x) && same(t, x));
      if (d) {
        out.set(t.name, d);
        used.add(d);
      }
    }
  }
  for (const t of truth) {
    if (out.has(t.name)) continue;
    let best: Table | undefined;
    let score = 0.4 - 1e-9;
    for (const d of designed) {
      if (used.has(d)) continue;
      const s = overlap(t, d);
      if (s > score) {
        score = s;
        best = d;
      }
    }
    if (best) {
      out.set(t.name, best);
      used.add(best);
    }
  }
  return out;
}
