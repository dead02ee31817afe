"use client";

export interface ToolbarState {
  search: string;
  focus: string;
  pathFrom: string;
  pathTo: string;
  collapsed: boolean;
}

interface Props {
  tables: string[];
  state: ToolbarState;
  onChange(state: ToolbarState): void;
  /** undefined: no path asked; null: no path exists. */
  pathResult?: string[] | null;
  onRelayout(): void;
  onExportSvg(): void;
  onExportPng(): void;
}

const focus = "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500";
const input = `rounded-md border border-slate-300 bg-white px-2 py-1 text-xs focus:border-brand-500 ${focus}`;
const button = `rounded-md border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50 ${focus}`;

/** Search, focus, find path, collapse, auto layout and export, above the diagram. */
export function DiagramToolbar({ tables, state, onChange, pathResult, onRelayout, onExportSvg, onExportPng }: Props) {
  const set = (patch: Partial<ToolbarState>) => onChange({ ...state, ...patch });
  const options = (
    <>
      <option value="">—</option>
      {[...tables].sort().map((t) => (
        <option key={t} value={t}>
          {t}
        </option>
      ))}
    </>
  );
  return (
    <div
      className="pointer-events-auto flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white/95 p-2 shadow-sm backdrop-blur"
      role="toolbar"
      aria-label="Diagram tools"
    >
      <input
        type="search"
        aria-label="Search tables and fields"
        placeholder="Search tables, fields…"
        value={state.search}
        onChange={(e) => set({ search: e.target.value })}
        className={`${input} w-44`}
      />
      <label className="flex items-center gap-1 text-xs text-slate-600">
        Focus
        <select
          aria-label="Focus on table"
          value={state.focus}
          onChange={(e) => set({ focus: e.target.value, pathFrom: "", pathTo: "" })}
          className={input}
        >
          {options}
        </select>
      </label>
      <label className="flex items-center gap-1 text-xs text-slate-600">
        Path
        <select
          aria-label="Path from"
          value={state.pathFrom}
          onChange={(e) => set({ pathFrom: e.target.value, focus: "" })}
          className={input}
        >
          {options}
        </select>
        →
        <select
          aria-label="Path to"
          value={state.pathTo}
          onChange={(e) => set({ pathTo: e.target.value, focus: "" })}
          className={input}
        >
          {options}
        </select>
      </label>
      {pathResult !== undefined && (
        <span className="text-xs text-slate-600" data-testid="path-result">
          {pathResult ? pathResult.join(" → ") : "No path between these tables."}
        </span>
      )}
      <label className="flex items-center gap-1 text-xs text-slate-600">
        <input
          type="checkbox"
          className={focus}
          checked={state.collapsed}
          onChange={(e) => set({ collapsed: e.target.checked })}
        />{" "}
        Collapse fields
      </label>
      <div className="ml-auto flex gap-1">
        <button type="button" className={button} onClick={onRelayout}>
          Auto layout
        </button>
        <button type="button" className={button} onClick={onExportSvg}>
          SVG
        </button>
        <button type="button" className={button} onClick={onExportPng}>
          PNG
        </button>
      </div>
    </div>
  );
}
