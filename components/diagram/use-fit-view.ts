import { type Edge, useReactFlow, useStoreApi } from "@xyflow/react";
import { type RefObject, useCallback, useEffect, useRef } from "react";
import {
  boxOf,
  contains,
  type DiagramGraph,
  fitViewport,
  type OverviewScene,
  type Positions,
  union,
  visibleBox,
} from "@/lib/diagram";
import type { FunctionFlowNode } from "./overlay-function-node";

const FIT_INSETS = { top: 96, right: 32, bottom: 32, left: 32 };
/** Fitting never zooms out past this for schemas of up to READABLE_FIT_TABLES tables (12px text stays ≥ 7px). */
const READABLE_ZOOM = 0.6;
const READABLE_FIT_TABLES = 40;

export interface FitInput {
  graph: DiagramGraph;
  positions: Positions | null;
  scene: OverviewScene | null;
  /** The function overlay's nodes and edges, when shown. */
  extra: { nodes: FunctionFlowNode[]; edges: Edge[] } | null;
  showingOverlay: boolean;
  /** What the user looked for (search, focus, path): brought into view when it changes. */
  spotlight: Set<string> | null;
  /** The diagram's root element (the toolbar inside it covers the top of the pane). */
  root: RefObject<HTMLDivElement | null>;
}

/**
 * Moving the view: `fitTables` fits some tables (all of them, with the function overlay's column, for "fit"), no
 * smaller than a readable zoom for schemas of a few dozen tables. Also widens the view when the overlay appears,
 * brings new tables into view, and fits what a search, focus or path found.
 */
export function useFitView({ graph, positions, scene, extra, showingOverlay, spotlight, root }: FitInput) {
  const flow = useReactFlow();
  const store = useStoreApi();
  // When the function overlay appears, widen the view to take in its column.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the overlay appears, not on every layout change.
  useEffect(() => {
    if (!showingOverlay || !extra || !positions) return;
    const xs = [...extra.nodes.map((n) => n.position.x), ...Object.values(positions).map((p) => p.x)];
    const ys = [...extra.nodes.map((n) => n.position.y), ...Object.values(positions).map((p) => p.y)];
    const right = Math.max(...graph.nodes.filter((n) => positions[n.id]).map((n) => positions[n.id].x + n.width));
    const bottom = Math.max(...graph.nodes.filter((n) => positions[n.id]).map((n) => positions[n.id].y + n.height));
    void flow.fitBounds(
      { x: Math.min(...xs), y: Math.min(...ys), width: right - Math.min(...xs), height: bottom - Math.min(...ys) },
      { padding: 0.1, duration: 300 },
    );
  }, [showingOverlay]);

  // Not fitView: only the tables near the view are React Flow nodes. The toolbar covers the top of the pane.
  const fitTables = useCallback(
    (ids: Iterable<string>, duration = 0) => {
      if (!scene) return;
      const wanted = new Set(ids);
      const boxes = scene.tables.filter((t) => wanted.has(t.id)).map(boxOf);
      if (!boxes.length) return;
      // Fitting the whole schema takes in the function overlay's column too.
      if (showingOverlay && extra && wanted.size >= scene.tables.length) {
        for (const n of extra.nodes)
          boxes.push({
            minX: n.position.x,
            minY: n.position.y,
            maxX: n.position.x + (n.width ?? 0),
            maxY: n.position.y + (n.height ?? 0),
          });
      }
      const box = union(boxes)!;
      const { width, height, minZoom: flowMinZoom } = store.getState();
      // A schema of a few dozen tables is fitted no smaller than its text can be read; the minimap shows the rest.
      const minZoom = scene.tables.length <= READABLE_FIT_TABLES ? Math.max(flowMinZoom, READABLE_ZOOM) : flowMinZoom;
      // The toolbar (and the notice and status under it) floats over the top of the pane and grows a line when it
      // shows a path.
      const toolbar = root.current?.querySelector("[data-diagram-top]")?.getBoundingClientRect().bottom ?? 0;
      const top = Math.max(FIT_INSETS.top, toolbar - (root.current?.getBoundingClientRect().top ?? 0) + 16);
      const insets = { ...FIT_INSETS, top };
      const view = fitViewport(box, width, height, insets, minZoom, 1);
      // Too big for the readable zoom: start at the top left (where the function overlay's column is) rather than
      // the middle; the minimap leads to the rest.
      if ((box.maxX - box.minX) * view.zoom > width - insets.left - insets.right)
        view.x = insets.left - box.minX * view.zoom;
      if ((box.maxY - box.minY) * view.zoom > height - insets.top - insets.bottom)
        view.y = insets.top - box.minY * view.zoom;
      void flow.setViewport(view, { duration });
    },
    [scene, flow, store, showingOverlay, extra, root],
  );

  // Bring new tables that are out of sight into view (added in the designer, by an approved change, or shown by a
  // previewed proposal): one is centred at the current zoom, several are fitted.
  const knownTables = useRef<Set<string> | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the tables change, not when the view moves.
  useEffect(() => {
    if (!scene) return;
    const before = knownTables.current;
    knownTables.current = new Set(scene.tables.map((t) => t.id));
    const added = before ? scene.tables.filter((t) => !before.has(t.id)) : [];
    if (!added.length || added.length === scene.tables.length) return;
    const { transform, width, height } = store.getState();
    const view = visibleBox({ x: transform[0], y: transform[1], zoom: transform[2], width, height });
    if (added.every((t) => contains(view, boxOf(t)))) return;
    if (added.length > 1)
      return fitTables(
        added.map((t) => t.id),
        300,
      );
    const t = added[0];
    void flow.setCenter(t.x + t.width / 2, t.y + t.height / 2, { zoom: transform[2], duration: 300 });
  }, [scene]);

  // Bring what the user looked for into view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the search result changes, not when fitting does.
  useEffect(() => {
    if (spotlight) fitTables(spotlight, 300);
  }, [spotlight]);

  return fitTables;
}
