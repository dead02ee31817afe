"use client";
import { useStoreApi, ViewportPortal } from "@xyflow/react";
import { useEffect, useRef } from "react";
import type { Box, OverviewScene } from "@/lib/diagram";
import { paintOverview, type OverviewLook, type PaintOptions } from "./paint-overview";
import { watchArea } from "./watch-area";

/**
 * References (and, zoomed out, the tables) drawn on one canvas inside React Flow's viewport, under the DOM tables.
 * The canvas covers the view plus a margin and moves with the viewport, so panning repaints nothing until the view
 * leaves the painted area; a zoom repaints it, at most once per frame and outside React.
 */
export function OverviewCanvas({
  scene,
  look,
  options,
}: {
  scene: OverviewScene;
  look: OverviewLook;
  options: PaintOptions;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();

  useEffect(() => {
    let frame = 0;
    let wanted: { area: Box | null; zoom: number } | null = null;
    const draw = () => {
      frame = 0;
      const el = canvas.current;
      if (!el || !wanted) return;
      const { area, zoom } = wanted;
      el.style.display = area ? "block" : "none";
      if (!area) return;
      Object.assign(el.style, {
        left: `${area.minX}px`,
        top: `${area.minY}px`,
        width: `${area.maxX - area.minX}px`,
        height: `${area.maxY - area.minY}px`,
      });
      paintOverview(el, scene, look, area, zoom, options);
    };
    const stop = watchArea(
      store,
      () => scene,
      { onZoom: true, maxPixels: 8e6 },
      (area, zoom) => {
        wanted = { area, zoom };
        if (!frame) frame = requestAnimationFrame(draw);
      },
    );
    return () => {
      stop();
      cancelAnimationFrame(frame);
    };
  }, [store, scene, look, options]);

  return (
    <ViewportPortal>
      {/* Negative z-index: under the DOM tables in the viewport's stacking context. */}
      <canvas
        ref={canvas}
        className="pointer-events-none absolute"
        style={{ zIndex: -1 }}
        aria-hidden
        data-testid="diagram-canvas"
      />
    </ViewportPortal>
  );
}
