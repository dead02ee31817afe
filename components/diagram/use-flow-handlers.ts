import { type Connection, type FinalConnectionState, type NodeChange, useReactFlow } from "@xyflow/react";
import { type Dispatch, type SetStateAction, useCallback, useMemo } from "react";
import { type DiagramGraph, type OverviewScene, type Positions, tableAt } from "@/lib/diagram";

export interface FlowHandlerInput {
  graph: DiagramGraph;
  scene: OverviewScene | null;
  setDragged: Dispatch<SetStateAction<Positions>>;
  onSelectTable?: (table: string | null) => void;
  onConnectTables?: (source: string, target: string) => void;
}

/**
 * React Flow's callbacks: dragged positions are kept (controlled nodes), Enter on a focused table opens it, and a
 * connection from one table to another (on its connector or anywhere on it) asks the designer for a reference.
 */
export function useFlowHandlers({ graph, scene, setDragged, onSelectTable, onConnectTables }: FlowHandlerInput) {
  const flow = useReactFlow();
  const tableIds = useMemo(() => new Set(graph.nodes.map((n) => n.id)), [graph]);
  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      const moved: Positions = {};
      for (const c of changes) {
        if (c.type === "position" && c.position) moved[c.id] = c.position;
        // Enter on a focused table selects it: open it in the editor as a click does.
        if (c.type === "select" && c.selected && tableIds.has(c.id)) onSelectTable?.(c.id);
      }
      if (Object.keys(moved).length) setDragged((d) => ({ ...d, ...moved }));
    },
    [tableIds, onSelectTable, setDragged],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (c.source && c.target && onConnectTables) onConnectTables(c.source, c.target);
    },
    [onConnectTables],
  );
  // A drop anywhere on another table (not only on its connector) makes the reference too.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode || !scene || !onConnectTables) return;
      const point = "changedTouches" in event ? event.changedTouches[0] : event;
      const target = tableAt(scene, flow.screenToFlowPosition({ x: point.clientX, y: point.clientY }));
      if (target && target !== state.fromNode.id) onConnectTables(state.fromNode.id, target);
    },
    [scene, flow, onConnectTables],
  );

  return { onNodesChange, onConnect, onConnectEnd };
}
