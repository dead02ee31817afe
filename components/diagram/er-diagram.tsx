"use client";
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, useStore, type Connection, type NodeChange, type ReactFlowState } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Id } from "@/convex/_generated/dataModel";
import { changeMarks, type ChangeMarks } from "@/lib/diagram/highlight";
import { toGraph } from "@/lib/diagram/graph";
import { findPath, neighbourhood, pathEdges, searchTables } from "@/lib/diagram/navigate";
import type { Positions } from "@/lib/diagram/layout";
import type { FunctionUse } from "@/lib/diagram/overlay";
import type { SchemaModel } from "@/lib/schema/model";
import { Spinner } from "@/components/ui/spinner";
import { DiagramToolbar, type ToolbarState } from "./diagram-toolbar";
import { exportPng, exportSvg } from "./export";
import { keepUnchanged, toFlowEdges, toFlowNodes } from "./flow-elements";
import { overlayElements } from "./overlay-elements";
import { FunctionNode } from "./overlay-function-node";
import { isFar, TableNode, type TableFlowNode } from "./table-node";
import { useLayout } from "./use-layout";

const NODE_TYPES = { table: TableNode, fn: FunctionNode };
const NO_MARKS: ChangeMarks = { tables: {}, fields: {} };
/** Zoom below which a schema with more than OVERVIEW_EDGES references is an overview (see `overview` below). */
const OVERVIEW_ZOOM = 0.2;
const OVERVIEW_EDGES = 400;
const isOverview = (s: ReactFlowState) => s.transform[2] < OVERVIEW_ZOOM;

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
}

/** The interactive ER diagram: pan, zoom, search, focus, find a path, collapse, export; a designer when editable. */
export function ErDiagram(props: ErDiagramProps) {
  return (
    <ReactFlowProvider>
      <DiagramCanvas {...props} />
    </ReactFlowProvider>
  );
}

function DiagramCanvas({ projectId, projectName, model, baseModel, editable, onSelectTable, onConnectTables, overlay }: ErDiagramProps) {
  const [tools, setTools] = useState<ToolbarState>({ search: "", focus: "", pathFrom: "", pathTo: "", collapsed: false });
  // Removed tables are drawn too (struck through) so a proposal's deletions are visible before approval.
  const drawn = useMemo(() => withRemovedTables(model, baseModel), [model, baseModel]);
  const graph = useMemo(() => toGraph(drawn, { collapsed: tools.collapsed }), [drawn, tools.collapsed]);
  const marks = useMemo(() => (baseModel ? changeMarks(baseModel, model) : NO_MARKS), [baseModel, model]);
  const layout = useLayout(projectId, graph);
  const [dragged, setDragged] = useState<Positions>({});
  const flow = useReactFlow();

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

  const positions = useMemo(() => (layout.positions ? { ...layout.positions, ...dragged } : null), [layout.positions, dragged]);
  const far = useStore(isFar);
  // Overview of a big schema: a hairball of references says little and costs most of each frame, so only the
  // references of the tables in the spotlight (search, focus, path) are drawn until the user zooms in.
  const overview = useStore(isOverview) && graph.edges.length > OVERVIEW_EDGES;
  const view = { marks, spotlight, pathEdges: path ? pathEdges(graph, path) : new Set<string>(), matches, editable, onSelect: onSelectTable, far };
  const shownNodes = useRef<TableFlowNode[]>([]);
  const nodes = useMemo(() => (shownNodes.current = keepUnchanged(shownNodes.current, positions ? toFlowNodes(graph, positions, view) : [])), [graph, positions, marks, spotlight, matches, editable, path]); // eslint-disable-line react-hooks/exhaustive-deps
  const allEdges = useMemo(() => toFlowEdges(graph, view), [graph, marks, spotlight, path, far]); // eslint-disable-line react-hooks/exhaustive-deps
  const edges = useMemo(
    () => (overview ? allEdges.filter((e) => spotlight?.has(e.source) && spotlight.has(e.target)) : allEdges),
    [overview, allEdges, spotlight],
  );
  const extra = useMemo(() => (overlay && positions ? overlayElements(overlay, graph, positions) : null), [overlay, graph, positions]);
  // When the function overlay appears, widen the view to take in its column.
  const showingOverlay = extra !== null && extra.nodes.length > 0;
  useEffect(() => {
    if (!showingOverlay || !extra || !positions) return;
    const xs = [...extra.nodes.map((n) => n.position.x), ...Object.values(positions).map((p) => p.x)];
    const ys = [...extra.nodes.map((n) => n.position.y), ...Object.values(positions).map((p) => p.y)];
    const right = Math.max(...graph.nodes.filter((n) => positions[n.id]).map((n) => positions[n.id].x + n.width));
    const bottom = Math.max(...graph.nodes.filter((n) => positions[n.id]).map((n) => positions[n.id].y + n.height));
    void flow.fitBounds({ x: Math.min(...xs), y: Math.min(...ys), width: right - Math.min(...xs), height: bottom - Math.min(...ys) }, { padding: 0.1, duration: 300 });
  }, [showingOverlay]); // eslint-disable-line react-hooks/exhaustive-deps

  // fitBounds, not fitView: with onlyRenderVisibleElements, off-screen nodes are never measured and fitView skips them.
  const fitTables = useCallback(
    (ids: Iterable<string>, duration = 0) => {
      if (!positions) return;
      const wanted = new Set(ids);
      const boxes = graph.nodes.filter((n) => positions[n.id] && wanted.has(n.id));
      if (!boxes.length) return;
      const x = Math.min(...boxes.map((n) => positions[n.id].x));
      const y = Math.min(...boxes.map((n) => positions[n.id].y));
      const width = Math.max(...boxes.map((n) => positions[n.id].x + n.width)) - x;
      const height = Math.max(...boxes.map((n) => positions[n.id].y + n.height)) - y;
      void flow.fitBounds({ x, y, width, height }, { padding: 0.15, duration });
    },
    [graph, positions, flow],
  );

  // Bring what the user looked for into view.
  useEffect(() => {
    if (spotlight) fitTables(spotlight, 300);
  }, [spotlight]); // eslint-disable-line react-hooks/exhaustive-deps

  const tableIds = useMemo(() => new Set(graph.nodes.map((n) => n.id)), [graph]);
  const onNodesChange = useCallback((changes: NodeChange[]) => {
    const moved: Positions = {};
    for (const c of changes) {
      if (c.type === "position" && c.position) moved[c.id] = c.position;
      // Enter on a focused table selects it: open it in the editor as a click does.
      if (c.type === "select" && c.selected && tableIds.has(c.id)) onSelectTable?.(c.id);
    }
    if (Object.keys(moved).length) setDragged((d) => ({ ...d, ...moved }));
  }, [tableIds, onSelectTable]);

  const onConnect = useCallback(
    (c: Connection) => {
      if (c.source && c.target && onConnectTables) onConnectTables(c.source, c.target);
    },
    [onConnectTables],
  );

  if (!positions) {
    return (
      <div className="grid h-full place-items-center">
        {layout.error ? <p className="text-sm text-red-700">Layout failed: {layout.error}</p> : <Spinner label={`Laying out ${graph.nodes.length} tables…`} />}
      </div>
    );
  }

  return (
    <div className="relative h-full">
      {/* Its own layer: panning moves it instead of repainting every table and edge each frame. */}
      <style>{".react-flow__viewport { will-change: transform; } .react-flow__node:focus-visible { outline: 2px solid #3b55e6; outline-offset: 2px; border-radius: 8px; }"}</style>
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
      <ReactFlow
        nodes={extra ? [...nodes, ...extra.nodes] : nodes}
        edges={extra ? [...edges, ...extra.edges] : edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onNodeDragStop={() => layout.savePositions(positions)}
        onNodeClick={(_, node) => node.type === "table" && onSelectTable?.(node.id)}
        onPaneClick={() => onSelectTable?.(null)}
        onConnect={onConnect}
        nodesConnectable={editable}
        // Tab goes from the toolbar to the tables; thousands of focusable edges would stand in the way.
        edgesFocusable={false}
        // Culling pays when zoomed in; in the overview nearly every table is visible anyway and the tables crossing
        // the edge while panning would be mounted and measured each frame, so everything stays mounted there.
        onlyRenderVisibleElements={!overview}
        minZoom={0.05}
        onInit={() => fitTables(graph.nodes.map((n) => n.id))}
      >
        <Background gap={24} color="#e2e8f0" />
        <Controls position="bottom-left" />
        <MiniMap pannable zoomable position="bottom-right" nodeColor={(n) => (marks.tables[n.id] === "added" ? "#10b981" : marks.tables[n.id] ? "#f59e0b" : "#cbd5e1")} />
      </ReactFlow>
      <p className="pointer-events-none absolute right-3 top-[4.5rem] z-10 rounded bg-white/80 px-1.5 text-[11px] text-slate-500" data-testid="diagram-status">
        {graph.nodes.length} tables · {graph.edges.length} references{layout.fromCache ? " · saved layout" : layout.layoutMs !== null ? ` · laid out in ${layout.layoutMs} ms` : ""}
        {overview ? " · zoom in to see references" : ""}
      </p>
    </div>
  );
}

/** The proposed model plus the tables and fields it removes (so they can be shown struck out). */
function withRemovedTables(model: SchemaModel, base?: SchemaModel): SchemaModel {
  if (!base) return model;
  const baseByName = new Map(base.tables.map((t) => [t.name, t]));
  const tables = model.tables.map((t) => {
    const old = baseByName.get(t.name);
    const gone = old ? old.fields.filter((f) => !t.fields.some((n) => n.name === f.name)) : [];
    return gone.length ? { ...t, fields: [...t.fields, ...gone] } : t;
  });
  const names = new Set(model.tables.map((t) => t.name));
  const removed = base.tables.filter((t) => !names.has(t.name));
  return { ...model, tables: [...tables, ...removed] };
}
