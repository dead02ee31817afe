/**
 * The zoomed-out diagram as a scene for one canvas: table boxes and reference curves in flow coordinates, prepared
 * once per layout so that a frame only culls and paints. Far out, a thousand DOM tables and SVG edges cost the
 * browser a full re-layerization per frame; a canvas costs a few milliseconds. Pure, so culling and hit-testing
 * are tested without a browser.
 */
import { HEADER_HEIGHT, rowCenterY, type Cardinality, type DiagramEdge, type DiagramGraph } from "./graph";
import type { Position, Positions } from "./layout";

export interface OverviewTable {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A cubic Bézier from a source row's right side to the target header's left side, as React Flow draws it. */
export interface OverviewEdge {
  id: string;
  source: string;
  target: string;
  optional: boolean;
  cardinality: Cardinality;
  /** Start, first control point, second control point, end. */
  points: [number, number, number, number, number, number, number, number];
  box: Box;
}

export interface OverviewScene {
  tables: OverviewTable[];
  edges: OverviewEdge[];
  /** Everything the scene draws; null when it is empty. */
  bounds: Box | null;
}

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** React Flow's viewport: a flow point p is drawn at p * zoom + (x, y) in a pane of width × height pixels. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
  width: number;
  height: number;
}

/** React Flow's default (Bézier) edge curvature. */
const CURVATURE = 0.25;

/** Tables with positions, and the references between them with the anchors the DOM diagram uses. */
export function overviewScene(graph: DiagramGraph, positions: Positions): OverviewScene {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const tables: OverviewTable[] = [];
  for (const n of graph.nodes) {
    const p = positions[n.id];
    if (p) tables.push({ id: n.id, x: p.x, y: p.y, width: n.width, height: n.height });
  }
  const edges: OverviewEdge[] = [];
  for (const e of graph.edges) {
    const from = byId.get(e.source);
    const to = byId.get(e.target);
    const a = positions[e.source];
    const b = positions[e.target];
    if (!from || !to || !a || !b) continue;
    // Collapsed tables have no rows: the reference leaves from the header, like the DOM diagram's "connect" handle.
    const row = from.rows.findIndex((r) => r.name === e.field);
    const sy = a.y + (row >= 0 ? rowCenterY(row) : HEADER_HEIGHT / 2);
    edges.push(bezierEdge(e, { x: a.x + from.width, y: sy }, { x: b.x, y: b.y + HEADER_HEIGHT / 2 }));
  }
  return { tables, edges, bounds: union([...tables.map(boxOf), ...edges.map((e) => e.box)]) };
}

/** A table's box in flow coordinates. */
export const boxOf = (t: OverviewTable): Box => ({ minX: t.x, minY: t.y, maxX: t.x + t.width, maxY: t.y + t.height });

/** The smallest box holding all of `boxes`, or null when there are none. */
export function union(boxes: Box[]): Box | null {
  if (!boxes.length) return null;
  return {
    minX: Math.min(...boxes.map((b) => b.minX)),
    minY: Math.min(...boxes.map((b) => b.minY)),
    maxX: Math.max(...boxes.map((b) => b.maxX)),
    maxY: Math.max(...boxes.map((b) => b.maxY)),
  };
}

function bezierEdge(e: DiagramEdge, s: Position, t: Position): OverviewEdge {
  const distance = t.x - s.x;
  const offset = distance >= 0 ? 0.5 * distance : CURVATURE * 25 * Math.sqrt(-distance);
  const points: OverviewEdge["points"] = [s.x, s.y, s.x + offset, s.y, t.x - offset, t.y, t.x, t.y];
  // A Bézier curve lies inside the hull of its control points.
  const xs = [points[0], points[2], points[4], points[6]];
  const ys = [points[1], points[3], points[5], points[7]];
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    optional: e.optional,
    cardinality: e.cardinality,
    points,
    box: { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) },
  };
}

/** The middle of an edge's curve (t = ½), where its label goes. */
export function bezierMidpoint({ points: p }: OverviewEdge): Position {
  return { x: (p[0] + 3 * p[2] + 3 * p[4] + p[6]) / 8, y: (p[1] + 3 * p[3] + 3 * p[5] + p[7]) / 8 };
}

/** The part of the flow the viewport shows, in flow coordinates. */
export function visibleBox(v: Viewport): Box {
  return { minX: -v.x / v.zoom, minY: -v.y / v.zoom, maxX: (v.width - v.x) / v.zoom, maxY: (v.height - v.y) / v.zoom };
}

export const overlaps = (a: Box, b: Box) =>
  a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY;

/** Whether `outer` holds all of `inner`. */
export const contains = (outer: Box, inner: Box) =>
  outer.minX <= inner.minX && outer.minY <= inner.minY && outer.maxX >= inner.maxX && outer.maxY >= inner.maxY;

/** The tables and references inside `area`. */
export function cullScene(scene: OverviewScene, area: Box): OverviewScene {
  return {
    tables: scene.tables.filter((t) => overlaps(area, boxOf(t))),
    edges: scene.edges.filter((e) => overlaps(area, e.box)),
    bounds: scene.bounds,
  };
}

/** The part of the scene a viewport shows, or null when it shows none of it. */
export function shownArea(scene: OverviewScene, v: Viewport): Box | null {
  return scene.bounds ? intersect(visibleBox(v), scene.bounds) : null;
}

/**
 * The area to paint for a viewport: what it shows plus `margin` of its size on every side, clipped to the scene,
 * so that panning only moves the painted canvas until the view leaves it (zoomed out, the whole scene fits and
 * panning never repaints). The margin shrinks to keep the area's pixels at this zoom under `maxPixels`.
 */
export function paintArea(scene: OverviewScene, v: Viewport, margin = 0.5, maxPixels = 8e6): Box | null {
  const view = visibleBox(v);
  const shown = shownArea(scene, v);
  if (!shown || !scene.bounds) return null;
  for (let m = margin; m > 0.01; m /= 2) {
    const dx = (view.maxX - view.minX) * m;
    const dy = (view.maxY - view.minY) * m;
    const area = intersect(
      { minX: view.minX - dx, minY: view.minY - dy, maxX: view.maxX + dx, maxY: view.maxY + dy },
      scene.bounds,
    )!;
    if ((area.maxX - area.minX) * (area.maxY - area.minY) * v.zoom ** 2 <= maxPixels) return area;
  }
  return shown;
}

function intersect(a: Box, b: Box): Box | null {
  const box = {
    minX: Math.max(a.minX, b.minX),
    minY: Math.max(a.minY, b.minY),
    maxX: Math.min(a.maxX, b.maxX),
    maxY: Math.min(a.maxY, b.maxY),
  };
  return box.minX <= box.maxX && box.minY <= box.maxY ? box : null;
}

/** Scale and offset that fit `box` into a `width` × `height` picture with `padding` pixels around it. */
export function fitBox(box: Box, width: number, height: number, padding = 4): { scale: number; x: number; y: number } {
  const w = Math.max(1, box.maxX - box.minX);
  const h = Math.max(1, box.maxY - box.minY);
  const scale = Math.min((width - 2 * padding) / w, (height - 2 * padding) / h);
  return { scale, x: (width - w * scale) / 2 - box.minX * scale, y: (height - h * scale) / 2 - box.minY * scale };
}

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * The viewport that shows all of `box` centred in a pane of `width` × `height` pixels, keeping `insets` pixels
 * free on each side (for toolbars drawn over the pane), with the zoom kept within [minZoom, maxZoom].
 */
export function fitViewport(
  box: Box,
  width: number,
  height: number,
  insets: Insets,
  minZoom: number,
  maxZoom: number,
): { x: number; y: number; zoom: number } {
  const w = Math.max(1, box.maxX - box.minX);
  const h = Math.max(1, box.maxY - box.minY);
  const freeW = Math.max(1, width - insets.left - insets.right);
  const freeH = Math.max(1, height - insets.top - insets.bottom);
  const zoom = Math.min(maxZoom, Math.max(minZoom, Math.min(freeW / w, freeH / h)));
  return {
    x: insets.left + (freeW - w * zoom) / 2 - box.minX * zoom,
    y: insets.top + (freeH - h * zoom) / 2 - box.minY * zoom,
    zoom,
  };
}

/** The table under a flow point (the topmost, i.e. last drawn, when boxes overlap), or null. */
export function tableAt(scene: OverviewScene, p: Position): string | null {
  for (let i = scene.tables.length - 1; i >= 0; i--) {
    const t = scene.tables[i];
    if (p.x >= t.x && p.x <= t.x + t.width && p.y >= t.y && p.y <= t.y + t.height) return t.id;
  }
  return null;
}

/**
 * The label that fits a box `widthPx` wide in a monospace font of `fontPx` (a character is 0.6 em wide), with an
 * ellipsis when cut; null when not even two characters fit.
 */
export function fitLabel(name: string, widthPx: number, fontPx: number): string | null {
  const fits = Math.floor(widthPx / (fontPx * 0.6));
  if (fits < 2) return null;
  return name.length <= fits ? name : `${name.slice(0, fits - 1)}…`;
}
