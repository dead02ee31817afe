import { count } from "@/lib/text";

/** The line over the diagram's top right: tables, references (the count every view shows), how it was laid out. */
export function DiagramStatus({
  tables,
  references,
  fromCache,
  layoutMs,
  far,
}: {
  tables: number;
  references: number;
  fromCache: boolean;
  layoutMs: number | null;
  /** Zoomed out to the overview canvas. */
  far: boolean;
}) {
  return (
    <p
      className="pointer-events-none absolute right-3 top-[4.5rem] z-10 rounded bg-white/80 px-1.5 text-[11px] text-slate-500"
      data-testid="diagram-status"
    >
      {count(tables, "table")} · {count(references, "reference")}
      {fromCache ? " · saved layout" : layoutMs !== null ? ` · laid out in ${layoutMs} ms` : ""}
      {far ? " · overview: click a table, search or zoom in to edit" : ""}
    </p>
  );
}
