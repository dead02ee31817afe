"use client";
import {
  Background,
  ControlButton,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type NodeChange,
  type ReactFlowState,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Id } from "@/convex/_generated/dataModel";
import {
  boxOf,
  changeMarks,
  type ChangeMarks,
  contains,
  findPath,
  fitViewport,
  type FunctionUse,
  neighbourhood,
  overviewScene,
  pathEdges,
  type Positions,
  searchTables,
  tableAt,
  toGraph,
  union,
  visibleBox,
} from "@/lib/diagram";
import type { SchemaModel } from "@/lib/schema/model";
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

const NODE_TYPES = { table: TableNode, fn: FunctionNode };
const NO_MARKS: ChangeMarks = { tables: {}, fields: {} };
const NO_EDGES: Edge[] = [];
const NO_NODES: TableFlowNode[] = [];
const FIT_INSETS = { top: 96, right: 32, bottom: 32, left: 32 };
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
}

/** The interactive ER diagram: pan, zoom, search, focus, find a path, collapse, export; a designer when editable. */
export function ErDiagram(props: ErDiagramProps) {
  return (
    <ReactFlowProvider>
      <DiagramCanvas {...props} />
    </ReactFlowProvider>
  );
}

/** Fitting never zooms out past this for schemas of up to READABLE_FIT_TABLES tables (12px text stays ≥ 7px). */
const READABLE_ZOOM = 0.6;
const READABLE_FIT_TABLES = 40;

function DiagramCanvas({
  projectId,
  projectName,
  model,
  baseModel,
  editable,
  onSelectTable,
  onConnectTables,
  overlay,
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

  const positions = useMemo(
    () => (layout.positions ? { ...layout.positions, ...dragged } : null),
    [layout.positions, dragged],
  );
  const onPath = useMemo(() => (path ? pathEdges(graph, path) : new Set<string>()), [graph, path]);
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
  // When the function overlay appears, widen the view to take in its column.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the overlay appears, not on every layout change.
  useEffect(() => {
    if (!showingOverlay || !extra || !positions) return;
    const xs = [...extra.nodes.map((n) => n.position.x), ...Object.values(positions).map((p) => p.x)];
    const ys = [...extra.nodes.map((n) => n.position.y), ...Object.values(positions).map((p) => p.y)];
    const right = Math.max(...graph.nodes.filter((n) => positions[n.id]).map((n) => positions[n.id].x + n.width));
    const bottom = Math.max(...graph.nodes.filter((n) => positions[n.id]).map((n) => positions[n.id].y + n.height));
    void flow.fitBounds(
      { x: Math.min(...xs), y: Math.min(...ys), width: right - Math.min(...xs), height: bottom - Math.min(...ys) },
      { padding: 0.1, duration: 300 },
    );
  }, [showingOverlay]);

  // Not fitView: only the tables near the view are React Flow nodes. The toolbar covers the top of the pane.
  const store = useStoreApi();
  const root = useRef<HTMLDivElement>(null);
  const fitTables = useCallback(
    (ids: Iterable<string>, duration = 0) => {
      if (!scene) return;
      const wanted = new Set(ids);
      const boxes = scene.tables.filter((t) => wanted.has(t.id)).map(boxOf);
      if (!boxes.length) return;
      // Fitting the whole schema takes in the function overlay's column too.
      if (showingOverlay && extra && wanted.size >= scene.tables.length) {
        for (const n of extra.nodes)
          boxes.push({
            minX: n.position.x,
            minY: n.position.y,
            maxX: n.position.x + (n.width ?? 0),
            maxY: n.position.y + (n.height ?? 0),
          });
      }
      const box = union(boxes)!;
      const { width, height, minZoom: flowMinZoom } = store.getState();
      // A schema of a few dozen tables is fitted no smaller than its text can be read; the minimap shows the rest.
      const minZoom = scene.tables.length <= READABLE_FIT_TABLES ? Math.max(flowMinZoom, READABLE_ZOOM) : flowMinZoom;
      // The toolbar floats over the top of the pane and grows a line when it shows a path.
      const toolbar = root.current?.querySelector('[role="toolbar"]')?.getBoundingClientRect().bottom ?? 0;
      const top = Math.max(FIT_INSETS.top, toolbar - (root.current?.getBoundingClientRect().top ?? 0) + 24);
      const insets = { ...FIT_INSETS, top };
      const view = fitViewport(box, width, height, insets, minZoom, 1);
      // Too big for the readable zoom: start at the top left (where the function overlay's column is) rather than
      // the middle; the minimap leads to the rest.
      if ((box.maxX - box.minX) * view.zoom > width - insets.left - insets.right)
        view.x = insets.left - box.minX * view.zoom;
      if ((box.maxY - box.minY) * view.zoom > height - insets.top - insets.bottom)
        view.y = insets.top - box.minY * view.zoom;
      void flow.setViewport(view, { duration });
    },
    [scene, flow, store, showingOverlay, extra],
  );

  // Bring new tables that are out of sight into view (added in the designer, by an approved change, or shown by a
  // previewed proposal): one is centred at the current zoom, several are fitted.
  const knownTables = useRef<Set<string> | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the tables change, not when the view moves.
  useEffect(() => {
    if (!scene) return;
    const before = knownTables.current;
    knownTables.current = new Set(scene.tables.map((t) => t.id));
    const added = before ? scene.tables.filter((t) => !before.has(t.id)) : [];
    if (!added.length || added.length === scene.tables.length) return;
    const { transform, width, height } = store.getState();
    const view = visibleBox({ x: transform[0], y: transform[1], zoom: transform[2], width, height });
    if (added.every((t) => contains(view, boxOf(t)))) return;
    if (added.length > 1)
      return fitTables(
        added.map((t) => t.id),
        300,
      );
    const t = added[0];
    void flow.setCenter(t.x + t.width / 2, t.y + t.height / 2, { zoom: transform[2], duration: 300 });
  }, [scene]);

  // Bring what the user looked for into view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the search result changes, not when fitting does.
  useEffect(() => {
    if (spotlight) fitTables(spotlight, 300);
  }, [spotlight]);

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
    [tableIds, onSelectTable],
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

  if (!positions) {
    return (
      <div className="grid h-full place-items-center">
        {layout.error ? (
          <p className="text-sm text-red-700">Layout failed: {layout.error}</p>
        ) : (
          <Spinner label={`Laying out ${graph.nodes.length} tables…`} />
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
        nodesConnectable={editable}
        // Tab goes from the toolbar to the tables; thousands of focusable edges would stand in the way.
        edgesFocusable={false}
        minZoom={0.02}
        onInit={() => fitTables(graph.nodes.map((n) => n.id))}
      >
        {!far && <Background gap={24} color="#e2e8f0" />}
        {scene && <OverviewCanvas scene={scene} look={look} options={far ? FAR : NEAR} />}
        {/* React Flow's own fit button would fit only the tables mounted near the view. */}
        <Controls position="bottom-left" showFitView={false} showInteractive={false}>
          <ControlButton
            onClick={() =>
              fitTables(
                graph.nodes.map((n) => n.id),
                300,
              )
            }
            title="Fit the whole schema"
            aria-label="Fit the whole schema"
          >
            <svg viewBox="0 0 32 30" aria-hidden>
              <path d="M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" />
            </svg>
          </ControlButton>
        </Controls>
        {scene && <OverviewMinimap scene={scene} look={look} />}
      </ReactFlow>
      <p
        className="pointer-events-none absolute right-3 top-[4.5rem] z-10 rounded bg-white/80 px-1.5 text-[11px] text-slate-500"
        data-testid="diagram-status"
      >
        {graph.nodes.length} tables · {graph.edges.length} references
        {layout.fromCache ? " · saved layout" : layout.layoutMs !== null ? ` · laid out in ${layout.layoutMs} ms` : ""}
        {far ? " · overview: click a table, search or zoom in to edit" : ""}
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
