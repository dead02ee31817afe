"use client";
import { createTwoFilesPatch } from "diff";
import { useMemo } from "react";

/** A unified diff of two versions of schema.ts, coloured by line. */
export function DiffView({ before, after, patch }: { before?: string; after?: string; patch?: string }) {
  const text = useMemo(
    () =>
      patch ??
      createTwoFilesPatch("convex/schema.ts", "convex/schema.ts", before ?? "", after ?? "", "current", "proposed", {
        context: 3,
      }),
    [before, after, patch],
  );
  const lines = text.split("\n").filter((l) => !l.startsWith("===") && !l.startsWith("Index:"));
  return (
    <pre
      className="max-h-80 overflow-auto rounded-md border border-slate-200 bg-slate-950 p-3 text-[11px] leading-relaxed text-slate-200"
      data-testid="schema-diff"
    >
      {lines.map((line, i) => (
        <div
          key={i}
          className={
            line.startsWith("+") && !line.startsWith("+++")
              ? "bg-emerald-900/60 text-emerald-200"
              : line.startsWith("-") && !line.startsWith("---")
                ? "bg-red-900/50 text-red-200"
                : line.startsWith("@@")
                  ? "text-sky-300"
                  : ""
          }
        >
          {line || " "}
        </div>
      ))}
    </pre>
  );
}
