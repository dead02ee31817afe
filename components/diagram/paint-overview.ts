import {
  bezierMidpoint,
  type Box,
  type ChangeMark,
  cullScene,
  fitLabel,
  HEADER_HEIGHT,
  type OverviewEdge,
  type OverviewScene,
  type OverviewTable,
} from "@/lib/diagram";

/** What to emphasise, as in the DOM diagram: search matches, the spotlight (focus or path), proposal marks. */
export interface OverviewLook {
  /** Tables kept bright; everything else dimmed. Null: nothing dimmed. */
  spotlight: Set<string> | null;
  matches: Set<string>;
  pathEdges: Set<string>;
  marks: Record<string, ChangeMark>;
}

export interface PaintOptions {
  /** Draw the tables too (zoomed out); otherwise only the references, under the DOM tables. */
  tables: boolean;
  /** Cardinality labels and arrowheads on references (zoomed in). */
  details: boolean;
}

export const COLORS = {
  fill: "#ffffff",
  header: "#eef4ff",
  border: "#cbd5e1",
  text: "#1e293b",
  muted: "#64748b",
  emphasis: "#4f6ef7",
  edge: "#94a3b8",
  path: "#3b55e6",
  added: "#10b981",
  changed: "#fbbf24",
  removed: "#f87171",
} as const;
const FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';

/**
 * Paints the scene's `area` (flow coordinates) at `zoom` onto the canvas, one canvas pixel per screen pixel.
 * Shapes of one look go in one path and one fill/stroke call, which keeps a thousand tables to a few milliseconds
 * without a GPU.
 */
export function paintOverview(
  canvas: HTMLCanvasElement,
  scene: OverviewScene,
  look: OverviewLook,
  area: Box,
  zoom: number,
  options: PaintOptions,
): void {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.ceil((area.maxX - area.minX) * zoom * dpr));
  const h = Math.max(1, Math.ceil((area.maxY - area.minY) * zoom * dpr));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const { tables, edges } = cullScene(scene, area);
  const k = zoom * dpr;
  ctx.setTransform(k, 0, 0, k, -area.minX * k, -area.minY * k);
  // Zoomed out, lines keep one screen pixel; zoomed in they scale like the DOM tables' borders.
  const px = Math.max(1, 1 / zoom);

  const dimmed = (e: OverviewEdge) =>
    look.spotlight !== null && !(look.spotlight.has(e.source) && look.spotlight.has(e.target));
  const onPath = (e: OverviewEdge) => look.pathEdges.has(e.id);
  // Zoomed out, thousands of references would hide the tables: they are drawn lighter.
  const light = options.tables ? 0.4 : 1;
  const groups = [
    { edges: edges.filter((e) => dimmed(e) && !onPath(e)), color: COLORS.edge, width: 1.3 * px, alpha: 0.15 * light },
    { edges: edges.filter((e) => !dimmed(e) && !onPath(e)), color: COLORS.edge, width: 1.3 * px, alpha: light },
    { edges: edges.filter(onPath), color: COLORS.path, width: 2.5 * px, alpha: 1 },
  ];
  for (const g of groups) strokeEdges(ctx, g.edges, g.color, g.width, g.alpha);
  if (options.details) for (const g of groups) edgeDetails(ctx, g.edges, g.color, g.alpha);
  if (options.tables) paintTables(ctx, tables, look, px, area, zoom, dpr);
}

function strokeEdges(
  ctx: CanvasRenderingContext2D,
  edges: OverviewEdge[],
  color: string,
  width: number,
  alpha: number,
): void {
  ctx.lineWidth = width;
  ctx.strokeStyle = color;
  ctx.globalAlpha = alpha;
  for (const dashed of [false, true]) {
    const group = edges.filter((e) => e.optional === dashed);
    if (!group.length) continue;
    ctx.beginPath();
    for (const { points: p } of group) {
      ctx.moveTo(p[0], p[1]);
      ctx.bezierCurveTo(p[2], p[3], p[4], p[5], p[6], p[7]);
    }
    ctx.setLineDash(dashed ? [5 * width, 4 * width] : []);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
}

/** Arrowheads into the target tables and "N:1" / "N:M" at each curve's middle. */
function edgeDetails(ctx: CanvasRenderingContext2D, edges: OverviewEdge[], color: string, alpha: number): void {
  if (!edges.length) return;
  ctx.globalAlpha = alpha;
  ctx.beginPath();
  for (const { points: p } of edges) {
    ctx.moveTo(p[6], p[7]);
    ctx.lineTo(p[6] - 9, p[7] - 4.5);
    ctx.lineTo(p[6] - 9, p[7] + 4.5);
    ctx.closePath();
  }
  ctx.fillStyle = color;
  ctx.fill();
  ctx.font = `10px ${FONT}`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  for (const e of edges) {
    const m = bezierMidpoint(e);
    const text = e.cardinality === "many-to-many" ? "N:M" : "N:1";
    ctx.fillStyle = COLORS.fill;
    ctx.fillRect(m.x - 12, m.y - 7, 24, 14);
    ctx.fillStyle = COLORS.muted;
    ctx.fillText(text, m.x, m.y);
  }
  ctx.textAlign = "start";
  ctx.globalAlpha = 1;
}

function paintTables(
  ctx: CanvasRenderingContext2D,
  tables: OverviewTable[],
  look: OverviewLook,
  px: number,
  area: Box,
  zoom: number,
  dpr: number,
): void {
  const dim = (t: OverviewTable) => look.spotlight !== null && !look.spotlight.has(t.id);
  for (const faded of [true, false]) {
    const group = tables.filter((t) => dim(t) === faded);
    if (!group.length) continue;
    ctx.globalAlpha = faded ? 0.25 : 1;
    fillBoxes(ctx, group, COLORS.fill, (t) => t.height);
    fillBoxes(ctx, group, COLORS.header, (t) => Math.min(HEADER_HEIGHT, t.height));
    // Zoomed out a table is a few pixels: what the user looked for (matches, a focus, a path) gets a coloured frame.
    const emphasised = (t: OverviewTable) => look.matches.has(t.id) || (look.spotlight?.has(t.id) ?? false);
    strokeBoxes(
      ctx,
      group.filter((t) => !emphasised(t) && !look.marks[t.id]),
      COLORS.border,
      px,
    );
    strokeBoxes(ctx, group.filter(emphasised), COLORS.emphasis, 2 * px);
    for (const mark of ["added", "changed", "removed"] as const)
      strokeBoxes(
        ctx,
        group.filter((t) => look.marks[t.id] === mark && !emphasised(t)),
        COLORS[mark],
        2.5 * px,
      );
  }
  ctx.globalAlpha = 1;

  // Names in screen pixels, sized to the header, once they are large enough to read.
  const fontPx = Math.min(12, HEADER_HEIGHT * zoom * 0.6);
  if (fontPx < 5) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.font = `600 ${fontPx}px ${FONT}`;
  ctx.textBaseline = "middle";
  ctx.fillStyle = COLORS.text;
  const pad = 10 * zoom;
  for (const t of tables) {
    const label = fitLabel(t.id, t.width * zoom - 2 * pad, fontPx);
    if (!label) continue;
    ctx.globalAlpha = dim(t) ? 0.25 : 1;
    ctx.fillText(label, (t.x - area.minX) * zoom + pad, (t.y + HEADER_HEIGHT / 2 - area.minY) * zoom);
  }
  ctx.globalAlpha = 1;
}

function fillBoxes(
  ctx: CanvasRenderingContext2D,
  tables: OverviewTable[],
  color: string,
  height: (t: OverviewTable) => number,
): void {
  ctx.beginPath();
  for (const t of tables) ctx.rect(t.x, t.y, t.width, height(t));
  ctx.fillStyle = color;
  ctx.fill();
}

function strokeBoxes(ctx: CanvasRenderingContext2D, tables: OverviewTable[], color: string, width: number): void {
  if (!tables.length) return;
  ctx.beginPath();
  for (const t of tables) ctx.rect(t.x, t.y, t.width, t.height);
  ctx.lineWidth = width;
  ctx.strokeStyle = color;
  ctx.stroke();
}
