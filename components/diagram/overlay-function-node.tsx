"use client";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { FUNCTION_NODE_HEIGHT, FUNCTION_NODE_WIDTH } from "@/lib/diagram";

export type FunctionFlowNode = Node<{ name: string; kind: string }, "fn">;

/** A Convex function in the optimizer overlay: name and kind; its edges go to the tables it reads or writes. */
export const FunctionNode = memo(function FunctionNode({ data }: NodeProps<FunctionFlowNode>) {
  const write = data.kind.includes("mutation");
  return (
    <div
      className={`flex items-center gap-1.5 rounded-full border px-2.5 font-mono text-[11px] shadow-sm ${write ? "border-orange-300 bg-orange-50 text-orange-900" : "border-sky-300 bg-sky-50 text-sky-900"}`}
      style={{ width: FUNCTION_NODE_WIDTH, height: FUNCTION_NODE_HEIGHT }}
      title={`${data.kind} ${data.name}`}
      data-testid={`function-node-${data.name}`}
    >
      <span className="shrink-0 text-[9px] uppercase opacity-70">
        {data.kind.replace("internal", "int ").slice(0, 8)}
      </span>
      <span className="truncate">{data.name}</span>
      <Handle
        type="source"
        position={Position.Right}
        id="out"
        isConnectable={false}
        className="!h-1.5 !w-1.5 !bg-slate-400"
      />
    </div>
  );
});
