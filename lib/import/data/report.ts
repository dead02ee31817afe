/** The human report of a data import: rows read, written, skipped per table, then every problem with its place. */
import type { Diagnostic } from "../../schema/model";
import type { DataImportReport } from "./engine";

export function formatDataReport(report: DataImportReport, readDiagnostics: Diagnostic[] = []): string {
  const out = ["Data:", "  table                      read  written  skipped  patched"];
  for (const t of report.tables) {
    out.push(
      `  ${t.table.padEnd(24)} ${String(t.read).padStart(6)} ${String(t.written).padStart(8)} ${String(t.skipped).padStart(8)} ${String(t.patched).padStart(8)}`,
    );
  }
  const problems = [
    ...readDiagnostics.map((d) => `${d.loc ? `${d.loc.file}:${d.loc.line}: ` : ""}${d.code} ${d.message}`),
  ];
  for (const p of report.problems) {
    const where = p.file ? `${p.file}:${p.line ?? "?"}: ` : "";
    problems.push(`${where}${p.code} ${p.table} key ${p.key}: ${p.message}${p.skipped ? " (row skipped)" : ""}`);
  }
  if (problems.length) out.push("", `Problems (${problems.length}):`, ...problems.map((p) => `  ${p}`));
  if (report.checkpoint)
    out.push("", `Stopped at ${report.checkpoint.phase} ${report.checkpoint.table} row ${report.checkpoint.offset}.`);
  return out.join("\n") + "\n";
}
