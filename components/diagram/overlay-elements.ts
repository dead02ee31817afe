import { MarkerType, Position, type Edge } from "@xyflow/react";
import {
  type DiagramGraph,
  FUNCTION_NODE_HEIGHT,
  FUNCTION_NODE_WIDTH,
  type FunctionUse,
  placeFunctions,
  type Positions,
} from "@/lib/diagram";
import type { FunctionFlowNode } from "./overlay-function-node";

/** React Flow nodes and edges for the function ↔ table overlay. */
export function overlayElements(
  use: FunctionUse,
  graph: DiagramGraph,
  positions: Positions,
): { nodes: FunctionFlowNode[]; edges: Edge[] } {
  const placed = placeFunctions(use, graph, positions);
  const nodes: FunctionFlowNode[] = placed.nodes.map((n) => ({
    id: n.id,
    type: "fn" as const,
    position: { x: n.x, y: n.y },
    width: FUNCTION_NODE_WIDTH,
    height: FUNCTION_NODE_HEIGHT,
    measured: { width: FUNCTION_NODE_WIDTH, height: FUNCTION_NODE_HEIGHT },
    draggable: false,
    handles: [
      {
        id: "out",
        type: "source",
        position: Position.Right,
        x: FUNCTION_NODE_WIDTH - 3,
        y: FUNCTION_NODE_HEIGHT / 2 - 3,
        width: 6,
        height: 6,
      },
    ],
    data: { name: n.name, kind: n.kind },
  }));
  const edges: Edge[] = placed.edges.map((e) => ({
    id: e.id,
    source: e.source,
    sourceHandle: "out",
    target: e.target,
    targetHandle: "in",
    markerEnd: {
      type: MarkerType.ArrowClosed,
      width: 12,
      height: 12,
      color: e.mode === "write" ? "#f97316" : "#0ea5e9",
    },
    style: { stroke: e.mode === "write" ? "#f97316" : "#0ea5e9", strokeWidth: 1.2, strokeDasharray: "3 3" },
  }));
  return { nodes, edges };
}
