import { type DiagramGraph, type Positions, renderSvg } from "@/lib/diagram";

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads the whole diagram (not just the visible part) as SVG. */
export function exportSvg(graph: DiagramGraph, positions: Positions, name: string): void {
  download(new Blob([renderSvg(graph, positions)], { type: "image/svg+xml" }), `${name}.svg`);
}

/** Downloads the whole diagram as PNG, rasterising the SVG (capped so huge schemas stay within canvas limits). */
export async function exportPng(graph: DiagramGraph, positions: Positions, name: string): Promise<void> {
  const svg = renderSvg(graph, positions);
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const scale = Math.min(2, 16_000 / Math.max(img.width, img.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(img.width * scale);
  canvas.height = Math.round(img.height * scale);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("This browser cannot draw the PNG.");
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("The PNG could not be created.");
  download(blob, `${name}.png`);
}
