"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { ImportReportView } from "./import-report";
import { count } from "@/lib/text";

/**
 * For projects created by an import: what was imported (tables, rows written / skipped) with the full report behind
 * a disclosure. Renders nothing for other projects. Mount it on the project overview.
 */
export function ImportReportCard({ projectId }: { projectId: Id<"projects"> }) {
  const stored = useQuery(api.projects.importReports.forProject, { projectId });
  if (!stored) return null;
  return (
    <details className="rounded-xl border border-slate-200 bg-white p-4" data-testid="import-report-card">
      <summary className="cursor-pointer text-sm text-slate-700">
        Imported from <span className="font-mono">{stored.fileName}</span> (
        {stored.kind === "prisma" ? "Prisma" : "SQL"}): {count(stored.tables, "table")},{" "}
        {count(stored.warnings, "lossy mapping")}
        {stored.rowsRead > 0 &&
          `, ${stored.rowsWritten} of ${stored.rowsRead} rows written, ${stored.rowsSkipped} skipped`}
      </summary>
      <div className="mt-3">
        <ImportReportView report={stored.report} />
      </div>
    </details>
  );
}
