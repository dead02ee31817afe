"use client";
import { useStoreApi, type Node } from "@xyflow/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { overlaps, type Box, type OverviewScene } from "@/lib/diagram";
import { watchArea } from "./watch-area";

/**
 * The nodes near the view (the view plus a margin): only these are mounted as DOM tables. The set changes when the
 * view leaves the area, so panning mounts tables in batches instead of React Flow's culling on every frame, and
 * the browser re-rasterizes only what is new. All nodes when `enabled` is false.
 */
export function useNearbyNodes<T extends Node>(nodes: T[], scene: OverviewScene | null, enabled: boolean): T[] {
  const store = useStoreApi();
  const [area, setArea] = useState<Box | null>(null);
  const latest = useRef(scene);
  latest.current = scene;
  const hasScene = scene !== null;

  useEffect(() => {
    if (!enabled || !hasScene) return;
    return watchArea(
      store,
      () => latest.current!,
      { onZoom: false, maxPixels: Infinity },
      (a) => setArea(a),
    );
  }, [store, enabled, hasScene]);

  return useMemo(() => {
    if (!enabled) return nodes;
    if (!area) return [];
    return nodes.filter((n) =>
      overlaps(area, {
        minX: n.position.x,
        minY: n.position.y,
        maxX: n.position.x + (n.width ?? 0),
        maxY: n.position.y + (n.height ?? 0),
      }),
    );
  }, [nodes, area, enabled]);
}
