import { useMemo } from "react";
import { type DiagramGraph, findPath, neighbourhood, pathEdges, searchTables } from "@/lib/diagram";
import type { ToolbarState } from "./diagram-toolbar";

/**
 * What the toolbar singles out: the tables a search matches, the path between two tables (and its references),
 * and the tables to keep bright (the path, else the focused table's neighbourhood, else the matches; null: all).
 */
export function useSpotlight(graph: DiagramGraph, tools: ToolbarState) {
  const matches = useMemo(() => new Set(searchTables(graph, tools.search)), [graph, tools.search]);
  const path = useMemo(
    () => (tools.pathFrom && tools.pathTo ? findPath(graph, tools.pathFrom, tools.pathTo) : null),
    [graph, tools.pathFrom, tools.pathTo],
  );
  const spotlight = useMemo(() => {
    if (path) return new Set(path);
    if (tools.focus) return neighbourhood(graph, tools.focus);
    if (matches.size) return matches;
    return null;
  }, [path, tools.focus, graph, matches]);
  const onPath = useMemo(() => (path ? pathEdges(graph, path) : new Set<string>()), [graph, path]);
  return { matches, path, spotlight, onPath };
}
