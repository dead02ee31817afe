"use client";
import {
  Background,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  type Edge,
  type ReactFlowState,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { type ReactNode, useMemo, useRef, useState } from "react";
import type { Id } from "@/convex/_generated/dataModel";
import {
  changeMarks,
  type ChangeMarks,
  type FunctionUse,
  overviewScene,
  type Positions,
  tableAt,
  toGraph,
} from "@/lib/diagram";
import type { SchemaModel } from "@/lib/schema/browser";
import { Spinner } from "@/components/ui/spinner";
import { DiagramToolbar, type ToolbarState } from "./diagram-toolbar";
import { exportPng, exportSvg } from "./export";
import { keepUnchanged, toFlowNodes } from "./flow-elements";
import { overlayElements } from "./overlay-elements";
import { OverviewCanvas } from "./overview-canvas";
import { OverviewMinimap } from "./overview-minimap";
import type { OverviewLook, PaintOptions } from "./paint-overview";
import { useNearbyNodes } from "./use-nearby-nodes";
import { FunctionNode } from "./overlay-function-node";
import { TableNode, type TableFlowNode } from "./table-node";
import { useLayout } from "./use-layout";
import { DiagramStatus } from "./diagram-status";
import { FitButton } from "./fit-button";
import { useFitView } from "./use-fit-view";
import { useFlowHandlers } from "./use-flow-handlers";
import { useSpotlight } from "./use-spotlight";
import { withRemovedTables } from "./with-removed-tables";
import { count } from "@/lib/text";

const NODE_TYPES = { table: TableNode, fn: FunctionNode };
const NO_MARKS: ChangeMarks = { tables: {}, fields: {} };
const NO_EDGES: Edge[] = [];
const NO_NODES: TableFlowNode[] = [];
const FAR: PaintOptions = { tables: true, details: false };
const NEAR: PaintOptions = { tables: false, details: true };
/**
 * Below this zoom field rows are unreadable, and a schema of more than CANVAS_TABLES tables is drawn on the canvas
 * (OverviewCanvas) rather than as DOM tables, which the browser re-layerizes on every panning frame (≈110 ms at
 * 1,000 tables). Smaller schemas stay in the DOM at every zoom (clickable, focusable).
 */
const CANVAS_ZOOM = 0.4;
const CANVAS_TABLES = 50;
const isFar = (s: ReactFlowState) => s.transform[2] < CANVAS_ZOOM;

export interface ErDiagramProps {
  projectId: Id<"projects">;
  projectName: string;
  /** The schema to draw (a proposal's schema when previewing one). */
  model: SchemaModel;
  /** When set, differences from this schema are highlighted (added, changed, removed). */
  baseModel?: SchemaModel;
  editable: boolean;
  onSelectTable?: (table: string | null) => void;
  /** Drag from one table's connector to another: the designer adds a reference. */
  onConnectTables?: (source: string, target: string) => void;
  /** The optimizer's function ↔ table map, drawn as function nodes beside the tables. */
  overlay?: FunctionUse | null;
  /** A line under the toolbar saying what the diagram shows (e.g. the chat's pending or overtaken proposal). */
  notice?: ReactNode;
}

function reportFlowError(id: string, message: string) {
  console.warn(`[React Flow #${id}] ${message}`);
}

/** The interactive ER diagram: pan, zoom, search, focus, find a path, collapse, export; a designer when editable. */
export function ErDiagram(props: ErDiagramProps) {
  return (
    <ReactFlowProvider>
      <DiagramCanvas {...props} />
    </ReactFlowProvider>
  );
}

/** The canvas: derives the graph, layout, spotlight and nodes, and composes React Flow with the toolbar and minimap. */
function DiagramCanvas({
  projectId,
  projectName,
  model,
  baseModel,
  editable,
  onSelectTable,
  onConnectTables,
  overlay,
  notice,
}: ErDiagramProps) {
  const [tools, setTools] = useState<ToolbarState>({
    search: "",
    focus: "",
    pathFrom: "",
    pathTo: "",
    collapsed: false,
  });
  // Removed tables are drawn too (struck through) so a proposal's deletions are visible before approval.
  const drawn = useMemo(() => withRemovedTables(model, baseModel), [model, baseModel]);
  const graph = useMemo(() => toGraph(drawn, { collapsed: tools.collapsed }), [drawn, tools.collapsed]);
  const marks = useMemo(() => (baseModel ? changeMarks(baseModel, model) : NO_MARKS), [baseModel, model]);
  const layout = useLayout(projectId, graph);
  const [dragged, setDragged] = useState<Positions>({});
  const flow = useReactFlow();

  const { matches, path, spotlight, onPath } = useSpotlight(graph, tools);

  const positions = useMemo(
    () => (layout.positions ? { ...layout.positions, ...dragged } : null),
    [layout.positions, dragged],
  );
  const view = { marks, spotlight, matches, editable, onSelect: onSelectTable };
  const shownNodes = useRef<TableFlowNode[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `view` is rebuilt every render; its parts are the deps.
  const nodes = useMemo(
    () =>
      (shownNodes.current = keepUnchanged(shownNodes.current, positions ? toFlowNodes(graph, positions, view) : [])),
    [graph, positions, marks, spotlight, matches, editable],
  );
  const extra = useMemo(
    () => (overlay && positions ? overlayElements(overlay, graph, positions) : null),
    [overlay, graph, positions],
  );
  const showingOverlay = extra !== null && extra.nodes.length > 0;
  // References are always on the canvas; tables too when far out. The overlay's edges end at DOM tables, so
  // while it is shown every table stays in the DOM.
  const far = useStore(isFar) && !showingOverlay && graph.nodes.length > CANVAS_TABLES;
  const scene = useMemo(() => (positions ? overviewScene(graph, positions) : null), [graph, positions]);
  const look = useMemo<OverviewLook>(
    () => ({ spotlight, matches, pathEdges: onPath, marks: marks.tables }),
    [spotlight, matches, onPath, marks],
  );
  const nearby = useNearbyNodes(nodes, scene, !far && !showingOverlay);
  const tableNodes = far ? NO_NODES : nearby;
  const root = useRef<HTMLDivElement>(null);
  const fitTables = useFitView({ graph, positions, scene, extra, showingOverlay, spotlight, root });

  const { onNodesChange, onConnect, onConnectEnd } = useFlowHandlers({
    graph,
    scene,
    setDragged,
    onSelectTable,
    onConnectTables,
  });

  if (!positions) {
    return (
      <div className="grid h-full place-items-center">
        {layout.error ? (
          <p className="text-sm text-red-700">Layout failed: {layout.error}</p>
        ) : (
          <Spinner label={`Laying out ${count(graph.nodes.length, "table")}…`} />
        )}
      </div>
    );
  }

  return (
    <div ref={root} className="relative h-full select-none">
      {/* The viewport is its own layer: panning moves it instead of repainting every table each frame. */}
      <style>
        {
          ".react-flow__viewport { will-change: transform; } .react-flow__node:focus-visible { outline: 2px solid #3b55e6; outline-offset: 2px; border-radius: 8px; }"
        }
      </style>
      {/* The toolbar, then what the diagram shows (a notice from the page) and its status, over the canvas. */}
      <div className="pointer-events-none absolute left-2 right-2 top-2 z-10 flex flex-col gap-1" data-diagram-top>
        <DiagramToolbar
          tables={graph.nodes.map((n) => n.id)}
          state={tools}
          onChange={setTools}
          pathResult={tools.pathFrom && tools.pathTo ? path : undefined}
          onRelayout={() => {
            setDragged({});
            layout.relayout();
          }}
          onExportSvg={() => exportSvg(graph, positions, projectName)}
          onExportPng={() => void exportPng(graph, positions, projectName)}
        />
        <div className="flex items-start justify-between gap-2">
          {notice ?? <span />}
          <DiagramStatus
            tables={graph.nodes.length}
            references={graph.edges.length}
            fromCache={layout.fromCache}
            layoutMs={layout.layoutMs}
            far={far}
          />
        </div>
      </div>
      <ReactFlow
        nodes={extra ? [...tableNodes, ...extra.nodes] : tableNodes}
        // The canvas draws the references: as React Flow edges each would recompute its path on every viewport change.
        edges={extra ? extra.edges : NO_EDGES}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onNodeDragStop={() => layout.savePositions(positions)}
        onNodeClick={(_, node) => node.type === "table" && onSelectTable?.(node.id)}
        // On the canvas, a click on a table's box selects it as a click on the DOM table does.
        onPaneClick={(e) =>
          onSelectTable?.(
            far && scene ? tableAt(scene, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY })) : null,
          )
        }
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        // React Flow reports misuse (#015: dragging a node whose size it does not know, …) only in development
        // builds; here every build says so, so the browser tests see it.
        onError={reportFlowError}
        nodesConnectable={editable}
        // Tab goes from the toolbar to the tables; thousands of focusable edges would stand in the way.
        edgesFocusable={false}
        minZoom={0.02}
        onInit={() => fitTables(graph.nodes.map((n) => n.id))}
      >
        {!far && <Background gap={24} color="#e2e8f0" />}
        {scene && <OverviewCanvas scene={scene} look={look} options={far ? FAR : NEAR} />}
        <Controls position="bottom-left" showFitView={false} showInteractive={false}>
          <FitButton
            onFit={() =>
              fitTables(
                graph.nodes.map((n) => n.id),
                300,
              )
            }
          />
        </Controls>
        {scene && <OverviewMinimap scene={scene} look={look} />}
      </ReactFlow>
    </div>
  );
}
