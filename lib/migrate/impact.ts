/**
 * Impact of a change: for every change of a plan, the functions that read, write, filter or index the table or
 * field it touches, with file:line, from the optimizer's access analysis (given as data; this file does not run
 * the analysis). Precise where the analysis is: a filter or index on the field is named as such; dropping a table
 * lists every access of it, renaming one the calls that name it (calls by id keep working); a change that breaks
 * writers lists the writes it breaks: those that set a dropped, renamed or retyped field, and inserts/replaces
 * that leave out a field now required. A write whose fields are not known (`insert("t", args)`, a spread) is
 * listed whenever it could break.
 *
 * This is the one place that decides which accesses a change touches: the migration plan (CLI, dashboard, API)
 * and the chat's "what breaks if I rename/remove X" both call it.
 */
import type { SchemaModel, SourceLocation } from "../schema/model";
import type { DbAccess } from "../optimize/types";
import { changePath, type Change } from "./changes";

/** What impact needs of an access (a stored report may keep only this much of `DbAccess`). */
export type ImpactAccess = Pick<
  DbAccess,
  "function" | "table" | "operation" | "mode" | "loc" | "filterFields" | "writeFields"
> & {
  index?: Pick<NonNullable<DbAccess["index"]>, "name" | "eq" | "range" | "loc">;
  search?: Pick<NonNullable<DbAccess["search"]>, "name" | "searchField" | "eq" | "loc">;
  filters: Pick<DbAccess["filters"][number], "loc" | "predicate">[];
};

/** The part of an access a stored report keeps for impact (drops spans, steps and helper paths). */
export function impactAccess(a: DbAccess): ImpactAccess {
  const out: ImpactAccess = {
    function: a.function,
    table: a.table,
    operation: a.operation,
    mode: a.mode,
    loc: a.loc,
    filterFields: a.filterFields,
    filters: a.filters.map((f) => ({ loc: f.loc, predicate: f.predicate })),
  };
  if (a.writeFields) out.writeFields = a.writeFields;
  if (a.index) out.index = { name: a.index.name, eq: a.index.eq, range: a.index.range, loc: a.index.loc };
  if (a.search)
    out.search = { name: a.search.name, searchField: a.search.searchField, eq: a.search.eq, loc: a.search.loc };
  return out;
}

export type UseKind = "reads" | "writes" | "filters" | "indexes" | "searches";

export interface FunctionUse {
  function: string;
  how: UseKind;
  /** The access (`ctx.db.query(...)`, `ctx.db.insert(...)`) or the `.filter(...)` / `withIndex(...)` naming the field. */
  loc: SourceLocation;
  detail: string;
}

export interface ChangeImpact {
  /** `changePath` of the change: "users", "users.email", "users.by_email". */
  path: string;
  kind: Change["kind"];
  uses: FunctionUse[];
}

/** Changes whose old documents or old writers can break: the table's writes are listed. */
const BREAKS_WRITERS = new Set<Change["kind"]>([
  "addField",
  "makeRequired",
  "narrowType",
  "changeType",
  "dropField",
  "renameField",
  "mergeFields",
  "changeDocument",
]);
/** Calls that reach a document by its id: a table rename leaves them working. */
const BY_ID = new Set<ImpactAccess["operation"]>(["get", "patch", "replace", "delete"]);

/** The impact of each change, in plan order (changes no function touches get an empty list). */
export function planImpact(changes: Change[], accesses: ImpactAccess[], from: SchemaModel): ChangeImpact[] {
  return changes.map((c) => ({ path: changePath(c), kind: c.kind, uses: dedupe(usesOf(c, accesses, from)) }));
}

function usesOf(c: Change, accesses: ImpactAccess[], from: SchemaModel): FunctionUse[] {
  if (c.kind === "changeOptions" || c.kind === "addTable" || c.kind === "changeDescription") return [];
  const table = c.kind === "renameTable" ? c.from : c.table;
  // Code written for the old schema names the old table (a renamed table's fields are reached under its new name).
  const oldTable = Object.entries(renamedTables(from, c)).find(([, to]) => to === table)?.[0] ?? table;
  const of = accesses.filter((a) => a.table === table || a.table === oldTable);
  if (c.kind === "dropTable" || c.kind === "renameTable")
    return of
      .filter((a) => c.kind === "dropTable" || !BY_ID.has(a.operation))
      .map((a) => use(a, a.mode === "write" ? "writes" : "reads", `${a.operation} on "${a.table}"`));
  if (c.kind === "addIndex" || c.kind === "addSearchIndex" || c.kind === "addVectorIndex") return [];
  if ("index" in c || c.kind === "changeIndex" || c.kind === "changeSearchIndex" || c.kind === "changeVectorIndex") {
    const name = "index" in c ? c.index.name : c.from.name;
    return of.flatMap((a) => {
      const u = a.index?.name === name ? a.index : a.search?.name === name ? a.search : undefined;
      return u
        ? [
            {
              function: a.function,
              how: a.search ? ("searches" as const) : ("indexes" as const),
              loc: u.loc,
              detail: `uses index "${name}"`,
            },
          ]
        : [];
    });
  }
  const fields = fieldsOf(c);
  const out: FunctionUse[] = [];
  const indexFields = new Map(
    from.tables.find((t) => t.name === oldTable)?.indexes.map((i) => [i.name, i.fields]) ?? [],
  );
  for (const a of of) {
    for (const f of a.filters) {
      const named = fields.filter(
        (x) => a.filterFields.includes(x) && JSON.stringify(f.predicate).includes(`"field":${JSON.stringify(x)}`),
      );
      if (named.length)
        out.push({
          function: a.function,
          how: "filters",
          loc: f.loc,
          detail: `filters on ${named.map((x) => `"${x}"`).join(", ")}`,
        });
    }
    const idx = a.index;
    if (
      idx &&
      (idx.eq.some((x) => fields.includes(x)) ||
        idx.range.some((x) => fields.includes(x)) ||
        (indexFields.get(idx.name) ?? []).some((x) => fields.includes(x)))
    ) {
      out.push({
        function: a.function,
        how: "indexes",
        loc: idx.loc,
        detail: `reads index "${idx.name}", which holds ${fields.map((x) => `"${x}"`).join(", ")}`,
      });
    }
    if (
      a.search &&
      ((a.search.searchField && fields.includes(a.search.searchField)) || a.search.eq.some((x) => fields.includes(x)))
    ) {
      out.push({
        function: a.function,
        how: "searches",
        loc: a.search.loc,
        detail: `searches with "${a.search.name}"`,
      });
    }
    const broken = breaksWrite(c, a, fields);
    if (broken) out.push(use(a, "writes", `${a.operation} into "${a.table}" ${broken}`));
  }
  return out;
}

/**
 * Why a write breaks under the change (undefined when it does not): it sets a field that is dropped, renamed away
 * or retyped, or (insert/replace) leaves out a field that becomes required. A patch leaves the fields it does not
 * name as they are, so it cannot miss a field now required.
 */
function breaksWrite(c: Change, a: ImpactAccess, fields: string[]): string | undefined {
  if (!BREAKS_WRITERS.has(c.kind) || a.mode !== "write" || a.operation === "delete") return undefined;
  const known = a.writeFields;
  const list = (xs: string[]) => xs.map((x) => `"${x}"`).join(", ");
  if (c.kind === "changeDocument") return "(must write documents the new schema accepts)";
  if (c.kind === "addField" || c.kind === "makeRequired") {
    if (a.operation === "patch" || (c.kind === "addField" && c.field.optional)) return undefined;
    if (known?.some((x) => fields.includes(x))) return undefined;
    return `(must write ${list(fields)} as the new schema wants)`;
  }
  // Dropped, renamed or merged away, or retyped: writes that set the old field.
  const old = c.kind === "renameField" ? [c.from] : c.kind === "mergeFields" ? c.from : fields;
  if (known && !known.some((x) => old.includes(x))) return undefined;
  if (!known) return `(may set ${list(old)}: its fields are not known statically)`;
  const set = list(old.filter((x) => known.includes(x)));
  return c.kind === "narrowType" || c.kind === "changeType"
    ? `(sets ${set}, whose type changes)`
    : `(sets ${set}, which the new schema no longer has)`;
}

/** The field names a change touches, old names included (code still uses them). */
function fieldsOf(c: Change): string[] {
  switch (c.kind) {
    case "addField":
    case "dropField":
      return [c.field.name];
    case "renameField":
      return [c.from, c.to];
    case "mergeFields":
      return [...c.from, c.to];
    case "changeDocument":
      return [];
    default:
      return "field" in c && typeof c.field === "string" ? [c.field] : [];
  }
}

function renamedTables(_from: SchemaModel, c: Change): Record<string, string> {
  return c.kind === "renameTable" ? { [c.from]: c.to } : {};
}

function use(a: ImpactAccess, how: UseKind, detail: string): FunctionUse {
  return { function: a.function, how, loc: a.loc, detail };
}

function dedupe(uses: FunctionUse[]): FunctionUse[] {
  const seen = new Set<string>();
  return uses.filter((u) => {
    const key = `${u.function}|${u.how}|${u.loc.file}:${u.loc.line}:${u.loc.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The impact as the CLI prints it: one block per change some function touches. */
export function formatImpact(impact: ChangeImpact[]): string {
  const touched = impact.filter((i) => i.uses.length);
  if (!touched.length) return "Impact: no analysed function reads, writes, filters or indexes what changes.\n";
  const out = ["Impact (functions that read, write, filter or index what changes):"];
  for (const i of touched) {
    out.push(`  ${i.kind} ${i.path}:`);
    for (const u of i.uses)
      out.push(`    ${u.function} ${u.how} at ${u.loc.file}:${u.loc.line}:${u.loc.column} (${u.detail})`);
  }
  return out.join("\n") + "\n";
}
