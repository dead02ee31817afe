/**
 * Splitting a large diagram into pieces ELK can lay out quickly. Real schemas have hub tables (`users`,
 * `organizations`) that most tables reference: they join everything into one component whose layered layout is
 * both slow (seconds at a few hundred tables) and unreadable (one layer hundreds of tables tall). Taking the hubs
 * out leaves the feature modules as small groups; the hubs are drawn on their own and their edges still are.
 */
import type { DiagramGraph } from "./graph";

export interface LayoutPieces {
  /** Tables set apart because too many tables reference them (most-referenced first). */
  hubs: string[];
  /** Connected groups of the remaining tables, largest first. */
  groups: string[][];
}

/** Groups up to this size are laid out whole. */
export const MAX_GROUP = 60;
/** A table needs at least this many neighbours in its group to be set apart as a hub. */
const MIN_HUB_DEGREE = 6;

/**
 * Connected groups of tables, each at most `maxGroup` tables unless no table in it is linked widely enough to be
 * a hub (long chains stay whole). Linear in the graph's size per hub taken out.
 */
export function splitForLayout(graph: DiagramGraph, maxGroup = MAX_GROUP): LayoutPieces {
  const adj = new Map<string, Set<string>>(graph.nodes.map((n) => [n.id, new Set<string>()]));
  for (const e of graph.edges) {
    if (e.source === e.target || !adj.has(e.source) || !adj.has(e.target)) continue;
    adj.get(e.source)!.add(e.target);
    adj.get(e.target)!.add(e.source);
  }
  const hubs: string[] = [];
  const done: string[][] = [];
  const todo = components(
    graph.nodes.map((n) => n.id),
    adj,
  );
  while (todo.length) {
    const group = todo.pop()!;
    const hub = group.length > maxGroup ? widest(group, adj) : undefined;
    if (!hub) {
      done.push(group);
      continue;
    }
    hubs.push(hub);
    for (const other of adj.get(hub)!) adj.get(other)!.delete(hub);
    adj.get(hub)!.clear();
    todo.push(
      ...components(
        group.filter((id) => id !== hub),
        adj,
      ),
    );
  }
  return { hubs, groups: done.sort((a, b) => b.length - a.length) };
}

/** The table with the most neighbours (first in order on ties), if it has enough to count as a hub. */
function widest(group: string[], adj: Map<string, Set<string>>): string | undefined {
  let best: string | undefined;
  let degree = MIN_HUB_DEGREE - 1;
  for (const id of group) {
    const d = adj.get(id)!.size;
    if (d > degree) {
      best = id;
      degree = d;
    }
  }
  return best;
}

/** Connected components of `ids` (in the order of `ids`, each listed from its first table). */
function components(ids: string[], adj: Map<string, Set<string>>): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const start of ids) {
    if (seen.has(start)) continue;
    const group: string[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      const at = stack.pop()!;
      group.push(at);
      for (const next of adj.get(at)!) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    out.push(group);
  }
  return out;
}
