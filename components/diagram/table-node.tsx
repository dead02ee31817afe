"use client";
import { count } from "@/lib/text";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { type ChangeMark, type DiagramNode, HEADER_HEIGHT, ROW_HEIGHT } from "@/lib/diagram";

export interface TableNodeData extends Record<string, unknown> {
  node: DiagramNode;
  mark?: ChangeMark;
  fieldMarks: Record<string, ChangeMark>;
  dimmed: boolean;
  highlighted: boolean;
  editable: boolean;
  onSelect?: (table: string) => void;
}

export type TableFlowNode = Node<TableNodeData, "table">;

const MARK_RING: Record<ChangeMark, string> = {
  added: "ring-2 ring-emerald-500",
  changed: "ring-2 ring-amber-400",
  removed: "ring-2 ring-red-400 opacity-70",
};
const MARK_ROW: Record<ChangeMark, string> = {
  added: "bg-emerald-50",
  changed: "bg-amber-50",
  removed: "bg-red-50 line-through text-red-700",
};

/** A table: its name, then one row per field with type, optional marker and index marker. */
export const TableNode = memo(function TableNode({ data, selected }: NodeProps<TableFlowNode>) {
  const { node, mark, fieldMarks, dimmed, highlighted, editable } = data;
  return (
    <div
      className={`overflow-hidden rounded-lg border bg-white text-xs shadow-sm transition-opacity ${
        selected || highlighted ? "border-brand-500 shadow-md" : "border-slate-300"
      } ${mark ? MARK_RING[mark] : ""} ${dimmed ? "opacity-25" : ""}`}
      style={{ width: node.width, height: node.height }}
      data-testid={`table-node-${node.table}`}
    >
      <Handle
        type="target"
        position={Position.Left}
        id="in"
        style={{ top: HEADER_HEIGHT / 2 }}
        className="!h-2 !w-2 !bg-slate-400"
      />
      {editable && (
        <Handle
          type="source"
          position={Position.Right}
          id="connect"
          style={{ top: HEADER_HEIGHT / 2 }}
          className="!h-3 !w-3 !border-2 !border-white !bg-brand-500"
          title="Drag to another table to add a reference"
        />
      )}
      <div
        className="flex items-center justify-between bg-brand-50 px-2.5 font-mono font-semibold text-slate-800"
        style={{ height: HEADER_HEIGHT }}
      >
        <span className="truncate">{node.table}</span>
        {node.indexCount > 0 && (
          <span
            className="ml-2 shrink-0 rounded bg-white px-1 text-[10px] font-normal text-slate-500"
            title={count(node.indexCount, "index")}
          >
            {node.indexCount} idx
          </span>
        )}
      </div>
      {node.rows.map((row) => {
        const rowMark = fieldMarks[`${node.table}.${row.name}`];
        return (
          <div
            key={row.name}
            className={`relative flex items-center justify-between gap-2 px-2.5 font-mono ${rowMark ? MARK_ROW[rowMark] : ""}`}
            style={{ height: ROW_HEIGHT }}
          >
            <span className="truncate text-slate-800">
              {row.indexed.length > 0 && (
                <span className="mr-1 text-amber-600" title={`indexed: ${row.indexed.join(", ")}`}>
                  ⚡
                </span>
              )}
              {row.name}
              {row.optional && <span className="text-slate-400">?</span>}
            </span>
            <span className={`truncate ${row.references ? "text-brand-600" : "text-slate-500"}`}>{row.type}</span>
            {row.references && (
              <Handle
                type="source"
                position={Position.Right}
                id={row.name}
                isConnectable={false}
                style={{ top: ROW_HEIGHT / 2 }}
                className="!h-1.5 !w-1.5 !bg-brand-500"
              />
            )}
          </div>
        );
      })}
    </div>
  );
});
