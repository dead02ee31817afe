/** The laid-out diagram as a standalone SVG document, for export (the PNG export rasterises this). */
import type { DiagramGraph } from "./graph";
import { HEADER_HEIGHT, ROW_HEIGHT } from "./graph";
import type { Positions } from "./layout";

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Renders every node and edge at its position; the view box fits the content with a margin. */
export function renderSvg(graph: DiagramGraph, positions: Positions, margin = 24): string {
  const placed = graph.nodes.filter((n) => positions[n.id]);
  const minX = Math.min(0, ...placed.map((n) => positions[n.id].x)) - margin;
  const minY = Math.min(0, ...placed.map((n) => positions[n.id].y)) - margin;
  const maxX = Math.max(0, ...placed.map((n) => positions[n.id].x + n.width)) + margin;
  const maxY = Math.max(0, ...placed.map((n) => positions[n.id].y + n.height)) + margin;
  const byId = new Map(placed.map((n) => [n.id, n]));
  const edges = graph.edges.flatMap((e) => {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) return [];
    const row = s.rows.findIndex((r) => r.name === e.field);
    const y1 = positions[s.id].y + (row >= 0 ? HEADER_HEIGHT + row * ROW_HEIGHT + ROW_HEIGHT / 2 : HEADER_HEIGHT / 2);
    const x1 = positions[s.id].x + s.width;
    const x2 = positions[t.id].x;
    const y2 = positions[t.id].y + HEADER_HEIGHT / 2;
    const dx = Math.max(40, Math.abs(x2 - x1) / 2);
    return [
      `<path d="M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}" fill="none" stroke="#94a3b8" stroke-width="1.5"${e.optional ? ' stroke-dasharray="4 3"' : ""}/>`,
    ];
  });
  const nodes = placed.map((n) => {
    const { x, y } = positions[n.id];
    const rows = n.rows.map((r, i) => {
      const ry = y + HEADER_HEIGHT + i * ROW_HEIGHT + 15;
      return (
        `<text x="${x + 10}" y="${ry}" font-size="12" fill="#0f172a">${escapeXml(r.name + (r.optional ? "?" : ""))}</text>` +
        `<text x="${x + n.width - 10}" y="${ry}" font-size="11" fill="#64748b" text-anchor="end">${escapeXml(r.type)}</text>`
      );
    });
    return (
      `<g><rect x="${x}" y="${y}" width="${n.width}" height="${n.height}" rx="8" fill="#ffffff" stroke="#cbd5e1"/>` +
      `<rect x="${x}" y="${y}" width="${n.width}" height="${HEADER_HEIGHT}" rx="8" fill="#eef4ff"/>` +
      `<text x="${x + 10}" y="${y + 23}" font-size="13" font-weight="600" fill="#1e293b">${escapeXml(n.table)}</text>${rows.join("")}</g>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${minX} ${minY} ${maxX - minX} ${maxY - minY}" width="${maxX - minX}" height="${maxY - minY}" font-family="ui-monospace, Menlo, monospace">` +
    `<rect x="${minX}" y="${minY}" width="${maxX - minX}" height="${maxY - minY}" fill="#f8fafc"/>${edges.join("")}${nodes.join("")}</svg>`
  );
}
