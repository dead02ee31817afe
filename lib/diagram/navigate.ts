/** Search, focus and path finding over the diagram graph (edges are followed in both directions). */
import type { DiagramGraph } from "./graph";

function adjacency(graph: DiagramGraph): Map<string, Set<string>> {
  const adj = new Map<string, Set<string>>(graph.nodes.map((n) => [n.id, new Set<string>()]));
  for (const e of graph.edges) {
    adj.get(e.source)?.add(e.target);
    adj.get(e.target)?.add(e.source);
  }
  return adj;
}

/** A table and every table it references or is referenced by. */
export function neighbourhood(graph: DiagramGraph, table: string): Set<string> {
  return new Set([table, ...(adjacency(graph).get(table) ?? [])]);
}

/** Shortest chain of tables between two tables (inclusive), or null when they are not connected. */
export function findPath(graph: DiagramGraph, from: string, to: string): string[] | null {
  const adj = adjacency(graph);
  if (!adj.has(from) || !adj.has(to)) return null;
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const at = queue.shift()!;
    if (at === to) break;
    for (const next of [...(adj.get(at) ?? [])].sort()) {
      if (previous.has(next)) continue;
      previous.set(next, at);
      queue.push(next);
    }
  }
  if (!previous.has(to)) return null;
  const path: string[] = [];
  for (let at: string | null = to; at !== null; at = previous.get(at) ?? null) path.unshift(at);
  return path;
}

/** Edge ids along a path of tables. */
export function pathEdges(graph: DiagramGraph, path: string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < path.length; i++) {
    const [a, b] = [path[i], path[i + 1]];
    const edge = graph.edges.find((e) => (e.source === a && e.target === b) || (e.source === b && e.target === a));
    if (edge) out.add(edge.id);
  }
  return out;
}

/**
 * Tables matching a search: by table name first, then by field name. Case-insensitive substring match.
 */
export function searchTables(graph: DiagramGraph, query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const byName = graph.nodes.filter((n) => n.table.toLowerCase().includes(q)).map((n) => n.id);
  const byField = graph.nodes
    .filter((n) => !byName.includes(n.id) && n.rows.some((r) => r.name.toLowerCase().includes(q)))
    .map((n) => n.id);
  return [...byName, ...byField];
}

/** Groups of tables connected by references, largest first; each is laid out on its own. */
export function connectedComponents(graph: DiagramGraph): string[][] {
  const adj = adjacency(graph);
  const seen = new Set<string>();
  const groups: string[][] = [];
  for (const n of graph.nodes) {
    if (seen.has(n.id)) continue;
    const group: string[] = [];
    const stack = [n.id];
    seen.add(n.id);
    while (stack.length) {
      const at = stack.pop()!;
      group.push(at);
      for (const next of adj.get(at) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    groups.push(group);
  }
  return groups.sort((a, b) => b.length - a.length);
}
