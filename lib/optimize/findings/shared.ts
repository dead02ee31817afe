/** What every optimizer check receives and a few helpers to build findings. */
import type { RuleInfo } from "../../diagnostics";
import type { SchemaModel, SourceLocation, Table } from "../../schema/model";
import type { Analysis, DataStats, DbAccess, Finding } from "../types";

export interface CheckInput {
  schema: SchemaModel;
  analysis: Analysis;
  stats?: DataStats;
}

/** One optimizer check: the kit's rule head (code, default severity, summary) and a pure check. */
export interface OptimizerCheck extends RuleInfo {
  /** Short kebab-case name, e.g. "filter-existing-index". */
  name: string;
  check(input: CheckInput): Finding[];
}

/** Query accesses, one per source site: the same code reached from several functions is one site. */
export function querySites(analysis: Analysis): { access: DbAccess; functions: string[] }[] {
  const cached = SITES.get(analysis);
  if (cached) return cached;
  const sites = new Map<string, { access: DbAccess; functions: string[] }>();
  for (const a of analysis.accesses) {
    if (a.operation !== "query") continue;
    const key = JSON.stringify([
      a.loc,
      a.table,
      a.index,
      a.search,
      a.filters.map((f) => [f.loc, f.predicate]),
      a.order,
      a.terminal,
    ]);
    const site = sites.get(key);
    if (site) {
      if (!site.functions.includes(a.function)) site.functions.push(a.function);
    } else {
      sites.set(key, { access: a, functions: [a.function] });
    }
  }
  const list = [...sites.values()];
  SITES.set(analysis, list);
  return list;
}

const SITES = new WeakMap<Analysis, { access: DbAccess; functions: string[] }[]>();

/** Merges findings with the same code, place and message, joining their function lists; sorted by place. */
export function dedupe(findings: Finding[]): Finding[] {
  const out = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.code}|${locKey(f.loc)}|${f.message}`;
    const prev = out.get(key);
    if (prev) {
      prev.functions = [...new Set([...(prev.functions ?? []), ...(f.functions ?? [])])];
    } else {
      out.set(key, { ...f });
    }
  }
  return [...out.values()].sort(compareFindings);
}

function locKey(loc?: SourceLocation): string {
  return loc ? `${loc.file}:${loc.line}:${loc.column}` : "";
}

export function compareFindings(a: Finding, b: Finding): number {
  const fa = a.loc?.file ?? "";
  const fb = b.loc?.file ?? "";
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = (a.loc?.line ?? 0) - (b.loc?.line ?? 0);
  if (la) return la;
  const ca = (a.loc?.column ?? 0) - (b.loc?.column ?? 0);
  if (ca) return ca;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** What a query reads: "every document of \"t\"", "all of index \"i\" on \"t\"", a computed table's text. */
export function scannedScope(access: DbAccess): string {
  const ranged = access.rangeFields.length > 0;
  const table = access.computedTable ? `the table named by \`${access.computedTable.text}\`` : `"${access.table}"`;
  return access.index && access.index.name !== "by_creation_time"
    ? `${ranged ? "a range of" : "all of"} index "${access.index.name}" on ${table}`
    : `${ranged ? "a range of" : "every document of"} ${table}`;
}

/** `"a", "b" and "c"` */
export function quoteList(names: string[]): string {
  const q = names.map((n) => `"${n}"`);
  return q.length <= 1 ? q.join("") : `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]}`;
}

export function isReadWriteFunction(kind: DbAccess["functionKind"]): boolean {
  return kind === "query" || kind === "mutation" || kind === "internalQuery" || kind === "internalMutation";
}

/**
 * Whether a library creates the table rather than the project's own code (a package's `authTables`, a convex-ents
 * join table): the project cannot change it.
 */
export function definedInPackage(table: Table): boolean {
  return !!table.generatedBy || !!table.loc?.file.includes("node_modules/");
}
