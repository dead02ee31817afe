import { count } from "@/lib/text";

/** The line under the diagram's toolbar, on the right: tables, references (the count every view shows), how it was laid out. */
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
      className="ml-auto shrink-0 whitespace-nowrap rounded bg-white/80 px-1.5 text-[11px] text-slate-500"
      data-testid="diagram-status"
    >
      {count(tables, "table")} · {count(references, "reference")}
      {fromCache ? " · saved layout" : layoutMs !== null ? ` · laid out in ${layoutMs} ms` : ""}
      {far ? " · overview: click a table, search or zoom in to edit" : ""}
    </p>
  );
}
