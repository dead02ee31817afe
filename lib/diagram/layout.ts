/**
 * Automatic layout: each connected group of tables is laid out by ELK's layered algorithm, then the groups are
 * packed in rows. Laying out groups separately keeps large schemas fast (ELK's cost grows faster than linearly).
 */
import type { DiagramGraph } from "./graph";
import { connectedComponents } from "./navigate";

export interface Position {
  x: number;
  y: number;
}

export type Positions = Record<string, Position>;

/** The part of elkjs's API this module needs, so callers can pass the bundled ELK or a worker-backed one. */
export interface ElkLike {
  layout(graph: ElkGraph): Promise<ElkGraph>;
}

interface ElkGraph {
  id: string;
  layoutOptions?: Record<string, string>;
  children?: { id: string; width?: number; height?: number; x?: number; y?: number }[];
  edges?: { id: string; sources: string[]; targets: string[] }[];
  width?: number;
  height?: number;
}

const GAP = 80;

const OPTIONS: Record<string, string> = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.layered.spacing.nodeNodeBetweenLayers": "90",
  "elk.spacing.nodeNode": "40",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
};

/** Positions for every node of the graph. Single tables skip ELK entirely. */
export async function layoutGraph(graph: DiagramGraph, elk: ElkLike, maxRowWidth = 4000): Promise<Positions> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const boxes: { positions: Positions; width: number; height: number }[] = [];
  for (const group of connectedComponents(graph)) {
    if (group.length === 1) {
      const n = byId.get(group[0])!;
      boxes.push({ positions: { [n.id]: { x: 0, y: 0 } }, width: n.width, height: n.height });
      continue;
    }
    const members = new Set(group);
    const result = await elk.layout({
      id: `group-${group[0]}`,
      layoutOptions: OPTIONS,
      children: group.map((id) => ({ id, width: byId.get(id)!.width, height: byId.get(id)!.height })),
      edges: graph.edges
        .filter((e) => members.has(e.source) && members.has(e.target) && e.source !== e.target)
        .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
    });
    const positions: Positions = {};
    for (const c of result.children ?? []) positions[c.id] = { x: c.x ?? 0, y: c.y ?? 0 };
    boxes.push({ positions, width: result.width ?? 0, height: result.height ?? 0 });
  }
  return pack(boxes, maxRowWidth);
}

/** Shelf packing: groups left to right, a new row when the row is full. */
function pack(boxes: { positions: Positions; width: number; height: number }[], maxRowWidth: number): Positions {
  const out: Positions = {};
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const box of boxes) {
    if (x > 0 && x + box.width > maxRowWidth) {
      x = 0;
      y += rowHeight + GAP;
      rowHeight = 0;
    }
    for (const [id, p] of Object.entries(box.positions)) out[id] = { x: p.x + x, y: p.y + y };
    x += box.width + GAP;
    rowHeight = Math.max(rowHeight, box.height);
  }
  return out;
}

/** A stable key for cached positions: changes whenever tables, their sizes or references change. */
export function layoutKey(graph: DiagramGraph): string {
  const text = graph.nodes.map((n) => `${n.id}:${n.width}x${n.height}`).join("|") + "#" + graph.edges.map((e) => e.id).join("|");
  // FNV-1a: small, fast, and good enough for a cache key.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0") + text.length.toString(16);
}

/**
 * Keeps the positions a user already sees and places tables that have none in a column to the right, so small
 * edits (a new table, a new field) do not rearrange the whole diagram. Returns null when nothing can be kept.
 */
export function placeNewNodes(graph: DiagramGraph, previous: Positions): Positions | null {
  const known = graph.nodes.filter((n) => previous[n.id]);
  if (known.length === 0) return null;
  const out: Positions = {};
  for (const n of known) out[n.id] = previous[n.id];
  const right = Math.max(...known.map((n) => previous[n.id].x + n.width)) + GAP;
  let y = Math.min(...known.map((n) => previous[n.id].y));
  for (const n of graph.nodes) {
    if (out[n.id]) continue;
    out[n.id] = { x: right, y };
    y += n.height + GAP / 2;
  }
  return out;
}
