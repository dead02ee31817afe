/**
 * A quick layered layout for one connected group of tables, left to right like ELK's (a referencing table left
 * of the table it references): longest-path layers, a few barycenter sweeps to reduce crossings, then columns.
 * Linear per sweep, so it takes milliseconds where ELK takes seconds; used for tiny groups and for the part of a
 * huge schema beyond ELK's budget.
 */
import type { DiagramEdge, DiagramNode } from "./graph";
import type { Positions } from "./layout";

const LAYER_GAP = 90;
const NODE_GAP = 40;
const SWEEPS = 4;

/** Positions (top-left corners, from 0,0) and the size of the box they fill. */
export function quickLayout(
  nodes: DiagramNode[],
  edges: DiagramEdge[],
): { positions: Positions; width: number; height: number } {
  const ids = new Set(nodes.map((n) => n.id));
  const inner = edges.filter((e) => e.source !== e.target && ids.has(e.source) && ids.has(e.target));
  const layers = assignLayers(nodes, inner);
  const columns = orderColumns(nodes, inner, layers);
  const positions: Positions = {};
  const heights = columns.map((col) => col.reduce((h, n) => h + n.height, 0) + NODE_GAP * Math.max(0, col.length - 1));
  const height = Math.max(0, ...heights);
  let x = 0;
  columns.forEach((col, i) => {
    let y = (height - heights[i]) / 2;
    for (const n of col) {
      positions[n.id] = { x, y: Math.round(y) };
      y += n.height + NODE_GAP;
    }
    x += Math.max(...col.map((n) => n.width)) + LAYER_GAP;
  });
  return { positions, width: Math.max(0, x - LAYER_GAP), height };
}

/** Layer of each table: 0 for tables nothing references, else one more than the deepest referencing table. */
function assignLayers(nodes: DiagramNode[], edges: DiagramEdge[]): Map<string, number> {
  const rank = new Map(greedyOrder(nodes, edges).map((id, i) => [id, i]));
  // Edges against the order close cycles: leaving them out makes the longest path well defined.
  const forward = edges
    .filter((e) => rank.get(e.source)! < rank.get(e.target)!)
    .sort((a, b) => rank.get(a.source)! - rank.get(b.source)!);
  const layer = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  for (const e of forward) layer.set(e.target, Math.max(layer.get(e.target)!, layer.get(e.source)! + 1));
  return layer;
}

/**
 * Eades–Lin–Smyth ordering: sources first, sinks last, otherwise the table with the most outgoing minus incoming
 * references next. Few edges point backwards in it, so few references are drawn right to left.
 */
function greedyOrder(nodes: DiagramNode[], edges: DiagramEdge[]): string[] {
  const outs = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  const ins = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    outs.get(e.source)!.push(e.target);
    ins.get(e.target)!.push(e.source);
  }
  const left: string[] = [];
  const right: string[] = [];
  const live = new Set(nodes.map((n) => n.id));
  const degree = (id: string, map: Map<string, string[]>) => map.get(id)!.filter((m) => live.has(m)).length;
  const take = (id: string, into: string[]) => {
    into.push(id);
    live.delete(id);
  };
  while (live.size) {
    let changed = true;
    while (changed) {
      changed = false;
      for (const id of live) {
        if (degree(id, outs) === 0) take(id, right), (changed = true);
        else if (degree(id, ins) === 0) take(id, left), (changed = true);
      }
    }
    let best: string | undefined;
    let score = -Infinity;
    for (const id of live) {
      const d = degree(id, outs) - degree(id, ins);
      if (d > score) (best = id), (score = d);
    }
    if (best) take(best, left);
  }
  return [...left, ...right.reverse()];
}

/** Tables per layer, ordered by alternating barycenter sweeps. */
function orderColumns(nodes: DiagramNode[], edges: DiagramEdge[], layer: Map<string, number>): DiagramNode[][] {
  const count = Math.max(0, ...layer.values()) + 1;
  const columns: DiagramNode[][] = Array.from({ length: count }, () => []);
  for (const n of nodes) columns[layer.get(n.id)!].push(n);
  const neighbours = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    neighbours.get(e.source)!.push(e.target);
    neighbours.get(e.target)!.push(e.source);
  }
  const rank = new Map<string, number>();
  const rerank = (col: DiagramNode[]) => col.forEach((n, i) => rank.set(n.id, i / Math.max(1, col.length - 1)));
  columns.forEach(rerank);
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const forward = sweep % 2 === 0;
    for (let k = 1; k < count; k++) {
      const i = forward ? k : count - 1 - k;
      const side = forward ? i - 1 : i + 1;
      const key = new Map<string, number>();
      columns[i].forEach((n, at) => {
        const near = neighbours.get(n.id)!.filter((m) => layer.get(m) === side);
        key.set(
          n.id,
          near.length ? near.reduce((s, m) => s + rank.get(m)!, 0) / near.length : rank.get(n.id)! + at * 1e-9,
        );
      });
      columns[i].sort((a, b) => key.get(a.id)! - key.get(b.id)!);
      rerank(columns[i]);
    }
  }
  return columns;
}
