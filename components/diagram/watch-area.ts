import type { ReactFlowState } from "@xyflow/react";
import { contains, paintArea, shownArea, type Box, type OverviewScene } from "@/lib/diagram";

type FlowStore = { getState: () => ReactFlowState; subscribe: (listener: (s: ReactFlowState) => void) => () => void };

export interface WatchOptions {
  /** Also report when the zoom changes (a canvas must repaint at the new scale). */
  onZoom: boolean;
  /** See paintArea. */
  maxPixels: number;
}

/**
 * Reports the area to draw around the view (the view plus a margin, see paintArea) each time the view leaves the
 * last one reported, so panning inside it costs nothing. Returns the unsubscribe function.
 */
export function watchArea(
  store: FlowStore,
  scene: () => OverviewScene,
  options: WatchOptions,
  report: (area: Box | null, zoom: number) => void,
): () => void {
  let last: { area: Box | null; zoom: number } | null = null;
  const check = () => {
    const { transform, width, height } = store.getState();
    if (!width || !height) return;
    const v = { x: transform[0], y: transform[1], zoom: transform[2], width, height };
    const shown = shownArea(scene(), v);
    const fresh =
      last !== null &&
      (!options.onZoom || last.zoom === v.zoom) &&
      (!shown || (last.area !== null && contains(last.area, shown)));
    if (fresh) return;
    last = { area: paintArea(scene(), v, 0.5, options.maxPixels), zoom: v.zoom };
    report(last.area, last.zoom);
  };
  check();
  return store.subscribe(check);
}
