/** Abstract values tracked by the evaluator: just enough to follow `ctx`, `db`, query builders, ids and docs. */
import type { SchemaModel, Validator } from "../../schema/model";
import { findField, findTable } from "../../schema/model";
import type { DbAccess, DbOperation, FilterCall, IndexUse, NotAnalysed, SearchUse, Span } from "../types";
import type { Node } from "./ast";
import type { ModuleInfo } from "./modules";

/** The state of one query builder chain (immutable: each method returns a new state). */
export interface QueryState {
  /** The table, or "" when its name is computed at run time (see `computed`). */
  table: string;
  /** A table name computed at run time: the expression as written, the tables it can be, and the entry saying so. */
  computed?: { text: string; tables?: string[]; entry: NotAnalysed };
  /** The `db.query(...)` call. */
  origin: Node;
  module: ModuleInfo;
  operation: DbOperation;
  index?: IndexUse;
  search?: SearchUse;
  filters: FilterCall[];
  order?: "asc" | "desc" | "dynamic";
  /** Methods applied so far, in order. */
  steps: string[];
  /** Built by convex-ents' `ctx.table(...)`: awaiting it reads every document in range, and its documents are ents. */
  ents?: boolean;
  /** The call expression that produced this state (to tell whether the next call is in the same expression). */
  node: Node;
  /** Set once this state is ended, continued, returned or handed on (a continued chain's next state has its own). */
  tracker: { used: boolean };
}

export type Value =
  | { k: "unknown" }
  | { k: "null" }
  /** The function context; `extra` holds fields a custom builder adds (`ctx.user`, `ctx.session`). */
  | { k: "ctx"; extra?: Map<string, Value>; action?: boolean }
  | { k: "db" }
  | { k: "str"; v: string }
  /** One of several known strings (`"a" | "b"`, a union of literals, a string chosen in a branch). */
  | { k: "strs"; vs: string[] }
  | { k: "num"; v: number }
  | { k: "id"; table: string }
  | { k: "doc"; table: string; ents?: boolean }
  /** `items` is kept for an array literal, whose elements destructure one by one (`const [a, b] = await Promise.all([...])`) */
  | { k: "array"; el: Value; items?: Value[]; source?: DbAccess }
  | { k: "obj"; props: Map<string, Value> }
  | { k: "query"; states: QueryState[] }
  | { k: "fn"; node: Node; module: ModuleInfo; name: string; closure?: unknown }
  /** One of several functions (`const attach = summariesOnly ? a : b`): a call runs each. */
  | { k: "fns"; alts: Extract<Value, { k: "fn" }>[] }
  /** A value from a package, by where it comes from: `@convex-dev/auth/server:convexAuth().auth` (see library.ts). */
  | { k: "lib"; path: string }
  | { k: "module"; file: string }
  /**
   * A Convex component (`components.agent` from `_generated/api`), a client built on one (`new Agent(components.agent)`)
   * or anything obtained from it. A component reads and writes only its own tables, so handing it ctx hides nothing.
   */
  | { k: "component" }
  /** convex-ents' `ctx.table`, made by `entsTableFactory(ctx, entDefinitions)`: `table("users", …)` starts a query. */
  | { k: "entsTable" };

export const UNKNOWN: Value = { k: "unknown" };

/** Whether handing this value to unknown code could hide database access. */
export function carriesDb(v: Value): boolean {
  if (v.k === "ctx" || v.k === "db" || v.k === "query" || v.k === "entsTable") return true;
  if (v.k === "obj") return [...v.props.values()].some(carriesDb);
  return false;
}

/** Whether unknown code given this value could read the app's tables (an action's ctx has no `db`). */
export function reachesTables(v: Value): boolean {
  if (v.k === "ctx") return !v.action;
  if (v.k === "db" || v.k === "query" || v.k === "entsTable") return true;
  if (v.k === "obj") return [...v.props.values()].some(reachesTables);
  return false;
}

/** The value after a branch: the same when both agree, query alternatives merged, unknown otherwise. */
export function join(a: Value, b: Value): Value {
  if (a.k === "null") return b;
  if (b.k === "null") return a;
  if (a.k === "query" && b.k === "query")
    return { k: "query", states: [...a.states, ...b.states.filter((s) => !a.states.includes(s))] };
  if (sameValue(a, b)) return a;
  const fns = (v: Value) => (v.k === "fn" ? [v] : v.k === "fns" ? v.alts : undefined);
  const [fa, fb] = [fns(a), fns(b)];
  if (fa && fb) return { k: "fns", alts: [...fa, ...fb.filter((f) => !fa.some((g) => g.node === f.node))] };
  // Objects of the same shape (elements of a constant list): each property is either one's.
  if (a.k === "obj" && b.k === "obj") {
    const props = new Map<string, Value>();
    for (const key of new Set([...a.props.keys(), ...b.props.keys()]))
      props.set(key, join(a.props.get(key) ?? UNKNOWN, b.props.get(key) ?? UNKNOWN));
    return { k: "obj", props };
  }
  const sa = strings(a);
  const sb = strings(b);
  if (sa && sb) return { k: "strs", vs: [...new Set([...sa, ...sb])].sort() };
  return UNKNOWN;
}

/** The strings a value can be, when known. */
export function strings(v: Value): string[] | undefined {
  if (v.k === "str") return [v.v];
  if (v.k === "strs") return v.vs;
  return undefined;
}

function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.k !== b.k) return false;
  switch (a.k) {
    case "str":
    case "num":
      return a.v === (b as typeof a).v;
    case "id":
    case "doc":
      return a.table === (b as typeof a).table;
    case "array":
      return sameValue(a.el, (b as typeof a).el);
    case "ctx":
    case "db":
    case "unknown":
    case "component":
    case "entsTable":
      return true;
    case "fn":
      return a.node === (b as typeof a).node;
    case "lib":
      return a.path === (b as typeof a).path;
    default:
      return false;
  }
}

/** The value of `v[key]`. Document fields typed `v.id("t")` in the schema become ids of "t". */
export function memberOf(v: Value, key: string, schema?: SchemaModel): Value {
  if (v.k === "ctx") return key === "db" ? (v.action ? UNKNOWN : { k: "db" }) : (v.extra?.get(key) ?? UNKNOWN);
  if (v.k === "db" && key === "system") return { k: "db" };
  if (v.k === "obj") return v.props.get(key) ?? UNKNOWN;
  if (v.k === "lib") return { k: "lib", path: `${v.path}.${key}` };
  if (v.k === "component") return v;
  if (v.k === "doc") {
    if (key === "_id") return { k: "id", table: v.table };
    const table = schema ? findTable(schema, v.table) : undefined;
    const field = table ? findField(table, key) : undefined;
    return field ? validatorValue(field.validator) : UNKNOWN;
  }
  return UNKNOWN;
}

/** What a value checked by `validator` is known to be (ids and arrays of ids; objects by field). */
export function validatorValue(validator: Validator): Value {
  if (validator.kind === "id") return { k: "id", table: validator.table };
  if (validator.kind === "array") {
    const el = validatorValue(validator.element);
    return el.k === "unknown" ? UNKNOWN : { k: "array", el };
  }
  if (validator.kind === "object") {
    const props = new Map<string, Value>();
    for (const f of validator.fields) props.set(f.name, validatorValue(f.validator));
    return { k: "obj", props };
  }
  if (validator.kind === "literal" && typeof validator.value === "string") return { k: "str", v: validator.value };
  if (validator.kind === "union") {
    const literals = validator.members.map((m) =>
      m.kind === "literal" && typeof m.value === "string" ? m.value : undefined,
    );
    if (literals.length && literals.every((x) => x !== undefined))
      return { k: "strs", vs: [...new Set(literals as string[])].sort() };
    const known = validator.members.filter((m) => m.kind !== "null").map(validatorValue);
    if (known.length && known.every((m) => m.k === "id" && known[0].k === "id" && m.table === known[0].table))
      return known[0];
  }
  return UNKNOWN;
}

export function spanOf(n: Node): Span {
  return { start: n.start, end: n.end };
}
