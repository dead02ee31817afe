/**
 * The optimizer's function ↔ table map drawn over the diagram: one small node per function, in a column left of
 * the tables, each near the tables it uses; edges say whether it reads or writes.
 */
import type { DiagramGraph } from "./graph";
import type { Positions } from "./layout";

export interface FunctionUse {
  functions: { name: string; kind: string; file: string }[];
  edges: { function: string; table: string; mode: "read" | "write"; count: number }[];
}

export interface OverlayNode {
  id: string;
  name: string;
  kind: string;
  x: number;
  y: number;
}

export interface OverlayEdge {
  id: string;
  source: string;
  target: string;
  mode: "read" | "write";
}

export const FUNCTION_NODE_HEIGHT = 26;
export const FUNCTION_NODE_WIDTH = 200;
const COLUMN_GAP = 140;

/** Function nodes placed beside the tables they use (functions that use no drawn table are left out). */
export function placeFunctions(
  use: FunctionUse,
  graph: DiagramGraph,
  positions: Positions,
): { nodes: OverlayNode[]; edges: OverlayEdge[] } {
  const centre = new Map(
    graph.nodes.filter((n) => positions[n.id]).map((n) => [n.id, positions[n.id].y + n.height / 2]),
  );
  if (centre.size === 0) return { nodes: [], edges: [] };
  const left =
    Math.min(...graph.nodes.filter((n) => positions[n.id]).map((n) => positions[n.id].x)) -
    COLUMN_GAP -
    FUNCTION_NODE_WIDTH;
  const wanted = use.functions
    .map((f) => {
      const ys = use.edges.filter((e) => e.function === f.name && centre.has(e.table)).map((e) => centre.get(e.table)!);
      return { f, y: ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : null };
    })
    .filter((x): x is { f: FunctionUse["functions"][number]; y: number } => x.y !== null)
    .sort((a, b) => a.y - b.y || a.f.name.localeCompare(b.f.name));
  const nodes: OverlayNode[] = [];
  let next = -Infinity;
  for (const { f, y } of wanted) {
    const top = Math.max(y - FUNCTION_NODE_HEIGHT / 2, next);
    nodes.push({ id: `fn:${f.name}`, name: f.name, kind: f.kind, x: left, y: top });
    next = top + FUNCTION_NODE_HEIGHT + 8;
  }
  const placed = new Set(nodes.map((n) => n.name));
  const edges = use.edges
    .filter((e) => placed.has(e.function) && centre.has(e.table))
    .map((e) => ({
      id: `fn:${e.function}->${e.table}:${e.mode}`,
      source: `fn:${e.function}`,
      target: e.table,
      mode: e.mode,
    }));
  return { nodes, edges };
}
