"use client";
import { buttonClass } from "@/components/ui/button-link";
import type { ImportState } from "./use-import";

/** "Preview mapping" first, then "Create project" with what was previewed. */
export function ImportActions({ state }: { state: ImportState }) {
  const { source, busy, report, canCreate, run } = state;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        className={buttonClass("secondary")}
        disabled={!source.trim() || busy !== ""}
        onClick={() => void run("preview")}
      >
        {busy === "preview" ? "Mapping…" : "Preview mapping"}
      </button>
      <button
        type="button"
        className={buttonClass()}
        disabled={!canCreate}
        onClick={() => void run("create")}
        title={report ? undefined : "Preview the mapping first"}
      >
        {busy === "create" ? "Importing…" : "Create project"}
      </button>
      {!report && source.trim() && (
        <span className="text-xs text-slate-500">Preview the mapping to review it before creating.</span>
      )}
    </div>
  );
}
