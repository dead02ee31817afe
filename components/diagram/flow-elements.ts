import { Position, type NodeHandle } from "@xyflow/react";
import { type ChangeMarks, type DiagramGraph, HEADER_HEIGHT, type Positions, rowCenterY } from "@/lib/diagram";
import type { TableFlowNode } from "./table-node";
import { count } from "@/lib/text";

export interface ViewState {
  marks: ChangeMarks;
  /** Tables to keep bright (focus or path); everything else is dimmed. Null: nothing dimmed. */
  spotlight: Set<string> | null;
  matches: Set<string>;
  editable: boolean;
  onSelect?: (table: string) => void;
}

const HANDLE = 8;

/**
 * React Flow nodes with their size (`width`/`height` and `measured`) and handle positions given up front, so React
 * Flow need not measure 1,000 nodes before the first paint, and a node can be dragged before it was measured.
 */
export function toFlowNodes(graph: DiagramGraph, positions: Positions, view: ViewState): TableFlowNode[] {
  return graph.nodes.map((n) => {
    const handles: NodeHandle[] = [
      {
        id: "in",
        type: "target",
        position: Position.Left,
        x: -HANDLE / 2,
        y: HEADER_HEIGHT / 2 - HANDLE / 2,
        width: HANDLE,
        height: HANDLE,
      },
      {
        id: "connect",
        type: "source",
        position: Position.Right,
        x: n.width - HANDLE / 2,
        y: HEADER_HEIGHT / 2 - HANDLE / 2,
        width: HANDLE,
        height: HANDLE,
      },
      ...n.rows.flatMap((r, i): NodeHandle[] =>
        r.references
          ? [
              {
                id: r.name,
                type: "source",
                position: Position.Right,
                x: n.width - HANDLE / 2,
                y: rowCenterY(i) - HANDLE / 2,
                width: HANDLE,
                height: HANDLE,
              },
            ]
          : [],
      ),
    ];
    return {
      id: n.id,
      type: "table" as const,
      ariaLabel: `Table ${n.table}, ${count(n.rows.length, "field")}`,
      position: positions[n.id] ?? { x: 0, y: 0 },
      width: n.width,
      height: n.height,
      // Known up front too: React Flow drags only nodes whose `measured` size is set (warning #015 otherwise), and it
      // rebuilds a node's internals from this object whenever the node changes (every drag step).
      measured: { width: n.width, height: n.height },
      handles,
      data: {
        node: n,
        mark: view.marks.tables[n.id],
        fieldMarks: view.marks.fields,
        dimmed: view.spotlight !== null && !view.spotlight.has(n.id),
        highlighted: view.matches.has(n.id),
        editable: view.editable,
        onSelect: view.onSelect,
      },
    };
  });
}

/**
 * The previous node objects wherever nothing about a node changed, so a drag or a search re-renders only the
 * nodes it touches (React Flow and the memoised TableNode compare nodes by identity).
 */
export function keepUnchanged(previous: readonly TableFlowNode[], next: TableFlowNode[]): TableFlowNode[] {
  if (!previous.length) return next;
  const old = new Map(previous.map((n) => [n.id, n]));
  return next.map((n) => {
    const p = old.get(n.id);
    if (
      !p ||
      p.position.x !== n.position.x ||
      p.position.y !== n.position.y ||
      p.width !== n.width ||
      p.height !== n.height
    )
      return n;
    const a = p.data;
    const b = n.data;
    const same =
      a.node === b.node &&
      a.mark === b.mark &&
      a.fieldMarks === b.fieldMarks &&
      a.dimmed === b.dimmed &&
      a.highlighted === b.highlighted &&
      a.editable === b.editable &&
      a.onSelect === b.onSelect;
    return same ? p : n;
  });
}
