"use client";
import { Spinner } from "@/components/ui/spinner";
import { count } from "@/lib/text";
import type { ImportState } from "./use-import";

/** Optional data files (a dump, CSVs, JSON Lines, a zip of them) and whether JSON columns get typed from the data. */
export function DataInput({ state }: { state: ImportState }) {
  const { kind, dataFiles, skipped, busy, inferJson, setInferJson, changed, chooseData } = state;
  return (
    <div>
      <label htmlFor="import-data" className="block text-sm font-medium">
        Data (optional)
      </label>
      <p className="text-xs text-slate-500">
        A pg_dump or INSERT script (.sql), or one CSV / JSON Lines file per table named after it (users.csv,
        orders.jsonl) — several files or a .zip of them.
      </p>
      <input
        id="import-data"
        type="file"
        multiple
        accept=".sql,.csv,.jsonl,.ndjson,.zip"
        className="mt-1 block text-sm"
        onChange={(e) => void chooseData(e.target.files)}
      />
      {busy === "read" && <Spinner label="Reading files…" />}
      {dataFiles.length > 0 && (
        <p className="mt-1 text-xs text-slate-600" data-testid="import-data-files">
          {count(dataFiles.length, "data file")}: {dataFiles.map((f) => f.path).join(", ")}
        </p>
      )}
      {skipped.length > 0 && (
        <p className="mt-1 text-xs text-amber-800">Ignored (not .sql/.csv/.jsonl): {skipped.join(", ")}</p>
      )}
      {/* JSON shapes come from the data: a data file, or the COPY / INSERT part of a pasted pg_dump. */}
      {(dataFiles.length > 0 || kind === "sql") && (
        <label className="mt-2 flex items-center gap-1.5 text-sm">
          <input
            type="checkbox"
            checked={inferJson}
            onChange={(e) => {
              setInferJson(e.target.checked);
              changed();
            }}
          />
          Type JSON columns with the shape of their data (instead of <code className="text-xs">v.any()</code>)
        </label>
      )}
    </div>
  );
}
