/**
 * Automatic layout: each connected group of tables is laid out by ELK's layered algorithm, then the groups are
 * packed in rows. Laying out groups separately keeps large schemas fast (ELK's cost grows faster than linearly);
 * hub tables that join everything are set apart first (see split.ts), so a 1,000-table schema is a few dozen
 * small layouts instead of one slow one.
 */
import type { DiagramGraph } from "./graph";
import { quickLayout } from "./quick-layout";
import { MAX_GROUP, splitForLayout } from "./split";

export interface Position {
  x: number;
  y: number;
}

export type Positions = Record<string, Position>;

/** The part of elkjs's API this module needs, so callers can pass the bundled ELK or a worker-backed one. */
export interface ElkLike {
  layout(graph: ElkGraph): Promise<ElkGraph>;
}

interface ElkEdge {
  id: string;
  sources: string[];
  targets: string[];
}

interface ElkGraph {
  id: string;
  layoutOptions?: Record<string, string>;
  children?: ElkGraph[];
  edges?: ElkEdge[];
  x?: number;
  y?: number;
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
  // The diagram draws its own edges, so ELK's cheaper polyline routing is enough (about half the time).
  "elk.edgeRouting": "POLYLINE",
  "elk.padding": "[top=0,left=0,bottom=0,right=0]",
};

/** For groups still larger than MAX_GROUP (long chains without hubs): fewer crossing-minimisation passes. */
const LARGE_OPTIONS: Record<string, string> = { ...OPTIONS, "elk.layered.thoroughness": "1" };

export interface LayoutOptions {
  /** Rows of groups wrap at this width. @default 4000, or wider for big schemas so the whole is about 3:2 */
  maxRowWidth?: number;
  /**
   * How many tables ELK may lay out (largest groups first); the rest get the quick layered layout, so a
   * 1,000-table schema lays out in about a second instead of tens. @default 250
   */
  elkBudget?: number;
}

/** Positions for every node of the graph. Hubs and groups of up to 3 tables skip ELK entirely. */
export async function layoutGraph(
  graph: DiagramGraph,
  elk: ElkLike,
  options: number | LayoutOptions = {},
): Promise<Positions> {
  const { maxRowWidth, elkBudget = 250 } = typeof options === "number" ? { maxRowWidth: options } : options;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const { hubs, groups } = splitForLayout(graph);
  const viaElk = new Set<string[]>();
  let budget = elkBudget;
  for (const group of groups) {
    if (group.length > 3 && group.length <= budget) {
      viaElk.add(group);
      budget -= group.length;
    }
  }
  const elkBoxes = await layoutWithElk([...viaElk], graph, elk);
  const edgesFrom = new Map<string, DiagramGraph["edges"]>();
  for (const e of graph.edges) edgesFrom.set(e.source, [...(edgesFrom.get(e.source) ?? []), e]);
  const boxes: Box[] = hubs.map((h) => ({
    positions: { [h]: { x: 0, y: 0 } },
    width: byId.get(h)!.width,
    height: byId.get(h)!.height,
  }));
  for (const group of groups) {
    const quick = () =>
      quickLayout(
        group.map((id) => byId.get(id)!),
        group.flatMap((id) => edgesFrom.get(id) ?? []),
      );
    boxes.push(elkBoxes.get(group) ?? quick());
  }
  const area = boxes.reduce((sum, b) => sum + (b.width + GAP) * (b.height + GAP), 0);
  return pack(boxes, maxRowWidth ?? Math.max(4000, Math.sqrt(area * 1.5)));
}

interface Box {
  positions: Positions;
  width: number;
  height: number;
}

/** One ELK call for all groups (each a separate child graph), which saves ELK's sizeable per-call overhead. */
async function layoutWithElk(groups: string[][], graph: DiagramGraph, elk: ElkLike): Promise<Map<string[], Box>> {
  const out = new Map<string[], Box>();
  if (!groups.length) return out;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((id) => groupOf.set(id, i)));
  const edges: ElkEdge[][] = groups.map(() => []);
  for (const e of graph.edges) {
    const i = groupOf.get(e.source);
    if (i !== undefined && groupOf.get(e.target) === i && e.source !== e.target)
      edges[i].push({ id: e.id, sources: [e.source], targets: [e.target] });
  }
  const result = await elk.layout({
    id: "root",
    layoutOptions: { "elk.algorithm": "fixed" },
    children: groups.map((g, i) => ({
      id: `group-${i}`,
      layoutOptions: g.length > MAX_GROUP ? LARGE_OPTIONS : OPTIONS,
      children: g.map((id) => ({ id, width: byId.get(id)!.width, height: byId.get(id)!.height })),
      edges: edges[i],
    })),
  });
  (result.children ?? []).forEach((c, i) => {
    const positions: Positions = {};
    for (const n of c.children ?? []) positions[n.id] = { x: n.x ?? 0, y: n.y ?? 0 };
    out.set(groups[i], { positions, width: c.width ?? 0, height: c.height ?? 0 });
  });
  return out;
}

/** Shelf packing: groups left to right, a new row when the row is full. */
function pack(boxes: Box[], maxRowWidth: number): Positions {
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
  const text =
    graph.nodes.map((n) => `${n.id}:${n.width}x${n.height}`).join("|") + "#" + graph.edges.map((e) => e.id).join("|");
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
