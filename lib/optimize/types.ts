/**
 * Data shapes of the optimizer: what static analysis finds in a project's `convex/` code, the statistics and
 * measurements it can be given, and what it returns. All JSON-safe.
 */
import type { Diagnostic, SourceLocation } from "../schema/model";

/** The registration kind of a Convex function (`query(...)`, `internalMutation(...)`, ...). */
export type FunctionKind =
  | "query"
  | "mutation"
  | "action"
  | "internalQuery"
  | "internalMutation"
  | "internalAction"
  | "httpAction";

/** A registered Convex function. `name` is Convex's path form, e.g. `"tasks:list"` or `"admin/users:remove"`. */
export interface FunctionRef {
  name: string;
  exportName: string;
  file: string;
  kind: FunctionKind;
  loc: SourceLocation;
}

/** A half-open span of source offsets in one file (for the codemod). */
export interface Span {
  start: number;
  end: number;
}

export type CompareOp = "eq" | "neq" | "lt" | "lte" | "gt" | "gte";

/**
 * A `.filter(q => ...)` predicate. Comparisons are kept only when one side is `q.field("path")` and the other does
 * not read the document; anything else is `opaque`.
 */
export type Predicate =
  | { op: "and" | "or"; args: Predicate[] }
  | { op: "not"; arg: Predicate }
  | { op: CompareOp; field: string; valueText: string; valueSpan: Span }
  | { op: "opaque" };

export interface FilterCall {
  predicate: Predicate;
  loc: SourceLocation;
  /** From the `filter` property name to the end of the call: the text the codemod replaces. */
  span: Span;
  /** The name of the arrow function's parameter (`q`), when it is a plain identifier. */
  param?: string;
  /** true when written as `ctx.db.query("t").filter(...)` in one expression, with nothing in between. */
  directlyAfterQuery: boolean;
  /** true when written as `ctx.db.query("t").withIndex(...).filter(...)` in one expression. */
  directlyAfterIndex?: boolean;
  /** Field paths named at run time (``q.field(`meta.${key}`)``): as written, and their constant start. */
  computedFields?: { text: string; prefix: string }[];
}

/** `withIndex(name, q => q.eq(..).gt(..))`. `opaque` when the range callback could not be read. */
export interface IndexUse {
  name: string;
  loc: SourceLocation;
  eq: string[];
  /** Fields compared with gt/gte/lt/lte, in order of appearance (normally one field). */
  range: string[];
  /** The range as written, field by field: used to check that it follows the index's field order. */
  steps: { op: CompareOp; field: string }[];
  opaque?: boolean;
  /** Offset of the end of the `withIndex(...)` call (for the codemod). */
  callEnd?: number;
  /** Offset where more `.eq(...)` steps can be appended to the range callback's expression. */
  rangeEnd?: number;
}

export interface SearchUse {
  name: string;
  loc: SourceLocation;
  searchField?: string;
  eq: string[];
  opaque?: boolean;
}

export type TerminalKind = "collect" | "take" | "first" | "unique" | "paginate" | "iterate";

export type DbOperation = "query" | "get" | "insert" | "patch" | "replace" | "delete" | "vectorSearch";

/** One read or write of the database, attributed to the Convex function that reaches it. */
export interface DbAccess {
  function: string;
  functionKind: FunctionKind;
  file: string;
  /** Where the `ctx.db.query(...)` / `ctx.db.get(...)` call is (may be in a helper file). */
  loc: SourceLocation;
  /** Helper functions passed through, outermost first (`"lib/access.ts:requireUser"`). */
  via: string[];
  table: string;
  operation: DbOperation;
  mode: "read" | "write";
  index?: IndexUse;
  search?: SearchUse;
  filters: FilterCall[];
  order?: "asc" | "desc" | "dynamic";
  terminal?: { kind: TerminalKind; n?: number | "dynamic"; loc: SourceLocation };
  /** Equality fields served by the index or search index. */
  equalityFields: string[];
  /** Range fields served by the index. */
  rangeFields: string[];
  /** Every field named in `.filter(...)` predicates. */
  filterFields: string[];
  /**
   * collect / `for await`: the documents are only deleted (or patched with fixed values) one by one, or only
   * counted, so no order is relied on (then a prefix index read this way is redundant).
   */
  orderFree?: "written" | "counted";
  /**
   * insert/patch/replace: the top-level fields the written object names, when it is an object literal whose keys
   * are all known (absent otherwise: `insert("t", args)`, a spread).
   */
  writeFields?: string[];
  /** Set when the table name is computed at run time (`table` is then ""): the expression, and the tables it can be. */
  computedTable?: { text: string; tables?: string[] };
  /** Where the collected documents are searched for one `_id` (`.find(d => d._id === id)`): `db.get` reads one. */
  findsById?: SourceLocation;
  /**
   * Filters applied only on some paths (`let q = …; if (x) q = q.filter(…)`): the access then stands for all its
   * variants, with the union of their filters.
   */
  conditionalFilters?: SourceLocation[];
}

/** Something the analysis saw but could not follow. Never guessed. */
export interface NotAnalysed {
  function?: string;
  loc: SourceLocation;
  reason: string;
  table?: string;
  /** The tables the unseen access can be on, when `table` is not known but limited (a union of table names). */
  tables?: string[];
  /**
   * true when the unseen access might use an index of its tables. OPT105 then withholds "unused" only for an index
   * the unseen code could name: one listed in `indexes` when that is set, any when `indexNameUnknown`, else one whose
   * name appears in the project's code (`Analysis.names`).
   */
  affectsIndexes: boolean;
  /** The only indexes the unseen access can use (a query whose index is already chosen, a name that is one of a few). */
  indexes?: string[];
  /** The index name is computed from values the analysis does not know (it may come from the caller). */
  indexNameUnknown?: boolean;
  /** An action's ctx handed on: it has no `db`, so only a vector search (`ctx.vectorSearch`) could use an index. */
  vectorOnly?: boolean;
}

export interface Analysis {
  functions: FunctionRef[];
  accesses: DbAccess[];
  notAnalysed: NotAnalysed[];
  /** Files that failed to parse, with the error. */
  errors: Diagnostic[];
  /** true when every file parsed (then only `notAnalysed` entries limit what is known). */
  complete: boolean;
  /**
   * Identifier-like string literals anywhere in the code (outside `.index(...)` declarations). An index whose
   * name appears here may be used by code the analysis did not recognise, so it is never called unused.
   */
  literals: string[];
  /**
   * What the project's code could name an index with, outside the schema's declarations: identifier-like string
   * literals not read as the index of a query whose table is written in place, property keys, and the fixed parts of
   * template literals and `+` concatenations (each a list of the fixed texts between the computed parts).
   */
  names?: { exact: string[]; patterns: string[][] };
  /**
   * Packages the project's code imports values from (`"@convex-dev/auth/server"`), sorted: a library it wires may
   * read tables and indexes of the schema itself (see OPT105).
   */
  packages?: string[];
}

/** Data statistics, sampled from a running backend or a snapshot. */
export interface DataStats {
  tables: Record<string, TableStats>;
}

export interface TableStats {
  documents: number;
  /** Per field: how many distinct values, or the share of documents an equality on a typical value matches. */
  fields?: Record<string, { distinct?: number; selectivity?: number }>;
}

/**
 * A per-function read measurement, as the embedded backend reports it at `GET /api/admin/measurements`
 * (summed over `calls`).
 */
export interface Measurement {
  /** Convex path, `"tasks:list"`. */
  functionPath: string;
  kind?: string;
  table: string;
  /** Index used, or null for a full table scan. */
  index: string | null;
  calls: number;
  documentsScanned: number;
  documentsReturned: number;
}

/** An optimizer finding; `code` is one of the OPTxxx codes. */
export interface Finding extends Diagnostic {
  /** Convex functions whose code reaches the location. */
  functions?: string[];
  /** OPT107/OPT108: the existing index that serves the leading part of the filter (no index serves all of it). */
  partlyServedBy?: { index: string; fields: string[] };
}
