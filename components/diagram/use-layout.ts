"use client";
import { useMutation, useQuery } from "convex/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { type DiagramGraph, layoutKey, placeNewNodes, type Positions } from "@/lib/diagram";

/**
 * Positions for the diagram: the user's saved arrangement for this shape of schema when there is one, else an
 * automatic layout computed in a Web Worker (then saved, so the next open is instant).
 */
export function useLayout(projectId: Id<"projects">, graph: DiagramGraph) {
  const key = useMemo(() => layoutKey(graph), [graph]);
  const saved = useQuery(api.schemaVersions.diagramLayouts.get, { projectId, layoutKey: key });
  const save = useMutation(api.schemaVersions.diagramLayouts.save);
  const [computed, setComputed] = useState<{ key: string; positions: Positions } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [layoutMs, setLayoutMs] = useState<number | null>(null);
  const worker = useRef<Worker | null>(null);
  const graphRef = useRef(graph);
  graphRef.current = graph;

  useEffect(() => {
    worker.current = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
    return () => worker.current?.terminate();
  }, []);

  const relayout = useCallback(
    (persist: boolean) => {
      const w = worker.current;
      if (!w) return;
      const started = performance.now();
      const target = layoutKey(graphRef.current);
      w.onmessage = (e: MessageEvent<{ key: string; positions?: Positions; error?: string }>) => {
        if (e.data.key !== target) return;
        if (e.data.error || !e.data.positions) {
          setError(e.data.error ?? "Layout failed.");
          return;
        }
        setLayoutMs(Math.round(performance.now() - started));
        // A user timing entry, for devtools and bench/diagram.ts.
        performance.measure("diagram: layout in worker", { start: started, end: performance.now() });
        setComputed({ key: target, positions: e.data.positions });
        if (persist) void save({ projectId, layoutKey: target, positionsJson: JSON.stringify(e.data.positions) });
      };
      w.postMessage({ key: target, graph: graphRef.current });
    },
    [projectId, save],
  );

  // Lay out only when nothing is saved for this key (saved === null; undefined means still loading). After an
  // edit, keep what the user sees and only place the new tables; a full layout is one click away.
  const shown = useRef<Positions | null>(null);
  useEffect(() => {
    if (saved !== null || computed?.key === key) return;
    const kept = shown.current ? placeNewNodes(graphRef.current, shown.current) : null;
    if (!kept) return relayout(true);
    setComputed({ key, positions: kept });
    void save({ projectId, layoutKey: key, positionsJson: JSON.stringify(kept) });
  }, [saved, key, computed?.key, relayout, projectId, save]);

  // While the saved positions for a new key load, keep drawing the previous ones (no spinner flash on each edit).
  const positions =
    saved ?? (computed?.key === key ? computed.positions : shown.current ? placeNewNodes(graph, shown.current) : null);
  if (positions) shown.current = positions;
  const savePositions = useCallback(
    (p: Positions) => void save({ projectId, layoutKey: key, positionsJson: JSON.stringify(p) }),
    [projectId, key, save],
  );
  return { positions, error, layoutMs, relayout: () => relayout(true), savePositions, fromCache: Boolean(saved) };
}
