"use client";
import { Panel, useReactFlow, useStoreApi } from "@xyflow/react";
import { useEffect, useMemo, useRef, type PointerEvent } from "react";
import { fitBox, visibleBox, type OverviewScene } from "@/lib/diagram";
import { COLORS, type OverviewLook } from "./paint-overview";

const WIDTH = 200;
const HEIGHT = 140;

/**
 * The whole schema in a corner, with the visible part framed; drag or click in it to move the view. Painted once
 * per schema and look: panning only moves the frame (React Flow's minimap re-renders on every viewport change and
 * only knows the tables mounted near the view).
 */
export function OverviewMinimap({ scene, look }: { scene: OverviewScene; look: OverviewLook }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const store = useStoreApi();
  const flow = useReactFlow();
  const fit = useMemo(() => (scene.bounds ? fitBox(scene.bounds, WIDTH, HEIGHT) : null), [scene]);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext("2d");
    if (!el || !ctx || !fit) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = WIDTH * dpr;
    el.height = HEIGHT * dpr;
    ctx.setTransform(dpr * fit.scale, 0, 0, dpr * fit.scale, dpr * fit.x, dpr * fit.y);
    for (const t of scene.tables) {
      const mark = look.marks[t.id];
      ctx.globalAlpha = look.spotlight && !look.spotlight.has(t.id) ? 0.35 : 1;
      ctx.fillStyle =
        mark === "added"
          ? COLORS.added
          : mark
            ? COLORS.changed
            : look.matches.has(t.id)
              ? COLORS.emphasis
              : COLORS.border;
      ctx.fillRect(t.x, t.y, t.width, t.height);
    }
  }, [scene, look, fit]);

  useEffect(() => {
    if (!fit) return;
    const place = () => {
      // The store can change while the diagram unmounts, after the ref is gone.
      const el = frame.current;
      if (!el) return;
      const { transform, width, height } = store.getState();
      const box = visibleBox({ x: transform[0], y: transform[1], zoom: transform[2], width, height });
      const left = Math.max(0, box.minX * fit.scale + fit.x);
      const top = Math.max(0, box.minY * fit.scale + fit.y);
      const right = Math.min(WIDTH, box.maxX * fit.scale + fit.x);
      const bottom = Math.min(HEIGHT, box.maxY * fit.scale + fit.y);
      Object.assign(el.style, {
        left: `${left}px`,
        top: `${top}px`,
        width: `${Math.max(0, right - left)}px`,
        height: `${Math.max(0, bottom - top)}px`,
      });
    };
    place();
    return store.subscribe(place);
  }, [store, fit]);

  const moveTo = (e: PointerEvent<HTMLDivElement>) => {
    if (!fit) return;
    const r = e.currentTarget.getBoundingClientRect();
    const x = (e.clientX - r.left - fit.x) / fit.scale;
    const y = (e.clientY - r.top - fit.y) / fit.scale;
    void flow.setCenter(x, y, { zoom: store.getState().transform[2] });
  };

  return (
    <Panel position="bottom-right">
      <div
        className="relative cursor-pointer overflow-hidden rounded-md border border-slate-200 bg-white/95 shadow-sm"
        style={{ width: WIDTH, height: HEIGHT }}
        title="Minimap: click or drag to move the view"
        data-testid="diagram-minimap"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          moveTo(e);
        }}
        onPointerMove={(e) => e.buttons === 1 && moveTo(e)}
      >
        <canvas ref={canvas} className="absolute inset-0 h-full w-full" />
        <div ref={frame} className="pointer-events-none absolute border-2 border-brand-500 bg-brand-500/10" />
      </div>
    </Panel>
  );
}
