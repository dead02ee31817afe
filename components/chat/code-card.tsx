"use client";
import { count } from "@/lib/text";

/** Generated code attached to a chat reply: one collapsible block per file, with a copy button. */
export function CodeCard({ files }: { files: Record<string, string> }) {
  const paths = Object.keys(files).sort();
  return (
    <div
      className="mt-2 space-y-1 rounded-lg border border-slate-200 bg-white p-3 text-xs"
      data-testid="generated-code"
    >
      <p className="font-medium text-slate-700">{count(paths.length, "generated file")}</p>
      {paths.map((p) => (
        <details key={p}>
          <summary className="cursor-pointer font-mono text-slate-700">{p}</summary>
          <div className="relative">
            <button
              type="button"
              onClick={() => void navigator.clipboard.writeText(files[p])}
              className="absolute right-2 top-2 rounded border border-slate-600 bg-slate-800 px-1.5 py-0.5 text-[10px] text-slate-200 hover:bg-slate-700"
            >
              Copy
            </button>
            <pre className="mt-1 max-h-80 overflow-auto rounded-md bg-slate-950 p-3 text-[11px] text-slate-200">
              {files[p]}
            </pre>
          </div>
        </details>
      ))}
    </div>
  );
}
