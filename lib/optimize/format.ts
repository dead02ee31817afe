/** Text forms of findings and accesses, as the CLI prints them and the golden files pin them. */
import type { DbAccess, Finding } from "./types";

/** `convex/tasks.ts:11:8 OPT101 warning Filter on "projectId" ... [tasks:listByProject]` */
export function formatFinding(f: Finding): string {
  const at = f.loc ? `${f.loc.file}:${f.loc.line}:${f.loc.column}` : (f.path ?? "");
  const fns = f.functions?.length ? ` [${f.functions.join(", ")}]` : "";
  return `${at} ${f.code} ${f.severity} ${f.message}${fns}`;
}

/** One line per access: function, place, operation, table, index range, filters, order, terminal, helpers. */
export function formatAccess(a: DbAccess): string {
  const parts = [
    `${a.function} (${a.functionKind})`,
    `${a.loc.file}:${a.loc.line}:${a.loc.column}`,
    a.operation,
    a.computedTable
      ? `(table computed: ${a.computedTable.text}${a.computedTable.tables ? ` = ${a.computedTable.tables.join("|")}` : ""})`
      : a.table,
  ];
  if (a.index) {
    const range = a.index.opaque ? "?" : a.index.steps.map((s) => `${s.op}(${s.field})`).join(".");
    parts.push(`index ${a.index.name}[${range}]`);
  }
  if (a.search) parts.push(`search ${a.search.name}[${a.search.searchField ?? "?"}; ${a.search.eq.join(",")}]`);
  if (a.filterFields.length || a.filters.length) parts.push(`filter[${a.filterFields.join(",") || "?"}]`);
  if (a.order) parts.push(`order ${a.order}`);
  if (a.terminal) parts.push(a.terminal.n !== undefined ? `${a.terminal.kind}(${a.terminal.n})` : a.terminal.kind);
  if (a.findsById) parts.push(`finds by _id at ${a.findsById.line}:${a.findsById.column}`);
  if (a.via.length) parts.push(`via ${a.via.join(" > ")}`);
  return parts.join(" ");
}
